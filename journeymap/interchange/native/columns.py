"""The ratings of a native file checked whole columns at once, for files of a million ratings.

:func:`rating_columns` reads each field of every rating into one column and checks the columns
with numpy: a rating whose every field is plainly right (a known participant and step, an
emotion number in −3..3, effort a whole number in 1..5 or nothing, success and perspective
one of their words or nothing, no unknown field...) is taken as it is. Only the ratings that
fail a column check are built one by one, through exactly the code of the object path
(:func:`.items.make_rating`), so every problem has the same text and the same place
(``ratings[12].emotion: 7 is outside -3..3``) as ever, and a value the object path would
accept after cleaning (``" Lived"``, ``3.0``) is accepted here too.

A second rating by the same person of the same step in the same perspective is found with one
``duplicated`` over integer keys, and named as the object path names it.
"""

from __future__ import annotations

from itertools import chain, repeat

import numpy as np
import pandas as pd

from journeymap.domain.errors import ValidationError
from journeymap.domain.model import EMOTION_WORDS

from .items import MAX_PROBLEMS, RATING_FIELDS, build_item, make_rating, type_name

PERSPECTIVES = ("assumed", "lived", "employee")
ROLES = ("facilitator", "staff", "customer")
NONE = type(None)
#: a perspective's code; -1 not given (the role decides), -2 not a perspective
_PERSPECTIVE = {**{p: i for i, p in enumerate(PERSPECTIVES)}, None: -1}
#: success as its score; NaN not given, -1 not a success word
_SUCCESS = {"yes": 1.0, "partly": 0.5, "no": 0.0, None: float("nan")}
_ROLE = {r: i for i, r in enumerate(ROLES)}
MAX_TEXT = 2000


