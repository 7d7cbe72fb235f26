"""Journeys as a whole: import (all or nothing), load for export, create, change, copy, delete.

Listing and finding journeys is :mod:`.catalogue`; editing their map :mod:`.map_editing`;
reading it for a page :mod:`.map_reads`.
"""

from __future__ import annotations

from journeymap.domain.errors import NotFound
from journeymap.domain.model import Evidence, Journey, JourneyStatus, Stage, clean_text

from journeymap.store.repositories import JourneyRepository

from .base import Actor, Store, authorize, record_change
from .map_editing import journey_workshop
from .workshops import owner_of_new_workshop


def workshop_of_journey(conn, journey_id: int) -> int:
    """The workshop holding the journey (NotFound otherwise), on the unit of work's
    connection; for the modules that still pass connections around."""
    return JourneyRepository(conn).workshop_of(journey_id)


def import_journey(store: Store, actor: Actor, journey: Journey,
                   workshop_id: int | None = None, *, ratings=None) -> tuple[int, int]:
    """Write a whole journey (map, participants, input) in one transaction.

    Without ``workshop_id`` a new workshop named after the journey is created. Returns
    ``(workshop_id, journey_id)``. Nothing is written if anything fails. ``ratings``: the
    journey's ratings as columns (:func:`journeymap.interchange.native.loads_columns`),
    written in bulk (COPY on PostgreSQL) instead of ``journey.ratings``."""
    with store.write() as uow:
        if workshop_id is None:
            owner = owner_of_new_workshop(actor) if actor.kind != "system" else None
            workshop_id = uow.workshops.add(journey.title[:200], journey.language, owner)
        else:
            authorize(uow.conn, actor, workshop_id, "edit_map")
        journey_id = uow.whole_journeys.add(workshop_id, journey, actor.name, ratings)
        record_change(uow.conn, workshop_id, "journey.import", actor)
        uow.commit()
    return workshop_id, journey_id


def load_journey(store: Store, actor: Actor, journey_id: int) -> Journey:
    """The whole journey as the domain model (what export writes)."""
    with store.read() as uow:
        journey_workshop(uow, actor, journey_id, "run_workshop")
        return uow.whole_journeys.get(journey_id)


def create_journey(store: Store, actor: Actor, workshop_id: int, title: str,
                   persona: str = "", goal: str = "", stages: list[str] | None = None) -> int:
    """A new journey with the given stage names."""
    with store.write() as uow:
        ws = authorize(uow.conn, actor, workshop_id, "edit_map")
        j = Journey(title=title, persona=persona, goal=goal, language=ws.language)
        for i, name in enumerate(stages or []):
            j.add_stage(Stage(f"st{i + 1}", name))
        journey_id = uow.whole_journeys.add(workshop_id, j, actor.name)
        record_change(uow.conn, workshop_id, "journey.create", actor)
        uow.commit()
    return journey_id


def update_journey(store: Store, actor: Actor, journey_id: int, expected_version: int,
                   **changes) -> dict:
    fields = {"title": 300, "persona": 500, "goal": 500, "owner": 120}
    for k, v in list(changes.items()):
        if k in fields:
            changes[k] = clean_text(v, k, required=k == "title", max_len=fields[k])
        elif k == "status":
            changes[k] = JourneyStatus.parse(v, k).value
        elif k == "evidence":
            changes[k] = Evidence.parse(v, k).value
        else:
            raise NotFound(f"a journey has no field {k}", key="error.no_field.journey",
                           what="field", field=k)
    with store.write() as uow:
        ws_id = journey_workshop(uow, actor, journey_id)
        row = uow.journeys.save(journey_id, expected_version, changes, actor.name)
        record_change(uow.conn, ws_id, "journey.update", actor)
        uow.commit()
    return row


def duplicate_journey(store: Store, actor: Actor, journey_id: int, title: str) -> int:
    """A copy of the map (stages, steps, transitions), without anyone's input."""
    with store.write() as uow:
        ws_id = journey_workshop(uow, actor, journey_id)
        src = uow.whole_journeys.get(journey_id)
        copy = Journey(title=title, persona=src.persona, goal=src.goal, language=src.language,
                       owner=src.owner, status=src.status, evidence=src.evidence,
                       stages=src.stages, steps=src.steps, transitions=src.transitions)
        new_id = uow.whole_journeys.add(ws_id, copy, actor.name)
        record_change(uow.conn, ws_id, "journey.create", actor)
        uow.commit()
    return new_id


def delete_journey(store: Store, actor: Actor, journey_id: int) -> None:
    with store.write() as uow:
        ws_id = journey_workshop(uow, actor, journey_id, "run_workshop")
        uow.journeys.delete(journey_id)
        record_change(uow.conn, ws_id, "journey.delete", actor)
        uow.commit()
