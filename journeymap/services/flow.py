"""The workshop flow: proposals, dot-voting, merging, replies, opportunities, one's own input,
erasure, live progress, and reads that show each person only what the phase allows.

Privacy in one rule: what a function returns depends on who asks and in which phase
(:func:`policy`). Everyone always sees their own input. Before the Reveal a customer never
receives an assumed number, an employee note or another person's name, and a staff member
never receives a lived number; after it both see the side-by-side picture. Anonymous
customers' names stay hidden from everyone but the facilitator.

Every write records a change, so every open screen follows within the poll interval.

>>> allowed = rules.allowed
>>> allowed(Role.CUSTOMER, "see_assumed", Phase.LISTEN), allowed(Role.CUSTOMER, "see_assumed", Phase.REVEAL)
(False, True)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection

from journeymap.domain import rules
from journeymap.domain.errors import InvalidChoice, NotFound, PermissionDenied, ValidationError
from journeymap.domain.model import (
    Journey,
    Lane,
    Opportunity,
    OpportunityStatus,
    Perspective,
    Phase,
    ProposalStatus,
    Role,
    clean_text,
)
from journeymap.store import schema as T

from .base import Actor, Store, authorize, now, record_change, workshop_row
from journeymap.store.repositories.rows import save_versioned
from journeymap.store.repositories.whole_journeys import read_journey

from .journeys import workshop_of_journey
from .map_editing import insert_step

DEFAULT_BUDGET = 5
MAX_VOTES_PER_PAIN_POINT = 2
#: lanes a customer walks through (the others are behind the line of visibility)
CUSTOMER_LANES = (Lane.CUSTOMER.value, Lane.FRONTSTAGE.value)
REPLY_TARGETS = ("rating", "pain_point", "highlight")
INPUT_KINDS = {"rating": T.ratings, "pain_point": T.pain_points, "highlight": T.highlights,
               "skip": T.skips}


# who may see what ----------------------------------------------------------------------

@dataclass(frozen=True)
class Policy:
    """What one actor may see in one workshop now."""

    phase: Phase
    me: int | None            # the actor's participant id (None for facilitator/system)
    facilitator: bool
    lived: bool
    assumed: bool
    employee: bool
    names: bool

    def sees(self, perspective: str, participant_id: int | None) -> bool:
        """May the actor see a row written in ``perspective`` by ``participant_id``?"""
        if self.facilitator or (self.me is not None and participant_id == self.me):
            return True
        return {"lived": self.lived, "assumed": self.assumed,
                "employee": self.employee}.get(perspective, False)

    def name(self, row) -> str:
        """The name of a participant row as the actor may see it ("" when hidden)."""
        if self.facilitator or (self.me is not None and row.id == self.me):
            return row.name
        if row.anonymous or not self.names:
            return ""
        return row.name


def policy(conn: Connection, actor: Actor, workshop_id: int) -> Policy:
    ws = authorize(conn, actor, workshop_id, "view_map")
    phase = Phase(ws.phase)
    if actor.kind != "participant":
        return Policy(phase, None, True, True, True, True, True)

    def ok(action):
        return rules.allowed(actor.role, action, phase)

    return Policy(phase, actor.participant_id, False, ok("see_lived"), ok("see_assumed"),
                  ok("see_employee"), ok("see_names"))


def _journey_ws(conn: Connection, actor: Actor, journey_id: int, action: str):
    ws_id = workshop_of_journey(conn, journey_id)
    return authorize(conn, actor, ws_id, action)


def _me(conn: Connection, actor: Actor, workshop_id: int,
        participant_id: int | None = None) -> tuple[int, Role]:
    """The participant an action is done as: the actor; for a facilitator (or the system)
    ``participant_id`` when given, else the facilitator's own participant row (made on first
    use, so replies and votes can be attributed)."""
    if actor.kind == "participant":
        if participant_id not in (None, actor.participant_id):
            raise PermissionDenied("you can only act as yourself", key="error.denied.act_as_self")
        return actor.participant_id, actor.role
    if participant_id is not None:
        row = conn.execute(select(T.participants.c.role).where(
            T.participants.c.id == participant_id,
            T.participants.c.workshop_id == workshop_id)).first()
        if row is None:
            raise NotFound("no such participant in this workshop",
                           key="error.no_participant", what="participant")
        return participant_id, Role(row.role)
    key = f"f{actor.account_id or 0}"
    pid = conn.execute(select(T.participants.c.id).where(
        T.participants.c.workshop_id == workshop_id, T.participants.c.key == key)).scalar()
    if pid is None:
        t = now()
        pid = conn.execute(insert(T.participants).values(
            workshop_id=workshop_id, key=key, name=(actor.name or "facilitator")[:120],
            role=Role.FACILITATOR.value, anonymous=False, account_id=actor.account_id,
            consent_at=t, last_seen=t, created_at=t)).inserted_primary_key[0]
    return pid, Role.FACILITATOR


def _step_row(conn: Connection, step_id: int):
    row = conn.execute(select(T.steps).where(T.steps.c.id == step_id)).first()
    if row is None:
        raise NotFound("this step no longer exists (someone deleted it)",
                       key="error.gone.step", what="step")
    return row


# proposals -----------------------------------------------------------------------------

def propose_step(store: Store, actor: Actor, journey_id: int, title: str, *,
                 stage_id: int | None = None, after_step_id: int | None = None,
                 description: str = "", participant_id: int | None = None) -> int:
    """"Something is missing here": propose a step after ``after_step_id`` (in its stage, or
    in ``stage_id``). The facilitator accepts or declines it."""
    title = clean_text(title, "title", required=True, max_len=300)
    description = clean_text(description, "description")
    with store.write() as uow:
        c = uow.conn
        ws = _journey_ws(c, actor, journey_id, "propose_step")
        if after_step_id is not None:
            step = _step_row(c, after_step_id)
            if step.journey_id != journey_id:
                raise ValidationError("that step is in another journey", "after",
                                      key="error.after_other_journey")
            stage_id = stage_id or step.stage_id
        if stage_id is None:
            raise ValidationError("say in which stage the step is missing", "stage",
                                  key="error.which_stage")
        ok = c.execute(select(T.stages.c.id).where(T.stages.c.id == stage_id,
                                                   T.stages.c.journey_id == journey_id)).first()
        if ok is None:
            raise ValidationError("no such stage in this journey", "stage",
                                  key="error.no_stage")
        pid, _ = _me(c, actor, ws.id, participant_id)
        prop_id = c.execute(insert(T.proposals).values(
            journey_id=journey_id, participant_id=pid, stage_id=stage_id,
            after_step_id=after_step_id, title=title, description=description,
            status=ProposalStatus.PENDING.value, decided_by="", created_at=now())
        ).inserted_primary_key[0]
        record_change(c, ws.id, "proposal.add", actor)
        uow.commit()
    return prop_id


def list_proposals(store: Store, actor: Actor, journey_id: int,
                   status: str | None = "pending") -> list[dict]:
    """Proposals of a journey: all of them for the facilitator, one's own for others."""
    with store.read() as uow:
        c = uow.conn
        ws_id = workshop_of_journey(c, journey_id)
        pol = policy(c, actor, ws_id)
        q = (select(T.proposals, T.stages.c.name.label("stage"),
                    T.steps.c.title.label("after_title"),
                    T.participants.c.name.label("by_name"),
                    T.participants.c.anonymous.label("by_anonymous"),
                    T.participants.c.role.label("by_role"))
             .join(T.stages, T.stages.c.id == T.proposals.c.stage_id)
             .join(T.participants, T.participants.c.id == T.proposals.c.participant_id)
             .outerjoin(T.steps, T.steps.c.id == T.proposals.c.after_step_id)
             .where(T.proposals.c.journey_id == journey_id).order_by(T.proposals.c.id))
        if status is not None:
            q = q.where(T.proposals.c.status == ProposalStatus.parse(status, "status").value)
        if not pol.facilitator:
            q = q.where(T.proposals.c.participant_id == pol.me)
        out = []
        for r in c.execute(q):
            d = dict(r._mapping)
            if d.pop("by_anonymous") and not pol.facilitator and r.participant_id != pol.me:
                d["by_name"] = ""
            d["after_title"] = d["after_title"] or ""
            out.append(d)
        return out


