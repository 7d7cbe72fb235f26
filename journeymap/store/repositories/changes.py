"""The change log: one row per change in a workshop; its highest id is the workshop's
revision, which every open page polls. Workshop 0 (no workshop has it) holds the server
secret (see :mod:`journeymap.services.secret`). The change feed
(:mod:`journeymap.services.feed`) reads the whole log forward from an id: one query on the
primary key per poll, whatever the number of workshops."""

from __future__ import annotations

from sqlalchemy import func, insert, select

from journeymap.store import schema as T

from .rows import Repository, now


class ChangeLog(Repository):
    def record(self, workshop_id: int, kind: str, actor_name: str) -> None:
        self.conn.execute(insert(T.changes).values(workshop_id=workshop_id, kind=kind,
                                                   actor=actor_name[:120], at=now()))

    def revision(self, workshop_id: int) -> int:
        return self.conn.execute(select(func.coalesce(func.max(T.changes.c.id), 0))
                                 .where(T.changes.c.workshop_id == workshop_id)).scalar_one()

    def first_value(self, workshop_id: int, kind: str) -> str | None:
        """The ``actor`` text of the oldest entry of ``kind`` (where the secret is kept)."""
        return self.conn.execute(select(T.changes.c.actor)
                                 .where(T.changes.c.workshop_id == workshop_id,
                                        T.changes.c.kind == kind)
                                 .order_by(T.changes.c.id).limit(1)).scalar()

    def add_value(self, workshop_id: int, kind: str, value: str) -> None:
        self.conn.execute(insert(T.changes).values(workshop_id=workshop_id, kind=kind,
                                                   actor=value, at=now()))

    # the whole log, read forward by the change feed -------------------------------------------
    def latest_id(self) -> int:
        """The highest id in the log, of any workshop (0 when the log is empty)."""
        return self.conn.execute(select(func.coalesce(func.max(T.changes.c.id), 0))
                                 ).scalar_one()

    def ids_after(self, low: int) -> set[int]:
        """The ids above ``low``, of any workshop."""
        return set(self.conn.execute(select(T.changes.c.id).where(T.changes.c.id > low))
                   .scalars())

    def after(self, low: int) -> list:
        """``(id, workshop_id, kind)`` of every entry above ``low``, oldest first."""
        return self.conn.execute(
            select(T.changes.c.id, T.changes.c.workshop_id, T.changes.c.kind)
            .where(T.changes.c.id > low).order_by(T.changes.c.id)).all()
