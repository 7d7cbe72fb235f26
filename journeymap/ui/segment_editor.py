"""The facilitator's "Questions at joining" (segments), drawn on the Workshops page:

    from journeymap.ui.segment_editor import segment_editor
    segment_editor(store, actor, workshop_id)

Each question shows how many people chose each option. Wording may change at any time (the
answers stay with their option); an option somebody chose cannot be removed; removing a
whole question asks for a confirmation that names the number of answers it deletes. The
facilitator's text is shown as text, never as Markdown.

Widget keys carry a short hash of the question as stored, so when it changes (saved here or
by another facilitator) the inputs start from the new words, while a refused save keeps
what was typed.
"""

from __future__ import annotations

import zlib

import streamlit as st

from journeymap.domain.errors import JourneymapError
from journeymap.services.segments import (
    add_segment,
    edit_segment,
    remove_segment,
    segment_overview,
)
from journeymap.ui import components
from journeymap.ui.state import tr
from journeymap.ui.text import esc


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _saved(workshop_id: int, message: str) -> None:
    components.mark_seen(workshop_id)
    st.session_state["seg_done"] = message
    st.rerun()


def _question(store, actor, workshop_id: int, q: dict, number: int) -> None:
    stamp = zlib.crc32(repr((q["question"], q["options"])).encode()) & 0xFFFFFF
    base = f"seg_{workshop_id}_{q['key']}_{stamp:x}"
    answered = sum(q["answers"].values())
    with st.container(border=True, key=f"seg_box_{q['key']}"):
        st.caption(tr("segment.edit.number", n=number, answered=answered))
        with st.form(f"{base}_form", border=False):
            question = st.text_input(tr("segment.edit.question"), value=q["question"],
                                     key=f"{base}_q", max_chars=200)
            labels, drops = {}, {}
            for i, (okey, label) in enumerate(q["options"]):
                chosen = q["answers"].get(okey, 0)
                c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
                labels[okey] = c1.text_input(tr("segment.edit.option_n", n=i + 1), value=label,
                                             key=f"{base}_o_{okey}", max_chars=120)
                if chosen:
                    c2.caption(tr("segment.edit.chosen_by", n=chosen))
                else:
                    drops[okey] = c2.checkbox(tr("segment.edit.remove_option"),
                                              key=f"{base}_drop_{okey}")
            more = st.text_area(tr("segment.edit.more_options"), key=f"{base}_more",
                                height=68, help=tr("segment.edit.one_per_line"))
            save = st.form_submit_button(tr("segment.edit.save"), key=f"{base}_save")
        if save:
            options = [(k, labels[k]) for k, _ in q["options"] if not drops.get(k)]
            options += [(None, label) for label in _lines(more)]
            try:
                edit_segment(store, actor, workshop_id, q["key"], question, options)
            except JourneymapError as e:
                components.show_error(e)
            else:
                _saved(workshop_id, tr("segment.edit.saved"))
        if answered:
            st.caption(tr("segment.edit.remove_warn", n=answered))
        sure = st.checkbox(tr("segment.edit.remove_sure", n=answered) if answered
                           else tr("segment.edit.remove_sure_none"), key=f"{base}_sure")
        if st.button(tr("segment.edit.remove"), key=f"{base}_remove", disabled=not sure):
            try:
                remove_segment(store, actor, workshop_id, q["key"], answers_seen=answered)
            except JourneymapError as e:
                components.show_error(e)
            else:
                _saved(workshop_id, tr("segment.edit.removed"))


def segment_editor(store, actor, workshop_id: int) -> None:
    st.caption(tr("segment.edit.intro"))
    done = st.session_state.pop("seg_done", None)
    if done:
        st.success(done)
    questions = segment_overview(store, actor, workshop_id)
    if not questions:
        st.info(tr("segment.edit.none"))
    for i, q in enumerate(questions):
        _question(store, actor, workshop_id, q, i + 1)

    n = st.session_state.get("seg_new_n", 0)  # a new set of inputs after each question added
    st.markdown(f"**{tr('segment.edit.add_title')}**")
    with st.form(f"seg_new_{workshop_id}_{n}", border=True):
        question = st.text_input(tr("segment.edit.question"), key=f"seg_new_q_{n}",
                                 max_chars=200, placeholder=tr("segment.edit.question_hint"))
        options = st.text_area(tr("segment.edit.options"), key=f"seg_new_o_{n}",
                               placeholder=tr("segment.edit.options_hint"),
                               help=tr("segment.edit.one_per_line"))
        add = st.form_submit_button(tr("segment.edit.add"), type="primary", key="seg_new_add")
    if add:
        try:
            add_segment(store, actor, workshop_id, question, _lines(options))
        except JourneymapError as e:
            components.show_error(e)
        else:
            st.session_state["seg_new_n"] = n + 1
            _saved(workshop_id, tr("segment.edit.added", question=esc(question.strip())))


__all__ = ["segment_editor"]
