"""The journey as a customer reads it on a phone: stages as headings, steps as a numbered list
(the blueprint figure is for the facilitator's big screen)."""

from __future__ import annotations

import streamlit as st

from journeymap.domain.model import COMMON_CHANNELS
from journeymap.ui.state import tr
from journeymap.ui.text import esc


def show(rows: dict, order: list[int], lanes: tuple[str, ...]) -> None:
    """Every stage in order with its steps in ``lanes``, in the journey's order."""
    steps = {s["id"]: s for s in rows["steps"]}
    number = 0
    for stage in sorted(rows["stages"], key=lambda s: s["position"]):
        here = [steps[i] for i in order
                if i in steps and steps[i]["stage_id"] == stage["id"]
                and steps[i]["lane"] in lanes]
        if not here:
            continue
        with st.container(border=True):
            st.markdown(f"**{esc(stage['name'])}**")
            for s in here:
                number += 1
                channel = s["channel"]
                where = tr(f"channel.{channel}") if channel in COMMON_CHANNELS else channel
                star = " ★" if s["moment_of_truth"] else ""
                st.markdown(f"{number}\\. {esc(s['title'])}{star}")
                if where:
                    st.caption(esc(where))
