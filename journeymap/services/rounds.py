"""Rounds of a journey: the same map run again (weeks later, after the actions).

Round 1 is the first workshop. When the facilitator starts round 2, every new rating, skip,
pain point and highlight on the journey's steps goes to round 2; round 1's stay exactly as
they were (nothing is copied, moved or deleted) and Insight compares the two rounds. Each
person's rating screen starts empty again, and staff give their assumptions afresh.

>>> from journeymap.services import SYSTEM, Store, import_journey
>>> from journeymap.domain.model import Journey, Stage, Step
>>> store = Store.open("sqlite://")
>>> j = Journey(title="T", stages=[Stage("a", "A")])
>>> j.add_step(Step("s1", "a", "Call"))
>>> _, jid = import_journey(store, SYSTEM, j)
>>> journey_rounds(store, SYSTEM, jid)["current"]
1
>>> start_round(store, SYSTEM, jid, expected_current=1)
2
>>> [r["number"] for r in journey_rounds(store, SYSTEM, jid)["rounds"]]
[1, 2]

The current round of a journey is the highest number in ``journey_rounds`` (1 when the
table holds none, as for every journey made before rounds existed). It is read inside the
transaction that writes, so an answer lands in the round that was current when it was
committed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from journeymap.domain.errors import NotFound, ValidationError
from journeymap.store import schema as T

from .base import Actor, Store, authorize, record_change


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


def current_round_of_step(conn: Connection, step_id: int) -> int:
    jid = conn.execute(select(T.steps.c.journey_id).where(T.steps.c.id == step_id)).scalar()
    return 1 if jid is None else current_round(conn, jid)


def _workshop(conn: Connection, journey_id: int) -> int:
    ws = conn.execute(select(T.journeys.c.workshop_id)
                      .where(T.journeys.c.id == journey_id)).scalar()
    if ws is None:
        raise NotFound("this journey no longer exists", key="error.gone.journey",
                       what="journey")
    return ws


def journey_rounds(store: Store, actor: Actor, journey_id: int) -> dict:
    """The journey's rounds: ``{"current": n, "rounds": [{"number", "date", "ratings"}]}``
    (``ratings``: how many ratings each round holds; anyone who may see the map may ask)."""
    with store.read() as uow:
        c = uow.conn
        authorize(c, actor, _workshop(c, journey_id), "view_map")
        dates = dict(c.execute(select(T.journey_rounds.c.number, T.journey_rounds.c.date)
                               .where(T.journey_rounds.c.journey_id == journey_id)).all())
        counts = dict(c.execute(
            select(T.ratings.c["round"], func.count())
            .join(T.steps, T.steps.c.id == T.ratings.c.step_id)
            .where(T.steps.c.journey_id == journey_id)
            .group_by(T.ratings.c["round"])).all())
        current = current_round(c, journey_id)
    numbers = sorted(set(dates) | set(counts) | {current})
    return {"current": current,
            "rounds": [{"number": n, "date": dates.get(n), "ratings": int(counts.get(n, 0))}
                       for n in numbers]}


def start_round(store: Store, actor: Actor, journey_id: int, *, expected_current: int,
                date: dt.date | None = None) -> int:
    """Start the next round of the journey (the facilitator: ``run_workshop``) and return
    its number. ``expected_current`` is the round the facilitator saw as current: if it has
    moved meanwhile (a second tap, another facilitator), nothing happens and the refusal
    says which round is current, so one click never starts two rounds.

    Round 1 is recorded too (dated by its first rating) if it was not yet; no input is
    copied, moved or deleted."""
    day = date or dt.date.today()
    with store.write() as uow:
        c = uow.conn
        ws_id = _workshop(c, journey_id)
        authorize(c, actor, ws_id, "run_workshop")
        current = current_round(c, journey_id)
        if current != expected_current:
            raise ValidationError(
                f"round {current} is already the current round of this journey",
                "round", key="error.round_moved", current=current)
        known = set(c.execute(select(T.journey_rounds.c.number)
                              .where(T.journey_rounds.c.journey_id == journey_id)).scalars())
        if current not in known:
            first = c.execute(select(func.min(T.ratings.c.created_at))
                              .join(T.steps, T.steps.c.id == T.ratings.c.step_id)
                              .where(T.steps.c.journey_id == journey_id,
                                     T.ratings.c["round"] == current)).scalar()
            c.execute(insert(T.journey_rounds).values(
                journey_id=journey_id, number=current,
                date=first.date() if isinstance(first, dt.datetime) else None))
        c.execute(insert(T.journey_rounds).values(journey_id=journey_id, number=current + 1,
                                                  date=day))
        record_change(c, ws_id, "round.start", actor)
        uow.commit()
    return current + 1


__all__ = ["current_round", "current_rounds", "journey_rounds", "start_round"]
