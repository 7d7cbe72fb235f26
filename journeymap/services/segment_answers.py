"""The questions at joining as a participant meets them: reading the workshop's questions and
giving (or taking back) one's own answers. Every question may be skipped. The facilitator's
side, writing the questions, is :mod:`journeymap.services.segments`."""

from __future__ import annotations

from journeymap.domain.errors import NotFound, PermissionDenied, ValidationError

from .base import Actor, Store, record_change


def segment_questions(store: Store, workshop_id: int) -> list[dict]:
    """The workshop's segment questions in order: ``[{"key", "question", "options":
    [(key, label), ...]}]`` (nothing personal: anyone joining may read them)."""
    with store.read() as uow:
        rows = uow.segments.of_workshop(workshop_id)
    return [{"key": r.key, "question": r.question, "options": [tuple(o) for o in r.options]}
            for r in rows]


def answer_segments(store: Store, actor: Actor, answers: dict) -> None:
    """Record a participant's own answers ``{segment key: option key or None}``; None (or a
    missing key) removes an earlier answer — every question may be skipped."""
    if actor.participant_id is None:
        raise PermissionDenied("only a participant answers these questions",
                               key="error.segment_not_participant")
    with store.write() as uow:
        ws = uow.participants.workshop_of(actor.participant_id)
        if ws is None:
            raise NotFound("no such participant", key="error.no_participant",
                           what="participant")
        defs = {r.key: (r.id, [o[0] for o in r.options])
                for r in uow.segments.of_workshop(ws)}
        for k, v in answers.items():
            if k not in defs:
                raise ValidationError(f"no segment '{k}' in this workshop", "segments",
                                      key="error.segment_unknown", segment=k)
            if v is not None and v not in defs[k][1]:
                raise ValidationError(f"'{v}' is not one of: {', '.join(defs[k][1])}", k,
                                      key="error.invalid_choice", value=v,
                                      choices=", ".join(defs[k][1]))
        for k, v in answers.items():
            uow.segments.set_answer(actor.participant_id, defs[k][0], v)
        record_change(uow.conn, ws, "segment.answer", actor)
        uow.commit()


__all__ = ["answer_segments", "segment_questions"]
