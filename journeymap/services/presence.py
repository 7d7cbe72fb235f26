"""Presence and live signatures: who is here, how far each person got, and what a screen compares
to know it must redraw."""

from __future__ import annotations

from collections import defaultdict

from journeymap.domain.model import Perspective

from .base import Actor, Store
from .visibility import CUSTOMER_LANES, journey_workshop_row


def progress(store: Store, actor: Actor, journey_id: int) -> dict:
    """The facilitator's live view: per participant (staff and customers) the steps they
    answered (rated or skipped) of those they are asked to rate, and when they were last
    seen; per step the number of ratings in each perspective, skips and pain points."""
    with store.read() as uow:
        c = uow.conn
        ws = journey_workshop_row(c, actor, journey_id, "run_workshop")
        steps = uow.progress.steps(journey_id)
        step_ids = [s.id for s in steps]
        people = uow.progress.people(ws.id)
        rnd = uow.rounds.current(journey_id)  # who has answered in this round
        rated = defaultdict(set)
        counts = defaultdict(lambda: defaultdict(int))
        for pid, sid, persp in uow.progress.ratings(journey_id, rnd):
            if persp != Perspective.EMPLOYEE.value:
                rated[pid].add(sid)
            counts[sid][persp] += 1
        skipped = defaultdict(set)
        for pid, sid in uow.progress.skips(journey_id, rnd):
            skipped[pid].add(sid)
            counts[sid]["skipped"] += 1
        pains = defaultdict(int)
        for pid, sid in uow.progress.pain_points(journey_id, rnd):
            pains[pid] += 1
            counts[sid]["pain_points"] += 1
    # what each person is asked to rate: customer and frontstage steps (customers see only
    # those; staff give their own employee view on backstage and support steps, not a rating)
    countable = {s.id for s in steps if s.lane in CUSTOMER_LANES}
    customer_steps = len(countable)
    return {
        "phase": ws.phase,
        "round": rnd,
        "steps_total": len(steps),
        "customer_steps": customer_steps,
        "participants": [{
            "id": p.id, "key": p.key, "name": p.name, "anonymous": bool(p.anonymous),
            "role": p.role, "rated": len((rated[p.id] | skipped[p.id]) & countable),
            "skipped": len(skipped[p.id] & countable),
            "pain_points": pains[p.id], "last_seen": p.last_seen, "of": customer_steps,
        } for p in people],
        "steps": [{
            "id": s.id, "key": s.key, "title": s.title, "lane": s.lane,
            "assumed": counts[s.id]["assumed"], "lived": counts[s.id]["lived"],
            "employee": counts[s.id]["employee"], "skipped": counts[s.id]["skipped"],
            "pain_points": counts[s.id]["pain_points"],
        } for s in steps if s.id in step_ids],
    }


def phase_signature(store: Store, workshop_id: int, journey_id: int | None = None) -> tuple:
    """A cheap fingerprint of what the rating screen depends on (phase, the steps): it
    changes when the facilitator moves the phase or the map changes, and not when someone
    rates — so a hundred people rating do not rerun each other's screens."""
    with store.read() as uow:
        ws = uow.workshops.get(workshop_id)
        if journey_id is None:
            return (ws.phase, ws.version)
        return (ws.phase, ws.version, *uow.progress.map_signature(journey_id))


def touch(store: Store, actor: Actor) -> None:
    """Note that a participant is active now (for the facilitator's "last seen")."""
    if actor.kind != "participant":
        return
    with store.write() as uow:
        uow.participants.touch(actor.participant_id)
        uow.commit()
