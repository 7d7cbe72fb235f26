"""Positive / neutral / negative split of ratings, beside Zendesk's 56 / 25 / 19 benchmark.

A rating is positive when its emotion is > 0, neutral when = 0, negative when < 0. The split
is given for the whole journey, per stage and per channel, each per perspective.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .frames import PERSPECTIVES, JourneyFrames

#: Zendesk CX Trends: share of interactions customers rate positive, neutral, negative.
BENCHMARK = {"positive": 0.56, "neutral": 0.25, "negative": 0.19}
LEVELS = ("journey", "stage", "channel")
_SPLIT_PERSPECTIVES = ("lived", "assumed", "employee")


def split(frames: JourneyFrames, levels=LEVELS) -> pd.DataFrame:
    """The split as a long table.

    Columns: ``level`` (journey | stage | channel), ``group`` (the stage key, the channel, or
    "" for the journey), ``label`` (journey title, stage name, channel), ``perspective``,
    ``n, n_positive, n_neutral, n_negative``, shares ``positive, neutral, negative`` (0..1,
    NaN when n = 0), and ``benchmark_positive, benchmark_neutral, benchmark_negative``.
    Perspectives without any rating are left out; within them every stage / channel of the
    journey has a row (journey order).
    """
    r = frames.ratings
    e = r["emotion"].to_numpy(dtype=np.float64)
    ok = ~np.isnan(e)
    e = e[ok]
    sc = r["step"].cat.codes.to_numpy(dtype=np.int64)[ok]
    pc = r["perspective"].cat.codes.to_numpy(dtype=np.int64)[ok]
    sign = np.where(e > 0, 0, np.where(e == 0, 1, 2))  # positive, neutral, negative
    steps = frames.steps
    present = [p for p in _SPLIT_PERSPECTIVES if (pc == PERSPECTIVES.index(p)).any()]
    parts = []
    for level in levels:
        if level == "journey":
            groups, labels = [""], [frames.title]
            gcode = np.zeros(len(steps), dtype=np.int64)
        elif level == "stage":
            groups = list(dict.fromkeys(steps["stage"]))
            names = dict(zip(steps["stage"], steps["stage_name"]))
            labels = [names[g] for g in groups]
            gcode = steps["stage"].map({g: i for i, g in enumerate(groups)}).to_numpy()
        elif level == "channel":
            groups = list(dict.fromkeys(steps["channel"]))
            labels = groups
            gcode = steps["channel"].map({g: i for i, g in enumerate(groups)}).to_numpy()
        else:
            raise ValueError(f"no level '{level}'; choose one of {', '.join(LEVELS)}")
        gcode = np.asarray(gcode, dtype=np.int64)
        ng, k = len(groups), len(PERSPECTIVES)
        code = (gcode[sc] * k + pc) * 3 + sign
        counts = np.bincount(code, minlength=ng * k * 3).reshape(ng, k, 3)
        for p in present:
            c = counts[:, PERSPECTIVES.index(p), :]
            n = c.sum(axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                share = c / n[:, None]
            parts.append(pd.DataFrame({
                "level": level, "group": groups, "label": labels, "perspective": p,
                "n": n, "n_positive": c[:, 0], "n_neutral": c[:, 1], "n_negative": c[:, 2],
                "positive": share[:, 0], "neutral": share[:, 1], "negative": share[:, 2]}))
    if not parts:
        out = pd.DataFrame(columns=["level", "group", "label", "perspective", "n",
                                    "n_positive", "n_neutral", "n_negative", "positive",
                                    "neutral", "negative"])
    else:
        out = pd.concat(parts, ignore_index=True)
    for k, v in BENCHMARK.items():
        out[f"benchmark_{k}"] = v
    return out
