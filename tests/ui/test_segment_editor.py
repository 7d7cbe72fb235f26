"""The facilitator defines the questions asked at joining (segments) on the Workshops page:
adds one with its options, rewords it, removes an option nobody chose, removes a question
only after confirming how many answers go with it; bad input is refused naming the field, in
English and Italian; answers given through the app cut Insight by that segment."""

from __future__ import annotations

import re

import pytest

from journeymap.analysis import by_segment
from journeymap.domain.errors import ValidationError
from journeymap.services import (
    answer_segments,
    answer_step,
    journey_frames,
    journey_steps,
    segment_questions,
    set_phase,
)
from journeymap.services import invitations as inv
from journeymap.services.segments import (
    add_segment,
    edit_segment,
    remove_segment,
    segment_overview,
)


def errors(at) -> list[str]:
    """The error boxes as the person reads them (the Markdown escapes taken off)."""
    return [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]


def editor(ui, lang="en"):
    at = ui.app("facilitator", "workshops.py", lang=lang)
    assert not at.exception
    return at


def add(at, question: str, options: str):
    n = at.session_state["seg_new_n"] if "seg_new_n" in at.session_state else 0
    at.text_input(key=f"seg_new_q_{n}").set_value(question)
    at.text_area(key=f"seg_new_o_{n}").set_value(options)
    return at.button(key="seg_new_add").click().run()


def widget(at, kind: str, suffix: str):
    """The edit widget of the (only) question whose key ends with ``suffix``."""
    (w,) = [w for w in getattr(at, kind) if (w.key or "").startswith("seg_")
            and w.key.endswith(suffix) and not w.key.startswith("seg_new")]
    return w


def test_a_question_added_with_its_options_is_asked_at_joining(ui):
    at = add(editor(ui), "Customer for", "< 1 year\n1–5 years\n\n> 5 years\n")
    assert not at.exception
    assert "Question added: Customer for" in ui.texts(at)
    assert segment_questions(ui.store, ui.workshop_id) == [{
        "key": "customer_for", "question": "Customer for",
        "options": [("1_year", "< 1 year"), ("1_5_years", "1–5 years"),
                    ("5_years", "> 5 years")]}]
    # the inputs are empty again for the next question
    assert at.text_input(key="seg_new_q_1").value == ""


@pytest.mark.parametrize("question, options, lang, message", [
    ("", "App\nBranch", "en", "Question: write the question"),
    ("Channel", "App", "en", "Options: give at least two options, one per line"),
    ("Channel", "App\nBranch\napp", "en", "Options: “app” is given twice: each option once"),
    ("", "App\nFiliale", "it", "Domanda: scrivi la domanda"),
    ("Canale", "App", "it", "Opzioni: servono almeno due opzioni, una per riga"),
    ("Canale", "App\nFiliale\nAPP", "it",
     "Opzioni: «APP» compare due volte: ogni opzione una volta sola"),
])
def test_bad_input_is_refused_naming_the_field_and_keeps_what_was_typed(
        ui, question, options, lang, message):
    at = add(editor(ui, lang), question, options)
    assert errors(at) == [message]
    assert segment_questions(ui.store, ui.workshop_id) == []
    assert at.text_area(key="seg_new_o_0").value == options


def test_the_same_question_twice_is_refused(ui):
    add_segment(ui.store, ui.facilitator, ui.workshop_id, "Channel", ["App", "Branch"])
    at = add(editor(ui), " channel ", "Phone\nWeb")
    assert errors(at) == [
        "Question: this question is already asked in this workshop"]
    assert len(segment_questions(ui.store, ui.workshop_id)) == 1


def test_rewording_keeps_every_answer_with_its_option(ui):
    add_segment(ui.store, ui.facilitator, ui.workshop_id, "Channel", ["App", "Branch"])
    sam = ui.people["customer"]
    answer_segments(ui.store, sam, {"channel": "branch"})
    at = editor(ui)
    assert "Chosen by: 1. Kept with its answers (you may change its words)" in ui.texts(at)
    widget(at, "text_input", "_q").set_value("Where do you usually bank?")
    widget(at, "text_input", "_o_branch").set_value("A branch")
    widget(at, "text_area", "_more").set_value("Phone")
    widget(at, "button", "_save").click().run()
    assert not at.error
    (q,) = segment_overview(ui.store, ui.facilitator, ui.workshop_id)
    assert (q["question"], q["options"], q["answers"]) == (
        "Where do you usually bank?", [("app", "App"), ("branch", "A branch"),
                                       ("phone", "Phone")], {"branch": 1})
    # the inputs now start from the saved words
    assert widget(at, "text_input", "_o_branch").value == "A branch"


