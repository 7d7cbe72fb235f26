"""Reading the map for a page: its rows, its outline, the mean emotion per step.

What a participant sees of the others' ratings follows the phase rules
(:func:`journeymap.domain.rules.visible_perspectives`): a perspective not yet open is left out
entirely, so nobody learns another group's ratings before the rules allow it.
"""

from __future__ import annotations

from journeymap.domain import rules

from .base import Actor, Store, authorize


def _journey_ws(uow, actor: Actor, journey_id: int) -> int:
    ws_id = uow.journeys.workshop_of(journey_id)
    authorize(uow.conn, actor, ws_id, "view_map")
    return ws_id


def map_rows(store: Store, actor: Actor, journey_id: int) -> dict:
    """The map as plain rows for the UI: journey, stages, steps, transitions (with ids and
    versions), in one read."""
    with store.read() as uow:
        ws_id = _journey_ws(uow, actor, journey_id)
        return {"workshop_id": ws_id, **uow.journeys.map(journey_id)}


def step_emotions(store: Store, actor: Actor, journey_id: int) -> dict:
    """Mean emotion per step, per perspective the actor may see now.

    Returns ``{"lived": {step_id: (mean, n)}, "assumed": {...}}``; a perspective the actor may
    not see in the workshop's phase (``see_lived`` / ``see_assumed``) is left out entirely."""
    with store.read() as uow:
        ws_id = _journey_ws(uow, actor, journey_id)
        phase = uow.workshops.get(ws_id).phase
        return uow.journeys.mean_emotions(
            journey_id, rules.visible_perspectives(actor.ruled_role, phase))


def map_outline(store: Store, actor: Actor, journey_id: int) -> dict:
    """What the map page draws, in one read: like :func:`map_rows` but only the columns a
    map shows (no timestamps), plus :func:`step_emotions` under the same permission rules."""
    with store.read() as uow:
        ws_id = _journey_ws(uow, actor, journey_id)
        phase = uow.workshops.get(ws_id).phase
        rows = uow.journeys.map(journey_id, outline=True)
        emotions = uow.journeys.mean_emotions(
            journey_id, rules.visible_perspectives(actor.ruled_role, phase))
    return {"workshop_id": ws_id, "phase": phase, **rows, "emotions": emotions}
