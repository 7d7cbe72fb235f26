"""Staff replies to what customers said, and what customers said as staff may read it."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from journeymap.domain import rules
from journeymap.domain.errors import InvalidChoice, NotFound, PermissionDenied, ValidationError
from journeymap.domain.model import Role, clean_text
from journeymap.store import schema as T

from .base import Actor, Store, authorize, now, record_change
from .journeys import workshop_of_journey
from .own_input import INPUT_KINDS, REPLY_TARGETS
from .visibility import acting_participant, policy


def _target(conn: Connection, kind: str, target_id: int):
    if kind not in REPLY_TARGETS:
        raise InvalidChoice("target", kind, REPLY_TARGETS)
    table = INPUT_KINDS[kind]
    row = conn.execute(
        select(table, T.steps.c.title.label("step_title"), T.journeys.c.workshop_id,
               T.participants.c.role.label("author_role"))
        .join(T.steps, T.steps.c.id == table.c.step_id)
        .join(T.journeys, T.journeys.c.id == T.steps.c.journey_id)
        .join(T.participants, T.participants.c.id == table.c.participant_id)
        .where(table.c.id == target_id)).first()
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
        row = _target(c, target_kind, target_id)
        ws = authorize(c, actor, row.workshop_id, "reply")
        if row.author_role != Role.CUSTOMER.value:
            raise ValidationError("replies answer customers' input", "target",
                                  key="error.reply_customers_only")
        pid, _ = acting_participant(c, actor, ws.id)
        rid = c.execute(insert(T.replies).values(
            workshop_id=ws.id, target_kind=target_kind, target_id=target_id,
            participant_id=pid, text=text, created_at=now())).inserted_primary_key[0]
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
            ws_id = c.execute(select(T.participants.c.workshop_id)
                              .where(T.participants.c.id == participant_id)).scalar()
            if ws_id is None:
                raise NotFound("no such participant", key="error.no_participant",
                               what="participant")
            authorize(c, actor, ws_id, "run_workshop")
        out = []
        for kind in REPLY_TARGETS:
            table = INPUT_KINDS[kind]
            text_col = table.c.comment if kind == "rating" else table.c.text
            author = T.participants.alias("author")
            q = (select(T.replies.c.id, T.replies.c.text, T.replies.c.created_at,
                        T.replies.c.target_id, text_col.label("target_text"),
                        T.steps.c.title.label("step_title"),
                        author.c.name.label("by_name"), author.c.role.label("by_role"),
                        author.c.anonymous.label("by_anonymous"))
                 .join(table, table.c.id == T.replies.c.target_id)
                 .join(T.steps, T.steps.c.id == table.c.step_id)
                 .join(author, author.c.id == T.replies.c.participant_id)
                 .where(T.replies.c.target_kind == kind,
                        table.c.participant_id == participant_id))
            for r in c.execute(q):
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
        people = {r.id: r for r in c.execute(select(T.participants).where(
            T.participants.c.workshop_id == ws_id))}
        items = []
        for kind in REPLY_TARGETS:
            table = INPUT_KINDS[kind]
            q = (select(table, T.steps.c.title.label("step_title"),
                        T.steps.c.position.label("position"))
                 .join(T.steps, T.steps.c.id == table.c.step_id)
                 .join(T.participants, T.participants.c.id == table.c.participant_id)
                 .where(T.steps.c.journey_id == journey_id,
                        T.participants.c.role == Role.CUSTOMER.value))
            if kind == "rating":
                q = q.where(table.c.comment != "")
            for r in c.execute(q):
                items.append({"kind": kind, "id": r.id, "step_title": r.step_title,
                              "position": r.position,
                              "text": r.comment if kind == "rating" else r.text,
                              "emotion": r.emotion if kind == "rating" else None,
                              "severity": r.severity if kind == "pain_point" else None,
                              "author": pol.name(people[r.participant_id]),
                              "participant_id": r.participant_id, "replies": []})
        if items:
            author = T.participants.alias("author")
            for r in c.execute(select(T.replies, author.c.name.label("by_name"),
                                      author.c.anonymous.label("by_anonymous"))
                               .join(author, author.c.id == T.replies.c.participant_id)
                               .where(T.replies.c.workshop_id == ws_id)
                               .order_by(T.replies.c.id)):
                for it in items:
                    if it["kind"] == r.target_kind and it["id"] == r.target_id:
                        it["replies"].append({"text": r.text, "at": r.created_at,
                                              "by_name": "" if r.by_anonymous else r.by_name})
    items.sort(key=lambda d: (d["position"], d["kind"], d["id"]))
    return items
