"""One step: pick it, read it, edit it (refusing a stale save with the newer text), move
it, delete it (after showing what goes with it), and add a new one."""

from __future__ import annotations

import streamlit as st

from journeymap.charts.blueprint import LANES
from journeymap.domain.errors import JourneymapError, StaleEdit
from journeymap.services import add_step, delete_step, move_step, step_dependents, update_step
from journeymap.ui import components
from journeymap.ui.state import get_store, tr
from journeymap.ui.text import esc

from .common import FIELDS, done, lane_label, run, stage_label


def _step_picker(steps: dict, stages: dict, order: list[int]) -> int | None:
    if not steps:
        st.info(tr("map.no_steps"))
        return None
    options = [i for i in order if i in steps]
    if st.session_state.get("map_step_pick") not in steps:
        st.session_state.pop("map_step_pick", None)
    extra = {} if "map_step_pick" in st.session_state else {"index": None}
    return st.selectbox(
        tr("map.pick_step"), options, key="map_step_pick", **extra,
        placeholder=tr("map.pick_step_placeholder"),
        format_func=lambda i: f"{stages[steps[i]['stage_id']]['name']} · {steps[i]['title']}")


def step_details(steps: dict, stages: dict, order: list[int]) -> None:
    """Read-only: the chosen step's full text."""
    sid = _step_picker(steps, stages, order)
    if sid is None:
        return
    s = steps[sid]
    with st.container(border=True):
        st.text(s["title"])
        st.caption(esc(f"{stages[s['stage_id']]['name']} · {lane_label(s['lane'])}"
                       + (f" · {s['channel']}" if s["channel"] else ""))
                   + (f" · ★ {tr('map.moment')}" if s["moment_of_truth"] else ""))
        if s["description"]:
            st.text(s["description"])


def _load_into_form(s: dict) -> None:
    sid = s["id"]
    for f in FIELDS:
        st.session_state[f"se_{f}_{sid}"] = s[f]
    st.session_state.setdefault("map_base", {})[sid] = s["version"]


def step_editor(actor, journey_id: int, ws_id: int, steps: dict, stages: dict,
                order: list[int]) -> None:
    sid = _step_picker(steps, stages, order)
    if sid is None:
        return
    s = steps[sid]
    base = st.session_state.setdefault("map_base", {})
    if sid not in base:
        _load_into_form(s)
    stale = st.session_state.setdefault("map_stale", {}).get(sid)
    stage_ids = list(stages)
    with st.form(f"step_form_{sid}", border=True):
        st.text_input(tr("map.f_title"), key=f"se_title_{sid}", max_chars=300)
        c1, c2, c3 = st.columns(3)
        with c1:
            st.selectbox(tr("map.f_stage"), stage_ids, key=f"se_stage_id_{sid}",
                         format_func=stage_label(stages))
        with c2:
            st.selectbox(tr("map.f_lane"), list(LANES), key=f"se_lane_{sid}",
                         format_func=lane_label)
        with c3:
            st.text_input(tr("map.f_channel"), key=f"se_channel_{sid}", max_chars=60)
        st.checkbox(tr("map.f_moment"), key=f"se_moment_of_truth_{sid}")
        st.text_area(tr("map.f_description"), key=f"se_description_{sid}", height=90)
        save = st.form_submit_button(tr("map.save_step") if not stale else tr("map.reapply"),
                                     type="primary", key=f"se_save_{sid}")
    if save:
        changes = {f: st.session_state[f"se_{f}_{sid}"] for f in FIELDS}
        try:
            row = update_step(get_store(), actor, sid, base[sid], **changes)
        except StaleEdit as e:
            cur = e.current
            base[sid] = cur["version"]
            st.session_state["map_stale"][sid] = {
                "who": e.changed_by or "", "current": {f: cur.get(f) for f in FIELDS}}
            stale = st.session_state["map_stale"][sid]
        except JourneymapError as e:
            components.show_error(e)
        else:
            base[sid] = row["version"]
            st.session_state["map_stale"].pop(sid, None)
            done(ws_id, tr("map.saved"))
    if s["version"] != base[sid] and not stale:
        # someone saved this step since it was opened here: say so, keep what is typed
        st.info(tr("map.changed_meanwhile", who=s["updated_by"] or tr("error.someone")))
        _show_current(s, stages)
        if st.button(tr("map.load_new"), key=f"se_load_{sid}"):
            _load_into_form(s)
            st.rerun()
    if stale:
        st.warning(tr("error.stale", who=stale["who"] or tr("error.someone")))
        st.caption(tr("map.their_version"))
        _show_current(dict(stale["current"]), stages)
        st.caption(tr("map.reapply_hint"))
        if st.button(tr("map.take_theirs"), key=f"se_take_{sid}"):
            st.session_state["map_stale"].pop(sid, None)
            _load_into_form(s)
            st.rerun()
    b1, b2, b3 = st.columns(3)
    if b1.button(tr("map.earlier"), key=f"se_up_{sid}", width="stretch"):
        run(lambda: move_step(get_store(), actor, sid, -1), ws_id)
    if b2.button(tr("map.later"), key=f"se_down_{sid}", width="stretch"):
        run(lambda: move_step(get_store(), actor, sid, +1), ws_id)
    if b3.button(tr("map.delete_step"), key=f"se_del_{sid}", width="stretch"):
        st.session_state["map_confirm_delete"] = sid
    if st.session_state.get("map_confirm_delete") == sid:
        _confirm_delete(actor, ws_id, sid, s["title"])


