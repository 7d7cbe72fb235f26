"""The journey's stages: rename, move left or right, delete when empty, add."""

from __future__ import annotations

import streamlit as st

from journeymap.services import add_stage, delete_stage, move_stage, rename_stage
from journeymap.ui.state import get_store, tr

from .common import run


def stage_editor(actor, journey_id: int, ws_id: int, stages: list[dict], steps: dict) -> None:
    counts: dict[int, int] = {}
    for s in steps.values():
        counts[s["stage_id"]] = counts.get(s["stage_id"], 0) + 1
    for i, stg in enumerate(stages):
        sid = stg["id"]
        key = f"stage_name_{sid}"
        if st.session_state.get(f"stage_base_{sid}") != stg["version"]:
            st.session_state[key] = stg["name"]
            st.session_state[f"stage_base_{sid}"] = stg["version"]
        c = st.columns([4, 1, 1, 1, 1.3], vertical_alignment="bottom")
        c[0].text_input(tr("map.stage_n", n=i + 1, steps=counts.get(sid, 0)), key=key,
                        max_chars=200)
        if c[1].button(tr("common.save"), key=f"stage_save_{sid}", width="stretch"):
            run(lambda: rename_stage(get_store(), actor, sid, stg["version"],
                                      st.session_state[key]), ws_id, tr("map.saved"))
        if c[2].button("◀", key=f"stage_left_{sid}", help=tr("map.stage_left"),
                       disabled=i == 0, width="stretch"):
            run(lambda: move_stage(get_store(), actor, sid, -1), ws_id)
        if c[3].button("▶", key=f"stage_right_{sid}", help=tr("map.stage_right"),
                       disabled=i == len(stages) - 1, width="stretch"):
            run(lambda: move_stage(get_store(), actor, sid, +1), ws_id)
        if c[4].button(tr("common.delete"), key=f"stage_del_{sid}",
                       disabled=counts.get(sid, 0) > 0,
                       help=tr("map.stage_not_empty") if counts.get(sid, 0) else None,
                       width="stretch"):
            run(lambda: delete_stage(get_store(), actor, sid), ws_id, tr("map.deleted"))
    with st.form("add_stage", clear_on_submit=True, border=False):
        c1, c2 = st.columns([4, 1.5], vertical_alignment="bottom")
        name = c1.text_input(tr("map.new_stage"), key="new_stage_name", max_chars=200)
        if c2.form_submit_button(tr("map.add_stage"), key="add_stage_submit",
                                 width="stretch"):
            run(lambda: add_stage(get_store(), actor, journey_id, name), ws_id,
                 tr("map.added"))