def rating_columns(items: list, people: dict, step_list: list[str], problems) -> pd.DataFrame:
    """The ratings of ``items`` (the file's ``ratings`` list) as a DataFrame with columns
    ``participant, step, perspective`` (Categoricals over the people, the steps and the three
    perspectives), ``emotion, effort, success`` (float64, NaN for nothing; success scored
    yes 1, partly 0.5, no 0), ``emotion_word, comment, role``; problems go to ``problems``
    in file order, each at its place."""
    n = len(items)
    person_keys = list(people)
    pmap = {k: i for i, k in enumerate(person_keys)}
    smap = {k: i for i, k in enumerate(step_list)}
    role_code = np.array([_ROLE[str(people[k].role)] for k in person_keys] or [0], np.int64)
    default_persp = np.where(role_code == _ROLE["customer"], 1, 0)

    is_dict = np.fromiter((type(d) is dict for d in items), bool, n)
    dicts = items if is_dict.all() else [d if type(d) is dict else {} for d in items]
    bad = ~is_dict
    if set(chain.from_iterable(dicts)) - RATING_FIELDS:
        bad |= np.fromiter((not d.keys() <= RATING_FIELDS for d in dicts), bool, n)

    def col(name):
        return list(map(dict.get, dicts, repeat(name)))

    nan = float("nan")
    pc = _mapped(col("participant"), pmap, -1, np.int64)
    sc = _mapped(col("step"), smap, -1, np.int64)
    emotion = _numbers(col("emotion"), (int, float), nan)
    effort = _numbers(col("effort"), (int, NONE), -1.0)
    success = _mapped(col("success"), _SUCCESS, -1.0, np.float64)
    persp = _mapped(col("perspective"), _PERSPECTIVE, -2, np.int64)
    rnd = _numbers(col("round"), (int, NONE), -1.0)
    rnd = np.where(np.isnan(rnd), 1.0, rnd)
    with np.errstate(invalid="ignore"):
        bad |= (pc < 0) | (sc < 0) | ~(np.abs(emotion) <= 3)
        bad |= ~(np.isnan(effort) | ((effort >= 1) & (effort <= 5)))
        bad |= success < 0
        bad |= persp == -2
        bad |= ~((rnd >= 1) & (rnd <= 1000))
    words = col("emotion_word")
    if words.count(None) != n:
        bad |= np.fromiter((not (w is None or w == "" or (type(w) is str and w in EMOTION_WORDS))
                            for w in words), bool, n)
        words = [w or "" if type(w) is str else "" for w in words]
    else:
        words = None
    comments = col("comment")
    if comments.count(None) != n:
        comments = [c.strip() if type(c) is str else c for c in comments]
        bad |= np.fromiter((not (c is None or (type(c) is str and len(c) <= MAX_TEXT))
                            for c in comments), bool, n)
        comments = [c if type(c) is str else "" for c in comments]
    else:
        comments = None

    # the ratings that failed a column check: built one by one, exactly as ever
    accepted = ~bad
    messages: dict[int, list[str]] = {}
    for i in np.flatnonzero(bad):
        if len(problems.items) > problems_cap(problems):
            break
        place = f"ratings[{i}]"
        item = items[i]
        local = _Local()
        if type(item) is not dict:
            local.add(place, f"expected an object, got {type_name(item)}")
        else:
            r = build_item(local, place, item, make_rating, RATING_FIELDS)
            if r is not None:
                try:
                    if r.participant not in people:
                        raise ValidationError(f"no participant '{r.participant}' in this file",
                                              "participant")
                    if r.step not in smap:
                        raise ValidationError(f"no step '{r.step}' in this journey", "step")
                except ValidationError as e:
                    local.add(f"{place}.{e.field}" if e.field else place, e.message)
                else:
                    accepted[i] = True
                    pc[i], sc[i] = pmap[r.participant], smap[r.step]
                    persp[i] = (_PERSPECTIVE[str(r.perspective)] if r.perspective is not None
                                else -1)
                    emotion[i] = r.emotion
                    rnd[i] = r.round
                    effort[i] = nan if r.effort is None else float(r.effort)
                    success[i] = nan if r.success is None else r.success.score
                    if r.emotion_word:
                        if words is None:
                            words = [""] * n
                        words[i] = r.emotion_word
                    if comments is not None or r.comment:
                        if comments is None:
                            comments = [""] * n
                        comments[i] = r.comment
        if local.items:
            messages[i] = local.items

    # perspectives not given follow the role; then one rating per person, step, perspective
    unset = persp < 0
    if unset.any():
        persp = np.where(unset & (pc >= 0), default_persp[np.maximum(pc, 0)], persp)
    acc = np.flatnonzero(accepted)
    key = ((pc[acc] * max(len(step_list), 1) + sc[acc]) * 3 + persp[acc]) * 1001 \
        + rnd[acc].astype(np.int64)
    dup_mask = pd.Series(key).duplicated().to_numpy()
    final = accepted.copy()
    if dup_mask.any():
        final[acc[dup_mask]] = False
        position = np.cumsum(final) - 1  # index among the ratings kept, as the object path
        first = pd.Series(acc).groupby(key, sort=False).transform("first").to_numpy()
        for i, f in zip(acc[dup_mask], first[dup_mask]):
            messages.setdefault(int(i), []).append(
                f"ratings[{i}]: a second {PERSPECTIVES[persp[i]]} rating by "
                f"'{person_keys[pc[i]]}' of step '{step_list[sc[i]]}'"
                f"{f' in round {int(rnd[i])}' if rnd[i] != 1 else ''} "
                f"(the first is ratings[{position[f]}])")
    for i in sorted(messages):
        for m in messages[i]:
            problems.add("", m)
    keep = np.flatnonzero(final)
    out = pd.DataFrame({
        "participant": pd.Categorical.from_codes(pc[keep], person_keys),
        "step": pd.Categorical.from_codes(sc[keep], step_list),
        "perspective": pd.Categorical.from_codes(persp[keep], PERSPECTIVES),
        "emotion": emotion[keep], "effort": effort[keep], "success": success[keep],
        "round": rnd[keep].astype(np.int64)})
    out["emotion_word"] = "" if words is None else np.asarray(words, dtype=object)[keep]
    out["comment"] = "" if comments is None else np.asarray(comments, dtype=object)[keep]
    out["role"] = pd.Categorical.from_codes(role_code[pc[keep]] if len(keep) else
                                            np.zeros(0, np.int64), ROLES)
    return out


def _mapped(values: list, mapping: dict, default, dtype) -> np.ndarray:
    """``mapping[v]`` for each value, ``default`` for anything else (text or nothing only:
    a list or an object in the file is never a key)."""
    if set(map(type, values)) <= {str, NONE}:
        return np.fromiter(map(mapping.get, values, repeat(default)), dtype, len(values))
    return np.fromiter((mapping.get(v, default) if type(v) is str or v is None else default
                        for v in values), dtype, len(values))


def _numbers(values: list, types: tuple, other: float) -> np.ndarray:
    """The values as floats where their type is one of ``types`` (never true/false), NaN for
    nothing where nothing is allowed, ``other`` for anything else."""
    nan = float("nan")
    if set(map(type, values)) <= set(types):
        return np.array(values, dtype=np.float64)  # None -> NaN
    return np.fromiter((float(v) if type(v) in types and v is not None else
                        (nan if v is None and NONE in types else other) for v in values),
                       np.float64, len(values))


def problems_cap(problems) -> int:
    return MAX_PROBLEMS


class _Local:
    """Collects one rating's problems (the file-wide list is filled in file order later)."""

    def __init__(self):
        self.items: list[str] = []

    def add(self, place: str, message: str) -> None:
        self.items.append(f"{place}: {message}" if place else message)