def _show_current(s: dict, stages: dict) -> None:
    with st.container(border=True):
        st.text(s.get("title") or "")
        stage = stages.get(s.get("stage_id"), {}).get("name", "?")
        st.caption(esc(f"{stage} · {lane_label(s.get('lane') or 'customer')}"
                       + (f" · {s['channel']}" if s.get("channel") else ""))
                   + (f" · ★ {tr('map.moment')}" if s.get("moment_of_truth") else ""))
        if s.get("description"):
            st.text(s["description"])


def _clear_delete():
    st.session_state.pop("map_confirm_delete", None)


@st.dialog(" ", on_dismiss=_clear_delete)
def _confirm_delete(actor, ws_id: int, sid: int, title: str) -> None:
    st.subheader(tr("map.delete_title"), anchor=False)
    st.text(title)
    try:
        dep = step_dependents(get_store(), actor, sid)
    except JourneymapError as e:
        components.show_error(e)
        return
    st.write(tr("map.delete_body", ratings=dep["ratings"], pain_points=dep["pain_points"],
                highlights=dep["highlights"], transitions=dep["transitions"]))
    c1, c2 = st.columns(2)
    if c1.button(tr("common.delete"), type="primary", key="confirm_delete_yes",
                 width="stretch"):
        _clear_delete()
        st.session_state["map_pick_next"] = None
        run(lambda: delete_step(get_store(), actor, sid), ws_id, tr("map.deleted"))
    if c2.button(tr("common.cancel"), key="confirm_delete_no", width="stretch"):
        _clear_delete()
        st.rerun()


def step_add_form(actor, journey_id: int, ws_id: int, steps: dict, stages: dict,
                  order: list[int]) -> None:
    if not stages:
        st.info(tr("map.need_stage"))
        return
    with st.form("add_step", clear_on_submit=True, border=True):
        title = st.text_input(tr("map.f_title"), key="add_title", max_chars=300)
        c1, c2, c3 = st.columns(3)
        stage_id = c1.selectbox(tr("map.f_stage"), list(stages), key="add_stage",
                                format_func=stage_label(stages))
        lane = c2.selectbox(tr("map.f_lane"), list(LANES), key="add_lane",
                            format_func=lane_label)
        channel = c3.text_input(tr("map.f_channel"), key="add_channel", max_chars=60)
        mot = st.checkbox(tr("map.f_moment"), key="add_moment")
        description = st.text_area(tr("map.f_description"), key="add_description", height=80)
        submitted = st.form_submit_button(tr("map.add_step"), type="primary", key="add_submit")
    if submitted:
        try:
            new_id = add_step(get_store(), actor, journey_id, stage_id, title, lane=lane,
                              channel=channel, description=description, moment_of_truth=mot)
        except JourneymapError as e:
            components.show_error(e)
        else:
            st.session_state["map_pick_next"] = new_id
            done(ws_id, tr("map.added"))
