"""Priority: one explainable score that ranks customers' pain points and the journey's steps.

The score (0..100) multiplies four factors::

    priority = 100 × hurt × (severity / 3) × (1 + vote_share) / 2 × (1 + misjudgement) / 2

* ``hurt`` — the share of customers hurt: for a step, the customers who named a pain point
  there; for a pain point, the customers who named the same problem at that step (its author
  and everyone whose text matches it, see
  :data:`~journeymap.analysis.pain_points.ANTICIPATION_THRESHOLD`), divided by all customers
  who took part (0..1);
* ``severity`` — how bad: the pain point's severity, or the step's mean severity (1..3);
* ``vote_share`` — the votes it got as a share of all votes on customers' pain points (0..1);
  a pain point nobody voted for keeps half its weight from this factor, one with every
  vote keeps all of it;
* ``misjudgement`` — how far staff were too optimistic about the step:
  max(gap, 0) / 6, where gap = mean assumed − mean lived emotion on the −3..+3 scale (0..1;
  0 when either side has no rating). Only over-optimism counts: where staff already expect
  worse than customers lived, they are not blind to the pain.

So 100 means every customer was hurt, critically, the pain point took every vote, and staff
expected the best where customers had the worst; halving any factor halves the score.
The one-sentence explanation for users is the catalog key ``analysis.priority.explain``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .comparison import compare
from .frames import JourneyFrames
from .pain_points import ANTICIPATION_THRESHOLD, by_step, customers, similarity


def _score(hurt, severity, vote_share, misjudgement):
    return 100.0 * hurt * (severity / 3.0) * (1 + vote_share) / 2 * (1 + misjudgement) / 2


def priority_pain_points(frames: JourneyFrames,
                         threshold: float = ANTICIPATION_THRESHOLD) -> pd.DataFrame:
    """Customers' (lived) pain points ranked by :mod:`priority <journeymap.analysis.priority>`.

    Columns: ``rank, key, step, title, text, pillar, customers_hurt, hurt, severity, votes,
    vote_share, gap, misjudgement, priority``; highest priority first (ties: journey order,
    then key).
    """
    pp = frames.pain_points
    lived, texts, at = by_step(pp[pp["perspective"] == "lived"])
    total = max(customers(frames), 1)
    all_votes = float(lived["votes"].sum())
    hurt_n = np.zeros(len(lived), dtype=np.int64)
    who_all = lived["participant"].cat.codes.to_numpy()
    for sl in at.values():
        m = similarity(texts[sl], texts[sl], folded=True) >= threshold
        np.fill_diagonal(m, True)
        who = who_all[sl]
        hurt_n[sl] = [len(set(who[row])) for row in m]
    gap = compare(frames, "emotion").set_index("step")["gap"]
    mis = (gap.fillna(0).clip(lower=0) / 6.0)
    steps = lived["step"].astype(str).to_numpy()
    titles = frames.step_titles()
    out = pd.DataFrame({
        "key": lived["key"].to_numpy(), "step": steps,
        "title": [titles[s] for s in steps], "text": lived["text"].to_numpy(),
        "pillar": lived["pillar"].astype(object).where(lived["pillar"].notna(), "").to_numpy(),
        "customers_hurt": hurt_n, "hurt": hurt_n / total,
        "severity": lived["severity"].to_numpy(float),
        "votes": lived["votes"].to_numpy(),
        "vote_share": lived["votes"].to_numpy(float) / all_votes if all_votes else 0.0,
        "gap": gap.reindex(steps).to_numpy(),
        "misjudgement": mis.reindex(steps).to_numpy(),
        "_o": lived["step"].cat.codes.to_numpy()})
    out["priority"] = _score(out["hurt"], out["severity"], out["vote_share"],
                             out["misjudgement"])
    out = out.sort_values(["priority", "_o", "key"], ascending=[False, True, True],
                          kind="stable").drop(columns="_o").reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out


def priority_steps(frames: JourneyFrames) -> pd.DataFrame:
    """Steps ranked by the same score over all their customer pain points.

    Columns: ``rank, step, title, stage, customers_hurt, hurt, severity`` (mean),
    ``votes, vote_share, gap, misjudgement, priority``; highest first (ties: journey order).
    Steps with no customer pain point score 0 and come last.
    """
    steps = frames.steps
    pp = frames.pain_points
    lived = pp[pp["perspective"] == "lived"]
    size = len(steps)
    c = lived["step"].cat.codes.to_numpy(dtype=np.int64)
    n = np.bincount(c, minlength=size)
    who = lived[["step", "participant"]].drop_duplicates()
    hurt_n = np.bincount(who["step"].cat.codes.to_numpy(dtype=np.int64), minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        sev = np.bincount(c, weights=lived["severity"].to_numpy(float), minlength=size) / n
    votes = np.bincount(c, weights=lived["votes"].to_numpy(float), minlength=size)
    all_votes = votes.sum()
    total = max(customers(frames), 1)
    cmp = compare(frames, "emotion")
    gap = cmp["gap"].to_numpy()
    mis = np.clip(np.nan_to_num(gap, nan=0.0), 0, None) / 6.0
    out = pd.DataFrame({
        "step": steps["key"].to_numpy(), "title": steps["title"].to_numpy(),
        "stage": steps["stage"].to_numpy(), "customers_hurt": hurt_n,
        "hurt": hurt_n / total, "severity": sev, "votes": votes.astype("int64"),
        "vote_share": votes / all_votes if all_votes else np.zeros(size),
        "gap": gap, "misjudgement": mis, "_o": np.arange(size)})
    out["priority"] = np.nan_to_num(_score(out["hurt"], out["severity"], out["vote_share"],
                                           out["misjudgement"]), nan=0.0)
    out = out.sort_values(["priority", "_o"], ascending=[False, True], kind="stable") \
        .drop(columns="_o").reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out
