"""Segments and rounds: every comparison cut by a participant attribute, and a journey's
rounds compared — with the same honesty as the main table (n on both sides, Welch intervals,
Benjamini–Hochberg q-values within the comparison, small samples never claimed).

* :func:`by_segment` — per option of a segment (e.g. customer for < 1 year / 1–5 / > 5) and
  step: the option's customers' lived emotion against what staff assumed.
* :func:`segment_contrast` — two options against each other, step by step: "where do new
  customers suffer that long-time customers don't".
* :func:`rounds` — lived emotion per step in one round against the next (did the fix work?),
  with the actions due in between beside the steps they targeted.

An option answered by fewer than :data:`MIN_PEOPLE` people is never shown apart (it would
identify them): such options are pooled into one group, itself left out if still too small.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from .comparison import FDR, compare
from .frames import JourneyFrames
from .stats import bh_qvalues

#: an option with fewer people than this is never shown apart
MIN_PEOPLE = 3
#: the group small options are pooled into
OTHER = "(other)"

_KEEP = ("n_assumed", "mean_assumed", "n_lived", "mean_lived", "gap", "ci_low", "ci_high",
         "p_value", "small_sample")


def segment_groups(frames: JourneyFrames, segment: str) -> tuple[dict[str, list[str]], list]:
    """``({option: [participant keys]}, hidden)``: options in their defined order, small ones
    pooled into :data:`OTHER`; ``hidden`` lists options left out entirely (pooled and still
    too few)."""
    if segment not in frames.segment_defs:
        known = ", ".join(frames.segment_defs) or "none in this journey"
        raise ValueError(f"no segment '{segment}'; choose one of: {known}")
    g = frames.segments[frames.segments["segment"] == segment]
    order = [k for k, _ in frames.segment_defs[segment]["options"]]
    people = {o: list(g.loc[g["option"] == o, "participant"]) for o in order}
    shown = {o: ks for o, ks in people.items() if len(ks) >= MIN_PEOPLE}
    small = [o for o, ks in people.items() if 0 < len(ks) < MIN_PEOPLE]
    pooled = [k for o in small for k in people[o]]
    hidden = []
    if len(pooled) >= MIN_PEOPLE:
        shown[OTHER] = pooled
    else:
        hidden = small
    return shown, hidden


def _with_q(out: pd.DataFrame) -> pd.DataFrame:
    """q-values across every row of the comparison, and the claim that follows from them."""
    out["q_value"] = bh_qvalues(out["p_value"].to_numpy(float), ~out["small_sample"].to_numpy())
    out["different"] = (~out["small_sample"] & (out["q_value"] < FDR)
                        & ((out["ci_low"] > 0) | (out["ci_high"] < 0)))
    return out


def _lived_of(frames: JourneyFrames, people: list[str], ratings=None) -> pd.DataFrame:
    r = frames.ratings if ratings is None else ratings
    m = (r["perspective"] == "lived").to_numpy() & r["participant"].isin(people).to_numpy()
    return r[m]


def _two_sides(frames: JourneyFrames, a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    """Welch per step of side ``a`` minus side ``b`` (any ratings), through :func:`compare`."""
    a = a.assign(perspective=pd.Categorical(["assumed"] * len(a), frames.ratings[
        "perspective"].cat.categories))
    b = b.assign(perspective=pd.Categorical(["lived"] * len(b), frames.ratings[
        "perspective"].cat.categories))
    both = pd.concat([a, b], ignore_index=True)
    both["round"] = frames.round  # one comparison, whatever rounds the two sides come from
    return compare(replace(frames, ratings=both, other_ratings=None))


def by_segment(frames: JourneyFrames, segment: str) -> pd.DataFrame:
    """Per option (defined order, then :data:`OTHER`) and step (journey order): ``option,
    people, step, title, n_assumed, mean_assumed, n_lived, mean_lived, gap, ci_low, ci_high,
    p_value, q_value, small_sample, different`` — the option's customers' lived emotion against
    every staff member's assumption; q across all the rows (steps × options)."""
    groups, _ = segment_groups(frames, segment)
    r = frames.ratings
    assumed = r[(r["perspective"] == "assumed").to_numpy()]
    parts = []
    for option, people in groups.items():
        c = _two_sides(frames, assumed, _lived_of(frames, people))
        part = c[["step", "title", *_KEEP]].copy()
        part.insert(0, "people", len(people))
        part.insert(0, "option", option)
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=["option", "people", "step", "title", *_KEEP, "q_value",
                                     "different"])
    return _with_q(pd.concat(parts, ignore_index=True))