def test_an_option_nobody_chose_can_be_removed_one_somebody_chose_cannot(ui):
    add_segment(ui.store, ui.facilitator, ui.workshop_id, "Channel", ["App", "Branch", "Fax"])
    answer_segments(ui.store, ui.people["customer"], {"channel": "app"})
    at = editor(ui)
    # no "remove" box beside the chosen option: only beside the two nobody chose
    assert sorted(c.key.rsplit("_", 1)[1] for c in at.checkbox
                  if "_drop_" in (c.key or "")) == ["branch", "fax"]
    widget(at, "checkbox", "_drop_fax").check()
    widget(at, "button", "_save").click().run()
    assert segment_questions(ui.store, ui.workshop_id)[0]["options"] == [
        ("app", "App"), ("branch", "Branch")]
    # the service refuses too, whoever calls it, and names the option and the people
    with pytest.raises(ValidationError) as e:
        edit_segment(ui.store, ui.facilitator, ui.workshop_id, "channel", "Channel",
                     [("branch", "Branch"), (None, "Phone")])
    assert e.value.key == "error.segment.option_in_use"
    assert (e.value.field, e.value.values["label"], e.value.values["n"]) == ("options", "App", 1)
    assert segment_overview(ui.store, ui.facilitator, ui.workshop_id)[0]["answers"] == {"app": 1}


def test_fewer_than_two_options_left_is_refused_on_save(ui):
    add_segment(ui.store, ui.facilitator, ui.workshop_id, "Channel", ["App", "Branch"])
    at = editor(ui)
    widget(at, "checkbox", "_drop_app").check()
    widget(at, "button", "_save").click().run()
    assert errors(at) == ["Options: give at least two options, one per line"]
    assert len(segment_questions(ui.store, ui.workshop_id)[0]["options"]) == 2


def test_removing_a_question_says_how_many_answers_go_and_waits_for_a_yes(ui):
    add_segment(ui.store, ui.facilitator, ui.workshop_id, "Channel", ["App", "Branch"])
    answer_segments(ui.store, ui.people["customer"], {"channel": "app"})
    at = editor(ui)
    assert "Answers to this question: 1. Removing it deletes them." in ui.texts(at)
    assert widget(at, "checkbox", "_sure").label == "Yes, remove this question and its answers (1)"
    assert widget(at, "button", "_remove").disabled
    widget(at, "checkbox", "_sure").check().run()
    widget(at, "button", "_remove").click().run()
    assert segment_questions(ui.store, ui.workshop_id) == []
    assert "Question removed." in ui.texts(at)


def test_a_removal_confirmed_for_fewer_answers_than_there_are_now_is_refused(ui):
    add_segment(ui.store, ui.facilitator, ui.workshop_id, "Channel", ["App", "Branch"])
    answer_segments(ui.store, ui.people["customer"], {"channel": "app"})
    with pytest.raises(ValidationError) as e:
        remove_segment(ui.store, ui.facilitator, ui.workshop_id, "channel", answers_seen=0)
    assert (e.value.key, e.value.values["n"]) == ("error.segment.answers_moved", 1)
    assert segment_overview(ui.store, ui.facilitator, ui.workshop_id)[0]["answers"] == {"app": 1}


def test_the_facilitators_words_are_shown_as_text(ui):
    at = add(editor(ui), "**Bold** <b>tag</b>", "_a_\n[x](http://e.org)")
    (done,) = at.success
    # Markdown would make "Bold" bold and drop the tag: the source is escaped, so the
    # person reads exactly what was typed
    assert done.value != "Question added: **Bold** <b>tag</b>"
    assert re.sub(r"\\(.)", r"\1", done.value) == "Question added: **Bold** <b>tag</b>"
    assert widget(at, "text_input", "_q").value == "**Bold** <b>tag</b>"
    assert [widget(at, "text_input", f"_o_{k}").value for k in ("a", "x_http_e_org")] == [
        "_a_", "[x](http://e.org)"]


def test_insight_is_cut_by_a_segment_answered_through_the_app(ui):
    store, fac, ws = ui.store, ui.facilitator, ui.workshop_id
    add_segment(store, fac, ws, "Customer for", ["< 1 year", "> 5 years"])
    steps = {s["title"]: s["id"] for s in journey_steps(store, fac, ui.journey_id)}
    call = steps["Call support"]
    set_phase(store, fac, ws, "listen")
    # three new customers felt -3, -2, -3; three long-time ones 1, 2, 0
    for tenure, emotion in (("1_year", -3), ("1_year", -2), ("1_year", -3),
                            ("5_years", 1), ("5_years", 2), ("5_years", 0)):
        _, token = inv.create_invitation(store, fac, ws, "customer")
        person = inv.join(store, token, name=f"C{emotion}{tenure}", consent=True)[0]
        answer_segments(store, person, {"customer_for": tenure})
        answer_step(store, person, call, emotion=emotion)
    frames = journey_frames(store, fac, ui.journey_id)
    cut = by_segment(frames, "customer_for").set_index(["option", "step"])
    assert cut.loc[("1_year", "s2"), ["people", "n_lived"]].tolist() == [3, 3]
    assert cut.loc[("1_year", "s2"), "mean_lived"] == pytest.approx(-8 / 3)
    assert cut.loc[("5_years", "s2"), "mean_lived"] == pytest.approx(1.0)
    # staff's single assumption at that step (imported: +2) is the other side of both gaps
    assert cut.loc[("5_years", "s2"), "gap"] == pytest.approx(1.0)
