"""Customers propose a missing step; the facilitator accepts it (it joins the map) or
declines it."""

from __future__ import annotations

from journeymap.domain.errors import NotFound, ValidationError
from journeymap.domain.model import Lane, ProposalStatus, clean_text

from .base import Actor, Store, record_change
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
        if not uow.stages.exists_in(stage_id, journey_id):
            raise ValidationError("no such stage in this journey", "stage",
                                  key="error.no_stage")
        pid, _ = acting_participant(c, actor, ws.id, participant_id)
        prop_id = uow.proposals.add(journey_id, pid, stage_id, after_step_id, title,
                                    description, ProposalStatus.PENDING.value)
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
        rows = uow.proposals.of_journey(
            journey_id,
            status=None if status is None else ProposalStatus.parse(status, "status").value,
            participant_id=None if pol.facilitator else pol.me)
        out = []
        for r in rows:
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
        p = uow.proposals.get(proposal_id)
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
                row = uow.steps.get(after)
                if row is None or row.stage_id != p.stage_id:
                    after = None
            if after is None:  # at the end of its stage (or where the stage would start)
                after = uow.steps.last_in_stage(p.stage_id)
            step_id = insert_step(uow, actor, p.journey_id, p.stage_id, p.title, lane, "",
                                  p.description, False, after)
        uow.proposals.decide(
            proposal_id, (ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED).value,
            actor.name)
        record_change(c, ws.id, "proposal.accept" if accept else "proposal.decline", actor)
        uow.commit()
    return step_id
