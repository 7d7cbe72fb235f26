"""Group commit for ratings: many people rating at once share one transaction.

During a workshop a hundred customers may press "next" in the same second. Writing each
rating in its own transaction makes them queue behind each other (one writer at a time on
SQLite, one connection each on PostgreSQL), and the hundredth waits for the other ninety-nine.
Here each caller hands its rating to one writer thread and waits; the writer takes everything
that has arrived, checks every item's permission on one read of the steps and workshops
involved, writes them all with one statement, records one change per workshop and commits
once. A caller's wait is then about one short transaction, however many rate together.

If the shared write fails (a step deleted meanwhile, say), the writer retries the items one
by one so that only the bad item's caller gets the error.
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future
from dataclasses import dataclass

from sqlalchemy import select

from journeymap.domain import rules
from journeymap.domain.errors import JourneymapError, NotFound, PermissionDenied
from journeymap.domain.model import Perspective, Role
from journeymap.store import schema as T

from .base import Actor, check, now, record_change
from .rounds import current_rounds

MAX_BATCH = 500


@dataclass
class RatingItem:
    actor: Actor
    step_id: int
    participant_id: int | None
    perspective: str | None
    values: dict  # emotion, emotion_word, effort, success, comment (already validated)
    future: Future
    #: only the fields in ``values`` change; the others keep what the stored rating holds
    partial: bool = False


class RatingWriter:
    def __init__(self, store):
        self.store = store
        self._queue: queue.Queue[RatingItem | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="journeymap-rating-writer",
                                        daemon=True)
        self._thread.start()

    def submit(self, actor: Actor, step_id: int, participant_id: int | None,
               perspective: str | None, values: dict, partial: bool = False) -> bool:
        """Queue one rating and wait until it is committed (or refused). Returns whether
        anything changed: saving what is already stored writes nothing (a save is
        idempotent)."""
        fut: Future = Future()
        self._queue.put(RatingItem(actor, step_id, participant_id, perspective, values, fut,
                                   partial))
        return fut.result()

    def stop(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=10)

    # the writer thread -------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            stop = False
            while len(batch) < MAX_BATCH:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stop = True
                    break
                batch.append(item)
            try:
                self._write(batch)
            except Exception:
                for item in batch:
                    if not item.future.done():
                        try:
                            self._write([item])
                        except Exception as e:  # this item's own error
                            if not item.future.done():
                                item.future.set_exception(_translate(e))
            if stop:
                return

    def _write(self, batch: list[RatingItem]) -> None:
        from .ratings import upsert_ratings

        with self.store.write() as uow:
            c = uow.conn
            step_ids = {i.step_id for i in batch}
            ctx = {r.id: r for r in c.execute(
                select(T.steps.c.id, T.steps.c.journey_id, T.journeys.c.workshop_id,
                       T.workshops.c.phase, T.workshops.c.owner_account_id)
                .join(T.journeys, T.journeys.c.id == T.steps.c.journey_id)
                .join(T.workshops, T.workshops.c.id == T.journeys.c.workshop_id)
                .where(T.steps.c.id.in_(step_ids)))}
            named = {i.participant_id for i in batch
                     if i.actor.kind != "participant" and i.participant_id is not None}
            people = {r.id: r for r in c.execute(
                select(T.participants.c.id, T.participants.c.role,
                       T.participants.c.workshop_id)
                .where(T.participants.c.id.in_(named)))} if named else {}
            rows, ok, touched, changed = {}, [], {}, {}
            # each journey's current round, read in this transaction: where the answers go
            round_of = current_rounds(c, {s.journey_id for s in ctx.values()})
            stored = _stored(c, batch)
            t = now()
            for item in batch:
                try:
                    step = ctx.get(item.step_id)
                    if step is None:
                        raise NotFound("this step no longer exists (someone deleted it)",
                                       key="error.gone.step", what="step")
                    pid, role = _author(item, people, step.workshop_id)
                    p = _perspective(item.perspective, role)
                    check(item.actor, step.workshop_id, step.owner_account_id, step.phase,
                          rules.PERSPECTIVE_ACTION[p.value])
                    key = (item.step_id, pid, p.value, round_of[step.journey_id])
                    before = rows.get(key) or stored.get(key)
                    values = _merged(item, before)
                except JourneymapError as e:
                    item.future.set_exception(e)
                    continue
                ok.append(item)
                if before is not None and all(before.get(f) == v for f, v in values.items()):
                    changed[id(item)] = False  # the same answer again: nothing to write
                    continue
                changed[id(item)] = True
                rows[key] = dict(step_id=item.step_id, participant_id=pid, perspective=p.value,
                                 round=key[3], created_at=t, updated_at=t, **values)
                touched.setdefault(step.workshop_id, item.actor)
            if rows:
                upsert_ratings(c, list(rows.values()))
                for ws_id, actor in touched.items():
                    record_change(c, ws_id, "rating", actor)
                uow.commit()
        for item in ok:
            item.future.set_result(changed[id(item)])


FIELDS = ("emotion", "emotion_word", "effort", "success", "comment")


def _stored(c, batch: list[RatingItem]) -> dict:
    """The ratings already stored for the steps of this batch, by (step, participant,
    perspective, round): what a partial answer keeps and what an identical save is compared
    with (only the current round's rating counts: an earlier round's is never touched)."""
    step_ids = {i.step_id for i in batch}
    return {(r.step_id, r.participant_id, r.perspective, r.round):
            {f: getattr(r, f) for f in FIELDS}
            for r in c.execute(select(T.ratings.c.step_id, T.ratings.c.participant_id,
                                      T.ratings.c.perspective, T.ratings.c["round"],
                                      *[T.ratings.c[f] for f in FIELDS])
                               .where(T.ratings.c.step_id.in_(step_ids)))}


def _merged(item: RatingItem, before: dict | None) -> dict:
    """The full rating this item leaves: its own fields over what was stored."""
    if not item.partial:
        return dict(item.values)
    if before is None:
        if item.values.get("emotion") is None:
            from journeymap.domain.errors import ValidationError

            raise ValidationError("choose a face first: how did it feel?", "emotion",
                                  key="error.face_first")
        before = {f: None for f in FIELDS} | {"emotion_word": "", "comment": ""}
    return {f: item.values.get(f, before.get(f)) for f in FIELDS}


def _author(item: RatingItem, people: dict, workshop_id: int) -> tuple[int, Role]:
    actor = item.actor
    if actor.kind == "participant":
        if item.participant_id not in (None, actor.participant_id):
            raise PermissionDenied("you can only write your own input",
                                   key="error.denied.write_own")
        return actor.participant_id, actor.role
    from journeymap.domain.errors import ValidationError

    if item.participant_id is None:
        raise ValidationError("say which participant this is from", "participant",
                              key="error.which_participant")
    row = people.get(item.participant_id)
    if row is None or row.workshop_id != workshop_id:
        raise NotFound("no such participant in this workshop", key="error.no_participant",
                       what="participant")
    return item.participant_id, Role(row.role)


def _perspective(perspective, role: Role) -> Perspective:
    from .ratings import _perspective as choose

    return choose(perspective, role)


def _translate(e: Exception) -> Exception:
    if isinstance(e, JourneymapError):
        return e
    from sqlalchemy.exc import IntegrityError

    if isinstance(e, IntegrityError):
        return NotFound("this step or participant no longer exists",
                        key="error.gone.step_or_participant", what="step")
    return e
