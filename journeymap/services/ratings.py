"""Input on steps: ratings, pain points, highlights, skips. One row each, with author and time.

A rating is one participant's view of one step in one perspective; rating again updates it
(an upsert, so a hundred people rating at once never lose a row)."""

from __future__ import annotations

from journeymap.domain import rules
from journeymap.domain.errors import PermissionDenied, ValidationError
from journeymap.domain.model import Highlight, PainPoint, Perspective, Rating

from .base import Actor, Store, authorize, record_change
from .batch import rating_writer


def _author(uow, actor: Actor, workshop_id: int, participant_id: int | None):
    """Who the input is written as (:func:`journeymap.domain.rules.input_author`)."""
    own = actor.participant_id if actor.kind == "participant" else None
    named_role = (uow.participants.role_in(participant_id, workshop_id)
                  if own is None and participant_id is not None else None)
    return rules.input_author(own, actor.role, participant_id, named_role)


def rate_step(store: Store, actor: Actor, step_id: int, emotion: float, *,
              perspective: str | None = None, effort: int | None = None,
              success: str | None = None, emotion_word: str = "", comment: str = "",
              participant_id: int | None = None) -> None:
    """Record (or update) one participant's rating of one step.

    Ratings arriving together are committed together (see :mod:`.batch`); this returns once
    this rating is safely stored, or raises the named error that refused it."""
    r = Rating(participant="-", step="-", emotion=emotion, emotion_word=emotion_word,
               effort=effort, success=success, comment=comment)
    rating_writer(store).submit(actor, step_id, participant_id, perspective, dict(
        emotion=r.emotion, emotion_word=r.emotion_word, effort=r.effort,
        success=r.success.value if r.success else None, comment=r.comment))


_UNSET = object()


def answer_step(store: Store, actor: Actor, step_id: int, *, perspective: str | None = None,
                emotion=_UNSET, effort=_UNSET, success=_UNSET, emotion_word=_UNSET,
                comment=_UNSET, participant_id: int | None = None) -> bool:
    """Change one part of one's rating of a step (the face, the effort, the success, the
    word or the comment) and keep the rest as stored: what one tap on the rating screen
    does. The first answer to a step must give the face. Returns whether anything changed
    (the same tap twice writes nothing); returns once the rating is committed.

    ``None`` for effort, success or emotion_word withdraws that part; the face itself is
    withdrawn only by :func:`clear_rating`."""
    given = {k: v for k, v in dict(emotion=emotion, effort=effort, success=success,
                                   emotion_word=emotion_word, comment=comment).items()
             if v is not _UNSET}
    if not given:
        return False
    if "emotion" in given and given["emotion"] is None:
        raise ValidationError("choose a face: clearing the rating is a separate action",
                              "emotion", key="error.face_required")
    probe = Rating(participant="-", step="-", emotion=given.get("emotion", 0),
                   emotion_word=given.get("emotion_word") or "",
                   effort=given.get("effort"), success=given.get("success"),
                   comment=given.get("comment") or "")
    values = {}
    for field in given:
        v = getattr(probe, field)
        values[field] = v.value if hasattr(v, "value") else v
    return rating_writer(store).submit(actor, step_id, participant_id, perspective, values,
                                      partial=True)


def add_pain_point(store: Store, actor: Actor, step_id: int, text: str, *, severity: int = 2,
                   pillar: str | None = None, perspective: str | None = None,
                   participant_id: int | None = None) -> int:
    with store.write() as uow:
        ctx = uow.inputs.step_context(step_id)
        pid, role = _author(uow, actor, ctx.workshop_id, participant_id)
        p = rules.rating_perspective(perspective, role)
        authorize(uow.conn, actor, ctx.workshop_id, rules.PERSPECTIVE_ACTION[p.value])
        pp = PainPoint(participant=str(pid), step=str(step_id), text=text, severity=severity,
                       pillar=pillar, perspective=p)
        ppid = uow.inputs.add_pain_point(ctx.journey_id, step_id, pid, pp.text, pp.severity,
                                         pp.pillar.value if pp.pillar else None, p.value)
        record_change(uow.conn, ctx.workshop_id, "pain_point", actor)
        uow.commit()
    return ppid


def add_highlight(store: Store, actor: Actor, step_id: int, text: str, *,
                  perspective: str | None = None, participant_id: int | None = None) -> int:
    with store.write() as uow:
        ctx = uow.inputs.step_context(step_id)
        pid, role = _author(uow, actor, ctx.workshop_id, participant_id)
        p = rules.rating_perspective(perspective, role)
        authorize(uow.conn, actor, ctx.workshop_id, rules.PERSPECTIVE_ACTION[p.value])
        h = Highlight(str(pid), str(step_id), text, p)
        hid = uow.inputs.add_highlight(ctx.journey_id, step_id, pid, h.text, p.value)
        record_change(uow.conn, ctx.workshop_id, "highlight", actor)
        uow.commit()
    return hid


def set_skip(store: Store, actor: Actor, step_id: int, skipped: bool = True,
             participant_id: int | None = None) -> None:
    """Mark (or unmark) "this didn't happen to me" for a step."""
    with store.write() as uow:
        ctx = uow.inputs.step_context(step_id)
        pid, role = _author(uow, actor, ctx.workshop_id, participant_id)
        authorize(uow.conn, actor, ctx.workshop_id,
                  rules.PERSPECTIVE_ACTION[Perspective.default_for(role).value])
        uow.inputs.set_skip(ctx.journey_id, step_id, pid, skipped)
        record_change(uow.conn, ctx.workshop_id, "skip", actor)
        uow.commit()


def ratings_of(store: Store, actor: Actor, participant_id: int, journey_id: int) -> list[dict]:
    """A participant's own ratings in a journey's current round (what their rating screen
    starts from)."""
    if actor.kind == "participant" and actor.participant_id != participant_id:
        raise PermissionDenied("you can only see your own input here",
                               key="error.denied.see_own")
    with store.read() as uow:
        return uow.inputs.ratings_of(participant_id, journey_id)
