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

from journeymap.domain.errors import ValidationError
from journeymap.store.repositories.rounds import current_round, current_rounds

from .base import Actor, Store, authorize, record_change


def journey_rounds(store: Store, actor: Actor, journey_id: int) -> dict:
    """The journey's rounds: ``{"current": n, "rounds": [{"number", "date", "ratings"}]}``
    (``ratings``: how many ratings each round holds; anyone who may see the map may ask)."""
    with store.read() as uow:
        authorize(uow.conn, actor, uow.rounds.workshop_of(journey_id), "view_map")
        dates = uow.rounds.dates(journey_id)
        counts = uow.rounds.rating_counts(journey_id)
        current = uow.rounds.current(journey_id)
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
        ws_id = uow.rounds.workshop_of(journey_id)
        authorize(c, actor, ws_id, "run_workshop")
        current = uow.rounds.current(journey_id)
        if current != expected_current:
            raise ValidationError(
                f"round {current} is already the current round of this journey",
                "round", key="error.round_moved", current=current)
        if current not in uow.rounds.dates(journey_id):
            first = uow.rounds.first_rating_at(journey_id, current)
            uow.rounds.record(journey_id, current,
                              first.date() if isinstance(first, dt.datetime) else None)
        uow.rounds.record(journey_id, current + 1, day)
        record_change(c, ws_id, "round.start", actor)
        uow.commit()
    return current + 1


__all__ = ["current_round", "current_rounds", "journey_rounds", "start_round"]