def decide_proposal(store: Store, actor: Actor, proposal_id: int, accept: bool,
                    lane: str = Lane.CUSTOMER.value) -> int | None:
    """Accept (the step is created in the proposed stage, right after the given step) or
    decline a pending proposal. Returns the new step's id when accepted."""
    with store.write() as uow:
        c = uow.conn
        p = c.execute(select(T.proposals).where(T.proposals.c.id == proposal_id)).first()
        if p is None:
            raise NotFound("this proposal no longer exists", key="error.gone.proposal",
                           what="proposal")
        ws = _journey_ws(c, actor, p.journey_id, "run_workshop")
        if p.status != ProposalStatus.PENDING.value:
            raise ValidationError(f"this proposal was already {p.status}", "status",
                                  key=f"error.proposal_already.{p.status}")
        step_id = None
        if accept:
            after = p.after_step_id
            if after is not None:
                row = c.execute(select(T.steps.c.stage_id).where(T.steps.c.id == after)).first()
                if row is None or row.stage_id != p.stage_id:
                    after = None
            if after is None:  # at the end of its stage (or where the stage would start)
                after = c.execute(select(T.steps.c.id).where(T.steps.c.stage_id == p.stage_id)
                                  .order_by(T.steps.c.position.desc(), T.steps.c.id.desc())
                                  .limit(1)).scalar()
            step_id = insert_step(uow, actor, p.journey_id, p.stage_id, p.title, lane, "",
                                  p.description, False, after)
        c.execute(update(T.proposals).where(T.proposals.c.id == proposal_id).values(
            status=(ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED).value,
            decided_by=actor.name[:120]))
        record_change(c, ws.id, "proposal.accept" if accept else "proposal.decline", actor)
        uow.commit()
    return step_id


# dot-voting ----------------------------------------------------------------------------

