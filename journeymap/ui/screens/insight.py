"""Insight: what the organisation assumed beside what customers lived, chart by chart, each
with the numbers behind it and a CSV of them, one round at a time (the latest round with
answers unless the reader picks another). Only what the reader may see now (the data come
from :func:`journeymap.services.journey_frames`); everything heavy is cached per workshop
revision in :mod:`journeymap.ui.insight`, so a rerun with nothing new stays fast."""

import numpy as np
import streamlit as st

from journeymap import analysis as A
from journeymap.analysis import SMALL_SAMPLE
from journeymap.domain.errors import JourneymapError
from journeymap.ui import components, session
from journeymap.ui.insight import Filters, insight, scope_of
from journeymap.ui.insight.pickers import filters_box, round_note, round_picker
from journeymap.ui.report_download import report_buttons, table_link
from journeymap.ui.state import get_store, lang, tr
from journeymap.ui.text import esc

TABS = ("curve", "gaps", "faces", "peak_end", "split", "pain", "priority", "effort", "heatmap",
        "paths", "segments", "rounds")
CHART_CONFIG = {"displaylogo": False, "responsive": True}
#: rows of a table sent to the screen; the CSV download always has them all
SCREEN_ROWS = 5000
#: what an empty cell of a table shows (never "None" or "nan")
EMPTY_CELL = "—"


def number(x, fmt: str = "{:+.1f}") -> str:
    return "—" if x is None or (isinstance(x, float) and np.isnan(x)) else fmt.format(x)


def table_block(ins, name: str, key: str, *, height: int | None = None, **options) -> None:
    """A table as shown, and a link to its CSV (made when someone opens it)."""
    lg = lang()
    total = len(ins.shown(name, lg, **options))
    if not total:
        st.caption(tr("insight.table_empty"))
        return
    if total > SCREEN_ROWS:
        st.caption(tr("research.rows_shown", shown=f"{SCREEN_ROWS:,}", total=f"{total:,}"))
    _drawn_table(ins.token, name, lg, tuple(sorted(options.items())), key, height, _ins=ins)
    # the link names the round shown, so the file is the table on the screen even after the
    # default round has moved on
    shown = Filters(ins.filters.stages, ins.filters.channels, ins.filters.group,
                    ins.frames.round)
    table_link(ins.journey_id, lg, f"{key}.csv", "insight", name, options, shown,
               key=f"csv_{key}")


# The elements below are drawn once per analysis and replayed by Streamlit on later reruns
# (an element made inside a cached function is kept and sent again as it was): a warm rerun
# at a million ratings then spends nothing on turning a million-cell heatmap into JSON or
# five thousand rows into Arrow. ``ins.token`` names one analysis (one journey, revision,
# scope and filters), so a new rating draws afresh.
@st.cache_resource(max_entries=48, ttl=3600, show_spinner=False)
def _drawn_table(token: str, name: str, lg: str, options: tuple, key: str, height, *,
                 _ins) -> None:
    kw = {"height": height} if height else {}
    st.dataframe(_ins.shown_head(name, lg, SCREEN_ROWS, **dict(options)), hide_index=True,
                 width="stretch", key=f"df_{key}", placeholder=EMPTY_CELL, **kw)


@st.cache_resource(max_entries=48, ttl=3600, show_spinner=False)
def _drawn_chart(token: str, name: str, lg: str, options: tuple, key: str, *, _ins) -> None:
    chart(_ins.figure(name, lg, **dict(options)), key)


def figure_block(ins, name: str, key: str, **options) -> None:
    """The figure ``name`` of ``ins`` under its title (drawn once per analysis)."""
    _drawn_chart(ins.token, name, lang(), tuple(sorted(options.items())), key, _ins=ins)


