"""Every rating as a readable long table: the numbers behind the participants × steps heatmap."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .frames import JourneyFrames

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
    # perspective categories are assumed, lived, employee: sort lived first
    pp = np.array([1, 0, 2])[r["perspective"].cat.codes.to_numpy()]
    o = np.lexsort((sc, pc, pp))
    keys = list(frames.participants["key"])
    label_of = [labels[k] for k in keys]
    steps = frames.steps
    step_keys, titles = list(steps["key"]), list(steps["title"])
    title_cats = list(dict.fromkeys(titles))
    title_code = np.array([title_cats.index(x) for x in titles], dtype=np.int64) \
        if len(titles) < 2000 else pd.Index(title_cats).get_indexer(titles)
    cat = pd.Categorical.from_codes
    return pd.DataFrame({
        "participant": cat(pc[o], keys),
        "label": cat(pc[o], label_of) if len(set(label_of)) == len(label_of)
        else np.array(label_of, dtype=object)[pc[o]],
        "role": r["role"].take(o).to_numpy(),
        "perspective": r["perspective"].take(o).to_numpy(),
        "step": cat(sc[o], step_keys),
        "title": cat(title_code[sc[o]], title_cats),
        "order": sc[o].astype(np.int64),
        "emotion": r["emotion"].to_numpy()[o],
        "effort": r["effort"].to_numpy()[o],
        "success": r["success"].to_numpy()[o],
        "comment": r["comment"].take(o).reset_index(drop=True),
    })