def _pain_context(conn: Connection, pain_point_id: int):
    row = conn.execute(
        select(T.pain_points, T.steps.c.journey_id, T.journeys.c.workshop_id)
        .join(T.steps, T.steps.c.id == T.pain_points.c.step_id)
        .join(T.journeys, T.journeys.c.id == T.steps.c.journey_id)
        .where(T.pain_points.c.id == pain_point_id)).first()
    if row is None:
        raise NotFound("this pain point no longer exists", key="error.gone.pain_point",
                       what="pain_point")
    return row


def _root(conn: Connection, pain_point_id: int) -> int:
    """The pain point a (possibly merged) pain point now counts toward."""
    seen = set()
    while True:
        nxt = conn.execute(select(T.pain_points.c.merged_into_id)
                           .where(T.pain_points.c.id == pain_point_id)).scalar()
        if nxt is None or nxt in seen:
            return pain_point_id
        seen.add(pain_point_id)
        pain_point_id = nxt


def budget(store: Store, actor: Actor, workshop_id: int,
           participant_id: int | None = None) -> dict:
    """``{"budget": 5, "used": 2, "remaining": 3}`` for the actor (or a named participant)."""
    with store.read() as uow:
        c = uow.conn
        ws = authorize(c, actor, workshop_id, "view_map")
        pid = actor.participant_id if actor.kind == "participant" else participant_id
        used = 0 if pid is None else _used(c, pid)
        total = ws.vote_budget or DEFAULT_BUDGET
        return {"budget": total, "used": used, "remaining": max(0, total - used)}


def _used(conn: Connection, participant_id: int) -> int:
    return conn.execute(select(func.count()).select_from(T.votes)
                        .where(T.votes.c.participant_id == participant_id)).scalar_one()


def vote(store: Store, actor: Actor, pain_point_id: int,
         participant_id: int | None = None) -> dict:
    """Put one of the actor's dots on a pain point (Prioritise only). At most
    :data:`MAX_VOTES_PER_PAIN_POINT` on one, at most the workshop's budget in all.
    Returns the actor's budget afterwards."""
    with store.write() as uow:
        c = uow.conn
        pp = _pain_context(c, pain_point_id)
        ws = authorize(c, actor, pp.workshop_id, "vote")
        pid, _ = _me(c, actor, ws.id, participant_id)
        # serialise one person's votes (a row lock on PostgreSQL; SQLite writes one at a time)
        c.execute(select(T.participants.c.id).where(T.participants.c.id == pid)
                  .with_for_update())
        target = _root(c, pain_point_id)
        total = ws.vote_budget or DEFAULT_BUDGET
        used = _used(c, pid)
        if used >= total:
            raise ValidationError(f"you have used all {total} of your votes; take one back "
                                  "to move it", "votes", key="error.votes_used_up", total=total)
        here = c.execute(select(func.count()).select_from(T.votes).where(
            T.votes.c.participant_id == pid, T.votes.c.pain_point_id == target)).scalar_one()
        if here >= MAX_VOTES_PER_PAIN_POINT:
            raise ValidationError(f"at most {MAX_VOTES_PER_PAIN_POINT} votes on one pain point",
                                  "votes", key="error.votes_per_pain_point",
                                  max=MAX_VOTES_PER_PAIN_POINT)
        c.execute(insert(T.votes).values(pain_point_id=target, participant_id=pid,
                                         created_at=now()))
        record_change(c, ws.id, "vote", actor)
        uow.commit()
    return {"budget": total, "used": used + 1, "remaining": total - used - 1}


def unvote(store: Store, actor: Actor, pain_point_id: int,
           participant_id: int | None = None) -> None:
    """Take back one of the actor's dots from a pain point (Prioritise only)."""
    with store.write() as uow:
        c = uow.conn
        pp = _pain_context(c, pain_point_id)
        ws = authorize(c, actor, pp.workshop_id, "vote")
        pid, _ = _me(c, actor, ws.id, participant_id)
        target = _root(c, pain_point_id)
        vid = c.execute(select(T.votes.c.id).where(
            T.votes.c.participant_id == pid, T.votes.c.pain_point_id == target)
            .order_by(T.votes.c.id.desc()).limit(1)).scalar()
        if vid is None:
            raise ValidationError("you have no vote on this pain point", "votes",
                                  key="error.no_vote")
        c.execute(delete(T.votes).where(T.votes.c.id == vid))
        record_change(c, ws.id, "unvote", actor)
        uow.commit()