def chart(fig, key: str) -> None:
    """A chart under its title and its n (as text: they wrap on a phone)."""
    meta = fig.layout.meta or {}
    if meta.get("title"):
        st.markdown(f"**{esc(meta['title'])}**")
    if meta.get("subtitle"):
        st.caption(esc(meta["subtitle"]))
    st.plotly_chart(fig, width="stretch", key=f"chart_{key}", config=CHART_CONFIG)


def chart_with_table(ins, figure: str, table: str, key: str, *, fig_options=None,
                     table_options=None, height: int | None = None) -> None:
    """A chart with the table behind it: a toggle switches between them on any screen,
    both stay one click apart, and the CSV download is always under the table."""
    figure_block(ins, figure, key, **(fig_options or {}))
    with st.expander(tr("insight.numbers_behind"), expanded=False):
        table_block(ins, table, key, height=height, **(table_options or {}))


# who, where ---------------------------------------------------------------------------------
a = session.actor()
store = get_store()
ws_id, ws = components.page_workshop("insight.title", "insight.no_workshop")

head, pick = st.columns([3, 2], vertical_alignment="bottom")
with head:
    st.title(tr("insight.title"), anchor=False)
    st.caption(tr("insight.workshop_phase", workshop=esc(ws["name"]),
                  phase=tr(f"phase.{ws['phase']}")))
with pick:
    jid = components.journey_picker(ws_id, key="insight_journey")
if jid is None:
    st.info(tr("insight.no_journey"))
    st.stop()

try:
    scope = scope_of(store, a, jid)
except JourneymapError as e:
    components.show_error(e)
    st.stop()
lg = lang()
# the round (the latest with answers, or the one the reader picked) and its report -----------
with st.container(horizontal=True, vertical_alignment="center", gap="medium"):
    picked = round_picker(insight(store, a, scope).frames, jid)
    st.space("stretch")
    report_buttons(jid, picked)
full = insight(store, a, scope, Filters(round=picked))

# before the reveal: only one's own view ------------------------------------------------------
if not scope.comparison_open:
    role = a.role.value if a.role else "staff"
    st.info(tr(f"insight.wait_reveal.{role}"))
    if full.frames.ratings.empty:
        st.caption(tr("insight.nothing_yet"))
        st.stop()
    st.subheader(tr(f"insight.own.{role}"), anchor=False)
    st.caption(tr("insight.explain.curve"))
    figure_block(full, "curve", "own_curve")
    table_block(full, "ratings", "own_ratings")
    st.stop()

# filters -------------------------------------------------------------------------------------
round_note(full)
filters = filters_box(full.frames, picked)
ins = insight(store, a, scope, filters)
f = ins.frames
if filters.active:
    st.caption(tr("insight.filtered", steps=len(f.steps), total_steps=len(full.frames.steps),
                  ratings=len(f.ratings), total_ratings=len(full.frames.ratings)))

# the headline --------------------------------------------------------------------------------
h = ins.headline()
m1, m2, m3, m4 = st.columns(4)
m1.metric(tr("insight.metric.ratings"), f"{h['ratings']:,}",
          help=tr("insight.metric.ratings_help", lived=h["lived"], assumed=h["assumed"]))
m2.metric(tr("insight.metric.blind_spots"), f"{h['blind_spots']} / {h['compared']}",
          help=tr("analysis.blind_spot.explain"))
m3.metric(tr("insight.metric.positive"), number(100 * h["positive"], "{:.0f}%"),
          delta=None if np.isnan(h["positive"]) else
          f"{100 * h['positive'] - 56:+.0f} pt {tr('insight.metric.vs_benchmark')}",
          help=tr("analysis.split.explain"))
m4.metric(tr("insight.metric.remembered"), number(h["remembered_lived"]),
          delta=None if np.isnan(h["remembered_lived"]) or np.isnan(h["remembered_assumed"])
          else tr("insight.metric.staff_expect",
                  value=number(h["remembered_assumed"])),
          delta_color="off", delta_arrow="off", help=tr("analysis.peak_end.explain"))
if full.frames.ratings.empty:
    st.info(tr("insight.round.empty", round=full.frames.round))
    st.stop()
