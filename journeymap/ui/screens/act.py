"""Act: turn the top pain points into opportunities — title, owner, due date, status, linked
pain points — listed per journey and downloadable as CSV."""

import datetime as dt

import pandas as pd
import streamlit as st

from journeymap.domain import rules
from journeymap.domain.errors import JourneymapError
from journeymap.domain.model import OpportunityStatus
from journeymap.services import (
    create_opportunity,
    delete_opportunity,
    list_opportunities,
    tally,
    update_opportunity,
)
from journeymap.ui import components, session
from journeymap.ui import flow_common as F
from journeymap.ui.report_download import actions_link, report_buttons
from journeymap.ui.state import get_store, tr

store = get_store()
a = session.actor()
role = F.role_of(a)
st.title(tr("act.title"), anchor=False)
ws_id, journey_id, ws, phase = F.workshop_and_journey("act_journey")
can_manage = rules.allowed(role, "manage_actions", phase)
if not can_manage:
    st.info(tr("act.not_yet", phase=F.phase_name(phase)))

pains = tally(store, a, journey_id)
labels = {p["id"]: f"{p['text'][:70]} — {p['step_title']} ({p['votes']})" for p in pains}
statuses = [s.value for s in OpportunityStatus]

if pains:
    st.subheader(tr("act.top"), anchor=False)
    st.dataframe(pd.DataFrame([{
        tr("analysis.col.text"): p["text"], tr("board.col.step"): p["step_title"],
        tr("analysis.col.votes"): p["votes"], tr("analysis.col.severity"): p["severity"]}
        for p in pains[:10]]), hide_index=True, width="stretch")

def _create() -> None:
    """Create the action from the form; on a refusal keep what was typed and say why."""
    ss = st.session_state
    try:
        create_opportunity(store, a, journey_id, ss.get("act_new_title") or "",
                           owner=ss.get("act_new_owner") or "", due=ss.get("act_new_due"),
                           status=ss.get("act_new_status"),
                           pain_point_ids=ss.get("act_new_links") or [])
    except JourneymapError as e:
        ss["act_new_error"] = e
        return
    ss["act_new_title"], ss["act_new_owner"], ss["act_new_due"] = "", "", None
    components.mark_seen(ws_id)


if can_manage:
    with st.expander(tr("act.new"), expanded=True):
        with st.form("act_new", enter_to_submit=False):
            st.text_input(tr("act.field.title"), key="act_new_title", max_chars=300)
            c1, c2, c3 = st.columns(3)
            c1.text_input(tr("act.field.owner"), key="act_new_owner", max_chars=120)
            c2.date_input(tr("act.field.due"), value=None, key="act_new_due",
                          min_value=dt.date(2000, 1, 1), format=F.date_format())
            c3.selectbox(tr("act.field.status"), statuses, key="act_new_status",
                                  format_func=lambda s: tr(f"opportunity.{s}"))
            st.multiselect(tr("act.field.pain_points"), list(labels),
                           default=[pains[0]["id"]] if pains else [],
                           format_func=labels.get, key="act_new_links",
                           placeholder=tr("common.choose"))
            st.form_submit_button(tr("act.create"), type="primary", on_click=_create)
        if (err := st.session_state.pop("act_new_error", None)) is not None:
            components.show_error(err)

items = list_opportunities(store, a, journey_id)
st.subheader(tr("act.list", n=len(items)), anchor=False)
if not items:
    st.caption(tr("act.none"))
for o in items:
    with st.container(border=True):
        st.markdown(f"**{F.esc(o['title'])}**")
        st.caption(F.opportunity_caption(o))
        for p in o["pain_points"]:
            st.markdown("⚠️ " + F.esc(p["text"]))
        if can_manage:
            with st.expander(tr("act.edit")):
                with st.form(f"act_edit_{o['id']}"):
                    t = st.text_input(tr("act.field.title"), o["title"],
                                      key=f"act_t_{o['id']}", max_chars=300)
                    c1, c2, c3 = st.columns(3)
                    ow = c1.text_input(tr("act.field.owner"), o["owner"],
                                       key=f"act_o_{o['id']}", max_chars=120)
                    du = c2.date_input(tr("act.field.due"), o["due"], key=f"act_d_{o['id']}",
                                       min_value=dt.date(2000, 1, 1), format=F.date_format())
                    stt = c3.selectbox(tr("act.field.status"), statuses,
                                       index=statuses.index(o["status"]),
                                       key=f"act_s_{o['id']}",
                                       format_func=lambda s: tr(f"opportunity.{s}"))
                    ln = st.multiselect(tr("act.field.pain_points"), list(labels),
                                        default=[p["id"] for p in o["pain_points"]
                                                 if p["id"] in labels],
                                        format_func=labels.get, key=f"act_l_{o['id']}",
                                        placeholder=tr("common.choose"))
                    c4, c5 = st.columns(2)
                    if c4.form_submit_button(tr("common.save"), type="primary"):
                        F.call(update_opportunity, o["id"], o["version"], title=t, owner=ow,
                               due=du, status=stt, pain_point_ids=ln)
                        components.mark_seen(ws_id)
                        st.rerun()
                    if c5.form_submit_button(tr("common.delete")):
                        F.call(delete_opportunity, o["id"])
                        components.mark_seen(ws_id)
                        st.rerun()

if items:
    actions_link(journey_id)
report_buttons(journey_id)
