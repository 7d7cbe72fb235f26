"""One's own input: reading it, deleting it, skipping a step, clearing a rating, and erasing a
participant with everything they wrote."""

from __future__ import annotations

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from journeymap.domain import rules
from journeymap.domain.errors import InvalidChoice, NotFound, PermissionDenied
from journeymap.domain.model import Perspective, Role
from journeymap.store import schema as T
from journeymap.store.repositories.rounds import current_round

from .base import Actor, Store, authorize, now, record_change
from .journeys import workshop_of_journey
from .visibility import acting_participant, step_row
from .voting import relink_opportunities


REPLY_TARGETS = ("rating", "pain_point", "highlight")
INPUT_KINDS = {"rating": T.ratings, "pain_point": T.pain_points, "highlight": T.highlights,
               "skip": T.skips}


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
                        "proposals": [], "round": current_round(c, journey_id)}
            pid = participant_id
        in_j = T.steps.c.journey_id == journey_id
        rnd = current_round(c, journey_id)  # a new round starts with an empty sheet

        def rows(table):
            return [dict(r._mapping) for r in c.execute(
                select(table, T.steps.c.title.label("step_title"),
                       T.steps.c.position.label("position"))
                .join(T.steps, T.steps.c.id == table.c.step_id)
                .where(in_j, table.c.participant_id == pid, table.c["round"] == rnd)
                .order_by(table.c.id))]

        ratings = {}
        rating_rows = rows(T.ratings)
        for r in rating_rows:
            ratings[(r["step_id"], r["perspective"])] = r
        return {"ratings": ratings, "rating_rows": rating_rows, "round": rnd,
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
        relink_opportunities(c, [gone], heir)


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
        rnd = current_round(c, step.journey_id)  # earlier rounds' answers are never touched
        c.execute(delete(T.skips).where(T.skips.c.step_id == step_id,
                                        T.skips.c.participant_id == pid,
                                        T.skips.c["round"] == rnd))
        if skipped:
            gone = list(c.execute(select(T.ratings.c.id).where(
                T.ratings.c.step_id == step_id, T.ratings.c.participant_id == pid,
                T.ratings.c.perspective == perspective.value,
                T.ratings.c["round"] == rnd)).scalars())
            _delete_items(c, "rating", gone)
            c.execute(insert(T.skips).values(step_id=step_id, participant_id=pid,
                                             created_at=now(), round=rnd))
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
        gone = list(c.execute(select(T.ratings.c.id).where(
            T.ratings.c.step_id == step_id, T.ratings.c.participant_id == pid,
            T.ratings.c.perspective == p.value,
            T.ratings.c["round"] == current_round(c, step.journey_id))).scalars())
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
