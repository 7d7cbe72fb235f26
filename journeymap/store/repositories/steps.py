"""A journey's steps: placing, moving, saving, deleting, and what hangs on a step."""

from __future__ import annotations

from sqlalchemy import delete, func, insert, or_, select, update

from journeymap.store import schema as T

from .rows import Repository, journey_of_row, next_key, now, save_versioned


class StepRepository(Repository):
    def journey_of(self, step_id: int) -> int:
        return journey_of_row(self.conn, T.steps, step_id, "step")

    def add(self, journey_id: int, values: dict, by: str,
            after_step_id: int | None = None) -> int:
        """A step with ``values`` (already checked) right after ``after_step_id`` (the steps
        behind it move one place on), or after the journey's last step."""
        c = self.conn
        if after_step_id is not None:
            pos = c.execute(select(T.steps.c.position).where(T.steps.c.id == after_step_id)
                            ).scalar_one() + 1
            c.execute(update(T.steps).where(T.steps.c.journey_id == journey_id,
                                            T.steps.c.position >= pos)
                      .values(position=T.steps.c.position + 1))
        else:
            pos = c.execute(select(func.coalesce(func.max(T.steps.c.position), -1) + 1)
                            .where(T.steps.c.journey_id == journey_id)).scalar_one()
        return c.execute(insert(T.steps).values(
            journey_id=journey_id, key=next_key(c, T.steps, journey_id, "s"), position=pos,
            version=1, updated_at=now(), updated_by=by[:120], **values)
        ).inserted_primary_key[0]

    def get(self, step_id: int):
        return self.conn.execute(select(T.steps).where(T.steps.c.id == step_id)).first()

    def in_walk_order(self, journey_id: int, lanes: tuple[str, ...] | None = None) -> list:
        """The journey's steps (only those of ``lanes`` when given) stage by stage, each with
        ``stage_name`` and ``stage_position``, as dicts."""
        q = (select(T.steps, T.stages.c.name.label("stage_name"),
                    T.stages.c.position.label("stage_position"))
             .join(T.stages, T.stages.c.id == T.steps.c.stage_id)
             .where(T.steps.c.journey_id == journey_id)
             .order_by(T.stages.c.position, T.steps.c.position, T.steps.c.id))
        if lanes:
            q = q.where(T.steps.c.lane.in_(lanes))
        return [dict(r._mapping) for r in self.conn.execute(q)]

    def last_in_stage(self, stage_id: int) -> int | None:
        """The stage's last step (None for an empty stage)."""
        return self.conn.execute(select(T.steps.c.id).where(T.steps.c.stage_id == stage_id)
                                 .order_by(T.steps.c.position.desc(), T.steps.c.id.desc())
                                 .limit(1)).scalar()

    def ids_in(self, journey_id: int) -> set[int]:
        return set(self.conn.execute(select(T.steps.c.id)
                                     .where(T.steps.c.journey_id == journey_id)).scalars())

    def save(self, step_id: int, expected_version: int, changes: dict, by: str) -> dict:
        return save_versioned(self.conn, T.steps, step_id, expected_version, changes, "step",
                              by)

    def delete(self, *step_ids: int) -> None:
        self.conn.execute(delete(T.steps).where(T.steps.c.id.in_(step_ids)))

    def dependents(self, step_id: int) -> dict[str, int]:
        """How many ratings, pain points, highlights, skips and transitions hang on it."""
        c = self.conn
        out = {}
        for name, table in (("ratings", T.ratings), ("pain_points", T.pain_points),
                            ("highlights", T.highlights), ("skips", T.skips)):
            out[name] = c.execute(select(func.count()).select_from(table)
                                  .where(table.c.step_id == step_id)).scalar_one()
        out["transitions"] = c.execute(select(func.count()).select_from(T.transitions).where(
            or_(T.transitions.c.source_id == step_id, T.transitions.c.target_id == step_id))
        ).scalar_one()
        return out

    def move_in_stage(self, step_id: int, offset: int) -> None:
        """Move the step ``offset`` places among the steps of its stage (the stage's
        positions are reused, so steps of other stages keep theirs)."""
        c = self.conn
        stage_id = c.execute(select(T.steps.c.stage_id).where(T.steps.c.id == step_id)
                             ).scalar_one()
        rows = c.execute(select(T.steps.c.id, T.steps.c.position)
                         .where(T.steps.c.stage_id == stage_id)
                         .order_by(T.steps.c.position, T.steps.c.id)).all()
        ids = [r.id for r in rows]
        slots = sorted(r.position for r in rows)
        i = ids.index(step_id)
        ids.insert(max(0, min(len(ids) - 1, i + offset)), ids.pop(i))
        for pos, sid in zip(slots, ids):
            c.execute(update(T.steps).where(T.steps.c.id == sid).values(position=pos))
