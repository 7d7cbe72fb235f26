"""Kahneman's peak-end rule, per person and in aggregate, for customers and for staff.

For each person, over the steps they rated in one perspective, taken in journey order:

* **peak** — the emotion of largest magnitude (|emotion|); on a tie the *later* step wins;
* **end** — the emotion at their last rated step in journey order;
* **remembered** = (peak + end) / 2 — what the rule says they will remember;
* **experienced** = the mean of all their ratings — what they actually went through;
* ``memory_gap`` = remembered − experienced.

Peak-end is a heuristic, not a law: across studies the plain average of the moments predicts
what people remember about as well as (peak + end) / 2 does, so both are shown side by side,
each with its interval.

Customers are taken on the *lived* perspective; staff on the *assumed* one (the curve each
staff member expects a customer to have). Comparing the two answers: do staff expect the
memory customers actually keep?
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .frames import JourneyFrames
from .stats import group_stats, welch

PEAK_END_PERSPECTIVES = ("lived", "assumed")


def _people(frames: JourneyFrames, perspective: str) -> pd.DataFrame:
    r = frames.ratings
    m = (r["perspective"] == perspective).to_numpy()
    pc = r["participant"].cat.codes.to_numpy(dtype=np.int64)[m]
    sc = r["step"].cat.codes.to_numpy(dtype=np.int64)[m]
    e = r["emotion"].to_numpy(dtype=np.float64)[m]
    ok = ~np.isnan(e)
    pc, sc, e = pc[ok], sc[ok], e[ok]
    size = len(frames.participants)
    n, experienced, _ = group_stats(pc, e, size)
    has = n > 0
    # end: last row per person when sorted by (person, step, emotion)
    o = np.lexsort((e, sc, pc))
    last = np.r_[pc[o][1:] != pc[o][:-1], True] if len(o) else np.zeros(0, bool)
    end_i = o[last]
    # peak: last row per person when sorted by (person, |emotion|, step, emotion)
    o2 = np.lexsort((e, sc, np.abs(e), pc))
    last2 = np.r_[pc[o2][1:] != pc[o2][:-1], True] if len(o2) else np.zeros(0, bool)
    peak_i = o2[last2]
    keys = frames.steps["key"].to_numpy()
    people = frames.participants
    idx = np.flatnonzero(has)
    # end_i and peak_i are ordered by person code, exactly like idx
    end, peak = e[end_i], e[peak_i]
    remembered = (peak + end) / 2
    return pd.DataFrame({
        "participant": people["key"].to_numpy()[idx],
        "name": people["name"].to_numpy()[idx],
        "role": people["role"].astype(str).to_numpy()[idx],
        "perspective": perspective,
        "n_steps": n[idx],
        "peak": peak, "peak_step": keys[sc[peak_i]],
        "end": end, "end_step": keys[sc[end_i]],
        "remembered": remembered, "experienced": experienced[idx],
        "memory_gap": remembered - experienced[idx],
    })


def peak_end_people(frames: JourneyFrames) -> pd.DataFrame:
    """One row per person and perspective (lived first, then assumed).

    Columns: ``participant, name, role, perspective, n_steps, peak, peak_step, end, end_step,
    remembered, experienced, memory_gap``.
    """
    return pd.concat([_people(frames, p) for p in PEAK_END_PERSPECTIVES], ignore_index=True)


def peak_end(frames: JourneyFrames, people: pd.DataFrame | None = None) -> pd.DataFrame:
    """Peak-end aggregated over people: one row for ``lived``, one for ``assumed``, and a
    ``gap`` row (assumed − lived) whose ``ci_low``/``ci_high`` is the 95% Welch interval of
    the difference in mean *remembered* emotion.

    Columns: ``perspective, n_people, mean_peak, mean_end, mean_remembered, sd_remembered,
    mean_experienced, mean_memory_gap, ci_low, ci_high, sd_experienced, experienced_ci_low,
    experienced_ci_high`` — the last two: the same Welch interval for the plain average
    (``mean_experienced``), on the ``gap`` row.
    """
    people = peak_end_people(frames) if people is None else people
    rows = []
    for p in PEAK_END_PERSPECTIVES:
        g = people[people["perspective"] == p]
        rows.append({"perspective": p, "n_people": len(g),
                     "mean_peak": g["peak"].mean(), "mean_end": g["end"].mean(),
                     "mean_remembered": g["remembered"].mean(),
                     "sd_remembered": g["remembered"].std(),
                     "mean_experienced": g["experienced"].mean(),
                     "mean_memory_gap": g["memory_gap"].mean(),
                     "ci_low": np.nan, "ci_high": np.nan,
                     "sd_experienced": g["experienced"].std(),
                     "experienced_ci_low": np.nan, "experienced_ci_high": np.nan})
    lived, assumed = rows
    _, lo, hi, _, _ = welch(assumed["n_people"], assumed["mean_remembered"],
                            assumed["sd_remembered"], lived["n_people"],
                            lived["mean_remembered"], lived["sd_remembered"])
    _, elo, ehi, _, _ = welch(assumed["n_people"], assumed["mean_experienced"],
                              assumed["sd_experienced"], lived["n_people"],
                              lived["mean_experienced"], lived["sd_experienced"])
    gap = {"perspective": "gap", "n_people": lived["n_people"] + assumed["n_people"],
           "ci_low": float(lo), "ci_high": float(hi), "sd_remembered": np.nan,
           "sd_experienced": np.nan, "experienced_ci_low": float(elo),
           "experienced_ci_high": float(ehi)}
    for c in ("mean_peak", "mean_end", "mean_remembered", "mean_experienced",
              "mean_memory_gap"):
        gap[c] = assumed[c] - lived[c]
    rows.append(gap)
    return pd.DataFrame(rows)


def peak_end_steps(frames: JourneyFrames, people: pd.DataFrame | None = None) -> pd.DataFrame:
    """How often each step is someone's peak or end, in journey order.

    Columns: ``step, title, peak_lived, end_lived, peak_assumed, end_assumed`` (counts of
    people) and ``peak_lived_share, end_lived_share`` (of customers with a curve).
    """
    people = peak_end_people(frames) if people is None else people
    keys = frames.steps["key"]
    out = pd.DataFrame({"step": keys.to_numpy(), "title": frames.steps["title"].to_numpy()})
    for p in PEAK_END_PERSPECTIVES:
        g = people[people["perspective"] == p]
        for what in ("peak", "end"):
            counts = g[f"{what}_step"].value_counts()
            out[f"{what}_{p}"] = keys.map(counts).fillna(0).astype("int64").to_numpy()
    n = max(int((people["perspective"] == "lived").sum()), 1)
    out["peak_lived_share"] = out["peak_lived"] / n
    out["end_lived_share"] = out["end_lived"] / n
    return out
