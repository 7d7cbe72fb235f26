"""Input on steps: ratings (upserted, so many people rating at once never lose a row), pain
points, highlights, skips; and what a write needs to know about the steps and people."""

from __future__ import annotations

from sqlalchemy import delete, func, insert, select

from journeymap.domain.errors import NotFound
from journeymap.store import schema as T

from .rounds import current_round
from .rows import Repository, now

#: the answer fields of a rating
RATING_FIELDS = ("emotion", "emotion_word", "effort", "success", "comment")
#: each kind of input on a step -> the table holding it
INPUT_TABLES = {"rating": T.ratings, "pain_point": T.pain_points, "highlight": T.highlights,
                "skip": T.skips}


class InputRepository(Repository):
    def step_context(self, step_id: int):
        """(id, journey_id, lane, workshop_id) of a step (NotFound when it is gone)."""
        row = self.conn.execute(
            select(T.steps.c.id, T.steps.c.journey_id, T.steps.c.lane, T.journeys.c.workshop_id)
            .join(T.journeys, T.journeys.c.id == T.steps.c.journey_id)
            .where(T.steps.c.id == step_id)).first()
        if row is None:
            raise NotFound("this step no longer exists (someone deleted it)",
                           key="error.gone.step", what="step")
        return row

    def steps_with_workshop(self, step_ids: set[int]) -> dict:
        """step id -> (id, journey_id, workshop_id, phase, owner_account_id), for the steps
        that exist."""
        return {r.id: r for r in self.conn.execute(
            select(T.steps.c.id, T.steps.c.journey_id, T.journeys.c.workshop_id,
                   T.workshops.c.phase, T.workshops.c.owner_account_id)
            .join(T.journeys, T.journeys.c.id == T.steps.c.journey_id)
            .join(T.workshops, T.workshops.c.id == T.journeys.c.workshop_id)
            .where(T.steps.c.id.in_(step_ids)))}

    def participants(self, participant_ids: set[int]) -> dict:
        """participant id -> (id, role, workshop_id)."""
        if not participant_ids:
            return {}
        return {r.id: r for r in self.conn.execute(
            select(T.participants.c.id, T.participants.c.role, T.participants.c.workshop_id)
            .where(T.participants.c.id.in_(participant_ids)))}

    def stored_ratings(self, step_ids: set[int]) -> dict:
        """The ratings stored on these steps: (step, participant, perspective, round) ->
        fields (what a partial answer keeps and what an identical save is compared with; only
        the current round's rating counts: an earlier round's is never touched)."""
        return {(r.step_id, r.participant_id, r.perspective, r.round):
                {f: getattr(r, f) for f in RATING_FIELDS}
                for r in self.conn.execute(
                    select(T.ratings.c.step_id, T.ratings.c.participant_id,
                           T.ratings.c.perspective, T.ratings.c["round"],
                           *[T.ratings.c[f] for f in RATING_FIELDS])
                    .where(T.ratings.c.step_id.in_(step_ids)))}

    def upsert_ratings(self, rows: list[dict]) -> None:
        """Insert ratings, or update the one already there for (step, participant,
        perspective, round); each row names its round."""
        upsert_ratings(self.conn, rows)

    def ratings_of(self, participant_id: int, journey_id: int) -> list[dict]:
        """A participant's ratings in the journey's current round."""
        return [dict(r._mapping) for r in self.conn.execute(
            select(T.ratings).join(T.steps, T.steps.c.id == T.ratings.c.step_id)
            .where(T.steps.c.journey_id == journey_id,
                   T.ratings.c.participant_id == participant_id,
                   T.ratings.c["round"] == current_round(self.conn, journey_id))
            .order_by(T.ratings.c.id))]

    def add_pain_point(self, journey_id: int, step_id: int, participant_id: int, text: str,
                       severity: int, pillar: str | None, perspective: str) -> int:
        """A pain point under the next free ``pp<n>`` key of the journey, in the journey's
        current round."""
        c = self.conn
        in_journey = (select(T.pain_points.c.key)
                      .join(T.steps, T.steps.c.id == T.pain_points.c.step_id)
                      .where(T.steps.c.journey_id == journey_id))
        n = c.execute(select(func.count()).select_from(in_journey.subquery())).scalar_one()
        keys = set(c.execute(in_journey).scalars())
        n += 1
        while f"pp{n}" in keys:
            n += 1
        return c.execute(insert(T.pain_points).values(
            step_id=step_id, participant_id=participant_id, key=f"pp{n}", text=text,
            severity=severity, pillar=pillar, perspective=perspective, imported_votes=0,
            created_at=now(), round=current_round(c, journey_id))).inserted_primary_key[0]

    def add_highlight(self, journey_id: int, step_id: int, participant_id: int, text: str,
                      perspective: str) -> int:
        """A highlight, in the journey's current round."""
        return self.conn.execute(insert(T.highlights).values(
            step_id=step_id, participant_id=participant_id, text=text,
            perspective=perspective, created_at=now(),
            round=current_round(self.conn, journey_id))).inserted_primary_key[0]

    def set_skip(self, journey_id: int, step_id: int, participant_id: int,
                 skipped: bool, round: int | None = None) -> None:
        """Skip (or un-skip) a step in the journey's current round (or in ``round`` when the
        caller has read it already; an earlier round's skip is never touched)."""
        c = self.conn
        rnd = current_round(c, journey_id) if round is None else round
        c.execute(delete(T.skips).where(T.skips.c.step_id == step_id,
                                        T.skips.c.participant_id == participant_id,
                                        T.skips.c["round"] == rnd))
        if skipped:
            c.execute(insert(T.skips).values(step_id=step_id, participant_id=participant_id,
                                             created_at=now(), round=rnd))

    # one person's input, as they see it and as it is deleted ---------------------------------
    def of_participant(self, kind: str, journey_id: int, participant_id: int,
                       round: int) -> list[dict]:
        """The participant's input of ``kind`` in the journey and round, oldest first, each
        with its step's ``step_title`` and ``position``."""
        table = INPUT_TABLES[kind]
        return [dict(r._mapping) for r in self.conn.execute(
            select(table, T.steps.c.title.label("step_title"),
                   T.steps.c.position.label("position"))
            .join(T.steps, T.steps.c.id == table.c.step_id)
            .where(T.steps.c.journey_id == journey_id,
                   table.c.participant_id == participant_id, table.c["round"] == round)
            .order_by(table.c.id))]

    def with_workshop(self, kind: str, item_id: int):
        """The row of input of ``kind`` with its journey's ``workshop_id`` (None when it is
        gone)."""
        table = INPUT_TABLES[kind]
        return self.conn.execute(select(table, T.journeys.c.workshop_id)
                                 .join(T.steps, T.steps.c.id == table.c.step_id)
                                 .join(T.journeys, T.journeys.c.id == T.steps.c.journey_id)
                                 .where(table.c.id == item_id)).first()

    def rating_ids(self, step_id: int, participant_id: int, perspective: str,
                   round: int) -> list[int]:
        """The ids of the participant's ratings of the step in ``perspective`` and round."""
        return list(self.conn.execute(select(T.ratings.c.id).where(
            T.ratings.c.step_id == step_id, T.ratings.c.participant_id == participant_id,
            T.ratings.c.perspective == perspective, T.ratings.c["round"] == round)).scalars())

    def ids_by(self, kind: str, participant_id: int) -> list[int]:
        """The ids of all the participant's input of ``kind``, in every journey and round."""
        table = INPUT_TABLES[kind]
        return list(self.conn.execute(select(table.c.id).where(
            table.c.participant_id == participant_id)).scalars())

    def delete_items(self, kind: str, ids: list[int]) -> None:
        """Delete these rows of input of ``kind`` (the one statement that deletes a rating:
        the services call it only from their explicit, confirmed deleters)."""
        table = INPUT_TABLES[kind]
        self.conn.execute(delete(table).where(table.c.id.in_(ids)))


def upsert_ratings(conn, rows: list[dict]) -> None:
    """Insert ratings, or update the one already there for (step, participant, perspective,
    round): one statement for all rows."""
    keys = ("step_id", "participant_id", "perspective", "round")
    dialect = conn.dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:  # pragma: no cover - other databases are not supported
        raise NotImplementedError(dialect)
    stmt = dialect_insert(T.ratings)
    changing = {c: stmt.excluded[c] for c in ("emotion", "emotion_word", "effort", "success",
                                               "comment", "updated_at")}
    conn.execute(stmt.on_conflict_do_update(index_elements=list(keys), set_=changing), rows)


