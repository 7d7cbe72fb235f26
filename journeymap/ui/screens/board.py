"""The facilitator's board: the phase control, live progress per participant and per step,
pending step proposals, the vote budget and what the reveal shows, erasing a participant,
and the reveal itself once it has happened."""

import pandas as pd
import streamlit as st

from journeymap.domain.model import Phase
from journeymap.services import (
    decide_proposal,
    erase_participant,
    get_workshop,
    list_journeys,
    list_proposals,
    progress,
    revision,
    set_phase,
    update_workshop,
)
from journeymap.ui import components, session
from journeymap.ui import flow_common as F
from journeymap.ui.state import get_store, tr



@st.cache_data(max_entries=32, show_spinner=False)
def _progress(db: str, journey_id: int, rev: int, account_id: int | None, _actor) -> dict:
    """Live progress, read once per change of the workshop (the board reruns every time
    anything moves, and with 60,000 ratings the read takes about 100 ms)."""
    return progress(get_store(), _actor, journey_id)


store = get_store()
a = session.actor()
st.title(tr("board.title"), anchor=False)
if not F.is_facilitator(a):
    st.warning(tr("board.only_facilitator"))
    st.stop()
ws_id = F.workshop()
if ws_id is None:
    st.stop()
# the page follows what it shows outside the progress tables, which redraw by themselves
F.live(ws_id, ("phase", "workshop", "map", "proposals", "people"))
F.show_remembered_error()
ws = get_workshop(store, a, ws_id)
journey_id = components.journey_picker(ws_id, key="board_journey")
phase = Phase(ws["phase"])
journey_title = next((j["title"] for j in list_journeys(store, a, ws_id)
                      if j["id"] == journey_id), None)
# which workshop and journey this board runs, in words (user text: escaped for Markdown)
st.subheader(F.esc(tr("board.naming", workshop=ws["name"], journey=journey_title))
             if journey_title else F.esc(tr("board.naming_workshop", workshop=ws["name"])),
             anchor=False)
phases = list(Phase)

# phase control -------------------------------------------------------------------------


def _set_phase(p) -> None:
    try:
        set_phase(store, a, ws_id, p)
    except Exception as e:  # noqa: BLE001 - shown on the next run
        F.remember_error(e)
    components.mark_seen(ws_id)
    st.session_state.pop("board_phase", None)


with st.container(border=True):
    st.caption(tr("board.phase"))
    st.session_state["board_phase"] = phase.value
    st.segmented_control(tr("board.phase"), [p.value for p in phases], key="board_phase",
                         format_func=lambda v: f"{Phase(v).index + 1}. {tr('phase.' + v)}",
                         on_change=lambda: _set_phase(st.session_state.get("board_phase")
                                                      or phase.value),
                         label_visibility="collapsed", width="stretch")
    with st.container(horizontal=True):
        st.button("← " + tr("board.back"), key="board_prev", disabled=phase.index == 0,
                  on_click=_set_phase, args=(phases[max(0, phase.index - 1)].value,))
        st.button(tr("board.forward", phase=F.phase_name(phases[min(5, phase.index + 1)]))
                  + " →", key="board_next", type="primary", disabled=phase.index == 5,
                  on_click=_set_phase, args=(phases[min(5, phase.index + 1)].value,))
    st.caption(tr(f"board.explain.{phase.value}"))

if journey_id is None:
    st.info(tr("board.no_journey"))
    F.page_link("workshops.py", "board.to_workshops", "🗂️")
    st.stop()

from journeymap.ui.rounds_box import rounds_box  # noqa: E402

rounds_box(store, a, ws_id, journey_id)
prog = _progress(store.identity, journey_id, revision(store, ws_id), a.account_id, a)
# the tables take the whole width (at 1280 px, beside a sidebar, a column cut them); the
# smaller panels sit side by side under them
main = st.container()


# live progress: redrawn alone whenever someone rates, skips or joins -------------------------
@st.fragment
def _progress_tables() -> None:
    components.live_updates(ws_id, ("ratings", "progress", "people"))
    prog = _progress(store.identity, journey_id, revision(store, ws_id), a.account_id, a)
    st.subheader(tr("board.people"), anchor=False)
    people = prog["participants"]
    if not people:
        st.info(tr("board.nobody"))
    else:
        st.dataframe(pd.DataFrame([{
            tr("board.col.name"): F.person(p["name"], p["anonymous"]),
            tr("board.col.role"): tr(f"role.{p['role']}"),
            tr("board.col.rated"): p["rated"],
            tr("board.col.of"): p["of"],
            tr("board.col.skipped"): p["skipped"],
            tr("board.col.pain_points"): p["pain_points"],
            tr("board.col.last_seen"): F.ago(p["last_seen"]),
        } for p in people]), hide_index=True, width="stretch",
            column_config={tr("board.col.rated"): st.column_config.ProgressColumn(
                tr("board.col.rated"), min_value=0, max_value=max(1, prog["customer_steps"]),
                format="%d")})
    st.subheader(tr("board.steps"), anchor=False)
    st.dataframe(pd.DataFrame([{
        tr("board.col.step"): s["title"], tr("board.col.lane"): tr(f"lane.{s['lane']}"),
        tr("perspective.assumed"): s["assumed"], tr("perspective.lived"): s["lived"],
        tr("perspective.employee"): s["employee"], tr("board.col.skipped"): s["skipped"],
        tr("board.col.pain_points"): s["pain_points"]} for s in prog["steps"]]),
        hide_index=True, width="stretch")


