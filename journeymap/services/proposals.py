"""Customers propose a missing step; the facilitator accepts it (it joins the map) or declines it.
"""

from __future__ import annotations

from sqlalchemy import insert, select, update

from journeymap.domain.errors import NotFound, ValidationError
from journeymap.domain.model import Lane, ProposalStatus, clean_text
from journeymap.store import schema as T

from .base import Actor, Store, now, record_change
from .journeys import workshop_of_journey
from .map_editing import insert_step
from .visibility import acting_participant, journey_workshop_row, policy, step_row


def propose_step(store: Store, actor: Actor, journey_id: int, title: str, *,
                 stage_id: int | None = None, after_step_id: int | None = None,
                 description: str = "", participant_id: int | None = None) -> int:
    """"Something is missing here": propose a step after ``after_step_id`` (in its stage, or
    in ``stage_id``). The facilitator accepts or declines it."""
    title = clean_text(title, "title", required=True, max_len=300)
    description = clean_text(description, "description")
    with store.write() as uow:
        c = uow.conn
        ws = journey_workshop_row(c, actor, journey_id, "propose_step")
        if after_step_id is not None:
            step = step_row(c, after_step_id)
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
        pid, _ = acting_participant(c, actor, ws.id, participant_id)
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
        ws = journey_workshop_row(c, actor, p.journey_id, "run_workshop")
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
