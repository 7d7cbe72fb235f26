"""Staff replies to what customers said, and what customers said as staff may read it."""

from __future__ import annotations

from journeymap.domain import rules
from journeymap.domain.errors import InvalidChoice, NotFound, PermissionDenied, ValidationError
from journeymap.domain.model import Role, clean_text

from .base import Actor, Store, authorize, record_change
from .journeys import workshop_of_journey
from .own_input import REPLY_TARGETS
from .visibility import acting_participant, policy


def _target(uow, kind: str, target_id: int):
    if kind not in REPLY_TARGETS:
        raise InvalidChoice("target", kind, REPLY_TARGETS)
    row = uow.replies.target(kind, target_id)
    if row is None:
        raise NotFound(f"this {kind.replace('_', ' ')} no longer exists",
                       key=f"error.gone.{kind}", what=kind)
    return row


def reply(store: Store, actor: Actor, target_kind: str, target_id: int, text: str) -> int:
    """Staff (or the facilitator) answer a customer's comment, pain point or highlight; the
    reply carries the author and shows on the customer's personal page."""
    text = clean_text(text, "text", required=True, max_len=2000)
    with store.write() as uow:
        c = uow.conn
        row = _target(uow, target_kind, target_id)
        ws = authorize(c, actor, row.workshop_id, "reply")
        if row.author_role != Role.CUSTOMER.value:
            raise ValidationError("replies answer customers' input", "target",
                                  key="error.reply_customers_only")
        pid, _ = acting_participant(c, actor, ws.id)
        rid = uow.replies.add(ws.id, target_kind, target_id, pid, text)
        record_change(c, ws.id, "reply", actor)
        uow.commit()
    return rid


def replies_for(store: Store, actor: Actor, participant_id: int | None = None) -> list[dict]:
    """The replies to one participant's input (the actor's own, or anyone's for the
    facilitator), newest first: what was said, on which step, by whom, and the reply."""
    with store.read() as uow:
        c = uow.conn
        if actor.kind == "participant":
            if participant_id not in (None, actor.participant_id):
                raise PermissionDenied("you can only read the replies to your own input",
                                       key="error.denied.replies_own")
            participant_id = actor.participant_id
            authorize(c, actor, actor.workshop_id, "view_map")
        else:
            if participant_id is None:
                raise ValidationError("say whose replies", "participant",
                                      key="error.whose_replies")
            ws_id = uow.participants.workshop_of(participant_id)
            if ws_id is None:
                raise NotFound("no such participant", key="error.no_participant",
                               what="participant")
            authorize(c, actor, ws_id, "run_workshop")
        out = []
        for kind in REPLY_TARGETS:
            for r in uow.replies.to_participant(kind, participant_id):
                d = dict(r._mapping)
                if d.pop("by_anonymous"):
                    d["by_name"] = ""
                d["target_kind"] = kind
                out.append(d)
    out.sort(key=lambda d: (d["created_at"], d["id"]), reverse=True)
    return out


def customer_input(store: Store, actor: Actor, journey_id: int) -> list[dict]:
    """Customers' comments, pain points and highlights in a journey, each with its replies,
    for staff to answer (staff from the Reveal on; the facilitator always)."""
    with store.read() as uow:
        c = uow.conn
        ws_id = workshop_of_journey(c, journey_id)
        pol = policy(c, actor, ws_id)
        if not pol.lived:
            rules.require(actor.role, "see_lived", pol.phase)
        people = {r.id: r for r in uow.participants.of_workshop(ws_id)}
        items = []
        for kind in REPLY_TARGETS:
            for r in uow.replies.customer_input(kind, journey_id):
                items.append({"kind": kind, "id": r.id, "step_title": r.step_title,
                              "position": r.position,
                              "text": r.comment if kind == "rating" else r.text,
                              "emotion": r.emotion if kind == "rating" else None,
                              "severity": r.severity if kind == "pain_point" else None,
                              "author": pol.name(people[r.participant_id]),
                              "participant_id": r.participant_id, "replies": []})
        if items:
            for r in uow.replies.of_workshop(ws_id):
                for it in items:
                    if it["kind"] == r.target_kind and it["id"] == r.target_id:
                        it["replies"].append({"text": r.text, "at": r.created_at,
                                              "by_name": "" if r.by_anonymous else r.by_name})
    items.sort(key=lambda d: (d["position"], d["kind"], d["id"]))
    return items
