"""What the workshop report says, computed once and formatted in the workshop's language.

:func:`collect` turns a journey into a :class:`Report`: every section as plain strings and
:class:`Table` objects whose cells are already formatted (numbers with the language's decimal
mark, intervals, dates, translated labels). The HTML and the PDF builders only lay these out,
so both print exactly the same figures.

Nothing here names a participant: people are counted per role, pain points and highlights are
quoted without their author (anonymous stays anonymous), and only opportunity owners, which
the facilitator typed as free text, are printed.

One piece, kept whole: :func:`collect` reads as the report prints, one block per section in
order, all from the same frames and tables; cut up, that order would be lost across modules.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from journeymap import analysis as A
from journeymap.analysis.frames import JourneyFrames
from journeymap.i18n import LANGUAGES, t

from .document import Report, Section, Table
from .formatting import (
    DASH,
    fmt_date,
    fmt_interval,
    fmt_number,
    fmt_p,
    fmt_percent,
    is_missing,
)

ROLES = ("facilitator", "staff", "customer")
TOP = 10


def _short(text: str, width: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _pillar(p: str, lang: str) -> str:
    return t(f"pillar.{p}", lang) if p else DASH


def _peak_end_of_curve(c: pd.DataFrame, p: str):
    """Peak (largest |mean|, ties to the later step) and end (last rated step) of one curve,
    as the chart marks them: ``(peak_index, end_index)`` or ``(None, None)``."""
    mean = c[f"mean_{p}"].to_numpy(float)
    n = c[f"n_{p}"].to_numpy()
    a = np.abs(mean)
    if np.all(np.isnan(a)):
        return None, None
    a = np.where(np.isnan(a), -1, a)
    peak = int(len(a) - 1 - np.argmax(a[::-1]))
    rated = np.flatnonzero(n > 0)
    return peak, (int(rated[-1]) if len(rated) else None)


def collect(journey, lang: str | None = None, *, frames: JourneyFrames | None = None,
            today: dt.date | None = None) -> Report:
    """Everything the report prints, for a :class:`~journeymap.domain.model.Journey` (or a
    bare :class:`JourneyFrames`: then persona, goal and opportunities are left out).

    ``frames`` — the journey's frames as the reader may see them (e.g. from
    :func:`journeymap.services.journey_frames`); built from ``journey`` when omitted.
    ``lang`` — ``it`` or ``en``; the journey's language when omitted."""
    if isinstance(journey, JourneyFrames):
        frames, journey = journey, None
    if frames is None:
        frames = JourneyFrames.from_journey(journey)
    lang = lang or (journey.language if journey is not None else frames.language)
    lang = lang if lang in LANGUAGES else "en"

    def tr(key, **kw):
        return t(key, lang, **kw)

    title = journey.title if journey is not None else frames.title
    tables = {name: A.table(frames, name) for name in
              ("comparison", "peak-end", "split", "priority", "priority-steps", "pillars",
               "employee-pain-points", "unanticipated", "anticipation", "distribution")}
    cmp = tables["comparison"]
    titles = frames.step_titles()
    sections: list[Section] = []

    # who took part -----------------------------------------------------------------------
    people = frames.participants
    r = frames.ratings
    gave = set(r["participant"].astype(str)) | set(frames.pain_points["participant"].astype(str))
    rows = []
    for role in ROLES:
        g = people[people["role"].astype(str) == role]
        if not len(g):
            continue
        rows.append([tr(f"role.{role}"), str(len(g)), str(int(g["anonymous"].sum())),
                     str(int(g["key"].isin(gave).sum()))])
    s = Section("people", tr("report.section.people"))
    if rows:
        s.tables.append(("", Table([tr("report.col.role"), tr("report.col.people"),
                                    tr("report.col.anonymous"), tr("report.col.contributed")],
                                   rows, numeric={1, 2, 3}, widths=[3, 2, 2, 2])))
        s.notes.append(tr("report.people.note", ratings=len(r), pain_points=len(
            frames.pain_points), highlights=len(frames.highlights)))
    else:
        s.empty = tr("report.people.none")
    sections.append(s)

    # the map -----------------------------------------------------------------------------
    lived_mean = dict(zip(cmp["step"], cmp["mean_lived"]))
    cells: dict[tuple[str, str], list] = {}
    for _, st in frames.steps.iterrows():
        m = lived_mean.get(st["key"])
        cells.setdefault((str(st["lane"]), st["stage"]), []).append(
            (st["title"], "" if is_missing(m) else fmt_number(m, lang),
             bool(st["moment_of_truth"])))
    s = Section("map", tr("report.section.map"), intro=[tr("report.map.note")])
    if not len(frames.steps):
        s.empty = tr("report.map.none")
    sections.append(s)

    # emotion curve -----------------------------------------------------------------------
    s = Section("curve", tr("report.section.curve"), intro=[tr("report.curve.explain")],
                chart="curve")
    for p in ("lived", "assumed"):
        peak, end = _peak_end_of_curve(cmp, p)
        if peak is None:
            continue
        mean = cmp[f"mean_{p}"].to_numpy(float)
        s.notes.append(tr("report.curve.peak_end", perspective=tr(f"perspective.{p}"),
                          peak_step=cmp["title"].iloc[peak], peak=fmt_number(mean[peak], lang),
                          end_step=cmp["title"].iloc[end], end=fmt_number(mean[end], lang)))
    pe = tables["peak-end"].set_index("perspective")
    if pe.loc["lived", "n_people"] and pe.loc["assumed", "n_people"]:
        s.notes.append(tr("report.curve.remembered",
                          lived=fmt_number(pe.loc["lived", "mean_remembered"], lang),
                          n_lived=int(pe.loc["lived", "n_people"]),
                          assumed=fmt_number(pe.loc["assumed", "mean_remembered"], lang),
                          n_assumed=int(pe.loc["assumed", "n_people"])))
        s.notes.append(tr("research.report.plain_average",
                          lived=fmt_number(pe.loc["lived", "mean_experienced"], lang),
                          assumed=fmt_number(pe.loc["assumed", "mean_experienced"], lang),
                          interval=fmt_interval(pe.loc["gap", "experienced_ci_low"],
                                                pe.loc["gap", "experienced_ci_high"], lang)))
    if r["emotion"].notna().sum() == 0:
        s.empty = tr("report.curve.none")
    sections.append(s)

    # gaps --------------------------------------------------------------------------------
    s = Section("gaps", tr("report.section.gaps"),
                intro=[tr("analysis.gap.explain"), tr("analysis.blind_spot.explain") + " "
                       + tr("report.gaps.small", min=A.SMALL_SAMPLE)], chart="gaps")
    g = cmp[cmp["gap"].notna()]
    largest = None
    if len(g):
        g = g.iloc[np.argsort(-g["gap"].abs().to_numpy(), kind="stable")]
        top = g.iloc[0]
        largest = {"step": top["step"], "title": top["title"], "gap": float(top["gap"]),
                   "text": fmt_number(top["gap"], lang),
                   "interval": fmt_interval(top["ci_low"], top["ci_high"], lang),
                   "n_assumed": int(top["n_assumed"]), "n_lived": int(top["n_lived"])}
        s.intro.insert(0, tr("report.gaps.largest", step=top["title"], gap=largest["text"],
                             interval=largest["interval"], n_assumed=largest["n_assumed"],
                             n_lived=largest["n_lived"]))
        s.intro.insert(1, tr("report.gaps.count", blind=int(cmp["blind_spot"].sum()),
                             compared=len(g)))
        s.intro.insert(2, tr("research.fdr.sentence", blind=int(cmp["blind_spot"].sum()),
                             compared=int((~cmp["small_sample"]).sum())))
        shown = g.head(TOP)
        s.tables.append(("", Table(
            [tr("analysis.col.title"), tr("analysis.col.stage"), tr("report.col.n"),
             tr("analysis.col.mean_assumed"), tr("analysis.col.mean_lived"),
             tr("analysis.col.gap"), tr("report.col.interval"), tr("research.report.col.pq"),
             tr("analysis.col.blind_spot")],
            [[x.title, frames.stages.get(x.stage, x.stage),
              f"{int(x.n_assumed)} / {int(x.n_lived)}", fmt_number(x.mean_assumed, lang),
              fmt_number(x.mean_lived, lang), fmt_number(x.gap, lang),
              fmt_interval(x.ci_low, x.ci_high, lang),
              f"{fmt_p(x.p_value, lang)} / {fmt_p(x.q_value, lang)}",
              (tr("report.yes") if x.blind_spot else (tr("report.small_sample")
                                                      if x.small_sample else tr("report.no")))
              + (" ≠" if x.tests_disagree else "")]
             for x in shown.itertuples()],
            numeric={2, 3, 4, 5, 6, 7}, widths=[4.0, 2.3, 1.8, 1.7, 1.6, 1.3, 2.5, 2.3, 1.5],
            mark=list(shown["blind_spot"]))))
        if len(g) > TOP:
            s.notes.append(tr("report.more", n=len(g) - TOP))
        s.notes.append(tr("research.rank.explain"))
        odd = cmp[cmp["tests_disagree"]]
        if len(odd):
            s.notes.append(tr("research.report.disagree",
                              steps=", ".join(f"“{x}”" for x in odd["title"])))
    else:
        s.empty = tr("report.gaps.none")
    sections.append(s)

    # every face ------------------------------------------------------------------------
    d = tables["distribution"]
    s = Section("faces", tr("research.report.section.faces"),
                intro=[tr("research.faces.explain")])
    wide = d.pivot(index="step", columns="perspective", values=["n", "negative", "neutral",
                                                                   "positive"])
    rated = [k for k in frames.step_keys if k in wide.index
             and (wide.loc[k, ("n", "lived")] + wide.loc[k, ("n", "assumed")]) > 0]
    if rated:
        rows = []
        for k in rated[:2 * TOP]:
            w = wide.loc[k]
            rows.append([titles.get(k, k)] + [
                DASH if not w[("n", p)] else
                f"{fmt_percent(w[('negative', p)])} · {fmt_percent(w[('neutral', p)])} · "
                f"{fmt_percent(w[('positive', p)])} (n {int(w[('n', p)])})"
                for p in ("assumed", "lived")])
        s.tables.append(("", Table(
            [tr("analysis.col.title"), tr("perspective.assumed"), tr("perspective.lived")],
            rows, numeric={1, 2}, widths=[5, 4, 4])))
        if len(rated) > 2 * TOP:
            s.notes.append(tr("report.more", n=len(rated) - 2 * TOP))
    else:
        s.empty = tr("report.curve.none")
    sections.append(s)

    # segments ----------------------------------------------------------------------------
    for seg, d in frames.segment_defs.items():
        try:
            groups, hidden = A.segment_groups(frames, seg)
        except ValueError:
            continue
        if not groups:
            continue
        label = dict(d["options"])
        table_ = A.by_segment(frames, seg)
        s = Section(f"segment-{seg}", tr("research.report.section.segment",
                                          question=d["question"]),
                    intro=[tr("research.segments.explain")])
        shown = table_[table_["n_lived"] > 0]
        s.tables.append(("", Table(
            [tr("insight.col.option"), tr("analysis.col.title"), tr("report.col.n"),
             tr("analysis.col.gap"), tr("report.col.interval"), "q"],
            [[label.get(x.option, x.option), x.title,
              f"{int(x.n_assumed)} / {int(x.n_lived)}", fmt_number(x.gap, lang),
              fmt_interval(x.ci_low, x.ci_high, lang), fmt_p(x.q_value, lang)]
             for x in shown.itertuples()],
            numeric={2, 3, 4, 5}, widths=[2.6, 4.6, 1.8, 1.4, 2.6, 1.4],
            mark=list(shown["different"]))))
        sections.append(s)

    # rounds ------------------------------------------------------------------------------
    if len(frames.other_ratings):
        rd = A.rounds(frames)
        rd = rd[(rd["n_first"] > 0) | (rd["n_second"] > 0)]
        s = Section("rounds", tr("research.report.section.rounds"),
                    intro=[tr("research.rounds.explain")])
        s.tables.append(("", Table(
            [tr("analysis.col.title"), tr("report.col.n"), tr("insight.col.change"),
             tr("report.col.interval"), "q", tr("insight.col.actions")],
            [[x.title, f"{int(x.n_first)} → {int(x.n_second)}", fmt_number(x.change, lang),
              fmt_interval(x.ci_low, x.ci_high, lang), fmt_p(x.q_value, lang),
              x.actions or DASH] for x in rd.itertuples()],
            numeric={1, 2, 3, 4}, widths=[4, 1.6, 1.4, 2.6, 1.3, 5],
            mark=list(rd["improved"] | rd["worsened"]))))
        better = rd[rd["improved"]]["title"].tolist()
        if better:
            s.notes.append(tr("research.report.improved",
                              steps=", ".join(f"“{x}”" for x in better)))
        sections.append(s)

    # split -------------------------------------------------------------------------------
    sp = tables["split"]
    s = Section("split", tr("report.section.split"), intro=[tr("analysis.split.explain")],
                chart="split")
    j = sp[sp["level"] == "journey"]
    rows = [[tr(f"perspective.{x.perspective}"), str(int(x.n)), fmt_percent(x.positive),
             fmt_percent(x.neutral), fmt_percent(x.negative)] for x in j.itertuples()]
    if rows:
        rows.append([tr("chart.split.benchmark"), DASH] + [fmt_percent(A.BENCHMARK[k]) for k in
                                                           ("positive", "neutral", "negative")])
        s.tables.append(("", Table([tr("report.col.perspective"), tr("report.col.ratings"),
                                    tr("chart.split.positive"), tr("chart.split.neutral"),
                                    tr("chart.split.negative")], rows,
                                   numeric={1, 2, 3, 4}, widths=[4, 1.5, 2, 2, 2])))
    else:
        s.empty = tr("report.split.none")
    sections.append(s)

    # pain points in customers' words -----------------------------------------------------
    pr = tables["priority"]
    s = Section("pain", tr("report.section.pain"), intro=[tr("report.pain.explain")])
    if len(pr):
        shown = pr.head(TOP)
        s.tables.append(("", Table(
            ["#", tr("analysis.col.text"), tr("analysis.col.title"), tr("report.col.pillar"),
             tr("analysis.col.customers_hurt"), tr("analysis.col.votes")],
            [[str(x.rank), f"“{_short(x.text, 160)}”", x.title, _pillar(x.pillar, lang),
              str(int(x.customers_hurt)), str(int(x.votes))] for x in shown.itertuples()],
            numeric={0, 4, 5}, widths=[0.6, 7, 3.6, 2.4, 1.6, 1.2])))
        if len(pr) > TOP:
            s.notes.append(tr("report.more", n=len(pr) - TOP))
        un = tables["unanticipated"]
        s.notes.append(tr("report.pain.unanticipated", n=len(un),
                          total=len(tables["anticipation"])))
        pl = tables["pillars"]
        pl = pl[(pl["n_assumed"] + pl["n_lived"] + pl["n_employee"]) > 0]
        if len(pl):
            s.tables.append((tr("report.pillars.title"), Table(
                [tr("report.col.pillar"), tr("perspective.assumed"), tr("perspective.lived"),
                 tr("perspective.employee")],
                [[_pillar(x.pillar, lang) if x.pillar else tr("chart.pillars.untagged"),
                  str(int(x.n_assumed)), str(int(x.n_lived)), str(int(x.n_employee))]
                 for x in pl.itertuples()], numeric={1, 2, 3}, widths=[4, 2, 2, 2])))
    else:
        s.empty = tr("report.pain.none")
    sections.append(s)

    # highlights --------------------------------------------------------------------------
    h = frames.highlights
    s = Section("highlights", tr("report.section.highlights"),
                intro=[tr("report.highlights.explain")])
    if len(h):
        order = {"lived": 0, "employee": 1, "assumed": 2}
        h = h.assign(_p=h["perspective"].astype(str).map(order), _o=h["step"].cat.codes)
        h = h.sort_values(["_p", "_o"], kind="stable")
        shown = h.head(2 * TOP)
        s.tables.append(("", Table(
            [tr("report.col.highlight"), tr("analysis.col.title"), tr("report.col.perspective")],
            [[f"“{_short(x.text, 160)}”", titles.get(str(x.step), str(x.step)),
              tr(f"perspective.{x.perspective}")] for x in shown.itertuples()],
            widths=[7, 3.6, 2])))
        if len(h) > len(shown):
            s.notes.append(tr("report.more", n=len(h) - len(shown)))
    else:
        s.empty = tr("report.highlights.none")
    sections.append(s)

    # employee pain points ----------------------------------------------------------------
    ep = tables["employee-pain-points"]
    s = Section("employee", tr("report.section.employee"), intro=[tr("report.employee.explain")])
    if len(ep):
        ep = ep.sort_values(["votes", "severity"], ascending=False, kind="stable")
        shown = ep.head(TOP)
        s.tables.append(("", Table(
            [tr("analysis.col.text"), tr("analysis.col.title"), tr("report.col.pillar"),
             tr("analysis.col.severity"), tr("analysis.col.votes")],
            [[f"“{_short(x.text, 160)}”", x.title, _pillar(x.pillar, lang), str(int(x.severity)),
              str(int(x.votes))] for x in shown.itertuples()],
            numeric={3, 4}, widths=[7, 3.6, 2.4, 1.4, 1.2])))
        if len(ep) > TOP:
            s.notes.append(tr("report.more", n=len(ep) - TOP))
    else:
        s.empty = tr("report.employee.none")
    sections.append(s)

    # priority ranking --------------------------------------------------------------------
    ps = tables["priority-steps"]
    ps = ps[ps["priority"] > 0]
    s = Section("priority", tr("report.section.priority"),
                intro=[tr("analysis.priority.explain")], chart="priority")
    if len(ps):
        shown = ps.head(TOP)
        s.tables.append(("", Table(
            ["#", tr("analysis.col.title"), tr("analysis.col.stage"),
             tr("analysis.col.customers_hurt"), tr("analysis.col.severity"),
             tr("analysis.col.votes"), tr("analysis.col.gap"), tr("analysis.col.priority")],
            [[str(x.rank), x.title, frames.stages.get(x.stage, x.stage),
              str(int(x.customers_hurt)), fmt_number(x.severity, lang, sign=False),
              str(int(x.votes)), fmt_number(x.gap, lang),
              fmt_number(x.priority, lang, sign=False)] for x in shown.itertuples()],
            numeric={0, 3, 4, 5, 6, 7}, widths=[0.6, 5, 3, 1.6, 1.4, 1.2, 1.4, 1.6])))
    else:
        s.empty = tr("report.priority.none")
    sections.append(s)

    # opportunities -----------------------------------------------------------------------
    opps = list(journey.opportunities) if journey is not None else []
    s = Section("opportunities", tr("report.section.opportunities"),
                intro=[tr("report.opportunities.explain")])
    if opps:
        pain_text = dict(zip(frames.pain_points["key"], frames.pain_points["text"]))
        rows = []
        for o in opps:
            linked = [f"“{_short(pain_text[k], 60)}”" for k in o.pain_points if k in pain_text]
            rows.append([o.title, o.owner or DASH, fmt_date(o.due, lang),
                         tr(f"opportunity.{o.status}"), "\n".join(linked) or DASH])
        s.tables.append(("", Table(
            [tr("report.col.action"), tr("report.col.owner"), tr("report.col.due"),
             tr("report.col.status"), tr("report.col.addresses")], rows,
            widths=[5, 2.6, 1.8, 1.6, 5])))
    else:
        s.empty = tr("report.opportunities.none")
    sections.append(s)

    round_label = ""
    if frames.last_round > 1:
        round_label = tr("report.round_value", round=frames.round, total=frames.last_round)
        if frames.rounds.get(frames.round):
            round_label += f" · {fmt_date(frames.rounds[frames.round], lang)}"

    today = today or dt.date.today()
    return Report(lang=lang, title=title,
                  persona=journey.persona if journey is not None else "",
                  goal=journey.goal if journey is not None else "",
                  owner=journey.owner if journey is not None else "",
                  generated=tr("report.generated", date=fmt_date(today, lang)),
                  frames=frames, tables=tables, sections=sections, stages=dict(frames.stages),
                  map_cells=cells, largest_gap=largest, round_label=round_label)