with main:
    _progress_tables()
people = prog["participants"]

# proposals, settings, erasure ----------------------------------------------------------
col_proposals, col_settings, col_links = st.columns(3, gap="large")
with col_proposals:
    st.subheader(tr("board.proposals"), anchor=False)
    pending = list_proposals(store, a, journey_id)
    if not pending:
        st.caption(tr("board.no_proposals"))
    for p in pending:
        with st.container(border=True):
            st.markdown(f"**{F.esc(p['title'])}**")
            where = tr("board.proposal_after", stage=p["stage"], step=p["after_title"]) \
                if p["after_title"] else tr("board.proposal_in", stage=p["stage"])
            st.caption(F.esc(where + " · " + F.person(p["by_name"], False)))
            if p["description"]:
                st.markdown(F.esc(p["description"]))
            with st.container(horizontal=True):
                if st.button(tr("board.accept"), key=f"board_acc_{p['id']}", type="primary"):
                    F.call(decide_proposal, p["id"], True)
                    components.mark_seen(ws_id)
                    st.rerun()
                if st.button(tr("board.decline"), key=f"board_dec_{p['id']}"):
                    F.call(decide_proposal, p["id"], False)
                    components.mark_seen(ws_id)
                    st.rerun()

with col_settings:
    st.subheader(tr("board.settings"), anchor=False)
    with st.form("board_settings", border=True):
        budget = st.number_input(tr("board.budget"), min_value=1, max_value=50,
                                 value=int(ws["vote_budget"] or 5), step=1,
                                 key="board_budget", help=tr("board.budget_help"))
        views = ["comparison", "curve", "gaps"]
        view = st.selectbox(tr("board.reveal_view"), views,
                            index=views.index(ws["reveal_view"])
                            if ws["reveal_view"] in views else 0,
                            format_func=lambda v: tr(f"board.view.{v}"), key="board_view")
        if st.form_submit_button(tr("common.save")):
            F.call(update_workshop, ws_id, ws["version"], vote_budget=int(budget),
                   reveal_view=view)
            components.mark_seen(ws_id)
            st.rerun()

with col_links:
    st.subheader(tr("board.links"), anchor=False)
    F.page_link("invitations.py", "board.to_invitations", "🔗")
    F.page_link("present.py", "board.to_present", "📽️")
    F.page_link("vote.py", "board.to_vote", "🔴")
    F.page_link("act.py", "board.to_act", "✅")

    with st.expander(tr("board.erase")):
        st.caption(tr("board.erase_help"))
        if people:
            names = {p["id"]: f"{F.person(p['name'], p['anonymous'])} ({p['key']}, "
                              f"{tr('role.' + p['role'])})" for p in people}
            who = st.selectbox(tr("board.erase_who"), list(names), format_func=names.get,
                               key="board_erase_who")
            if st.session_state.get("board_erase_confirm") != who:
                if st.button(tr("board.erase_button"), key="board_erase"):
                    st.session_state["board_erase_confirm"] = who
                    st.rerun()
            else:
                st.warning(tr("board.erase_confirm", who=F.esc(names[who])))
                with st.container(horizontal=True):
                    if st.button(tr("board.erase_yes"), key="board_erase_yes", type="primary"):
                        done = F.call(erase_participant, who)
                        st.session_state.pop("board_erase_confirm", None)
                        if done is not None:
                            st.session_state["board_erased"] = names[who]
                        components.mark_seen(ws_id)
                        st.rerun()
                    if st.button(tr("common.cancel"), key="board_erase_no"):
                        st.session_state.pop("board_erase_confirm", None)
                        st.rerun()
        erased = st.session_state.pop("board_erased", None)
        if erased:
            st.success(tr("board.erased", who=erased))

if phase.index >= Phase.REVEAL.index:
    st.divider()
    from journeymap.ui import flow_reveal

    flow_reveal.show(journey_id, every_chart=True, key="board_reveal")