def tally(store: Store, actor: Actor, journey_id: int) -> list[dict]:
    """The pain points of a journey the actor may see, most votes first, each with
    ``votes`` (imported + cast, merged ones included), ``mine`` (the actor's votes),
    ``merged`` (how many duplicates were merged into it) and ``authors`` (visible names)."""
    with store.read() as uow:
        c = uow.conn
        ws_id = workshop_of_journey(c, journey_id)
        pol = policy(c, actor, ws_id)
        rows = c.execute(
            select(T.pain_points, T.steps.c.title.label("step_title"),
                   T.steps.c.key.label("step_key"), T.steps.c.position)
            .join(T.steps, T.steps.c.id == T.pain_points.c.step_id)
            .where(T.steps.c.journey_id == journey_id).order_by(T.pain_points.c.id)).all()
        people = {r.id: r for r in c.execute(select(T.participants).where(
            T.participants.c.workshop_id == ws_id))}
        cast = defaultdict(int)
        mine = defaultdict(int)
        ids = [r.id for r in rows]
        if ids:
            for ppid, voter in c.execute(select(T.votes.c.pain_point_id,
                                                T.votes.c.participant_id)
                                         .where(T.votes.c.pain_point_id.in_(ids))):
                cast[ppid] += 1
                if pol.me is not None and voter == pol.me:
                    mine[ppid] += 1
    by_id = {r.id: r for r in rows}

    def root(i):
        seen = set()
        while by_id[i].merged_into_id is not None and by_id[i].merged_into_id in by_id \
                and i not in seen:
            seen.add(i)
            i = by_id[i].merged_into_id
        return i

    groups = defaultdict(list)
    for r in rows:
        groups[root(r.id)].append(r)
    out = []
    for rid, members in groups.items():
        r = by_id[rid]
        if not pol.sees(r.perspective, r.participant_id):
            continue
        authors, author_ids = [], []
        for m in members:
            p = people.get(m.participant_id)
            if p is not None and p.id not in author_ids:
                author_ids.append(p.id)
                authors.append(pol.name(p))
        out.append({
            "id": r.id, "key": r.key, "text": r.text, "severity": r.severity,
            "pillar": r.pillar, "perspective": r.perspective, "step_id": r.step_id,
            "step_title": r.step_title, "step_key": r.step_key, "position": r.position,
            "votes": sum(m.imported_votes + cast[m.id] for m in members),
            "mine": sum(mine[m.id] for m in members), "merged": len(members) - 1,
            "merged_texts": [m.text for m in members if m.id != rid],
            "authors": authors, "author_ids": author_ids,
            "own": pol.me is not None and pol.me in author_ids,
        })
    out.sort(key=lambda d: (-d["votes"], -d["severity"], d["position"], d["id"]))
    return out


def merge_pain_points(store: Store, actor: Actor, source_ids: list[int],
                      target_id: int) -> None:
    """Merge duplicate pain points into ``target_id`` (facilitator). The duplicates stay as
    rows (their authors are kept: they show as authors of the target) with
    ``merged_into_id`` set; their votes and imported votes move to the target, and actions
    linked to them now link to the target."""
    source_ids = [int(s) for s in source_ids if int(s) != int(target_id)]
    if not source_ids:
        raise ValidationError("choose at least one other pain point to merge", "sources",
                              key="error.merge_needs_other")
    with store.write() as uow:
        c = uow.conn
        target = _pain_context(c, target_id)
        ws = authorize(c, actor, target.workshop_id, "run_workshop")
        target_id = _root(c, target_id)
        for sid in source_ids:
            src = _pain_context(c, sid)
            if src.journey_id != target.journey_id:
                raise ValidationError("both pain points must be in the same journey",
                                      "sources", key="error.merge_other_journey")
            if _root(c, sid) == target_id:
                continue
            group = [sid] + list(c.execute(select(T.pain_points.c.id).where(
                T.pain_points.c.merged_into_id == sid)).scalars())
            c.execute(update(T.pain_points).where(T.pain_points.c.id.in_(group))
                      .values(merged_into_id=target_id))
            moved = c.execute(select(func.coalesce(func.sum(T.pain_points.c.imported_votes), 0))
                              .where(T.pain_points.c.id.in_(group))).scalar_one()
            c.execute(update(T.pain_points).where(T.pain_points.c.id.in_(group))
                      .values(imported_votes=0))
            c.execute(update(T.pain_points).where(T.pain_points.c.id == target_id)
                      .values(imported_votes=T.pain_points.c.imported_votes + moved))
            c.execute(update(T.votes).where(T.votes.c.pain_point_id.in_(group))
                      .values(pain_point_id=target_id))
            _relink_opportunities(c, group, target_id)
        record_change(c, ws.id, "pain_point.merge", actor)
        uow.commit()


def _relink_opportunities(c: Connection, old_ids: list[int], new_id: int) -> None:
    links = c.execute(select(T.opportunity_pain_points).where(
        T.opportunity_pain_points.c.pain_point_id.in_(old_ids))).all()
    if not links:
        return
    c.execute(delete(T.opportunity_pain_points).where(
        T.opportunity_pain_points.c.pain_point_id.in_(old_ids)))
    have = set(c.execute(select(T.opportunity_pain_points.c.opportunity_id).where(
        T.opportunity_pain_points.c.pain_point_id == new_id)).scalars())
    for oid in {ln.opportunity_id for ln in links} - have:
        c.execute(insert(T.opportunity_pain_points).values(opportunity_id=oid,
                                                           pain_point_id=new_id))


# replies -------------------------------------------------------------------------------

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
        pid, _ = _me(c, actor, ws.id)
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


# opportunities -------------------------------------------------------------------------

def _clean_opportunity(changes: dict) -> dict:
    out = {}
    for k, v in changes.items():
        if k == "title":
            out[k] = clean_text(v, "title", required=True, max_len=300)
        elif k == "owner":
            out[k] = clean_text(v, "owner", max_len=120)
        elif k == "status":
            out[k] = OpportunityStatus.parse(v, "status").value
        elif k == "due":
            out[k] = Opportunity(title="x", due=v).due if v not in (None, "") else None
            if out[k] is not None and not isinstance(out[k], dt.date):
                raise ValidationError("expected a date like 2026-12-31", "due",
                                      key="error.expected_date")
        elif k != "pain_point_ids":
            raise NotFound(f"an opportunity has no field {k}", key="error.no_field.opportunity",
                           what="field", field=k)
    return out


