"""The facilitator's segment questions: add one, change its wording, add, reword or remove
its options, remove it — what the workshop's "Questions at joining" screen calls — and
:func:`define_segment`, which sets a question under a key of one's choosing (the command
line's and the tests' way). The participant's side, reading and answering them, is
:mod:`journeymap.services.segment_answers`.

>>> from journeymap.services import Store, create_account, create_workshop
>>> store = Store.open("sqlite://")
>>> fac = create_account(store, "fran", "a long password", "Fran")
>>> ws = create_workshop(store, fac, "W", "en")
>>> add_segment(store, fac, ws, "Customer for", ["< 1 year", "1–5 years", "> 5 years"])
'customer_for'
>>> [(s["key"], s["options"], s["answers"]) for s in segment_overview(store, fac, ws)]
[('customer_for', [('1_year', '< 1 year'), ('1_5_years', '1–5 years'), ('5_years', '> 5 years')], {})]

Answers are people's: an option somebody chose cannot be removed (its wording may change;
the answer keeps pointing at it), and removing a whole question deletes its answers only
when the facilitator confirmed that number of answers — if more came in meanwhile, the
removal is refused and the new number shown. Every refusal names the field: the question,
or the options (with the option's own words).
"""

from __future__ import annotations

import re
import unicodedata

from journeymap.domain.errors import NotFound, ValidationError
from journeymap.domain.model import Segment

from .base import Actor, Store, authorize, record_change

MAX_QUESTION, MAX_LABEL = 200, 120


def _slug(text: str, fallback: str) -> str:
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text.lower())
                    if not unicodedata.combining(ch))  # "città" -> "citta"
    s = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")[:40].strip("_")
    return s or fallback


def _unique(base: str, taken: set[str]) -> str:
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    taken.add(key)
    return key


def _clean_question(question) -> str:
    q = str(question or "").strip()
    if not q:
        raise ValidationError("write the question", "question", key="error.segment.question_empty")
    if len(q) > MAX_QUESTION:
        raise ValidationError(f"the question is {len(q)} characters long; at most {MAX_QUESTION}",
                              "question", key="error.segment.question_long", length=len(q),
                              max=MAX_QUESTION)
    return q


def _clean_labels(labels: list) -> list[str]:
    """Labels as typed, checked: none empty, none too long, none twice, at least two."""
    out, seen = [], {}
    for i, label in enumerate(labels):
        text = str(label or "").strip()
        if not text:
            raise ValidationError(f"option {i + 1} is empty: give it words or remove it",
                                  "options", key="error.segment.option_empty", n=i + 1)
        if len(text) > MAX_LABEL:
            raise ValidationError(f"'{text[:30]}…' is {len(text)} characters long; at most "
                                  f"{MAX_LABEL}", "options", key="error.segment.option_long",
                                  label=text[:30] + "…", length=len(text), max=MAX_LABEL)
        norm = text.casefold()
        if norm in seen:
            raise ValidationError(f"'{text}' is given twice: each option once", "options",
                                  key="error.segment.option_twice", label=text)
        seen[norm] = i
        out.append(text)
    if len(out) < 2:
        raise ValidationError("give at least two options", "options",
                              key="error.segment.too_few")
    return out


def segment_overview(store: Store, actor: Actor, workshop_id: int) -> list[dict]:
    """The workshop's questions in order, each with how many people chose each option:
    ``[{"key", "question", "options": [(key, label)], "answers": {option key: n}}]``
    (the facilitator only: the counts are about people)."""
    with store.read() as uow:
        authorize(uow.conn, actor, workshop_id, "run_workshop")
        rows = uow.segments.of_workshop(workshop_id)
        counts = uow.segments.answer_counts([r.id for r in rows])
    return [{"key": r.key, "question": r.question,
             "options": [tuple(o) for o in r.options], "answers": counts.get(r.id, {})}
            for r in rows]


def add_segment(store: Store, actor: Actor, workshop_id: int, question: str,
                labels: list[str]) -> str:
    """Add a question with its options (in the order given); returns its key."""
    q = _clean_question(question)
    clean = _clean_labels(labels)
    with store.write() as uow:
        c = uow.conn
        authorize(c, actor, workshop_id, "run_workshop")
        rows = uow.segments.of_workshop(workshop_id)
        if any(r.question.strip().casefold() == q.casefold() for r in rows):
            raise ValidationError("this question is already asked", "question",
                                  key="error.segment.question_twice")
        key = _unique(_slug(q, "question"), {r.key for r in rows})
        taken: set[str] = set()
        options = [[_unique(_slug(label, "option"), taken), label] for label in clean]
        uow.segments.add(workshop_id, key, q, options, len(rows))
        record_change(c, workshop_id, "segment.define", actor)
        uow.commit()
    return key


