"""Per step, what staff assumed vs what customers lived: n, mean, spread, gap, Welch interval.

For each step in journey order and each of Temkin's three components — emotion (−3..+3),
effort (1..5) and success rate (yes 1, partly 0.5, no 0) — the ratings of the *assumed*
perspective (staff guessing about customers) are compared with the *lived* one (customers'
own):

* ``gap`` = mean assumed − mean lived (for emotion: positive means staff are too optimistic;
  for effort: negative means staff think the step is easier than customers found it);
* ``ci_low``, ``ci_high``: the 95% Welch interval of that difference (unequal variances,
  Welch–Satterthwaite degrees of freedom, Student t quantile from scipy);
* ``small_sample``: either side has fewer than 3 ratings;
* ``p_value``: Welch's two-sided p for "no gap"; ``q_value``: its Benjamini–Hochberg q-value
  across the journey's compared steps (those that are not small samples), because a journey
  of 30 steps tested at 95 % each would find about 1.5 gaps where there is none;
* ``blind_spot``: the interval excludes 0, q < 0.05 and the sample is not small — the
  organisation is measurably wrong about this step, with at most 5 % of the blind spots of
  the journey expected to be false alarms;
* ``rank_p``, ``rank_q``: the Mann–Whitney test of the same two sides (ratings are ordinal:
  it uses only their order) and its q-value; ``superiority``: the chance that a random
  assumed rating is above a random lived one (ties half); ``tests_disagree``: one test finds
  a difference at q < 0.05 and the other does not — read that step with care.

Everything is computed for all steps at once with ``numpy.bincount`` over the Categorical
codes of ``ratings.step`` and ``ratings.perspective``: no Python loop over steps.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .frames import PERSPECTIVES, JourneyFrames
from .stats import (SMALL_SAMPLE, bh_qvalues, group_stats, mann_whitney, mean_interval,
                    welch)

MEASURES = ("emotion", "effort", "success")
MAIN_COLUMNS = ("step", "title", "stage", "n_assumed", "mean_assumed", "n_lived", "mean_lived",
                "gap", "ci_low", "ci_high", "blind_spot", "small_sample")
#: The tests behind each gap, right after the main columns.
TEST_COLUMNS = ("p_value", "q_value", "rank_p", "rank_q", "tests_disagree")
#: What ``journeymap analyze`` prints by default.
ANALYZE_COLUMNS = MAIN_COLUMNS + TEST_COLUMNS
#: Below this q-value (and with an interval excluding 0) a gap is a blind spot.
FDR = 0.05


def _codes(frames: JourneyFrames) -> tuple[np.ndarray, int]:
    r = frames.ratings
    s = r["step"].cat.codes.to_numpy(dtype=np.int64)
    p = r["perspective"].cat.codes.to_numpy(dtype=np.int64)
    return s * len(PERSPECTIVES) + p, len(frames.steps) * len(PERSPECTIVES)


def _measure(frames: JourneyFrames, measure: str, codes: np.ndarray, size: int,
             first: str = "assumed", second: str = "lived") -> dict[str, np.ndarray]:
    values = frames.ratings[measure].to_numpy(dtype=np.float64)
    ok = ~np.isnan(values)
    if not ok.all():
        codes, values = codes[ok], values[ok]
    n, mean, sd = group_stats(codes, values, size)
    k = len(PERSPECTIVES)
    n, mean, sd = n.reshape(-1, k), mean.reshape(-1, k), sd.reshape(-1, k)
    a, b = PERSPECTIVES.index(first), PERSPECTIVES.index(second)
    diff, low, high, df, p = welch(n[:, a], mean[:, a], sd[:, a], n[:, b], mean[:, b], sd[:, b])
    small = (n[:, a] < SMALL_SAMPLE) | (n[:, b] < SMALL_SAMPLE)
    q = bh_qvalues(p, ~small)
    blind = ~small & ((low > 0) | (high < 0)) & (q < FDR)
    # the rank-based check on the same two sides of each step
    two = (codes % k == a) | (codes % k == b)
    _, rank_p, sup = mann_whitney(codes[two] // k, codes[two] % k == a, values[two], size // k)
    rank_q = bh_qvalues(rank_p, ~small)
    disagree = ~small & ((q < FDR) != (rank_q < FDR))
    out = {f"n_{first}": n[:, a], f"mean_{first}": mean[:, a],
           f"n_{second}": n[:, b], f"mean_{second}": mean[:, b],
           "gap": diff, "ci_low": low, "ci_high": high,
           "blind_spot": blind, "small_sample": small,
           "p_value": p, "q_value": q, "rank_p": rank_p, "rank_q": rank_q,
           "tests_disagree": disagree, "superiority": sup,
           f"sd_{first}": sd[:, a], f"sd_{second}": sd[:, b], "df": df}
    for i, name in ((a, first), (b, second)):
        lo, hi = mean_interval(n[:, i], mean[:, i], sd[:, i])
        out[f"mean_low_{name}"], out[f"mean_high_{name}"] = lo, hi
    for name in PERSPECTIVES:
        if name not in (first, second):
            i = PERSPECTIVES.index(name)
            out[f"n_{name}"], out[f"mean_{name}"] = n[:, i], mean[:, i]
    return out


def compare(frames: JourneyFrames, measure: str = "emotion") -> pd.DataFrame:
    """One measure's assumed-vs-lived table, one row per step in journey order.

    Columns: ``step, title, stage, n_assumed, mean_assumed, n_lived, mean_lived, gap, ci_low,
    ci_high, blind_spot, small_sample, p_value, q_value, rank_p, rank_q, tests_disagree,
    superiority, sd_assumed, sd_lived, df, mean_low_assumed,
    mean_high_assumed, mean_low_lived, mean_high_lived`` (95% t interval of each mean, the
    bands of the emotion curve), ``n_employee, mean_employee``.
    """
    if measure not in MEASURES:
        raise ValueError(f"no measure '{measure}'; choose one of {', '.join(MEASURES)}")
    codes, size = _codes(frames)
    cols = _measure(frames, measure, codes, size)
    steps = frames.steps
    out = pd.DataFrame({"step": steps["key"].to_numpy(), "title": steps["title"].to_numpy(),
                        "stage": steps["stage"].to_numpy(), **cols})
    return out


def comparison(frames: JourneyFrames) -> pd.DataFrame:
    """The main per-step table: emotion, then effort and success with a prefix.

    Columns, in order: ``step, title, stage, n_assumed, mean_assumed, n_lived, mean_lived,
    gap, ci_low, ci_high, blind_spot, small_sample`` (emotion), then ``p_value, q_value,
    rank_p, rank_q, tests_disagree, superiority, sd_assumed, sd_lived, df, mean_low_assumed, mean_high_assumed, mean_low_lived, mean_high_lived,
    n_employee, mean_employee, stage_name, order, lane, channel``, then for
    effort and success the same statistics prefixed ``effort_`` / ``success_``
    (``effort_n_assumed, effort_mean_assumed, ..., effort_gap, effort_ci_low, ...``).
    ``success_mean_*`` is a success rate in 0..1.

    >>> from journeymap.analysis.frames import JourneyFrames
    >>> import pandas as pd
    >>> f = JourneyFrames(steps=pd.DataFrame({"key": ["s"], "title": ["S"], "stage": ["a"]}),
    ...     participants=pd.DataFrame({"key": ["p", "q"], "name": ["P", "Q"],
    ...                                "role": ["staff", "customer"]}),
    ...     ratings=pd.DataFrame({"participant": ["p", "q"], "step": ["s", "s"],
    ...                           "emotion": [2, -1]}))
    >>> comparison(f)[["n_assumed", "mean_assumed", "n_lived", "mean_lived", "gap",
    ...                "small_sample"]].to_dict("records")
    [{'n_assumed': 1, 'mean_assumed': 2.0, 'n_lived': 1, 'mean_lived': -1.0, 'gap': 3.0, 'small_sample': True}]
    """
    codes, size = _codes(frames)
    steps = frames.steps
    data = {"step": steps["key"].to_numpy(), "title": steps["title"].to_numpy(),
            "stage": steps["stage"].to_numpy()}
    data.update(_measure(frames, "emotion", codes, size))
    for c in ("stage_name", "order", "lane", "channel"):
        data[c] = steps[c].to_numpy()
    for m in ("effort", "success"):
        for k, v in _measure(frames, m, codes, size).items():
            data[f"{m}_{k}"] = v
    return pd.DataFrame(data)


def blind_spots(frames: JourneyFrames) -> pd.DataFrame:
    """The rows of :func:`comparison` that are blind spots, largest |gap| first."""
    c = comparison(frames)
    c = c[c["blind_spot"]]
    return c.iloc[np.argsort(-c["gap"].abs().to_numpy(), kind="stable")].reset_index(drop=True)
