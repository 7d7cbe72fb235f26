"""A customer's "something is missing": propose a step; the facilitator decides."""

from __future__ import annotations

import streamlit as st

from journeymap.domain.errors import JourneymapError
from journeymap.services import propose_step
from journeymap.ui import components
from journeymap.ui.state import get_store, tr

from .common import stage_label


def propose_form(actor, journey_id: int, steps: dict, stages: dict, order: list[int]) -> None:
    """"Something is missing": a customer proposes a step; the facilitator decides."""
    if not stages:
        return
    with st.expander(tr("map.propose_title")):
        with st.form("propose", clear_on_submit=True, border=False):
            title = st.text_input(tr("map.f_title"), key="prop_title", max_chars=300)
            stage_id = st.selectbox(tr("map.f_stage"), list(stages), key="prop_stage",
                                    format_func=stage_label(stages))
            after = st.selectbox(tr("map.propose_after"), [None] + [i for i in order
                                                                   if i in steps],
                                 key="prop_after",
                                 format_func=lambda i: tr("map.propose_anywhere") if i is None
                                 else steps[i]["title"])
            description = st.text_area(tr("map.f_description"), key="prop_description",
                                       height=80)
            sent = st.form_submit_button(tr("map.propose_send"), type="primary",
                                         key="prop_send")
        if sent:
            try:
                propose_step(get_store(), actor, journey_id, title, stage_id=stage_id,
                             after_step_id=after, description=description)
            except JourneymapError as e:
                components.show_error(e)
            else:
                st.success(tr("map.propose_sent"))