def _link(c: Connection, journey_id: int, opportunity_id: int, pain_point_ids) -> None:
    ids = [int(i) for i in dict.fromkeys(pain_point_ids or [])]
    if ids:
        found = set(c.execute(select(T.pain_points.c.id)
                              .join(T.steps, T.steps.c.id == T.pain_points.c.step_id)
                              .where(T.pain_points.c.id.in_(ids),
                                     T.steps.c.journey_id == journey_id)).scalars())
        missing = [i for i in ids if i not in found]
        if missing:
            raise ValidationError(f"no pain point {missing[0]} in this journey", "pain_points",
                                  key="error.no_pain_point", id=missing[0])
        ids = list(dict.fromkeys(_root(c, i) for i in ids))
    c.execute(delete(T.opportunity_pain_points).where(
        T.opportunity_pain_points.c.opportunity_id == opportunity_id))
    for i in ids:
        c.execute(insert(T.opportunity_pain_points).values(opportunity_id=opportunity_id,
                                                           pain_point_id=i))


def create_opportunity(store: Store, actor: Actor, journey_id: int, title: str, *,
                       owner: str = "", due=None, status: str = "open",
                       pain_point_ids=()) -> int:
    values = _clean_opportunity(dict(title=title, owner=owner, due=due, status=status))
    with store.write() as uow:
        c = uow.conn
        ws = _journey_ws(c, actor, journey_id, "manage_actions")
        t = now()
        oid = c.execute(insert(T.opportunities).values(
            journey_id=journey_id, version=1, created_at=t, updated_at=t,
            updated_by=actor.name[:120], **values)).inserted_primary_key[0]
        _link(c, journey_id, oid, pain_point_ids)
        record_change(c, ws.id, "opportunity.add", actor)
        uow.commit()
    return oid


def update_opportunity(store: Store, actor: Actor, opportunity_id: int, expected_version: int,
                       **changes) -> dict:
    """Change title, owner, due, status or ``pain_point_ids`` of an opportunity saved at
    ``expected_version``; a stale save raises StaleEdit with what it says now."""
    values = _clean_opportunity(changes)
    with store.write() as uow:
        c = uow.conn
        jid = c.execute(select(T.opportunities.c.journey_id)
                        .where(T.opportunities.c.id == opportunity_id)).scalar()
        if jid is None:
            raise NotFound("this action was deleted by someone else", key="error.gone.action",
                           what="action")
        ws = _journey_ws(c, actor, jid, "manage_actions")
        row = save_versioned(c, T.opportunities, opportunity_id, expected_version, values,
                             "action", actor.name)
        if "pain_point_ids" in changes:
            _link(c, jid, opportunity_id, changes["pain_point_ids"])
        record_change(c, ws.id, "opportunity.update", actor)
        uow.commit()
    return row


def delete_opportunity(store: Store, actor: Actor, opportunity_id: int) -> None:
    with store.write() as uow:
        c = uow.conn
        jid = c.execute(select(T.opportunities.c.journey_id)
                        .where(T.opportunities.c.id == opportunity_id)).scalar()
        if jid is None:
            raise NotFound("this action was already deleted", key="error.gone.action",
                           what="action")
        ws = _journey_ws(c, actor, jid, "manage_actions")
        c.execute(delete(T.opportunities).where(T.opportunities.c.id == opportunity_id))
        record_change(c, ws.id, "opportunity.delete", actor)
        uow.commit()


def list_opportunities(store: Store, actor: Actor, journey_id: int) -> list[dict]:
    """The journey's opportunities with their linked pain points (id, key, text, votes)."""
    with store.read() as uow:
        c = uow.conn
        _journey_ws(c, actor, journey_id, "view_map")
        rows = c.execute(select(T.opportunities).where(T.opportunities.c.journey_id == journey_id)
                         .order_by(T.opportunities.c.id)).all()
        links = defaultdict(list)
        if rows:
            for r in c.execute(
                    select(T.opportunity_pain_points.c.opportunity_id, T.pain_points.c.id,
                           T.pain_points.c.key, T.pain_points.c.text)
                    .join(T.pain_points,
                          T.pain_points.c.id == T.opportunity_pain_points.c.pain_point_id)
                    .where(T.opportunity_pain_points.c.opportunity_id.in_([r.id for r in rows]))
                    .order_by(T.pain_points.c.id)):
                links[r.opportunity_id].append({"id": r.id, "key": r.key, "text": r.text})
    return [dict(r._mapping, pain_points=links[r.id]) for r in rows]


