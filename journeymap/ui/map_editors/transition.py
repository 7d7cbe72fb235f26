"""Connections between steps: connect two, relabel, disconnect."""

from __future__ import annotations

import streamlit as st

from journeymap.services import add_transition, label_transition, remove_transition
from journeymap.ui.state import get_store, tr

from .common import run, title_of


def transition_editor(actor, ws_id: int, transitions: list[dict], steps: dict,
                      order: list[int]) -> None:
    options = [i for i in order if i in steps]
    if len(options) < 2:
        st.info(tr("map.need_two_steps"))
        return
    name = lambda i: steps[i]["title"]  # noqa: E731
    with st.form("connect", clear_on_submit=True, border=True):
        c1, c2, c3 = st.columns([3, 3, 2])
        src = c1.selectbox(tr("map.from"), options, key="tr_from", format_func=name)
        dst = c2.selectbox(tr("map.to"), options, key="tr_to", format_func=name,
                           index=1)
        label = c3.text_input(tr("map.label"), key="tr_label", max_chars=200)
        if st.form_submit_button(tr("map.connect"), type="primary", key="tr_connect"):
            run(lambda: add_transition(get_store(), actor, src, dst, label), ws_id,
                 tr("map.added"))
    if not transitions:
        return
    by_id = {t["id"]: t for t in transitions}

    def fmt(tid):
        t = by_id[tid]
        text = f"{title_of(steps, t['source_id'])} → {title_of(steps, t['target_id'])}"
        return text + (f" ({t['label']})" if t["label"] else "")

    tid = st.selectbox(tr("map.pick_transition"), list(by_id), key="tr_pick", format_func=fmt)
    if tid is None:
        return
    c1, c2, c3 = st.columns([4, 1.3, 1.3], vertical_alignment="bottom")
    lkey = f"tr_relabel_{tid}"
    if lkey not in st.session_state:
        st.session_state[lkey] = by_id[tid]["label"]
    c1.text_input(tr("map.label"), key=lkey, max_chars=200)
    if c2.button(tr("map.relabel"), key=f"tr_save_{tid}", width="stretch"):
        run(lambda: label_transition(get_store(), actor, tid, st.session_state[lkey]), ws_id,
             tr("map.saved"))
    if c3.button(tr("map.disconnect"), key=f"tr_del_{tid}", width="stretch"):
        run(lambda: remove_transition(get_store(), actor, tid), ws_id, tr("map.deleted"))
