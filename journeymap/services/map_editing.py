"""Editing the map: stages, steps (one at a time or many from the table), transitions.

Every edit checks ``edit_map`` in the workshop's phase, runs in one unit of work, and logs
one change; saves of a shared row compare versions, so a stale edit is refused
(:class:`journeymap.domain.errors.StaleEdit`) with what the row says now.
"""

from __future__ import annotations

from journeymap.domain.errors import NotFound, UnknownStage, ValidationError
from journeymap.domain.model import Lane, clean_text

from .base import Actor, Store, authorize, record_change

STEP_FIELDS = ("title", "description", "lane", "channel", "moment_of_truth", "stage_id")


def journey_workshop(uow, actor: Actor, journey_id: int, action: str = "edit_map") -> int:
    """The workshop of the journey, once ``actor`` is found allowed to ``action`` in it."""
    ws_id = uow.journeys.workshop_of(journey_id)
    authorize(uow.conn, actor, ws_id, action)
    return ws_id


# stages ----------------------------------------------------------------------------------

def add_stage(store: Store, actor: Actor, journey_id: int, name: str) -> int:
    name = clean_text(name, "name", required=True, max_len=200)
    with store.write() as uow:
        ws_id = journey_workshop(uow, actor, journey_id)
        sid = uow.stages.add(journey_id, name, actor.name)
        record_change(uow.conn, ws_id, "stage.add", actor)
        uow.commit()
    return sid


def rename_stage(store: Store, actor: Actor, stage_id: int, expected_version: int,
                 name: str) -> dict:
    name = clean_text(name, "name", required=True, max_len=200)
    with store.write() as uow:
        ws_id = journey_workshop(uow, actor, uow.stages.journey_of(stage_id))
        row = uow.stages.save(stage_id, expected_version, {"name": name}, actor.name)
        record_change(uow.conn, ws_id, "stage.update", actor)
        uow.commit()
    return row


def move_stage(store: Store, actor: Actor, stage_id: int, offset: int) -> None:
    """Move a stage ``offset`` places left (negative) or right (positive)."""
    with store.write() as uow:
        jid = uow.stages.journey_of(stage_id)
        ws_id = journey_workshop(uow, actor, jid)
        ids = uow.stages.in_order(jid)
        i = ids.index(stage_id)
        ids.insert(max(0, min(len(ids) - 1, i + offset)), ids.pop(i))
        uow.stages.set_order(ids)
        record_change(uow.conn, ws_id, "stage.move", actor)
        uow.commit()


def delete_stage(store: Store, actor: Actor, stage_id: int) -> None:
    with store.write() as uow:
        ws_id = journey_workshop(uow, actor, uow.stages.journey_of(stage_id))
        n = uow.stages.step_count(stage_id)
        if n:
            raise ValidationError(f"the stage still holds {n} steps; move or delete them first",
                                  "stage", key="error.stage_not_empty", count=n)
        uow.stages.delete(stage_id)
        record_change(uow.conn, ws_id, "stage.delete", actor)
        uow.commit()


# steps -----------------------------------------------------------------------------------

def clean_step_fields(uow, journey_id: int, changes: dict) -> dict:
    """The step fields in ``changes`` checked and normalised (a stage must be the journey's)."""
    out = {}
    for k, v in changes.items():
        if k == "title":
            out[k] = clean_text(v, "title", required=True, max_len=300)
        elif k == "description":
            out[k] = clean_text(v, "description")
        elif k == "lane":
            out[k] = Lane.parse(v, "lane").value
        elif k == "channel":
            out[k] = clean_text(v, "channel", max_len=60).lower()
        elif k == "moment_of_truth":
            out[k] = bool(v)
        elif k == "stage_id":
            if not uow.stages.exists_in(v, journey_id):
                raise UnknownStage(str(v))
            out[k] = v
        else:
            raise NotFound(f"a step has no field {k}", key="error.no_field.step", what="field",
                           field=k)
    return out


def insert_step(uow, actor: Actor, journey_id: int, stage_id: int, title: str, lane: str,
                channel: str, description: str, moment_of_truth: bool,
                after_step_id: int | None) -> int:
    """Check the fields and add the step inside ``uow`` (the caller checks permission and
    logs the change)."""
    values = clean_step_fields(uow, journey_id, dict(
        title=title, lane=lane, channel=channel, description=description,
        moment_of_truth=moment_of_truth, stage_id=stage_id))
    return uow.steps.add(journey_id, values, actor.name, after_step_id)


def add_step(store: Store, actor: Actor, journey_id: int, stage_id: int, title: str,
             lane: str = "customer", channel: str = "", description: str = "",
             moment_of_truth: bool = False, after_step_id: int | None = None) -> int:
    with store.write() as uow:
        ws_id = journey_workshop(uow, actor, journey_id)
        step_id = insert_step(uow, actor, journey_id, stage_id, title, lane, channel,
                              description, moment_of_truth, after_step_id)
        record_change(uow.conn, ws_id, "step.add", actor)
        uow.commit()
    return step_id


