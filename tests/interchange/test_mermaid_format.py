"""Mermaid journey text: export for READMEs and wikis, import with scores rescaled."""

from __future__ import annotations

from statistics import mean

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from interchange_strategies import ANY_TEXT, journeys, refused

from journeymap.domain.errors import ImportRefused
from journeymap.domain.graph import JourneyGraph
from journeymap.domain.model import (
    Journey,
    Participant,
    Perspective,
    Rating,
    Role,
    Stage,
    Step,
    Transition,
)
from journeymap.interchange import mermaid
from journeymap.interchange._common import emotion_to_five
from journeymap.interchange.native import MAX_FILE_BYTES


def router() -> Journey:
    j = Journey(title="Sam: router fixed by Friday", language="en",
                stages=[Stage("d", "Discover"), Stage("h", "Get help")])
    j.add_step(Step("call", "h", "Call support"))
    j.add_step(Step("see", "d", "Notice the outage"))
    j.add_step(Step("wait", "h", "Wait for #technician; again"))
    j.transitions.append(Transition("wait", "call"))
    j.add_participant(Participant("c1", "Ada", Role.CUSTOMER))
    j.add_participant(Participant("c2", "Bo", Role.CUSTOMER))
    j.add_participant(Participant("s1", "Stan", Role.STAFF))
    j.add_rating(Rating("c1", "see", -3))
    j.add_rating(Rating("c2", "see", -2))
    j.add_rating(Rating("s1", "see", 1))
    j.add_rating(Rating("c1", "call", 2))
    j.add_rating(Rating("s1", "wait", 0))
    return j


def test_export_writes_sections_in_stage_order_and_tasks_in_canonical_order():
    # actors are the people who lived the step (Stan only assumed); reserved characters are
    # written as mermaid's entity codes, which mermaid draws as the characters themselves
    assert mermaid.dumps(router()) == (
        "journey\n"
        "  title Sam#58; router fixed by Friday\n"
        "  section Discover\n"
        "    Notice the outage: 1: Ada, Bo\n"
        "  section Get help\n"
        "    Wait for #35;technician#59; again: 3\n"
        "    Call support: 4: Ada\n")


@pytest.mark.parametrize("emotion, score", [(-3, 1), (-2.5, 1), (-2, 2), (-1.5, 2), (-1, 2),
                                            (-0.75, 3), (0, 3), (0.75, 4), (1.5, 4), (2, 4),
                                            (2.25, 5), (3, 5)])
def test_the_mean_lived_emotion_maps_to_a_score_by_the_documented_rule(emotion, score):
    assert emotion_to_five(emotion) == score


def test_import_rescales_scores_and_makes_actors_participants_with_lived_ratings():
    notes: list[str] = []
    j = mermaid.loads("""journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me, Cat
    section Go home
      Go downstairs: 1: Me
      Sit down: 2
    """, notes=notes)
    anonymous = j.participants[-1]
    assert j.title == "My working day"
    assert [s.name for s in j.stages] == ["Go to work", "Go home"]
    assert [(s.title, s.stage) for s in j.steps] == [
        ("Make tea", "go-to-work"), ("Go upstairs", "go-to-work"),
        ("Go downstairs", "go-home"), ("Sit down", "go-home")]
    assert [(p.name, p.role, p.anonymous) for p in j.participants] == [
        ("Me", Role.CUSTOMER, False), ("Cat", Role.CUSTOMER, False),
        ("Anonymous", Role.CUSTOMER, True)]
    assert [(r.participant, r.step, r.emotion, r.perspective) for r in j.ratings] == [
        ("me", "s1", 3.0, Perspective.LIVED), ("me", "s2", 0.0, Perspective.LIVED),
        ("cat", "s2", 0.0, Perspective.LIVED), ("me", "s3", -3.0, Perspective.LIVED),
        (anonymous.key, "s4", -1.5, Perspective.LIVED)]
    assert [(t.source, t.target) for t in j.transitions] == [("s1", "s2"), ("s2", "s3"),
                                                           ("s3", "s4")]
    assert j.source == {"format": "mermaid", "scale": "1..5", "rescale": "(x-3)*1.5",
                        "export": "round((e+3)*4/6+1)"}
    assert any("(score-3)*1.5" in n for n in notes)
    assert any("without actors" in n for n in notes)


