"""The optional segment questions a participant may answer when joining (e.g. "customer
for: < 1 year / 1–5 / > 5"), for the join page to call:

    from journeymap.ui.segment_questions import segment_questions_form
    segment_questions_form(store, actor, workshop_id)

Every question may be skipped ("Prefer not to say" is the default); nothing is asked when the
workshop has no segments. Questions and labels are the facilitator's text: shown as text,
never as Markdown. Returns True once the answers are saved in this session.
"""

from __future__ import annotations

import streamlit as st

from journeymap.services import answer_segments, segment_questions
from journeymap.ui.state import tr
from journeymap.ui.text import esc

SKIP = "__skip__"


def segment_questions_form(store, actor, workshop_id: int, *, key: str = "segments") -> bool:
    questions = segment_questions(store, workshop_id)
    if not questions:
        return False
    done_key = f"{key}_saved_{actor.participant_id}"
    if st.session_state.get(done_key):
        st.caption(tr("segment.saved"))
        return True
    with st.form(key=f"{key}_form", border=True):
        st.text(tr("segment.intro"))
        answers = {}
        for q in questions:
            labels = dict(q["options"])
            choices = [SKIP, *labels]
            st.text(q["question"])
            answers[q["key"]] = st.radio(
                esc(q["question"]), choices, index=0, key=f"{key}_{q['key']}",
                label_visibility="collapsed", horizontal=True,
                format_func=lambda k, labels=labels: tr("segment.skip") if k == SKIP
                else esc(labels[k]))
        if st.form_submit_button(tr("segment.save"), type="primary"):
            answer_segments(store, actor, {k: None if v == SKIP else v
                                           for k, v in answers.items()})
            st.session_state[done_key] = True
            st.caption(tr("segment.saved"))
            return True
    return False