if f.ratings.empty:
    st.info(tr("insight.empty"))
    st.stop()

# the tabs (only the open one is computed and sent) -------------------------------------------
labels = [tr(f"insight.tab.{k}") for k in TABS]
tabs = st.tabs(labels, key="insight_tab", on_change="rerun")
opened = {k: tab for k, tab in zip(TABS, tabs)}


def is_open(k: str) -> bool:
    tab = opened[k]
    return tab.open is None or bool(tab.open)


if is_open("curve"):
    with opened["curve"]:
        st.markdown(tr("insight.explain.curve"))
        st.caption(tr("analysis.gap.explain"))
        chart_with_table(ins, "curve", "comparison", "comparison")

if is_open("gaps"):
    with opened["gaps"]:
        st.markdown(tr("analysis.blind_spot.explain"))
        st.markdown(tr("research.fdr.sentence", blind=h["blind_spots"], compared=h["tested"]))
        st.caption(tr("analysis.gap.explain") + " "
                   + tr("analysis.small_sample.explain", min=SMALL_SAMPLE) + " "
                   + tr("research.rank.explain"))
        if h["disagree"]:
            st.warning(tr("research.disagree_count", n=h["disagree"]),
                       icon=":material/balance:")
        measure = st.segmented_control(
            tr("insight.measure"), ["emotion", "effort", "success"], default="emotion",
            key="insight_measure", format_func=lambda m: tr(f"insight.measure.{m}")) \
            or "emotion"
        st.subheader(tr("insight.blind_spots_table"), anchor=False)
        table_block(ins, "blind_spots", f"blind_spots_{measure}", measure=measure)
        figure_block(ins, "gap", f"gap_{measure}", measure=measure)

if is_open("faces"):
    with opened["faces"]:
        st.markdown(tr("research.faces.explain"))
        chart_with_table(ins, "faces", "faces", "faces", height=420)

if is_open("segments"):
    with opened["segments"]:
        defs = ins.frames.segment_defs
        if not defs:
            st.info(tr("research.segments.none"))
        else:
            st.markdown(tr("research.segments.explain"))
            seg = st.selectbox(tr("research.segments.pick"), list(defs), key="insight_segment",
                               format_func=lambda k: defs[k]["question"])
            try:
                table_block(ins, "segment", f"segment_{seg}", height=360, segment=seg)
                groups, _ = A.segment_groups(ins.frames, seg)
                names = list(groups)
                if len(names) >= 2:
                    label = dict(defs[seg]["options"])
                    st.subheader(tr("research.segments.contrast"), anchor=False)
                    g1, g2 = st.columns(2)
                    first = g1.selectbox(tr("research.segments.first"), names, index=0,
                                         key="insight_seg_first",
                                         format_func=lambda k: label.get(k, k))
                    second = g2.selectbox(tr("research.segments.second"), names,
                                          index=len(names) - 1, key="insight_seg_second",
                                          format_func=lambda k: label.get(k, k))
                    if first != second:
                        table_block(ins, "contrast", f"contrast_{seg}_{first}_{second}",
                                    segment=seg, first=first, second=second)
            except ValueError as e:
                st.info(str(e))

if is_open("rounds"):
    with opened["rounds"]:
        if ins.frames.other_ratings.empty:
            st.info(tr("research.rounds.none"))
        else:
            st.markdown(tr("research.rounds.explain"))
            chart_with_table(ins, "rounds", "rounds", "rounds")