def test_an_actor_named_like_a_role_gets_that_role():
    j = mermaid.loads("journey\n section A\n  Greet: 4: Personale, Cliente\n")
    assert [(p.name, p.role) for p in j.participants] == [("Personale", Role.STAFF),
                                                         ("Cliente", Role.CUSTOMER)]


def test_tasks_before_any_section_go_to_a_stage_named_after_the_title():
    j = mermaid.loads("journey\ntitle Visit\nArrive: 3: Me\nsection Inside\nLook: 4: Me\n")
    assert [s.name for s in j.stages] == ["Visit", "Inside"]
    assert [s.stage for s in j.steps] == ["visit", "inside"]


def test_comments_are_skipped_and_the_accessibility_title_is_kept():
    notes: list[str] = []
    j = mermaid.loads("%% a map\njourney\n accTitle: A map\n section A\n"
                      "  Go: 3: Me # note\n", notes=notes)
    assert [s.title for s in j.steps] == ["Go"]
    assert j.source["acc_title"] == "A map"
    assert any("accTitle kept" in n for n in notes)


@pytest.mark.parametrize("text, problem", [
    ("", "line 1: the file is empty (a Mermaid journey starts with 'journey')"),
    ("graph TD\n A-->B\n", "line 1: expected 'journey' (a Mermaid journey diagram starts "
                           "with it), found 'graph TD'"),
    ("journey\n section A\n  Just a line\n", "line 3: 'Just a line' is not a task (expected "
                                             "'Task name: score: actor, actor')"),
    ("journey\n section\n  Go: 3\n", "line 2: the section has no name"),
    ("journey\n title A\n", "line 2: no sections and no tasks: nothing to import (lines "
                             "like 'section Pay' and 'Pay online: 3: Me')"),
    ("journey\n section A\n  : 3: Me\n", "line 3: the task has no name"),
])
def test_each_malformed_line_is_refused_naming_it(text, problem):
    assert problem in refused(mermaid.loads, text)


def test_every_bad_line_is_reported_at_once():
    problems = refused(mermaid.loads, "journey\n section A\n  Go\n  Stop: 3; x\n  : 0\n")
    assert [p.split(":")[0] for p in problems] == ["line 3", "line 4", "line 5"]


def test_a_file_over_the_size_limit_is_refused():
    problems = refused(mermaid.loads, b"journey\n" + b" " * MAX_FILE_BYTES)
    assert problems[0].startswith("the file is 64.0 MB")


def test_a_file_that_is_not_utf8_is_refused_naming_the_byte():
    assert refused(mermaid.loads, b"journey\n section \xe0\n") == [
        "byte 17: not UTF-8 text (save the file as UTF-8)"]


@given(st.binary(max_size=300) | ANY_TEXT | st.lists(
    st.sampled_from(["journey", " title T", " section S", "  A: 3: Me", "  B: 9", ":", "",
                     "  C: 2: ", "%% c", "  D:5:x,y", "section", "title", ";", "#"]),
    max_size=12).map("\n".join))
@settings(max_examples=300)
def test_arbitrary_input_is_imported_or_refused_with_line_numbers(data):
    try:
        j = mermaid.loads(data)
    except ImportRefused as e:
        assert all(p.startswith(("line ", "byte ", "title:")) for p in e.problems), e.problems
    else:
        assert j.stages


@given(journeys(everything=False))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_a_round_trip_keeps_the_documented_subset_and_the_text(j):
    text = mermaid.dumps(j)
    back = mermaid.loads(text, language=j.language)
    assert mermaid.dumps(back) == text
    assert back.title == " ".join(j.title.split())
    assert [s.name for s in back.stages] == [" ".join(s.name.split()) for s in j.stages]
    order = JourneyGraph.of(j).order()
    steps = {s.key: s for s in j.steps}
    by_stage = {st.key: [k for k in order if steps[k].stage == st.key] for st in j.stages}
    expected = [k for st in j.stages for k in by_stage[st.key]]
    assert [s.title for s in back.steps] == [" ".join(steps[k].title.split())
                                             for k in expected]
    for new, k in zip(back.steps, expected):
        lived = [r.emotion for r in j.ratings if r.step == k
                 and r.perspective is Perspective.LIVED]
        got = [r.emotion for r in back.ratings if r.step == new.key]
        if lived:
            assert set(got) == {(emotion_to_five(mean(lived)) - 3) * 1.5}
