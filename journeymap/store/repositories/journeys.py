"""Journeys as rows: which workshop holds one, the catalogue, the map in one read, the mean
emotion per step. (A journey read or written whole is :mod:`.whole_journeys`.)"""

from __future__ import annotations

from sqlalchemy import delete, func, select

from journeymap.domain.errors import NotFound
from journeymap.store import schema as T

from .rounds import current_round
from .rows import Repository, save_versioned

#: the columns a map page draws (no timestamps); :meth:`JourneyRepository.map` with
#: ``outline=True`` reads only these
OUTLINE_COLUMNS = {
    "journey": ("id", "title", "persona", "goal", "version"),
    "stages": ("id", "key", "name", "position", "version"),
    "steps": ("id", "key", "stage_id", "title", "description", "lane", "channel",
              "moment_of_truth", "position", "version", "updated_by"),
    "transitions": ("id", "source_id", "target_id", "label"),
}


class JourneyRepository(Repository):
    def workshop_of(self, journey_id: int) -> int:
        """The workshop holding the journey (NotFound when there is no such journey)."""
        ws = self.conn.execute(select(T.journeys.c.workshop_id)
                               .where(T.journeys.c.id == journey_id)).scalar()
        if ws is None:
            raise NotFound(f"no journey with id {journey_id}", key="error.no_journey",
                           what="journey", id=journey_id)
        return ws

    def list(self, workshop_id: int | None = None,
             owner_account_id: int | None = None, *, counts: bool = True) -> list[dict]:
        """Journeys with their workshop's name, language and phase, and (unless ``counts``
        is False) counts of steps and ratings; in one workshop, or in the workshops of one
        account, or all."""
        tallies = [select(func.count()).where(T.steps.c.journey_id == T.journeys.c.id)
                   .scalar_subquery().label("steps"),
                   select(func.count()).select_from(T.ratings)
                   .join(T.steps, T.steps.c.id == T.ratings.c.step_id)
                   .where(T.steps.c.journey_id == T.journeys.c.id)
                   .scalar_subquery().label("ratings")] if counts else []
        q = (select(T.journeys.c.id, T.journeys.c.title, T.journeys.c.persona,
                    T.journeys.c.workshop_id, T.workshops.c.name.label("workshop"),
                    T.workshops.c.language, T.workshops.c.phase, *tallies)
             .join(T.workshops, T.workshops.c.id == T.journeys.c.workshop_id)
             .order_by(T.workshops.c.id, T.journeys.c.id))
        if workshop_id is not None:
            q = q.where(T.journeys.c.workshop_id == workshop_id)
        if owner_account_id is not None:
            q = q.where(T.workshops.c.owner_account_id == owner_account_id)
        return [dict(r._mapping) for r in self.conn.execute(q)]

    def save(self, journey_id: int, expected_version: int, changes: dict, by: str) -> dict:
        return save_versioned(self.conn, T.journeys, journey_id, expected_version, changes,
                              "journey", by)

    def delete(self, journey_id: int) -> None:
        self.conn.execute(delete(T.journeys).where(T.journeys.c.id == journey_id))

    def map(self, journey_id: int, outline: bool = False) -> dict:
        """The journey's row, stages, steps (both in map order) and transitions, as dicts;
        every column, or with ``outline`` only :data:`OUTLINE_COLUMNS`."""
        parts = {"journey": T.journeys, "stages": T.stages, "steps": T.steps,
                 "transitions": T.transitions}

        def query(name):
            table = parts[name]
            cols = ([table.c[k] for k in OUTLINE_COLUMNS[name]] if outline else [table])
            if name == "journey":
                return select(*cols).where(table.c.id == journey_id)
            q = select(*cols).where(table.c.journey_id == journey_id)
            if name == "transitions":
                return q.order_by(table.c.id)
            return q.order_by(table.c.position, table.c.id)

        out = {"journey": dict(self.conn.execute(query("journey")).first()._mapping)}
        for name in ("stages", "steps", "transitions"):
            out[name] = [dict(r._mapping) for r in self.conn.execute(query(name))]
        return out

    def mean_emotions(self, journey_id: int,
                      perspectives: list[str]) -> dict[str, dict[int, tuple[float, int]]]:
        """``{perspective: {step_id: (mean emotion, number of ratings)}}`` for the given
        perspectives (each present, empty when nobody rated), over the ratings of the
        journey's current round."""
        out: dict[str, dict[int, tuple[float, int]]] = {p: {} for p in perspectives}
        if not perspectives:
            return out
        q = (select(T.ratings.c.perspective, T.ratings.c.step_id,
                    func.avg(T.ratings.c.emotion), func.count())
             .join(T.steps, T.steps.c.id == T.ratings.c.step_id)
             .where(T.steps.c.journey_id == journey_id,
                    T.ratings.c.perspective.in_(perspectives),
                    T.ratings.c["round"] == current_round(self.conn, journey_id))
             .group_by(T.ratings.c.perspective, T.ratings.c.step_id))
        for perspective, step_id, mean, n in self.conn.execute(q):
            out[perspective][step_id] = (float(mean), int(n))
        return out