if is_open("peak_end"):
    with opened["peak_end"]:
        st.markdown(tr("analysis.peak_end.explain"))
        st.caption(tr("analysis.end.explain"))
        c1, c2, c3 = st.columns(3)
        c1.metric(tr("insight.metric.customers_remember"), number(h["remembered_lived"]))
        c2.metric(tr("insight.metric.plain_average"), number(h["plain_average_lived"]))
        c3.metric(tr("insight.metric.staff_expect_memory"), number(h["remembered_assumed"]))
        st.subheader(tr("insight.peak_end.aggregate"), anchor=False)
        table_block(ins, "peak_end", "peak_end")
        st.subheader(tr("insight.peak_end.people"), anchor=False)
        table_block(ins, "peak_end_people", "peak_end_people", height=320)
        st.subheader(tr("insight.peak_end.steps"), anchor=False)
        table_block(ins, "peak_end_steps", "peak_end_steps", height=320)
        st.caption(tr("insight.peak_end.curve_hint"))
        figure_block(ins, "curve", "peak_end_curve")

if is_open("split"):
    with opened["split"]:
        st.markdown(tr("analysis.split.explain"))
        c1, c2 = st.columns(2)
        with c1:
            level = st.segmented_control(
                tr("insight.split.level"), ["stage", "channel"], default="stage",
                key="insight_split_level",
                format_func=lambda x: tr(f"insight.split.level.{x}")) or "stage"
        with c2:
            persp = st.segmented_control(
                tr("insight.split.perspective"), ["lived", "assumed", "employee"],
                default="lived", key="insight_split_persp",
                format_func=lambda p: tr(f"perspective.{p}")) or "lived"
        chart_with_table(ins, "split", "split", f"split_{level}_{persp}",
                         fig_options=dict(level=level, perspective=persp),
                         table_options=dict(level=level, perspective=persp))

if is_open("pain"):
    with opened["pain"]:
        st.markdown(tr("insight.explain.pain"))
        st.subheader(tr("insight.pain.unanticipated"), anchor=False)
        st.caption(tr("analysis.unanticipated.explain"))
        unanticipated = ins.shown("unanticipated", lg)
        if len(unanticipated):
            st.warning(tr("insight.pain.unanticipated_count", n=len(unanticipated)),
                       icon=":material/visibility_off:")
        table_block(ins, "unanticipated", "unanticipated", height=320)
        st.subheader(tr("insight.pain.pillars"), anchor=False)
        chart_with_table(ins, "pillars", "pillars", "pillars")
        left, right = st.columns(2)
        with left:
            st.subheader(tr("insight.pain.by_step"), anchor=False)
            table_block(ins, "pain_steps", "pain_points_by_step", height=360)
        with right:
            st.subheader(tr("insight.pain.employee"), anchor=False)
            st.caption(tr("insight.explain.employee"))
            table_block(ins, "employee_pains", "employee_pain_points", height=360)

if is_open("priority"):
    with opened["priority"]:
        st.markdown(tr("analysis.priority.explain"))
        level = st.segmented_control(
            tr("insight.priority.level"), ["pain_points", "steps"], default="pain_points",
            key="insight_priority_level",
            format_func=lambda x: tr(f"insight.priority.level.{x}")) or "pain_points"
        chart_with_table(ins, "priority", "priority", f"priority_{level}",
                         fig_options=dict(level=level), table_options=dict(level=level),
                         height=420)

if is_open("effort"):
    with opened["effort"]:
        st.markdown(tr("insight.explain.effort"))
        chart_with_table(ins, "effort", "effort", "effort")

if is_open("heatmap"):
    with opened["heatmap"]:
        st.markdown(tr("insight.explain.heatmap"))
        chart_with_table(ins, "heatmap", "ratings", "ratings", height=420)

if is_open("paths"):
    with opened["paths"]:
        st.markdown(tr("analysis.paths.explain"))
        chart_with_table(ins, "sankey", "transitions", "transitions")
        st.subheader(tr("insight.paths.people"), anchor=False)
        table_block(ins, "paths", "paths", height=320)
        left, right = st.columns(2)
        with left:
            st.subheader(tr("insight.paths.skipped"), anchor=False)
            table_block(ins, "skipped", "skipped_steps")
        with right:
            st.subheader(tr("insight.paths.proposed"), anchor=False)
            table_block(ins, "proposed", "proposed_steps")
