"""The Insight page's tables as shown: for each table of an
:class:`~journeymap.ui.insight.analysis.Insight`, the chosen columns, rounded, with headers
in the reader's language and words for codes (perspectives, pillars, statuses). The CSV
downloads are these same tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from journeymap.i18n import t

if TYPE_CHECKING:
    from .analysis import Insight


def _col(name: str, lang: str) -> str:
    for key in (f"insight.col.{name}", f"analysis.col.{name}"):
        try:
            return t(key, lang)
        except KeyError:
            continue
    return name


def _pick(df: pd.DataFrame, columns: list[str], lang: str, digits: int = 2) -> pd.DataFrame:
    out = df[[c for c in columns if c in df]].copy()
    for c in out:
        if pd.api.types.is_float_dtype(out[c]):
            out[c] = out[c].round(digits)
    out.columns = [_col(c, lang) for c in out.columns]
    return out.reset_index(drop=True)


def _percent(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    df = df.copy()
    for c in columns:
        if c in df:
            df[c] = (100 * df[c].astype(float)).round(1)
    return df


def _words(series: pd.Series, prefix: str, lang: str) -> pd.Series:
    def one(v):
        if v is None or (isinstance(v, float) and np.isnan(v)) or v == "":
            return ""
        try:
            return t(f"{prefix}.{v}", lang)
        except KeyError:
            return str(v)
    return series.astype(object).map(one)


COMPARISON_COLUMNS = ["title", "stage_name", "channel", "n_assumed", "mean_assumed", "n_lived",
                      "mean_lived", "gap", "ci_low", "ci_high", "p_value", "q_value",
                      "blind_spot", "small_sample", "rank_p", "tests_disagree"]


def _p(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """p- and q-values (``columns``) with 3 decimals, every other number with 2."""
    df = df.copy()
    for c in df:
        if pd.api.types.is_float_dtype(df[c]):
            df[c] = df[c].round(3 if c in columns else 2)
    return df


def _shown_comparison(ins: Insight, lang: str):
    return _pick(_p(ins.table("comparison"), ["p_value", "q_value", "rank_p"]),
                 COMPARISON_COLUMNS, lang, digits=3)


def _shown_blind_spots(ins: Insight, lang: str, measure: str = "emotion"):
    comp = ins.table("comparison")
    p = "" if measure == "emotion" else f"{measure}_"
    blind = comp[comp[f"{p}blind_spot"].astype(bool)]
    blind = blind.iloc[np.argsort(-blind[f"{p}gap"].abs().to_numpy(), kind="stable")]
    cols = ["title", "stage_name", "channel", f"{p}n_assumed", f"{p}mean_assumed",
            f"{p}n_lived", f"{p}mean_lived", f"{p}gap", f"{p}ci_low", f"{p}ci_high",
            f"{p}p_value", f"{p}q_value", f"{p}rank_p", f"{p}tests_disagree"]
    out = blind[cols].rename(columns={c: c[len(p):] for c in cols if p and c.startswith(p)})
    out = _p(out, ["p_value", "q_value", "rank_p"])
    return _pick(out, [c[len(p):] if p and c.startswith(p) else c for c in cols], lang,
                 digits=3)


def _shown_peak_end(ins: Insight, lang: str):
    pe = ins.table("peak-end").copy()
    pe["perspective"] = _words(pe["perspective"], "perspective", lang)
    return _pick(pe, ["perspective", "n_people", "mean_peak", "mean_end", "mean_remembered",
                      "ci_low", "ci_high", "mean_experienced", "experienced_ci_low",
                      "experienced_ci_high", "mean_memory_gap"], lang)


def _shown_peak_end_people(ins: Insight, lang: str):
    pp = ins.table("peak-end-people").copy()
    titles = ins.frames.step_titles()
    pp["peak_step"] = pp["peak_step"].astype(object).map(titles)
    pp["end_step"] = pp["end_step"].astype(object).map(titles)
    pp["perspective"] = _words(pp["perspective"], "perspective", lang)
    return _pick(pp, ["name", "perspective", "n_steps", "peak", "peak_step", "end",
                      "end_step", "remembered", "experienced", "memory_gap"], lang)


def _shown_peak_end_steps(ins: Insight, lang: str):
    ps = ins.table("peak-end-steps")
    ps = ps[(ps["peak_lived"] > 0) | (ps["end_lived"] > 0)
            | (ps["peak_assumed"] > 0) | (ps["end_assumed"] > 0)]
    ps = _percent(ps, ["peak_lived_share", "end_lived_share"])
    ps = ps.sort_values(["peak_lived", "end_lived"], ascending=False, kind="stable")
    return _pick(ps, ["title", "peak_lived", "peak_lived_share", "end_lived",
                      "end_lived_share", "peak_assumed", "end_assumed"], lang)


def _shown_split(ins: Insight, lang: str, level: str = "stage", perspective: str = "lived"):
    s = ins.table("split")
    s = s[(s["perspective"] == perspective) & s["level"].isin([level, "journey"])].copy()
    s["split_label"] = [x or t("chart.no_channel", lang) for x in s["label"]]
    s = _percent(s, ["positive", "neutral", "negative", "benchmark_positive",
                     "benchmark_neutral", "benchmark_negative"])
    return _pick(s, ["split_label", "n", "positive", "neutral", "negative", "benchmark_positive",
                     "benchmark_neutral", "benchmark_negative"], lang)


def _shown_pillars(ins: Insight, lang: str):
    p = ins.table("pillars").copy()
    p["pillar"] = [t(f"pillar.{x}", lang) if x else t("chart.pillars.untagged", lang)
                   for x in p["pillar"]]
    p = _percent(p, ["share_assumed", "share_lived", "share_employee"])
    return _pick(p, ["pillar", "n_assumed", "share_assumed", "n_lived", "share_lived",
                     "n_employee", "share_employee"], lang, digits=1)


def _shown_pain_steps(ins: Insight, lang: str):
    p = ins.table("pain-points")
    p = p[(p["n_lived"] > 0) | (p["n_assumed"] > 0) | (p["n_employee"] > 0)]
    p = _percent(p, ["share_customers"])
    return _pick(p, ["title", "customers", "share_customers", "n_lived", "severity_lived",
                     "votes_lived", "unanticipated", "n_assumed", "severity_assumed",
                     "n_employee", "severity_employee"], lang)


def _pain_list(df: pd.DataFrame, ins: Insight, lang: str, extra: list[str] = ()) -> pd.DataFrame:
    df = df.copy()
    df["pillar"] = _words(df["pillar"], "pillar", lang)
    labels = ins.frames.participant_labels()
    df["who"] = df["participant"].astype(object).map(labels)
    return _pick(df, ["text", "title", "severity", "pillar", "votes", "who", *extra], lang)


def _shown_unanticipated(ins: Insight, lang: str):
    return _pain_list(ins.table("unanticipated"), ins, lang)


def _shown_employee_pains(ins: Insight, lang: str):
    return _pain_list(ins.table("employee-pain-points"), ins, lang)


def _shown_priority(ins: Insight, lang: str, level: str = "pain_points"):
    if level == "pain_points":
        p = ins.table("priority").copy()
        p["pillar"] = _words(p["pillar"], "pillar", lang)
        cols = ["rank", "text", "title", "pillar", "customers_hurt", "severity", "votes",
                "gap", "priority"]
    else:
        p = ins.table("priority-steps").copy()
        p["stage"] = p["stage"].map(lambda k: ins.frames.stages.get(k, k))
        cols = ["rank", "title", "stage", "customers_hurt", "severity", "votes", "gap",
                "priority"]
    return _pick(p, cols, lang, digits=1)


def _shown_effort(ins: Insight, lang: str):
    c = ins.table("comparison")
    return _pick(c, ["title", "stage_name", "effort_n_assumed", "effort_mean_assumed",
                     "effort_n_lived", "effort_mean_lived", "effort_gap", "mean_assumed",
                     "mean_lived", "success_mean_assumed", "success_mean_lived"], lang)


def _shown_ratings(ins: Insight, lang: str):
    r = ins.table("ratings").copy()
    r["perspective"] = _words(r["perspective"], "perspective", lang)
    r["who"] = r["label"]
    return _pick(r, ["who", "perspective", "title", "emotion", "effort", "success",
                     "comment"], lang)


def _shown_transitions(ins: Insight, lang: str):
    tr = ins.table("transitions")
    tr = tr[tr["customers"] > 0].sort_values("customers", ascending=False, kind="stable")
    return _pick(tr, ["source_title", "target_title", "label", "planned", "customers"], lang)


def _shown_paths(ins: Insight, lang: str):
    p = ins.table("paths").copy()
    titles = ins.frames.step_titles()

    def names(keys):
        return " → ".join(titles.get(k, k) for k in (keys or []))

    p["path"] = p["path"].map(names)
    p["skipped"] = p["skipped"].map(names)
    return _pick(p, ["name", "length", "path", "skipped"], lang)


def _shown_skipped(ins: Insight, lang: str):
    s = ins.table("skipped")
    s = s[(s["skipped"] > 0) | (s["not_rated"] > 0)].copy()
    s["stage"] = s["stage"].map(lambda k: ins.frames.stages.get(k, k))
    return _pick(s, ["title", "stage", "skipped", "not_rated", "customers"], lang)


def _shown_proposed(ins: Insight, lang: str):
    p = ins.table("proposed").copy()
    p["status"] = _words(p["status"], "insight.status", lang)
    labels = ins.frames.participant_labels()
    p["who"] = p["participant"].astype(object).map(lambda k: labels.get(k, ""))
    return _pick(p, ["title", "stage_name", "after_title", "description", "status", "who"],
                 lang)


def _shown_faces(ins: Insight, lang: str):
    from journeymap.analysis import FACE_COLUMNS

    d = ins.table("distribution")
    d = d[d.groupby("step", sort=False)["n"].transform("sum").to_numpy() > 0].copy()
    d["perspective"] = _words(d["perspective"], "perspective", lang)
    d = _percent(d, list(FACE_COLUMNS))
    return _pick(d, ["title", "perspective", "n", *FACE_COLUMNS], lang, digits=1)


def _option_label(ins: Insight, segment: str):
    labels = dict(ins.frames.segment_defs.get(segment, {}).get("options", []))
    return lambda k: labels.get(k, k)


def _shown_segment(ins: Insight, lang: str, segment: str = ""):
    t_ = ins.segment_table(segment).copy()
    t_["option"] = t_["option"].map(_option_label(ins, segment))
    return _pick(_p(t_, ["p_value", "q_value"]),
                 ["option", "people", "title", "n_assumed", "mean_assumed", "n_lived",
                  "mean_lived", "gap", "ci_low", "ci_high", "p_value", "q_value",
                  "small_sample", "different"], lang, digits=3)


def _shown_contrast(ins: Insight, lang: str, segment: str = "", first: str = "",
                    second: str = ""):
    c = ins.contrast_table(segment, first, second)
    return _pick(_p(c, ["p_value", "q_value"]),
                 ["title", "n_first", "mean_first", "n_second", "mean_second", "difference",
                  "ci_low", "ci_high", "p_value", "q_value", "small_sample", "different"],
                 lang, digits=3)


def _shown_rounds(ins: Insight, lang: str):
    r = ins.table("rounds")
    r = r[(r["n_first"] > 0) | (r["n_second"] > 0)]
    return _pick(_p(r, ["p_value", "q_value"]),
                 ["title", "n_first", "mean_first", "n_second", "mean_second", "change",
                  "ci_low", "ci_high", "p_value", "q_value", "improved", "worsened",
                  "actions"], lang, digits=3)


#: table name -> builder ``(insight, lang, **options) -> DataFrame`` of the table as shown
SHOWN = {"segment": _shown_segment, "contrast": _shown_contrast, "rounds": _shown_rounds,
         "faces": _shown_faces, "comparison": _shown_comparison,
         "blind_spots": _shown_blind_spots, "peak_end": _shown_peak_end,
         "peak_end_people": _shown_peak_end_people, "peak_end_steps": _shown_peak_end_steps,
         "split": _shown_split, "pillars": _shown_pillars, "pain_steps": _shown_pain_steps,
         "unanticipated": _shown_unanticipated, "employee_pains": _shown_employee_pains,
         "priority": _shown_priority, "effort": _shown_effort, "ratings": _shown_ratings,
         "transitions": _shown_transitions, "paths": _shown_paths,
         "skipped": _shown_skipped, "proposed": _shown_proposed}