def segment_contrast(frames: JourneyFrames, segment: str, first: str | None = None,
                     second: str | None = None) -> pd.DataFrame:
    """Two options' customers, step by step: ``step, title, n_first, mean_first, n_second,
    mean_second, difference`` (first − second: below 0, the first group felt worse),
    ``ci_low, ci_high, p_value, q_value, small_sample, different``. Defaults: the first and
    the last option shown."""
    groups, _ = segment_groups(frames, segment)
    names = list(groups)
    if len(names) < 2:
        raise ValueError(f"segment '{segment}' has fewer than two groups of at least "
                         f"{MIN_PEOPLE} people: nothing to compare")
    first = first or names[0]
    second = second or names[-1]
    for o in (first, second):
        if o not in groups:
            raise ValueError(f"no group '{o}' of at least {MIN_PEOPLE} people in segment "
                             f"'{segment}'; choose among: {', '.join(names)}")
    c = _two_sides(frames, _lived_of(frames, groups[first]), _lived_of(frames, groups[second]))
    out = c[["step", "title", *_KEEP]].rename(columns={
        "n_assumed": "n_first", "mean_assumed": "mean_first", "n_lived": "n_second",
        "mean_lived": "mean_second", "gap": "difference"})
    out.insert(0, "second", second)
    out.insert(0, "first", first)
    return _with_q(out)


def rounds(frames: JourneyFrames, first: int | None = None,
           second: int | None = None) -> pd.DataFrame:
    """Lived emotion per step in round ``first`` against round ``second`` (defaults: the
    first and the last round): ``step, title, n_first, mean_first, n_second, mean_second,
    change`` (second − first: above 0, better), ``ci_low, ci_high, p_value, q_value,
    small_sample, improved, worsened``, then ``actions``: the actions aimed at the step (through
    their pain points) that were due between the two rounds' dates (all of them when the
    dates are not known), as ``title (status, due)``."""
    every = frames.all_ratings
    numbers = sorted(set(every["round"].tolist())) if len(every) else [1]
    first = numbers[0] if first is None else first
    second = numbers[-1] if second is None else second
    lived = every[(every["perspective"] == "lived").to_numpy()]
    a = lived[(lived["round"] == second).to_numpy()]
    b = lived[(lived["round"] == first).to_numpy()]
    c = _two_sides(frames, a, b)
    out = c[["step", "title", *_KEEP]].rename(columns={
        "n_assumed": "n_second", "mean_assumed": "mean_second", "n_lived": "n_first",
        "mean_lived": "mean_first", "gap": "change"})
    out = out[["step", "title", "n_first", "mean_first", "n_second", "mean_second", "change",
               "ci_low", "ci_high", "p_value", "small_sample"]]
    out.insert(0, "second_round", second)
    out.insert(0, "first_round", first)
    out = _with_q(out)
    out["improved"] = out["different"] & (out["change"] > 0)
    out["worsened"] = out["different"] & (out["change"] < 0)
    out = out.drop(columns="different")
    out["actions"] = _actions_between(frames, first, second, out["step"])
    return out


def _actions_between(frames: JourneyFrames, first: int, second: int, steps) -> list[str]:
    start, end = frames.rounds.get(first), frames.rounds.get(second)
    by_step: dict[str, list[str]] = {}
    for a in frames.actions.itertuples():
        due = a.due
        if start is not None and end is not None and due is not None \
                and not (start <= due <= end):
            continue
        label = f"{a.title} ({a.status}{', ' + due.isoformat() if due is not None else ''})"
        for s in a.steps:
            by_step.setdefault(s, []).append(label)
    return ["; ".join(by_step.get(s, [])) for s in steps]