def opportunities_csv(store: Store, actor: Actor, journey_id: int) -> str:
    """The opportunities as CSV (title, owner, due, status, pain points)."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["title", "owner", "due", "status", "pain_points", "pain_point_texts",
                "version", "updated_by"])
    for o in list_opportunities(store, actor, journey_id):
        w.writerow([o["title"], o["owner"], o["due"].isoformat() if o["due"] else "",
                    o["status"], " ".join(p["key"] for p in o["pain_points"]),
                    " | ".join(p["text"] for p in o["pain_points"]), o["version"],
                    o["updated_by"]])
    return buf.getvalue()


# one's own input -----------------------------------------------------------------------

def my_input(store: Store, actor: Actor, journey_id: int,
             participant_id: int | None = None) -> dict:
    """Everything one participant gave in a journey: ``ratings`` (by step id and
    perspective), ``pain_points``, ``highlights`` (lists), ``skips`` (step ids),
    ``proposals``. A participant sees only their own; the facilitator anyone's."""
    with store.read() as uow:
        c = uow.conn
        ws_id = workshop_of_journey(c, journey_id)
        authorize(c, actor, ws_id, "view_map")
        if actor.kind == "participant":
            if participant_id not in (None, actor.participant_id):
                raise PermissionDenied("you can only see your own input here",
                                       key="error.denied.see_own")
            pid = actor.participant_id
        else:
            if participant_id is None:
                return {"ratings": {}, "pain_points": [], "highlights": [], "skips": set(),
                        "proposals": []}
            pid = participant_id
        in_j = T.steps.c.journey_id == journey_id

        def rows(table):
            return [dict(r._mapping) for r in c.execute(
                select(table, T.steps.c.title.label("step_title"),
                       T.steps.c.position.label("position"))
                .join(T.steps, T.steps.c.id == table.c.step_id)
                .where(in_j, table.c.participant_id == pid).order_by(table.c.id))]

        ratings = {}
        rating_rows = rows(T.ratings)
        for r in rating_rows:
            ratings[(r["step_id"], r["perspective"])] = r
        return {"ratings": ratings, "rating_rows": rating_rows,
                "pain_points": rows(T.pain_points), "highlights": rows(T.highlights),
                "skips": {r["step_id"] for r in rows(T.skips)}, "skip_rows": rows(T.skips),
                "proposals": [dict(r._mapping) for r in c.execute(
                    select(T.proposals).where(T.proposals.c.journey_id == journey_id,
                                              T.proposals.c.participant_id == pid)
                    .order_by(T.proposals.c.id))]}


def delete_my_input(store: Store, actor: Actor, kind: str, item_id: int) -> None:
    """Delete one of one's own ratings, pain points, highlights or skips (``kind``), with the
    replies to it. An assumption is locked once assuming has closed (after the Reveal):
    deleting it then raises PhaseClosed, so the comparison's history stays truthful."""
    if kind not in INPUT_KINDS:
        raise InvalidChoice("kind", kind, list(INPUT_KINDS))
    table = INPUT_KINDS[kind]
    with store.write() as uow:
        c = uow.conn
        row = c.execute(select(table, T.journeys.c.workshop_id)
                        .join(T.steps, T.steps.c.id == table.c.step_id)
                        .join(T.journeys, T.journeys.c.id == T.steps.c.journey_id)
                        .where(table.c.id == item_id)).first()
        if row is None:
            raise NotFound(f"this {kind.replace('_', ' ')} was already deleted",
                           key=f"error.gone.{kind}", what=kind)
        ws = authorize(c, actor, row.workshop_id, "delete_own")
        if actor.kind == "participant" and row.participant_id != actor.participant_id:
            raise PermissionDenied("you can only delete your own input",
                                   key="error.denied.delete_own")
        if getattr(row, "perspective", None) == Perspective.ASSUMED.value:
            authorize(c, actor, row.workshop_id, "rate_assumed")
        _delete_items(c, kind, [item_id])
        record_change(c, ws.id, f"{kind}.delete", actor)
        uow.commit()


def _delete_items(c: Connection, kind: str, ids: list[int]) -> None:
    if not ids:
        return
    if kind in REPLY_TARGETS:
        c.execute(delete(T.replies).where(T.replies.c.target_kind == kind,
                                          T.replies.c.target_id.in_(ids)))
    if kind == "pain_point":
        _promote_merged(c, ids)
    table = INPUT_KINDS[kind]
    c.execute(delete(table).where(table.c.id.in_(ids)))


def _promote_merged(c: Connection, ids: list[int], keep_votes_of: int | None = None) -> None:
    """Before pain points go, duplicates merged into them take their place: the earliest
    becomes the new target and receives the votes (other people's votes are theirs)."""
    for gone in ids:
        merged = list(c.execute(select(T.pain_points.c.id).where(
            T.pain_points.c.merged_into_id == gone).order_by(T.pain_points.c.id)).scalars())
        merged = [m for m in merged if m not in ids]
        if not merged:
            continue
        heir, rest = merged[0], merged[1:]
        c.execute(update(T.pain_points).where(T.pain_points.c.id == heir)
                  .values(merged_into_id=None))
        if rest:
            c.execute(update(T.pain_points).where(T.pain_points.c.id.in_(rest))
                      .values(merged_into_id=heir))
        q = update(T.votes).where(T.votes.c.pain_point_id == gone)
        if keep_votes_of is not None:
            q = q.where(T.votes.c.participant_id != keep_votes_of)
        c.execute(q.values(pain_point_id=heir))
        _relink_opportunities(c, [gone], heir)