def edit_segment(store: Store, actor: Actor, workshop_id: int, key: str, question: str,
                 options: list) -> None:
    """Save a question's wording and its options: ``options`` is ``[(key or None, label)]``
    in the order wanted — an existing key keeps its answers under new words, None adds an
    option, and an existing option left out is removed, but only if nobody chose it."""
    q = _clean_question(question)
    clean = _clean_labels([label for _, label in options])
    with store.write() as uow:
        c = uow.conn
        authorize(c, actor, workshop_id, "run_workshop")
        rows = uow.segments.of_workshop(workshop_id)
        row = next((r for r in rows if r.key == key), None)
        if row is None:
            raise NotFound("this question was removed meanwhile", key="error.segment.gone",
                           what="segment")
        if any(r.key != key and r.question.strip().casefold() == q.casefold() for r in rows):
            raise ValidationError("this question is already asked", "question",
                                  key="error.segment.question_twice")
        old = dict(tuple(o) for o in row.options)
        kept = {k for k, _ in options if k is not None}
        unknown = kept - set(old)
        if unknown:
            raise NotFound("an option was removed meanwhile", key="error.segment.gone",
                           what="segment")
        counts = uow.segments.answer_counts([row.id]).get(row.id, {})
        for k in old:
            if k not in kept and counts.get(k):
                raise ValidationError(
                    f"{counts[k]} people chose '{old[k]}': it cannot be removed (their answers "
                    "are kept); change its words instead", "options",
                    key="error.segment.option_in_use", label=old[k], n=counts[k])
        taken = set(kept)
        new = [[k if k is not None else _unique(_slug(label, "option"), taken), label]
               for (k, _), label in zip(options, clean)]
        uow.segments.update(row.id, q, new)
        record_change(c, workshop_id, "segment.define", actor)
        uow.commit()


def remove_segment(store: Store, actor: Actor, workshop_id: int, key: str, *,
                   answers_seen: int) -> int:
    """Remove a question and the answers given to it; ``answers_seen`` is the number of
    answers the facilitator was shown and confirmed. If it differs from the number stored
    now (someone answered meanwhile), nothing is removed. Returns the answers deleted."""
    with store.write() as uow:
        c = uow.conn
        authorize(c, actor, workshop_id, "run_workshop")
        row = next((r for r in uow.segments.of_workshop(workshop_id) if r.key == key), None)
        if row is None:
            raise NotFound("this question was removed meanwhile", key="error.segment.gone",
                           what="segment")
        n = sum(uow.segments.answer_counts([row.id]).get(row.id, {}).values())
        if n != answers_seen:
            raise ValidationError(
                f"{n} people have answered this question now (not {answers_seen}): look "
                "again before removing it", "question", key="error.segment.answers_moved",
                n=n, seen=answers_seen)
        uow.segments.remove(row.id)
        record_change(c, workshop_id, "segment.remove", actor)
        uow.commit()
    return n


def define_segment(store: Store, actor: Actor, workshop_id: int, key: str, question: str,
                   options: list) -> None:
    """Add (or replace the question and options of) a segment of the workshop; the
    facilitator only (``run_workshop``). ``options``: ``[(key, label), ...]``. An option
    somebody chose cannot be left out (refused, naming it: the answers are kept)."""
    g = Segment(key, question, list(options))
    with store.write() as uow:
        c = uow.conn
        authorize(c, actor, workshop_id, "run_workshop")
        rows = uow.segments.of_workshop(workshop_id)
        row = next((r for r in rows if r.key == g.key), None)
        options = [list(o) for o in g.options]
        if row is None:
            uow.segments.add(workshop_id, g.key, g.question, options, len(rows))
        else:
            _keep_chosen_options(uow, row, g.option_keys())
            uow.segments.update(row.id, g.question, options)
        record_change(c, workshop_id, "segment.define", actor)
        uow.commit()


def _keep_chosen_options(uow, row, keys: list[str]) -> None:
    """Refuse to leave out an option somebody chose (naming it)."""
    labels = dict(tuple(o) for o in row.options)
    counts = uow.segments.answer_counts([row.id]).get(row.id, {})
    for option, n in counts.items():
        if option in keys:
            continue
        label = labels.get(option, option)
        raise ValidationError(
            f"{n} people chose '{label}': it cannot be removed (their answers are kept); "
            "change its words instead", "options", key="error.segment.option_in_use",
            label=label, n=n)


__all__ = ["add_segment", "define_segment", "edit_segment", "remove_segment",
           "segment_overview"]
