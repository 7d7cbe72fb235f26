"""Input on steps: ratings, pain points, highlights, skips. One row each, with author and time.

A rating is one participant's view of one step in one perspective; rating again updates it
(an upsert, so a hundred people rating at once never lose a row)."""

from __future__ import annotations

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection

from journeymap.domain import rules
from journeymap.domain.errors import NotFound, PermissionDenied, ValidationError
from journeymap.domain.model import (
    Highlight,
    PainPoint,
    Perspective,
    Rating,
    Role,
)
from journeymap.store import schema as T

from .base import Actor, Store, authorize, now, record_change
from .rounds import current_round


def _step_context(conn: Connection, step_id: int):
    row = conn.execute(
        select(T.steps.c.id, T.steps.c.journey_id, T.steps.c.lane, T.journeys.c.workshop_id)
        .join(T.journeys, T.journeys.c.id == T.steps.c.journey_id)
        .where(T.steps.c.id == step_id)).first()
    if row is None:
        raise NotFound("this step no longer exists (someone deleted it)",
                       key="error.gone.step", what="step")
    return row


def _author(conn: Connection, actor: Actor, workshop_id: int,
            participant_id: int | None) -> tuple[int, Role]:
    """The participant the input is written as: the actor, or (system/facilitator) anyone."""
    if actor.kind == "participant":
        if participant_id not in (None, actor.participant_id):
            raise PermissionDenied("you can only write your own input",
                                   key="error.denied.write_own")
        return actor.participant_id, actor.role
    if participant_id is None:
        raise ValidationError("say which participant this is from", "participant",
                              key="error.which_participant")
    row = conn.execute(select(T.participants.c.role).where(
        T.participants.c.id == participant_id,
        T.participants.c.workshop_id == workshop_id)).first()
    if row is None:
        raise NotFound("no such participant in this workshop", key="error.no_participant",
                       what="participant")
    return participant_id, Role(row.role)


def _perspective(perspective, role: Role) -> Perspective:
    p = Perspective.default_for(role) if perspective is None else \
        Perspective.parse(perspective, "perspective")
    if role is Role.CUSTOMER and p is not Perspective.LIVED:
        raise PermissionDenied("customers rate what they lived",
                               key="error.denied.customers_rate_lived")
    if role is Role.STAFF and p is Perspective.LIVED:
        raise PermissionDenied("staff record assumed or employee views, not lived ones",
                               key="error.denied.staff_not_lived")
    return p


def upsert_ratings(conn: Connection, rows: list[dict]) -> None:
    """Insert ratings, or update the one already there for (step, participant, perspective,
    round); each row names its round."""
    keys = ("step_id", "participant_id", "perspective", "round")
    dialect = conn.dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:  # pragma: no cover - other databases are not supported
        raise NotImplementedError(dialect)
    stmt = dialect_insert(T.ratings)
    changing = {c: stmt.excluded[c] for c in ("emotion", "emotion_word", "effort", "success",
                                               "comment", "updated_at")}
    conn.execute(stmt.on_conflict_do_update(index_elements=list(keys), set_=changing), rows)