def skip_step(store: Store, actor: Actor, step_id: int, skipped: bool = True,
              participant_id: int | None = None) -> None:
    """"This didn't happen to me": mark the step skipped (and drop one's rating of it, since
    one did not live it) or unmark it."""
    with store.write() as uow:
        c = uow.conn
        step = _step_row(c, step_id)
        ws_id = workshop_of_journey(c, step.journey_id)
        pid, role = _me(c, actor, ws_id, participant_id)
        perspective = Perspective.default_for(role if role is not Role.FACILITATOR
                                              else Role.CUSTOMER)
        authorize(c, actor, ws_id, rules.PERSPECTIVE_ACTION[perspective.value])
        c.execute(delete(T.skips).where(T.skips.c.step_id == step_id,
                                        T.skips.c.participant_id == pid))
        if skipped:
            gone = list(c.execute(select(T.ratings.c.id).where(
                T.ratings.c.step_id == step_id, T.ratings.c.participant_id == pid,
                T.ratings.c.perspective == perspective.value)).scalars())
            _delete_items(c, "rating", gone)
            c.execute(insert(T.skips).values(step_id=step_id, participant_id=pid,
                                             created_at=now()))
        record_change(c, ws_id, "skip", actor)
        uow.commit()


def clear_rating(store: Store, actor: Actor, step_id: int, perspective: str | None = None,
                 participant_id: int | None = None) -> None:
    """Withdraw one's rating of a step (while rating is open for that perspective)."""
    with store.write() as uow:
        c = uow.conn
        step = _step_row(c, step_id)
        ws_id = workshop_of_journey(c, step.journey_id)
        pid, role = _me(c, actor, ws_id, participant_id)
        p = Perspective.parse(perspective, "perspective") if perspective else \
            Perspective.default_for(role if role is not Role.FACILITATOR else Role.CUSTOMER)
        authorize(c, actor, ws_id, rules.PERSPECTIVE_ACTION[p.value])
        gone = list(c.execute(select(T.ratings.c.id).where(
            T.ratings.c.step_id == step_id, T.ratings.c.participant_id == pid,
            T.ratings.c.perspective == p.value)).scalars())
        _delete_items(c, "rating", gone)
        record_change(c, ws_id, "rating.delete", actor)
        uow.commit()


def erase_participant(store: Store, actor: Actor, participant_id: int) -> dict:
    """Right to erasure (facilitator): the participant and everything they gave are deleted —
    ratings, pain points, highlights, skips, votes, proposals, replies to and by them. The
    analysis reads the store afresh, so every aggregate is recomputed without them. Returns
    the counts deleted."""
    with store.write() as uow:
        c = uow.conn
        row = c.execute(select(T.participants).where(T.participants.c.id == participant_id)
                        ).first()
        if row is None:
            raise NotFound("this participant was already erased", key="error.gone.participant",
                           what="participant")
        ws = authorize(c, actor, row.workshop_id, "run_workshop")
        counts = {}
        for name, table in (("votes", T.votes), ("proposals", T.proposals),
                            ("replies", T.replies)):
            counts[name] = c.execute(delete(table).where(
                table.c.participant_id == participant_id)).rowcount
        for kind, table in INPUT_KINDS.items():
            ids = list(c.execute(select(table.c.id).where(
                table.c.participant_id == participant_id)).scalars())
            counts[kind] = len(ids)
            if kind == "pain_point":
                _promote_merged(c, ids, keep_votes_of=participant_id)
            if kind in REPLY_TARGETS and ids:
                c.execute(delete(T.replies).where(T.replies.c.target_kind == kind,
                                                  T.replies.c.target_id.in_(ids)))
            if ids:
                c.execute(delete(table).where(table.c.id.in_(ids)))
        c.execute(delete(T.participants).where(T.participants.c.id == participant_id))
        record_change(c, ws.id, "participant.erase", actor)
        uow.commit()
    return counts


# live progress -------------------------------------------------------------------------