def update_step(store: Store, actor: Actor, step_id: int, expected_version: int,
                **changes) -> dict:
    """Save changes to a step made from ``expected_version``.

    If someone saved the step since, :class:`StaleEdit` is raised carrying what the step says
    now and who changed it; nothing is overwritten."""
    with store.write() as uow:
        jid = uow.steps.journey_of(step_id)
        ws_id = journey_workshop(uow, actor, jid)
        values = clean_step_fields(uow, jid, changes)
        row = uow.steps.save(step_id, expected_version, values, actor.name)
        record_change(uow.conn, ws_id, "step.update", actor)
        uow.commit()
    return row


def step_dependents(store: Store, actor: Actor, step_id: int) -> dict:
    """What goes with a step if it is deleted: counts of ratings, pain points, highlights…"""
    with store.read() as uow:
        journey_workshop(uow, actor, uow.steps.journey_of(step_id), "view_map")
        return uow.steps.dependents(step_id)


def delete_step(store: Store, actor: Actor, step_id: int) -> None:
    with store.write() as uow:
        ws_id = journey_workshop(uow, actor, uow.steps.journey_of(step_id))
        uow.steps.delete(step_id)
        record_change(uow.conn, ws_id, "step.delete", actor)
        uow.commit()


def move_step(store: Store, actor: Actor, step_id: int, offset: int) -> None:
    """Move a step ``offset`` places up or down among the steps of its stage."""
    with store.write() as uow:
        ws_id = journey_workshop(uow, actor, uow.steps.journey_of(step_id))
        uow.steps.move_in_stage(step_id, offset)
        record_change(uow.conn, ws_id, "step.move", actor)
        uow.commit()


def bulk_save_steps(store: Store, actor: Actor, journey_id: int,
                    edits: list[dict] | None = None, new: list[dict] | None = None,
                    deleted: list[int] | None = None) -> dict:
    """Many step edits from the table editor in one transaction: all or nothing.

    ``edits``: ``{"id", "version", **changes}``; ``new``: ``{"stage_id", "title", ...}``;
    ``deleted``: step ids. A stale edit raises :class:`StaleEdit` and nothing is saved."""
    edits, new, deleted = edits or [], new or [], deleted or []
    with store.write() as uow:
        ws_id = journey_workshop(uow, actor, journey_id)
        known = uow.steps.ids_in(journey_id)
        for e in edits:
            e = dict(e)
            sid, version = e.pop("id"), e.pop("version")
            if sid not in known:
                raise NotFound("this step no longer exists (someone deleted it)",
                               key="error.gone.step", what="step")
            if e:
                uow.steps.save(sid, version, clean_step_fields(uow, journey_id, e), actor.name)
        added = []
        for n in new:
            n = dict(n)
            added.append(insert_step(uow, actor, journey_id, n.pop("stage_id"),
                                     n.pop("title", ""), n.pop("lane", "customer"),
                                     n.pop("channel", ""), n.pop("description", ""),
                                     n.pop("moment_of_truth", False), None))
        gone = [d for d in deleted if d in known]
        if gone:
            uow.steps.delete(*gone)
        if edits or added or gone:
            record_change(uow.conn, ws_id, "step.bulk", actor)
        uow.commit()
    return {"updated": len(edits), "added": added, "deleted": len(gone)}


# transitions -----------------------------------------------------------------------------

def add_transition(store: Store, actor: Actor, source_id: int, target_id: int,
                   label: str = "") -> int:
    label = clean_text(label, "label", max_len=200)
    with store.write() as uow:
        jid = uow.steps.journey_of(source_id)
        if uow.steps.journey_of(target_id) != jid:
            raise ValidationError("both steps must be in the same journey", "to",
                                  key="error.steps_other_journey")
        ws_id = journey_workshop(uow, actor, jid)
        if uow.transitions.exists(source_id, target_id):
            raise ValidationError("these two steps are already connected", "to",
                                  key="error.already_connected")
        tid = uow.transitions.add(jid, source_id, target_id, label, actor.name)
        record_change(uow.conn, ws_id, "transition.add", actor)
        uow.commit()
    return tid


def label_transition(store: Store, actor: Actor, transition_id: int, label: str) -> None:
    label = clean_text(label, "label", max_len=200)
    with store.write() as uow:
        ws_id = journey_workshop(uow, actor, uow.transitions.journey_of(transition_id))
        uow.transitions.set_label(transition_id, label)
        record_change(uow.conn, ws_id, "transition.update", actor)
        uow.commit()


def remove_transition(store: Store, actor: Actor, transition_id: int) -> None:
    with store.write() as uow:
        ws_id = journey_workshop(uow, actor, uow.transitions.journey_of(transition_id))
        uow.transitions.delete(transition_id)
        record_change(uow.conn, ws_id, "transition.delete", actor)
        uow.commit()
