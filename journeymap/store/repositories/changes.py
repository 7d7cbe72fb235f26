"""The change log: one row per change in a workshop; its highest id is the workshop's
revision, which every open page polls. Workshop 0 (no workshop has it) holds the server
secret (see :mod:`journeymap.services.secret`)."""

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