def progress(store: Store, actor: Actor, journey_id: int) -> dict:
    """The facilitator's live view: per participant (staff and customers) the steps they
    answered (rated or skipped) of those they are asked to rate, and when they were last seen; per step the number of ratings in each
    perspective, skips and pain points."""
    with store.read() as uow:
        c = uow.conn
        ws = _journey_ws(c, actor, journey_id, "run_workshop")
        steps = c.execute(select(T.steps.c.id, T.steps.c.key, T.steps.c.title, T.steps.c.lane)
                          .where(T.steps.c.journey_id == journey_id)
                          .order_by(T.steps.c.position, T.steps.c.id)).all()
        step_ids = [s.id for s in steps]
        people = c.execute(select(T.participants).where(
            T.participants.c.workshop_id == ws.id,
            T.participants.c.role != Role.FACILITATOR.value)
            .order_by(T.participants.c.id)).all()
        in_j = T.steps.c.journey_id == journey_id
        rated = defaultdict(set)
        counts = defaultdict(lambda: defaultdict(int))
        for pid, sid, persp in c.execute(
                select(T.ratings.c.participant_id, T.ratings.c.step_id,
                       T.ratings.c.perspective)
                .join(T.steps, T.steps.c.id == T.ratings.c.step_id).where(in_j)):
            if persp != Perspective.EMPLOYEE.value:
                rated[pid].add(sid)
            counts[sid][persp] += 1
        skipped = defaultdict(set)
        for pid, sid in c.execute(select(T.skips.c.participant_id, T.skips.c.step_id)
                                  .join(T.steps, T.steps.c.id == T.skips.c.step_id)
                                  .where(in_j)):
            skipped[pid].add(sid)
            counts[sid]["skipped"] += 1
        pains = defaultdict(int)
        for pid, sid in c.execute(select(T.pain_points.c.participant_id,
                                         T.pain_points.c.step_id)
                                  .join(T.steps, T.steps.c.id == T.pain_points.c.step_id)
                                  .where(in_j)):
            pains[pid] += 1
            counts[sid]["pain_points"] += 1
    # what each person is asked to rate: customer and frontstage steps (customers see only
    # those; staff give their own employee view on backstage and support steps, not a rating)
    countable = {s.id for s in steps if s.lane in CUSTOMER_LANES}
    customer_steps = len(countable)
    return {
        "phase": ws.phase,
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


# reads that respect the phase ----------------------------------------------------------

def visible_journey(store: Store, actor: Actor, journey_id: int) -> Journey:
    """The journey with only what the actor may see now (for charts and tables): other
    people's lived / assumed / employee input only when the phase allows it, names hidden
    where they must be, staff comments never shown to customers."""
    with store.read() as uow:
        c = uow.conn
        ws_id = workshop_of_journey(c, journey_id)
        pol = policy(c, actor, ws_id)
        j = read_journey(c, journey_id)
        if pol.facilitator:
            return j
        people = {r.key: r for r in c.execute(select(T.participants).where(
            T.participants.c.workshop_id == ws_id))}
    ids = {k: r.id for k, r in people.items()}

    def ok(x):
        return pol.sees(str(x.perspective), ids.get(x.participant))

    j.ratings = [r for r in j.ratings if ok(r)]
    j.pain_points = [p for p in j.pain_points if ok(p)]
    j.highlights = [h for h in j.highlights if ok(h)]
    if not pol.lived:
        j.skips = [s for s in j.skips if ids.get(s.participant) == pol.me]
        j.proposals = [p for p in j.proposals if ids.get(p.participant) == pol.me]
    if actor.role is Role.CUSTOMER:
        for r in j.ratings:
            if ids.get(r.participant) != pol.me and r.perspective != Perspective.LIVED:
                r.comment = ""
    for p in j.participants:
        row = people.get(p.key)
        if row is not None and not pol.name(row):
            p.name = ""
            p.anonymous = True
    return j


def phase_signature(store: Store, workshop_id: int, journey_id: int | None = None) -> tuple:
    """A cheap fingerprint of what the rating screen depends on (phase, the steps): it
    changes when the facilitator moves the phase or the map changes, and not when someone
    rates — so a hundred people rating do not rerun each other's screens."""
    with store.read() as uow:
        c = uow.conn
        ws = workshop_row(c, workshop_id)
        if journey_id is None:
            return (ws.phase, ws.version)
        n, v = c.execute(select(func.count(), func.coalesce(func.sum(T.steps.c.version), 0))
                         .where(T.steps.c.journey_id == journey_id)).one()
        pos = c.execute(select(func.coalesce(func.sum(T.steps.c.position * T.steps.c.id), 0))
                        .where(T.steps.c.journey_id == journey_id)).scalar_one()
        return (ws.phase, ws.version, n, v, pos)


def journey_steps(store: Store, actor: Actor, journey_id: int,
                  lanes: tuple[str, ...] | None = None) -> list[dict]:
    """The journey's steps in order, with their stage name (optionally only some lanes)."""
    with store.read() as uow:
        c = uow.conn
        _journey_ws(c, actor, journey_id, "view_map")
        q = (select(T.steps, T.stages.c.name.label("stage_name"),
                    T.stages.c.position.label("stage_position"))
             .join(T.stages, T.stages.c.id == T.steps.c.stage_id)
             .where(T.steps.c.journey_id == journey_id)
             .order_by(T.stages.c.position, T.steps.c.position, T.steps.c.id))
        if lanes:
            q = q.where(T.steps.c.lane.in_(lanes))
        return [dict(r._mapping) for r in c.execute(q)]


def touch(store: Store, actor: Actor) -> None:
    """Note that a participant is active now (for the facilitator's "last seen")."""
    if actor.kind != "participant":
        return
    with store.write() as uow:
        uow.conn.execute(update(T.participants)
                         .where(T.participants.c.id == actor.participant_id)
                         .values(last_seen=now()))
        uow.commit()


__all__ = [
    "Policy", "budget", "clear_rating", "create_opportunity", "customer_input",
    "decide_proposal", "delete_my_input", "delete_opportunity", "erase_participant",
    "journey_steps", "list_opportunities", "list_proposals", "merge_pain_points", "my_input",
    "opportunities_csv", "phase_signature", "policy", "progress", "propose_step", "replies_for",
    "reply", "skip_step", "tally", "touch", "unvote", "update_opportunity", "visible_journey",
    "vote",
]
