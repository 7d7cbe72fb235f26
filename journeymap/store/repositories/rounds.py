"""Rounds of a journey (``journey_rounds``): which round is current, when each ran, how many
ratings each holds. The current round is the highest number recorded, 1 when none is (every
journey made before rounds existed); it is read inside the transaction that writes, so an
answer lands in the round that was current when it was committed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from journeymap.domain.errors import NotFound
from journeymap.store import schema as T

from .rows import Repository


def current_round(conn: Connection, journey_id: int) -> int:
    """The round new input on this journey goes to."""
    n = conn.execute(select(func.max(T.journey_rounds.c.number))
                     .where(T.journey_rounds.c.journey_id == journey_id)).scalar()
    return int(n or 1)


def current_rounds(conn: Connection, journey_ids) -> dict[int, int]:
    """:func:`current_round` of several journeys in one read: ``{journey id: round}``."""
    ids = set(journey_ids)
    if not ids:
        return {}
    found = dict(conn.execute(
        select(T.journey_rounds.c.journey_id, func.max(T.journey_rounds.c.number))
        .where(T.journey_rounds.c.journey_id.in_(ids))
        .group_by(T.journey_rounds.c.journey_id)).all())
    return {j: int(found.get(j) or 1) for j in ids}


class RoundRepository(Repository):
    def current(self, journey_id: int) -> int:
        return current_round(self.conn, journey_id)

    def current_of(self, journey_ids) -> dict[int, int]:
        return current_rounds(self.conn, journey_ids)

    def workshop_of(self, journey_id: int) -> int:
        """The workshop holding the journey (NotFound when it is gone)."""
        ws = self.conn.execute(select(T.journeys.c.workshop_id)
                               .where(T.journeys.c.id == journey_id)).scalar()
        if ws is None:
            raise NotFound("this journey no longer exists", key="error.gone.journey",
                           what="journey")
        return ws

    def dates(self, journey_id: int) -> dict[int, dt.date | None]:
        """round number -> its date, for the rounds recorded."""
        return dict(self.conn.execute(
            select(T.journey_rounds.c.number, T.journey_rounds.c.date)
            .where(T.journey_rounds.c.journey_id == journey_id)).all())

    def rating_counts(self, journey_id: int) -> dict[int, int]:
        """round number -> how many ratings the journey holds in it."""
        return dict(self.conn.execute(
            select(T.ratings.c["round"], func.count())
            .join(T.steps, T.steps.c.id == T.ratings.c.step_id)
            .where(T.steps.c.journey_id == journey_id)
            .group_by(T.ratings.c["round"])).all())

    def first_rating_at(self, journey_id: int, number: int):
        """When the first rating of round ``number`` was made (None without ratings)."""
        return self.conn.execute(
            select(func.min(T.ratings.c.created_at))
            .join(T.steps, T.steps.c.id == T.ratings.c.step_id)
            .where(T.steps.c.journey_id == journey_id,
                   T.ratings.c["round"] == number)).scalar()

    def record(self, journey_id: int, number: int, date: dt.date | None) -> None:
        self.conn.execute(insert(T.journey_rounds).values(
            journey_id=journey_id, number=number, date=date))
