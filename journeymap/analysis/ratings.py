"""Every rating as a readable long table: the numbers behind the participants × steps heatmap."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .frames import JourneyFrames

_ORDER = {"lived": 0, "assumed": 1, "employee": 2}


def ratings_long(frames: JourneyFrames) -> pd.DataFrame:
    """One row per rating: ``participant, label, role, perspective, step, title, order,
    emotion, effort, success, comment``.

    Sorted customers' lived ratings first, then staff's assumed, then employee; within a
    perspective by participant (in the order people joined) and journey order. ``label`` is
    the participant's display name (``#key`` for anonymous people), made unique.
    """
    r = frames.ratings
    labels = frames.participant_labels()
    seen: dict[str, int] = {}
    for k, v in list(labels.items()):
        seen[v] = seen.get(v, 0) + 1
    labels = {k: (v if seen[v] == 1 else f"{v} (#{k})") for k, v in labels.items()}
    pc = r["participant"].cat.codes.to_numpy()
    sc = r["step"].cat.codes.to_numpy()
    pp = r["perspective"].astype(str).map(_ORDER).to_numpy()
    o = np.lexsort((sc, pc, pp))
    keys = frames.participants["key"].to_numpy()
    out = pd.DataFrame({
        "participant": keys[pc[o]],
        "label": [labels[k] for k in keys[pc[o]]],
        "role": r["role"].astype(str).to_numpy()[o],
        "perspective": r["perspective"].astype(str).to_numpy()[o],
        "step": frames.steps["key"].to_numpy()[sc[o]],
        "title": frames.steps["title"].to_numpy()[sc[o]],
        "order": sc[o],
        "emotion": r["emotion"].to_numpy()[o],
        "effort": r["effort"].to_numpy()[o],
        "success": r["success"].to_numpy()[o],
        "comment": r["comment"].to_numpy()[o],
    })
    return out
