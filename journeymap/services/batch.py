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

from journeymap.domain import rules
from journeymap.domain.errors import JourneymapError, NotFound, ValidationError
from journeymap.store.engine import is_reference_error
from journeymap.store.repositories.ratings import RATING_FIELDS as FIELDS

from .base import Actor, Store, check, now, record_change

MAX_BATCH = 500


def rating_writer(store: Store) -> "RatingWriter":
    """The store's group-commit writer for ratings (started on first use, stopped with the
    store)."""
    return store.helper("rating_writer", RatingWriter)


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
        with self.store.write() as uow:
            step_ids = {i.step_id for i in batch}
            ctx = uow.inputs.steps_with_workshop(step_ids)
            people = uow.inputs.participants({
                i.participant_id for i in batch
                if i.actor.kind != "participant" and i.participant_id is not None})
            rows, ok, touched, changed = {}, [], {}, {}
            # each journey's current round, read in this transaction: where the answers go
            round_of = uow.rounds.current_of({s.journey_id for s in ctx.values()})
            stored = uow.inputs.stored_ratings(step_ids)
            t = now()
            for item in batch:
                try:
                    step = ctx.get(item.step_id)
                    if step is None:
                        raise NotFound("this step no longer exists (someone deleted it)",
                                       key="error.gone.step", what="step")
                    pid, role = _author(item, people, step.workshop_id)
                    p = rules.rating_perspective(item.perspective, role)
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
                uow.inputs.upsert_ratings(list(rows.values()))
                for ws_id, actor in touched.items():
                    record_change(uow.conn, ws_id, "rating", actor)
                uow.commit()
        for item in ok:
            item.future.set_result(changed[id(item)])


def _merged(item: RatingItem, before: dict | None) -> dict:
    """The full rating this item leaves: its own fields over what was stored."""
    if not item.partial:
        return dict(item.values)
    if before is None:
        if item.values.get("emotion") is None:
            raise ValidationError("choose a face first: how did it feel?", "emotion",
                                  key="error.face_first")
        before = {f: None for f in FIELDS} | {"emotion_word": "", "comment": ""}
    return {f: item.values.get(f, before.get(f)) for f in FIELDS}


def _author(item: RatingItem, people: dict, workshop_id: int):
    """Who the item is written as (:func:`journeymap.domain.rules.input_author`), with the
    named participants read for the whole batch."""
    actor = item.actor
    row = people.get(item.participant_id)
    named_role = row.role if row is not None and row.workshop_id == workshop_id else None
    return rules.input_author(actor.participant_id if actor.kind == "participant" else None,
                              actor.role, item.participant_id, named_role)


def _translate(e: Exception) -> Exception:
    if isinstance(e, JourneymapError):
        return e
    if is_reference_error(e):
        return NotFound("this step or participant no longer exists",
                        key="error.gone.step_or_participant", what="step")
    return e
