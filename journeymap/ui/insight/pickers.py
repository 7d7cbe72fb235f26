"""The Insight page's choices: which round it shows ("Round 2 of 2", a picker when the journey
has more than one) and the filters (stages, channels, people), each returning plain values
for :class:`~journeymap.ui.insight.filters.Filters`; and what the page says when the round
shown cannot be compared (one side has not answered in it)."""

from __future__ import annotations

import streamlit as st

from journeymap.analysis.frames import JourneyFrames
from journeymap.ui.state import tr

from .analysis import Insight
from .filters import GROUPS, Filters

#: session key of the rounds the reader picked, per journey (a pick stays until changed)
PICKS = "insight_round_picks"
ROUND_KEY = "insight_round"


def _remember(journey_id: int) -> None:
    chosen = st.session_state.get(ROUND_KEY)
    if chosen is not None:  # tapping the chosen round again keeps it
        st.session_state.setdefault(PICKS, {})[journey_id] = chosen


def round_picker(frames: JourneyFrames, journey_id: int) -> int | None:
    """Say which round the page shows and, when there is more than one, let the reader pick
    another (two elements, for a horizontal container). Returns the round picked (None: the
    default, the latest with answers)."""
    numbers = frames.round_numbers
    if len(numbers) < 2:
        return None
    picked = st.session_state.get(PICKS, {}).get(journey_id)
    shown = picked if picked in numbers else frames.round
    st.session_state[ROUND_KEY] = shown  # the pick, or the default as it moves
    st.segmented_control(tr("insight.round.pick"), numbers, key=ROUND_KEY,
                         format_func=lambda n: tr("insight.round.option", n=n),
                         on_change=_remember, args=(journey_id,),
                         help=tr("insight.round.help"), label_visibility="collapsed")
    st.markdown("**" + tr("insight.round.of", round=shown, total=frames.last_round) + "**",
                width="content")
    return None if picked not in numbers else shown


def round_note(ins: Insight) -> None:
    """When the round shown has one side's answers but not the other's, say why there is
    nothing to compare, and which round has both."""
    sides = ins.answered_sides()
    shown = ins.frames.round
    have = sides.get(shown, set())
    if not have or {"lived", "assumed"} <= have:
        return
    missing = "no_assumed" if "lived" in have else "no_lived"
    both = [n for n, s in sorted(sides.items()) if {"lived", "assumed"} <= s and n != shown]
    text = tr(f"insight.round.{missing}", round=shown)
    if both:
        text += " " + tr("insight.round.see_other", other=both[-1])
    st.info(text, icon=":material/history:")


def filters_box(frames: JourneyFrames, round_: int | None) -> Filters:
    """The stage, channel and people filters, in a box; with the round, the page's filters."""
    steps, stage_names = frames.steps, frames.stages
    channels = sorted(set(steps["channel"]))
    with st.container(border=True):
        c1, c2, c3 = st.columns([2, 2, 2], vertical_alignment="bottom")
        with c1:
            chosen_stages = st.multiselect(
                tr("insight.filter.stage"), list(stage_names), key="insight_f_stage",
                format_func=lambda k: stage_names.get(k, k),
                placeholder=tr("insight.filter.all_stages"))
        with c2:
            chosen_channels = st.multiselect(
                tr("insight.filter.channel"), channels, key="insight_f_channel",
                format_func=lambda c: c or tr("chart.no_channel"),
                placeholder=tr("insight.filter.all_channels"))
        with c3:
            group = st.segmented_control(
                tr("insight.filter.group"), list(GROUPS), key="insight_f_group",
                default="all", format_func=lambda g: tr(f"insight.group.{g}")) or "all"
    return Filters(stages=tuple(sorted(chosen_stages)) or None,
                   channels=tuple(sorted(chosen_channels)) or None, group=group,
                   round=round_)
