"""Pain points: per step, unanticipated by staff, per KPMG pillar, employees' own beside.

"Anticipated" uses a fuzzy text match (rapidfuzz), so "Long wait on the phone" written by a
customer counts as anticipated by a staff member's "Waiting too long on the phone" at the same
step. The match knows no language: texts are folded (accents removed, lower case, punctuation
to spaces) and compared by characters and word sets, which works the same for Italian and
English.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process, utils

from .frames import PILLARS, JourneyFrames

#: Two pain-point texts at the same step are "the same problem" when their rapidfuzz
#: ``WRatio`` score (0..100) on folded text is at least this.
#:
#: ``WRatio`` takes the best of a plain, a partial and two token-based (word order and word
#: set) similarities, weighted by how different the lengths are, so a short staff note that
#: names the problem ("Confusing invoice") still matches a customer's longer sentence
#: ("The invoice is confusing", 95) and reworded Italian works too ("Attesa troppo lunga al
#: telefono" vs "Troppa attesa al telefono", 81). At 70 the pairs we tried that describe the
#: same problem in other words scored 73..95, while different problems at one step scored
#: 28..55 ("Price too high" vs "Slow delivery", 28). Synonyms with no shared words ("The
#: technician did not show up" vs "Nobody came to fix it", 30) are not caught: a fuzzy match
#: is about wording, not meaning, so the list of unanticipated pain points errs on the side of
#: showing a few that staff did anticipate in other words.
ANTICIPATION_THRESHOLD = 70.0


def fold(text: str) -> str:
    """Text folded for matching: no accents, lower case, punctuation to spaces.

    >>> fold("  Perché è così LENTO?! ")
    'perche e cosi lento'
    """
    s = unicodedata.normalize("NFKD", str(text))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return utils.default_process(s)


def similarity(a: list[str], b: list[str], folded: bool = False) -> np.ndarray:
    """The ``len(a) × len(b)`` matrix of WRatio scores (0..100) between folded texts
    (``folded=True``: the texts are folded already)."""
    if not len(a) or not len(b):
        return np.zeros((len(a), len(b)))
    if not folded:
        a, b = [fold(x) for x in a], [fold(x) for x in b]
    return process.cdist(a, b, scorer=fuzz.WRatio, processor=None, dtype=np.float64)


def by_step(pp: pd.DataFrame) -> tuple[pd.DataFrame, list[str], dict[int, slice]]:
    """Pain points sorted by journey order then key, their folded texts, and the slice of
    rows of each step code."""
    code = pp["step"].cat.codes.to_numpy(dtype=np.int64)
    o = np.lexsort((pp["key"].to_numpy(object), code))
    pp = pp.iloc[o]
    code = code[o]
    texts = [fold(x) for x in pp["text"]]
    cut = np.flatnonzero(np.r_[True, code[1:] != code[:-1], True]) if len(code) else [0]
    slices = {int(code[a]): slice(int(a), int(b)) for a, b in zip(cut[:-1], cut[1:])}
    return pp, texts, slices


def _with_titles(frames: JourneyFrames, df: pd.DataFrame) -> pd.DataFrame:
    titles = frames.step_titles()
    df = df.copy()
    df.insert(df.columns.get_loc("step") + 1, "title", df["step"].astype(str).map(titles))
    return df


def anticipation(frames: JourneyFrames,
                 threshold: float = ANTICIPATION_THRESHOLD) -> pd.DataFrame:
    """Every customer (lived) pain point with the closest staff (assumed) one at its step.

    Columns: ``key, participant, step, title, text, severity, pillar, votes, anticipated,
    match, score`` — ``match`` is the closest assumed pain point's text at the same step
    ("" if staff named none there), ``score`` its WRatio, ``anticipated`` = score ≥
    ``threshold``. Journey order, then key.
    """
    pp = frames.pain_points
    lived, lived_texts, lived_at = by_step(pp[pp["perspective"] == "lived"])
    assumed, assumed_texts, assumed_at = by_step(pp[pp["perspective"] == "assumed"])
    raw = assumed["text"].tolist()
    match = np.full(len(lived), "", dtype=object)
    score = np.zeros(len(lived))
    for code, sl in lived_at.items():
        there = assumed_at.get(code)
        if there is None:
            continue
        m = similarity(lived_texts[sl], assumed_texts[there], folded=True)
        best = m.argmax(axis=1)
        score[sl] = m[np.arange(len(best)), best]
        match[sl] = [raw[there.start + i] for i in best]
    out = lived.drop(columns=["perspective"]).reset_index(drop=True)
    out["anticipated"] = score >= threshold
    out["match"] = match
    out["score"] = score
    out["step"] = out["step"].astype(str)
    out["participant"] = out["participant"].astype(str)
    out["pillar"] = out["pillar"].astype(object).where(out["pillar"].notna(), "")
    return _with_titles(frames, out)


def unanticipated(frames: JourneyFrames,
                  threshold: float = ANTICIPATION_THRESHOLD) -> pd.DataFrame:
    """The customer pain points that no staff member anticipated at that step."""
    a = anticipation(frames, threshold)
    return a[~a["anticipated"]].reset_index(drop=True)


def customers(frames: JourneyFrames) -> int:
    """How many customers took part: people who gave at least one lived rating or pain point."""
    seen = np.zeros(len(frames.participants) + 1, dtype=bool)
    for df in (frames.ratings, frames.pain_points):
        m = (df["perspective"] == "lived").to_numpy()
        seen[df["participant"].cat.codes.to_numpy()[m]] = True
    return int(seen[:-1].sum())


def pain_points_by_step(frames: JourneyFrames,
                        threshold: float = ANTICIPATION_THRESHOLD) -> pd.DataFrame:
    """Per step in journey order, customers' pain points with staff's and employees' beside.

    Columns: ``step, title, stage, customers`` (distinct customers who named one),
    ``share_customers`` (of all customers who took part), ``n_lived, severity_lived``
    (mean, 1..3), ``votes_lived, unanticipated`` (lived pain points no staff member
    anticipated), ``n_assumed, severity_assumed, n_employee, severity_employee,
    votes_employee``.
    """
    steps = frames.steps
    pp = frames.pain_points
    out = pd.DataFrame({"step": steps["key"].to_numpy(), "title": steps["title"].to_numpy(),
                        "stage": steps["stage"].to_numpy()})
    size = len(steps)
    total = max(customers(frames), 1)
    for p in ("lived", "assumed", "employee"):
        g = pp[pp["perspective"] == p]
        c = g["step"].cat.codes.to_numpy(dtype=np.int64)
        n = np.bincount(c, minlength=size)
        sev = np.bincount(c, weights=g["severity"].to_numpy(float), minlength=size)
        votes = np.bincount(c, weights=g["votes"].to_numpy(float), minlength=size)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean_sev = sev / n
        if p == "lived":
            who = g[["step", "participant"]].drop_duplicates()
            out["customers"] = np.bincount(who["step"].cat.codes.to_numpy(dtype=np.int64),
                                           minlength=size)
            out["share_customers"] = out["customers"] / total
        out[f"n_{p}"] = n
        out[f"severity_{p}"] = mean_sev
        if p != "assumed":
            out[f"votes_{p}"] = votes.astype("int64")
        if p == "lived":
            un = unanticipated(frames, threshold)
            out["unanticipated"] = out["step"].map(un["step"].value_counts()).fillna(0) \
                .astype("int64").to_numpy()
    return out


def pillars(frames: JourneyFrames) -> pd.DataFrame:
    """Pain points per KPMG pillar by perspective (the six pillars, then untagged as "").

    Columns: ``pillar, n_assumed, n_lived, n_employee, share_assumed, share_lived,
    share_employee`` (share of that perspective's *tagged* pain points).
    """
    pp = frames.pain_points
    out = pd.DataFrame({"pillar": list(PILLARS) + [""]})
    for p in ("assumed", "lived", "employee"):
        g = pp[pp["perspective"] == p]
        c = g["pillar"].cat.codes.to_numpy(dtype=np.int64)
        c = np.where(c < 0, len(PILLARS), c)
        n = np.bincount(c, minlength=len(PILLARS) + 1)
        out[f"n_{p}"] = n
    for p in ("assumed", "lived", "employee"):
        tagged = out[f"n_{p}"].iloc[:-1].sum()
        share = out[f"n_{p}"] / tagged if tagged else out[f"n_{p}"] * np.nan
        share.iloc[-1] = np.nan
        out[f"share_{p}"] = share
    return out


def employee_pain_points(frames: JourneyFrames) -> pd.DataFrame:
    """Staff's own pain points (employee perspective) with their step title, journey order."""
    pp = frames.pain_points
    g = pp[pp["perspective"] == "employee"]
    g = g.assign(_o=g["step"].cat.codes).sort_values(["_o", "key"], kind="stable")
    g = g.drop(columns=["_o", "perspective"]).reset_index(drop=True)
    g["step"] = g["step"].astype(str)
    g["participant"] = g["participant"].astype(str)
    g["pillar"] = g["pillar"].astype(object).where(g["pillar"].notna(), "")
    return _with_titles(frames, g)
