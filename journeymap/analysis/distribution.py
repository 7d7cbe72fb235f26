"""Whole distributions, not only means: the share of each face (−3..+3) per step and
perspective — the numbers of the diverging stacked bar researchers draw for Likert-type
answers.

Emotions are faces from −3 to +3; an imported rescaled value (e.g. 1.5 from a 1..5 score) is
counted at the nearest face, halves away from zero (1.5 → 2, −1.5 → −2, 0.5 → 1).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .frames import PERSPECTIVES, JourneyFrames

FACES = (-3, -2, -1, 0, 1, 2, 3)
#: ``share_-3`` … ``share_+3``
FACE_COLUMNS = tuple(f"share_{f:+d}" if f else "share_0" for f in FACES)
DISTRIBUTION_PERSPECTIVES = ("assumed", "lived")


def nearest_face(emotion: np.ndarray) -> np.ndarray:
    """Each emotion at its nearest face, halves away from zero, as an int in −3..3.

    >>> nearest_face(np.array([1.5, -1.5, 0.5, -0.4, 2.9])).tolist()
    [2, -2, 1, 0, 3]
    """
    e = np.asarray(emotion, float)
    return np.clip(np.sign(e) * np.floor(np.abs(e) + 0.5), -3, 3).astype(np.int64)


def distribution(frames: JourneyFrames) -> pd.DataFrame:
    """Per step (journey order) and perspective (assumed, then lived): ``step, title,
    perspective, n``, then ``share_-3 … share_+3`` (fractions of n, summing to 1; NaN where
    n is 0), then ``negative, neutral, positive`` (shares below, at and above 0).
    """
    r = frames.ratings
    e = r["emotion"].to_numpy(dtype=np.float64)
    sc = r["step"].cat.codes.to_numpy(dtype=np.int64)
    pc = r["perspective"].cat.codes.to_numpy(dtype=np.int64)
    keep = ~np.isnan(e)
    wanted = [PERSPECTIVES.index(p) for p in DISTRIBUTION_PERSPECTIVES]
    keep &= np.isin(pc, wanted)
    e, sc, pc = e[keep], sc[keep], pc[keep]
    n_steps, k, n_faces = len(frames.steps), len(DISTRIBUTION_PERSPECTIVES), len(FACES)
    side = np.searchsorted(wanted, pc)  # assumed 0, lived 1 (wanted is sorted)
    face = nearest_face(e) + 3
    counts = np.bincount((sc * k + side) * n_faces + face,
                         minlength=n_steps * k * n_faces).reshape(n_steps * k, n_faces)
    n = counts.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = counts / n[:, None]
    steps = frames.steps
    out = pd.DataFrame({
        "step": np.repeat(steps["key"].to_numpy(), k),
        "title": np.repeat(steps["title"].to_numpy(), k),
        "perspective": np.tile(np.array(DISTRIBUTION_PERSPECTIVES, dtype=object), n_steps),
        "n": n.astype(np.int64)})
    for i, c in enumerate(FACE_COLUMNS):
        out[c] = shares[:, i]
    out["negative"] = shares[:, :3].sum(axis=1)
    out["neutral"] = shares[:, 3]
    out["positive"] = shares[:, 4:].sum(axis=1)
    return out
