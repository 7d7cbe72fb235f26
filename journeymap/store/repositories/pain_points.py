"""Pain points as the vote and their merging see them: where one is, which journey's pain
points there are to vote on, and duplicates merged into one (the one they count toward, and
an heir taking the place of one that goes). New pain points are written with the other input
on steps (:class:`~journeymap.store.repositories.ratings.InputRepository`)."""

from __future__ import annotations

from sqlalchemy import func, select, update

from journeymap.store import schema as T

from .rows import Repository


class PainPointRepository(Repository):
    def with_place(self, pain_point_id: int):
        """The pain point's row with its step's ``journey_id`` and the journey's
        ``workshop_id`` (None when it is gone)."""
        return self.conn.execute(
            select(T.pain_points, T.steps.c.journey_id, T.journeys.c.workshop_id)
            .join(T.steps, T.steps.c.id == T.pain_points.c.step_id)
            .join(T.journeys, T.journeys.c.id == T.steps.c.journey_id)
            .where(T.pain_points.c.id == pain_point_id)).first()

    def of_journey(self, journey_id: int) -> list:
        """Every pain point of the journey (merged ones too), oldest first, with its step's
        ``step_title``, ``step_key`` and ``position``."""
        return self.conn.execute(
            select(T.pain_points, T.steps.c.title.label("step_title"),
                   T.steps.c.key.label("step_key"), T.steps.c.position)
            .join(T.steps, T.steps.c.id == T.pain_points.c.step_id)
            .where(T.steps.c.journey_id == journey_id).order_by(T.pain_points.c.id)).all()

    def merge_root(self, pain_point_id: int) -> int:
        """The pain point a (possibly merged) pain point now counts toward."""
        seen = set()
        while True:
            nxt = self.conn.execute(select(T.pain_points.c.merged_into_id)
                                    .where(T.pain_points.c.id == pain_point_id)).scalar()
            if nxt is None or nxt in seen:
                return pain_point_id
            seen.add(pain_point_id)
            pain_point_id = nxt

    def merged_into(self, pain_point_id: int) -> list[int]:
        """The ids of the pain points merged directly into this one, oldest first."""
        return list(self.conn.execute(
            select(T.pain_points.c.id).where(T.pain_points.c.merged_into_id == pain_point_id)
            .order_by(T.pain_points.c.id)).scalars())

    def merge(self, group: list[int], target_id: int) -> None:
        """The pain points of ``group`` now count toward ``target_id``: they point at it, and
        their imported votes move onto it."""
        c, pp = self.conn, T.pain_points
        c.execute(update(pp).where(pp.c.id.in_(group)).values(merged_into_id=target_id))
        moved = c.execute(select(func.coalesce(func.sum(pp.c.imported_votes), 0))
                          .where(pp.c.id.in_(group))).scalar_one()
        c.execute(update(pp).where(pp.c.id.in_(group)).values(imported_votes=0))
        c.execute(update(pp).where(pp.c.id == target_id)
                  .values(imported_votes=pp.c.imported_votes + moved))

    def make_heir(self, heir: int, rest: list[int]) -> None:
        """``heir`` stands on its own again and the pain points of ``rest`` count toward it
        (the duplicates of one that goes)."""
        c, pp = self.conn, T.pain_points
        c.execute(update(pp).where(pp.c.id == heir).values(merged_into_id=None))
        if rest:
            c.execute(update(pp).where(pp.c.id.in_(rest)).values(merged_into_id=heir))