def rate_step(store: Store, actor: Actor, step_id: int, emotion: float, *,
              perspective: str | None = None, effort: int | None = None,
              success: str | None = None, emotion_word: str = "", comment: str = "",
              participant_id: int | None = None) -> None:
    """Record (or update) one participant's rating of one step.

    Ratings arriving together are committed together (see :mod:`.batch`); this returns once
    this rating is safely stored, or raises the named error that refused it."""
    r = Rating(participant="-", step="-", emotion=emotion, emotion_word=emotion_word,
               effort=effort, success=success, comment=comment)
    store.rating_writer.submit(actor, step_id, participant_id, perspective, dict(
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
    return store.rating_writer.submit(actor, step_id, participant_id, perspective, values,
                                      partial=True)


def add_pain_point(store: Store, actor: Actor, step_id: int, text: str, *, severity: int = 2,
                   pillar: str | None = None, perspective: str | None = None,
                   participant_id: int | None = None) -> int:
    with store.write() as uow:
        c = uow.conn
        ctx = _step_context(c, step_id)
        pid, role = _author(c, actor, ctx.workshop_id, participant_id)
        p = _perspective(perspective, role)
        authorize(c, actor, ctx.workshop_id, rules.PERSPECTIVE_ACTION[p.value])
        pp = PainPoint(participant=str(pid), step=str(step_id), text=text, severity=severity,
                       pillar=pillar, perspective=p)
        n = c.execute(select(func.count()).select_from(T.pain_points)
                      .join(T.steps, T.steps.c.id == T.pain_points.c.step_id)
                      .where(T.steps.c.journey_id == ctx.journey_id)).scalar_one()
        keys = set(c.execute(select(T.pain_points.c.key)
                             .join(T.steps, T.steps.c.id == T.pain_points.c.step_id)
                             .where(T.steps.c.journey_id == ctx.journey_id)).scalars())
        n += 1
        while f"pp{n}" in keys:
            n += 1
        ppid = c.execute(insert(T.pain_points).values(
            step_id=step_id, participant_id=pid, key=f"pp{n}", text=pp.text,
            severity=pp.severity, pillar=pp.pillar.value if pp.pillar else None,
            perspective=p.value, imported_votes=0, created_at=now(),
            round=current_round(c, ctx.journey_id))).inserted_primary_key[0]
        record_change(c, ctx.workshop_id, "pain_point", actor)
        uow.commit()
    return ppid


def add_highlight(store: Store, actor: Actor, step_id: int, text: str, *,
                  perspective: str | None = None, participant_id: int | None = None) -> int:
    with store.write() as uow:
        c = uow.conn
        ctx = _step_context(c, step_id)
        pid, role = _author(c, actor, ctx.workshop_id, participant_id)
        p = _perspective(perspective, role)
        authorize(c, actor, ctx.workshop_id, rules.PERSPECTIVE_ACTION[p.value])
        h = Highlight(str(pid), str(step_id), text, p)
        hid = c.execute(insert(T.highlights).values(
            step_id=step_id, participant_id=pid, text=h.text, perspective=p.value,
            created_at=now(), round=current_round(c, ctx.journey_id))).inserted_primary_key[0]
        record_change(c, ctx.workshop_id, "highlight", actor)
        uow.commit()
    return hid


def set_skip(store: Store, actor: Actor, step_id: int, skipped: bool = True,
             participant_id: int | None = None) -> None:
    """Mark (or unmark) "this didn't happen to me" for a step."""
    with store.write() as uow:
        c = uow.conn
        ctx = _step_context(c, step_id)
        pid, role = _author(c, actor, ctx.workshop_id, participant_id)
        authorize(c, actor, ctx.workshop_id,
                  rules.PERSPECTIVE_ACTION[Perspective.default_for(role).value])
        rnd = current_round(c, ctx.journey_id)
        c.execute(delete(T.skips).where(T.skips.c.step_id == step_id,
                                        T.skips.c.participant_id == pid,
                                        T.skips.c["round"] == rnd))
        if skipped:
            c.execute(insert(T.skips).values(step_id=step_id, participant_id=pid,
                                             created_at=now(), round=rnd))
        record_change(c, ctx.workshop_id, "skip", actor)
        uow.commit()


def ratings_of(store: Store, actor: Actor, participant_id: int, journey_id: int) -> list[dict]:
    """A participant's own ratings in a journey's current round (what their rating screen
    starts from)."""
    if actor.kind == "participant" and actor.participant_id != participant_id:
        raise PermissionDenied("you can only see your own input here",
                               key="error.denied.see_own")
    with store.read() as uow:
        return [dict(r._mapping) for r in uow.conn.execute(
            select(T.ratings).join(T.steps, T.steps.c.id == T.ratings.c.step_id)
            .where(T.steps.c.journey_id == journey_id,
                   T.ratings.c.participant_id == participant_id,
                   T.ratings.c["round"] == current_round(uow.conn, journey_id))
            .order_by(T.ratings.c.id))]
