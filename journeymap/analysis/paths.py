"""Actual paths (CJML): each customer's rated steps, in journey order, as the journey they had.

The map is the *planned* journey; a customer's lived ratings, taken in the canonical step
order, are their *actual* journey. Consecutive steps of a path are the transitions they
followed — some on the map, some ad hoc (a deviation: they jumped over planned steps).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .frames import JourneyFrames


def _lived_codes(frames: JourneyFrames):
    r = frames.ratings
    m = (r["perspective"] == "lived").to_numpy()
    pc = r["participant"].cat.codes.to_numpy(dtype=np.int64)[m]
    sc = r["step"].cat.codes.to_numpy(dtype=np.int64)[m]
    code = np.unique(pc * max(len(frames.steps), 1) + sc)  # sorted by person, then step
    return code // max(len(frames.steps), 1), code % max(len(frames.steps), 1)


def actual_paths(frames: JourneyFrames) -> pd.DataFrame:
    """One row per customer with a lived rating: ``participant, name, path`` (list of step
    keys in journey order), ``length``, ``skipped`` (steps they said did not happen to them).
    """
    pc, sc = _lived_codes(frames)
    keys = frames.steps["key"].to_numpy()
    people = frames.participants
    pos = {k: i for i, k in enumerate(frames.step_keys)}
    skips: dict[str, list[str]] = {}
    for who, step in zip(frames.skips["participant"].astype(str),
                         frames.skips["step"].astype(str)):
        skips.setdefault(who, []).append(step)
    skips = {k: sorted(set(v), key=pos.__getitem__) for k, v in skips.items()}
    rows = []
    if len(pc):
        cut = np.flatnonzero(np.r_[True, pc[1:] != pc[:-1], True])
        for a, b in zip(cut[:-1], cut[1:]):
            key = people["key"].iat[pc[a]]
            rows.append({"participant": key, "name": people["name"].iat[pc[a]],
                         "path": list(keys[sc[a:b]]), "length": int(b - a),
                         "skipped": skips.get(key, [])})
    return pd.DataFrame(rows, columns=["participant", "name", "path", "length", "skipped"])


def followed_transitions(frames: JourneyFrames) -> pd.DataFrame:
    """How many customers went from one step to the next, planned or not.

    Columns: ``source, target, source_title, target_title, label, planned`` (on the map),
    ``customers``. Planned transitions come first in map order (0 when nobody followed them),
    then ad-hoc ones (consecutive steps of a path with no transition on the map) by journey
    order.
    """
    pc, sc = _lived_codes(frames)
    n = max(len(frames.steps), 1)
    same = pc[1:] == pc[:-1]
    pair = sc[:-1][same] * n + sc[1:][same]
    codes, counts = np.unique(pair, return_counts=True)
    followed = dict(zip(codes.tolist(), counts.tolist()))
    pos = {k: i for i, k in enumerate(frames.step_keys)}
    titles = frames.step_titles()
    keys = frames.step_keys
    rows, seen = [], set()
    for s, t, label in frames.transitions.itertuples(index=False):
        c = pos[s] * n + pos[t]
        if c in seen:
            continue
        seen.add(c)
        rows.append((s, t, titles[s], titles[t], label, True, followed.get(c, 0)))
    for c in sorted(set(followed) - seen):
        s, t = keys[c // n], keys[c % n]
        rows.append((s, t, titles[s], titles[t], "", False, followed[c]))
    return pd.DataFrame(rows, columns=["source", "target", "source_title", "target_title",
                                       "label", "planned", "customers"])


def skipped_steps(frames: JourneyFrames) -> pd.DataFrame:
    """Per step in journey order: ``step, title, stage, skipped`` (customers who said it did
    not happen to them), ``not_rated`` (customers with a path who did not rate it),
    ``customers`` (customers with a path)."""
    pc, sc = _lived_codes(frames)
    size = len(frames.steps)
    n_cust = len(np.unique(pc))
    rated = np.bincount(sc, minlength=size)
    roles = dict(zip(frames.participants["key"], frames.participants["role"].astype(str)))
    sk = frames.skips
    sk = sk[sk["participant"].astype(str).map(roles) == "customer"].drop_duplicates()
    skipped = np.bincount(sk["step"].cat.codes.to_numpy(dtype=np.int64), minlength=size)
    return pd.DataFrame({"step": frames.steps["key"].to_numpy(),
                         "title": frames.steps["title"].to_numpy(),
                         "stage": frames.steps["stage"].to_numpy(),
                         "skipped": skipped, "not_rated": n_cust - rated,
                         "customers": n_cust})


def proposed_steps(frames: JourneyFrames) -> pd.DataFrame:
    """Steps participants proposed as missing: ``title, stage, stage_name, after,
    after_title, participant, status, description``, by stage order then the step they
    follow."""
    pr = frames.proposals
    titles = frames.step_titles()
    stage_pos = {k: i for i, k in enumerate(frames.stages)}
    pos = {k: i for i, k in enumerate(frames.step_keys)}
    out = pd.DataFrame({
        "title": pr["title"].to_numpy(), "stage": pr["stage"].to_numpy(),
        "stage_name": [frames.stages.get(s, s) for s in pr["stage"]],
        "after": pr["after"].to_numpy(),
        "after_title": [titles.get(a, "") for a in pr["after"]],
        "participant": pr["participant"].to_numpy(), "status": pr["status"].to_numpy(),
        "description": pr["description"].to_numpy(),
        "_s": [stage_pos.get(s, len(stage_pos)) for s in pr["stage"]],
        "_a": [pos.get(a, -1) for a in pr["after"]]})
    return out.sort_values(["_s", "_a", "title"], kind="stable") \
        .drop(columns=["_s", "_a"]).reset_index(drop=True)
