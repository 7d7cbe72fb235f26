"""One's own input: reading it, deleting it, skipping a step, clearing a rating, and erasing a
participant with everything they wrote."""

from __future__ import annotations

from journeymap.domain import rules
from journeymap.domain.errors import InvalidChoice, NotFound, PermissionDenied
from journeymap.domain.model import Perspective, Role

from .base import Actor, Store, authorize, record_change
from .journeys import workshop_of_journey
from .visibility import acting_participant, step_row


REPLY_TARGETS = ("rating", "pain_point", "highlight")
#: what one gives on a step (erasure deletes them in this order)
INPUT_KINDS = ("rating", "pain_point", "highlight", "skip")


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
                        "proposals": [], "round": uow.rounds.current(journey_id)}
            pid = participant_id
        rnd = uow.rounds.current(journey_id)  # a new round starts with an empty sheet

        def rows(kind):
            return uow.inputs.of_participant(kind, journey_id, pid, rnd)

        ratings = {}
        rating_rows = rows("rating")
        for r in rating_rows:
            ratings[(r["step_id"], r["perspective"])] = r
        return {"ratings": ratings, "rating_rows": rating_rows, "round": rnd,
                "pain_points": rows("pain_point"), "highlights": rows("highlight"),
                "skips": {r["step_id"] for r in rows("skip")}, "skip_rows": rows("skip"),
                "proposals": [dict(r._mapping)
                              for r in uow.proposals.of_participant(journey_id, pid)]}


def delete_my_input(store: Store, actor: Actor, kind: str, item_id: int) -> None:
    """Delete one of one's own ratings, pain points, highlights or skips (``kind``), with the
    replies to it. An assumption is locked once assuming has closed (after the Reveal):
    deleting it then raises PhaseClosed, so the comparison's history stays truthful."""
    if kind not in INPUT_KINDS:
        raise InvalidChoice("kind", kind, list(INPUT_KINDS))
    with store.write() as uow:
        c = uow.conn
        row = uow.inputs.with_workshop(kind, item_id)
        if row is None:
            raise NotFound(f"this {kind.replace('_', ' ')} was already deleted",
                           key=f"error.gone.{kind}", what=kind)
        ws = authorize(c, actor, row.workshop_id, "delete_own")
        if actor.kind == "participant" and row.participant_id != actor.participant_id:
            raise PermissionDenied("you can only delete your own input",
                                   key="error.denied.delete_own")
        if getattr(row, "perspective", None) == Perspective.ASSUMED.value:
            authorize(c, actor, row.workshop_id, "rate_assumed")
        _delete_items(uow, kind, [item_id])
        record_change(c, ws.id, f"{kind}.delete", actor)
        uow.commit()


def _delete_items(uow, kind: str, ids: list[int], keep_votes_of: int | None = None) -> None:
    """Delete these rows of input of ``kind`` with the replies to them; a pain point's merged
    duplicates take its place (see :func:`_promote_merged`)."""
    if not ids:
        return
    if kind in REPLY_TARGETS:
        uow.replies.delete_to(kind, ids)
    if kind == "pain_point":
        _promote_merged(uow, ids, keep_votes_of)
    uow.inputs.delete_items(kind, ids)


def _promote_merged(uow, ids: list[int], keep_votes_of: int | None = None) -> None:
    """Before pain points go, duplicates merged into them take their place: the earliest
    becomes the new target and receives the votes (other people's votes are theirs)."""
    for gone in ids:
        merged = [m for m in uow.pain_points.merged_into(gone) if m not in ids]
        if not merged:
            continue
        heir, rest = merged[0], merged[1:]
        uow.pain_points.make_heir(heir, rest)
        uow.votes.move([gone], heir, except_participant=keep_votes_of)
        uow.opportunities.relink([gone], heir)


def skip_step(store: Store, actor: Actor, step_id: int, skipped: bool = True,
              participant_id: int | None = None) -> None:
    """"This didn't happen to me": mark the step skipped (and drop one's rating of it, since
    one did not live it) or unmark it."""
    with store.write() as uow:
        c = uow.conn
        step = step_row(c, step_id)
        ws_id = workshop_of_journey(c, step.journey_id)
        pid, role = acting_participant(c, actor, ws_id, participant_id)
        perspective = Perspective.default_for(role if role is not Role.FACILITATOR
                                              else Role.CUSTOMER)
        authorize(c, actor, ws_id, rules.PERSPECTIVE_ACTION[perspective.value])
        rnd = uow.rounds.current(step.journey_id)  # earlier rounds' answers are never touched
        if skipped:
            _delete_items(uow, "rating",
                          uow.inputs.rating_ids(step_id, pid, perspective.value, rnd))
        uow.inputs.set_skip(step.journey_id, step_id, pid, skipped, round=rnd)
        record_change(c, ws_id, "skip", actor)
        uow.commit()


def clear_rating(store: Store, actor: Actor, step_id: int, perspective: str | None = None,
                 participant_id: int | None = None) -> None:
    """Withdraw one's rating of a step (while rating is open for that perspective)."""
    with store.write() as uow:
        c = uow.conn
        step = step_row(c, step_id)
        ws_id = workshop_of_journey(c, step.journey_id)
        pid, role = acting_participant(c, actor, ws_id, participant_id)
        p = Perspective.parse(perspective, "perspective") if perspective else \
            Perspective.default_for(role if role is not Role.FACILITATOR else Role.CUSTOMER)
        authorize(c, actor, ws_id, rules.PERSPECTIVE_ACTION[p.value])
        rnd = uow.rounds.current(step.journey_id)
        _delete_items(uow, "rating", uow.inputs.rating_ids(step_id, pid, p.value, rnd))
        record_change(c, ws_id, "rating.delete", actor)
        uow.commit()


def erase_participant(store: Store, actor: Actor, participant_id: int) -> dict:
    """Right to erasure (facilitator): the participant and everything they gave are deleted —
    ratings, pain points, highlights, skips, votes, proposals, replies to and by them. The
    analysis reads the store afresh, so every aggregate is recomputed without them. Returns
    the counts deleted."""
    with store.write() as uow:
        c = uow.conn
        row = uow.participants.get(participant_id)
        if row is None:
            raise NotFound("this participant was already erased", key="error.gone.participant",
                           what="participant")
        ws = authorize(c, actor, row.workshop_id, "run_workshop")
        counts = {"votes": uow.votes.delete_by(participant_id),
                  "proposals": uow.proposals.delete_by(participant_id),
                  "replies": uow.replies.delete_by(participant_id)}
        for kind in INPUT_KINDS:
            ids = uow.inputs.ids_by(kind, participant_id)
            counts[kind] = len(ids)
            _delete_items(uow, kind, ids, keep_votes_of=participant_id)
        uow.participants.delete(participant_id)
        record_change(c, ws.id, "participant.erase", actor)
        uow.commit()
    return counts
