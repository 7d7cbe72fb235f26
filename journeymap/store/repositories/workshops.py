"""Workshops: their rows, the phase, the settings."""

from __future__ import annotations

from sqlalchemy import insert, select, update

from journeymap.domain.errors import NotFound
from journeymap.store import schema as T

from .rows import Repository, now, save_versioned


class WorkshopRepository(Repository):
    def get(self, workshop_id: int):
        """The workshop's row (NotFound when there is none)."""
        row = self.conn.execute(select(T.workshops)
                                .where(T.workshops.c.id == workshop_id)).first()
        if row is None:
            raise NotFound(f"no workshop with id {workshop_id}", key="error.no_workshop",
                           what="workshop", id=workshop_id)
        return row

    def add(self, name: str, language: str, owner_account_id: int | None) -> int:
        t = now()
        return self.conn.execute(insert(T.workshops).values(
            name=name, language=language, phase="map", archived=False, vote_budget=5,
            privacy_note="", reveal_view="comparison", owner_account_id=owner_account_id,
            version=1, created_at=t, updated_at=t)).inserted_primary_key[0]

    def list(self, owner_account_id: int | None = None, only_id: int | None = None,
             include_archived: bool = False) -> list[dict]:
        q = select(T.workshops).order_by(T.workshops.c.id)
        if owner_account_id is not None:
            q = q.where(T.workshops.c.owner_account_id == owner_account_id)
        if only_id is not None:
            q = q.where(T.workshops.c.id == only_id)
        if not include_archived:
            q = q.where(T.workshops.c.archived.is_(False))
        return [dict(r._mapping) for r in self.conn.execute(q)]

    def save(self, workshop_id: int, expected_version: int, changes: dict) -> dict:
        """Compare-and-set save (StaleEdit when someone saved since ``expected_version``)."""
        return save_versioned(self.conn, T.workshops, workshop_id, expected_version, changes,
                              "workshop")

    def set_phase(self, workshop_id: int, phase: str) -> None:
        self.conn.execute(update(T.workshops).where(T.workshops.c.id == workshop_id)
                          .values(phase=phase, updated_at=now(),
                                  version=T.workshops.c.version + 1))

    def is_archived(self, workshop_id: int) -> bool:
        return bool(self.conn.execute(select(T.workshops.c.archived)
                                      .where(T.workshops.c.id == workshop_id)).scalar())
