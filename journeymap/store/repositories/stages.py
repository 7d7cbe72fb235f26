"""A journey's stages (its ordered columns)."""

from __future__ import annotations

from sqlalchemy import delete, func, insert, select, update

from journeymap.store import schema as T

from .rows import Repository, journey_of_row, next_key, now, save_versioned


class StageRepository(Repository):
    def journey_of(self, stage_id: int) -> int:
        return journey_of_row(self.conn, T.stages, stage_id, "stage")

    def add(self, journey_id: int, name: str, by: str) -> int:
        """A stage after the journey's last one."""
        c = self.conn
        pos = c.execute(select(func.coalesce(func.max(T.stages.c.position), -1) + 1)
                        .where(T.stages.c.journey_id == journey_id)).scalar_one()
        return c.execute(insert(T.stages).values(
            journey_id=journey_id, key=next_key(c, T.stages, journey_id, "st"), name=name,
            position=pos, version=1, updated_at=now(), updated_by=by[:120])
        ).inserted_primary_key[0]

    def in_order(self, journey_id: int) -> list[int]:
        return list(self.conn.execute(select(T.stages.c.id)
                                      .where(T.stages.c.journey_id == journey_id)
                                      .order_by(T.stages.c.position, T.stages.c.id)).scalars())

    def set_order(self, stage_ids: list[int]) -> None:
        """Positions 0, 1, … in the order given (each stage's version moves on)."""
        for pos, sid in enumerate(stage_ids):
            self.conn.execute(update(T.stages).where(T.stages.c.id == sid)
                              .values(position=pos, version=T.stages.c.version + 1,
                                      updated_at=now()))

    def exists_in(self, stage_id, journey_id: int) -> bool:
        return self.conn.execute(select(T.stages.c.id).where(
            T.stages.c.id == stage_id, T.stages.c.journey_id == journey_id)).first() is not None

    def step_count(self, stage_id: int) -> int:
        return self.conn.execute(select(func.count())
                                 .where(T.steps.c.stage_id == stage_id)).scalar_one()

    def save(self, stage_id: int, expected_version: int, changes: dict, by: str) -> dict:
        return save_versioned(self.conn, T.stages, stage_id, expected_version, changes,
                              "stage", by)

    def delete(self, stage_id: int) -> None:
        self.conn.execute(delete(T.stages).where(T.stages.c.id == stage_id))
