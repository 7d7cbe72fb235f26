"""The optional segment questions at joining: skippable, saved as the participant's own
answers, facilitator text shown literally; nothing asked where no segments exist."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from journeymap.domain.errors import ValidationError
from journeymap.services import (
    Actor,
    Store,
    answer_segments,
    create_account,
    create_workshop,
    define_segment,
)
from journeymap.store import schema as T

SCRIPT = """
import streamlit as st
from journeymap.services import Actor, Store
from journeymap.ui.segment_questions import segment_questions_form
st.session_state.setdefault("lang", "en")
store = Store.open(st.session_state["db"])
a = Actor.participant(st.session_state["pid"], st.session_state["ws"], "customer", "Ada")
segment_questions_form(store, a, st.session_state["ws"])
"""


@pytest.fixture
def setup(tmp_path):
    db = f"sqlite:///{tmp_path / 'seg.sqlite'}"
    store = Store.open(db)
    fac = create_account(store, "fran", "a long password", "Fran")
    ws = create_workshop(store, fac, "W", "en")
    with store.write() as uow:
        pid = uow.conn.execute(T.participants.insert().values(
            workshop_id=ws, key="ada", name="Ada", role="customer", anonymous=False,
            created_at=__import__("datetime").datetime.now())).inserted_primary_key[0]
        uow.commit()
    yield store, fac, ws, pid, db
    store.close()


def answers(store, pid):
    with store.read() as uow:
        return dict(uow.conn.execute(
            select(T.segments.c.key, T.participant_segments.c.option)
            .join(T.segments, T.segments.c.id == T.participant_segments.c.segment_id)
            .where(T.participant_segments.c.participant_id == pid)).all())


def page(db, ws, pid):
    at = AppTest.from_string(SCRIPT, default_timeout=30)
    at.session_state["db"], at.session_state["ws"], at.session_state["pid"] = db, ws, pid
    return at.run()


def test_nothing_is_asked_without_segments(setup):
    store, fac, ws, pid, db = setup
    at = page(db, ws, pid)
    assert not at.radio and not at.exception


def test_a_participant_answers_one_question_and_skips_the_other(setup):
    store, fac, ws, pid, db = setup
    define_segment(store, fac, ws, "tenure", "Customer *for*", [("new", "< 1 year"),
                                                                  ("long", "> 5 years")])
    define_segment(store, fac, ws, "channel", "Channel", [("app", "App"), ("branch", "Branch")])
    at = page(db, ws, pid)
    assert "Customer *for*" in [t.value for t in at.text]  # literally, never as Markdown
    assert [r.value for r in at.radio] == ["__skip__", "__skip__"]
    at.radio(key="segments_tenure").set_value("new")
    at.button[0].click().run()
    assert answers(store, pid) == {"tenure": "new"}
    assert any("answers are saved" in c.value for c in at.caption)


def test_an_answer_can_be_withdrawn_and_a_wrong_one_is_refused(setup):
    store, fac, ws, pid, db = setup
    define_segment(store, fac, ws, "tenure", "Customer for", [("new", "New"), ("long", "Long")])
    ada = Actor.participant(pid, ws, "customer", "Ada")
    answer_segments(store, ada, {"tenure": "long"})
    answer_segments(store, ada, {"tenure": None})
    assert answers(store, pid) == {}
    with pytest.raises(ValidationError, match="'old' is not one of: new, long"):
        answer_segments(store, ada, {"tenure": "old"})
