"""The native journeymap JSON format: the issue's minimal file, every listed error with its
place, all problems at once, and export → import → export giving the identical text."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from interchange_strategies import ANY_TEXT, journeys, refused

from journeymap.domain.errors import ImportRefused
from journeymap.interchange import native

#: the minimal shape of issue 2, with its "..." filled in
MINIMAL = {
    "format": "journeymap/1",
    "journey": {"title": "Fix my router", "persona": "Sam", "goal": "Online by Friday",
                "language": "it"},
    "stages": [{"id": "discover", "name": "Scoperta"}],
    "steps": [{"id": "s1", "stage": "discover", "title": "Notice the outage", "lane": "customer",
               "channel": "web"},
              {"id": "s2", "stage": "discover", "title": "Call support", "lane": "customer",
               "channel": "phone"}],
    "transitions": [{"from": "s1", "to": "s2", "label": "if the lights stay red"}],
    "participants": [{"id": "p1", "name": "Giulia", "role": "staff"}],
    "ratings": [{"participant": "p1", "step": "s1", "emotion": -2, "effort": 4,
                 "success": "partly", "perspective": "assumed", "comment": "slow"}],
    "pain_points": [{"participant": "p1", "step": "s1", "text": "No status page",
                     "severity": 2, "pillar": "time_and_effort", "votes": 3}],
}


def doc(**changes) -> str:
    d = json.loads(json.dumps(MINIMAL))
    d.update(changes)
    return json.dumps(d)


def test_the_minimal_file_of_the_issue_imports():
    j = native.loads(json.dumps(MINIMAL))
    assert (j.title, j.language) == ("Fix my router", "it")
    assert [s.key for s in j.steps] == ["s1", "s2"]
    assert j.ratings[0].emotion == -2 and str(j.ratings[0].success) == "partly"
    assert j.pain_points[0].votes == 3 and str(j.pain_points[0].pillar) == "time_and_effort"


def test_a_step_in_an_unknown_stage_is_named_with_its_index_and_field():
    steps = MINIMAL["steps"] + [
        {"id": f"s{i}", "stage": "discover", "title": "x"} for i in (3, 4)] + [
        {"id": "s5", "stage": "pay", "title": "Pay"}]
    problems = refused(native.loads, doc(steps=steps))
    assert "steps[4].stage: no stage 'pay' in this journey" in problems


def test_an_emotion_out_of_range_is_named_with_its_index():
    people = [{"id": f"p{k}", "name": f"P{k}", "role": "customer"} for k in (1, 2)]
    ratings = [{"participant": p, "step": s, "emotion": 0, "perspective": v}
               for p, s, v in itertools.product(("p1", "p2"), ("s1", "s2"),
                                                ("assumed", "lived", "employee"))]
    ratings.append({"participant": "p1", "step": "s1", "emotion": 7, "perspective": "lived"})
    assert len(ratings) == 13
    problems = refused(native.loads, doc(participants=people, ratings=ratings,
                                         pain_points=[]))
    assert "ratings[12].emotion: 7 is outside -3..3" in problems


def test_duplicate_ids_are_named():
    problems = refused(native.loads, doc(
        stages=[{"id": "discover", "name": "A"}, {"id": "discover", "name": "B"}],
        participants=[{"id": "p1", "name": "A", "role": "staff"},
                      {"id": "p1", "name": "B", "role": "staff"}]))
    assert "stages[1].id: the stage id 'discover' is used twice" in problems
    assert "participants[1].id: the participant id 'p1' is used twice" in problems


def test_a_transition_to_an_unknown_step_is_named():
    problems = refused(native.loads, doc(transitions=[{"from": "s1", "to": "s9"}]))
    assert problems == ["transitions[0].to: no step 's9' in this journey"]


def test_an_unknown_participant_is_named():
    problems = refused(native.loads, doc(ratings=[
        {"participant": "ghost", "step": "s1", "emotion": 1}]))
    assert problems == ["ratings[0].participant: no participant 'ghost' in this file"]


def test_a_wrong_format_version_is_refused():
    assert refused(native.loads, doc(format="journeymap/9")) == [
        "format: 'journeymap/9' is not a version this journeymap reads (expected "
        "'journeymap/1')"]


def test_text_that_is_not_json_is_refused_with_line_and_column():
    problems = refused(native.loads, '{"format": "journeymap/1",\n  "journey": {"title": }')
    assert len(problems) == 1 and problems[0].startswith("line 2, column 24: not valid JSON")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    huge = b" " * (native.MAX_FILE_BYTES + 1)
    problems = refused(native.loads, huge)
    assert problems == [f"the file is 64.0 MB; at most {native.MAX_FILE_BYTES // 1048576} MB"]


def test_every_problem_is_reported_at_once():
    bad = json.loads(json.dumps(MINIMAL))
    bad["steps"].append({"id": "s9", "stage": "pay", "title": "Pay", "lane": "roof"})
    bad["transitions"].append({"from": "s1", "to": "nowhere"})
    bad["ratings"].append({"participant": "ghost", "step": "s1", "emotion": 1})
    bad["ratings"].append({"participant": "p1", "step": "s2", "emotion": -4})
    bad["pain_points"][0]["severity"] = 5
    problems = refused(native.loads, json.dumps(bad))
    assert len(problems) == 5
    assert problems[0].startswith("steps[2].")
    assert "transitions[1].to: no step 'nowhere' in this journey" in problems
    assert "ratings[1].participant: no participant 'ghost' in this file" in problems
    assert "ratings[2].emotion: -4 is outside -3..3" in problems
    assert "pain_points[0].severity: 5 is outside 1..3" in problems


@pytest.mark.parametrize("text, expected", [
    ("[]", "expected a JSON object at the top, got a list"),
    ('{"format": "journeymap/1", "journey": {"title": "T"}, "steps": {}}',
     "steps: expected a list, got an object"),
    ('{"format": "journeymap/1", "journey": {"title": "T"}, "steps": [3]}',
     "steps[0]: expected an object, got a number"),
    ('{"format": "journeymap/1", "journey": {"title": 5}}', "journey.title: expected text"),
    ('{"format": "journeymap/1", "journey": {"title": "T"}, "ratings": '
     '[{"participant": "p", "step": "s", "emotion": "high"}]}',
     "ratings[0].emotion: expected a number, got text 'high'"),
    ('{"format": "journeymap/1", "journey": {"title": "T", "language": "fr"}}',
     "journey.language: 'fr' is not one of: it, en"),
    ('{"format": "journeymap/1", "journey": {"title": "T"}, "ratings": '
     '[{"participant": "p", "step": "s", "emotion": NaN}]}', "NaN is not a number"),
    (b"\xff\xfe{}", "byte 0: not UTF-8 text"),
])
def test_wrong_types_are_refused_with_their_place(text, expected):
    problems = refused(native.loads, text)
    assert any(p.startswith(expected) or expected in p for p in problems), problems


@given(st.binary(max_size=200) | ANY_TEXT)
@settings(max_examples=150)
def test_arbitrary_bytes_are_refused_cleanly_or_imported(data):
    try:
        native.loads(data)
    except ImportRefused as e:
        assert e.problems


@given(journeys(text=ANY_TEXT.map(str.strip).filter(bool)), st.data())
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
def test_a_truncated_export_is_refused_never_half_imported(j, data):
    text = native.dumps(j)
    cut = data.draw(st.integers(1, len(text) - 2))
    problems = refused(native.loads, text[:cut])
    assert problems[0].startswith("line ")


@given(journeys(text=ANY_TEXT.map(str.strip).filter(bool)))
@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow])
def test_export_import_export_gives_the_identical_text(j):
    first = native.dumps(j)
    again = native.loads(first)
    assert native.dumps(again) == first
    assert again == j


# Bugs once found in the native reader, kept as regression tests.

def test_a_pain_point_without_id_does_not_take_an_id_used_later_in_the_file():
    native.loads(doc(pain_points=[
        {"participant": "p1", "step": "s1", "text": "one"},
        {"id": "pp1", "participant": "p1", "step": "s1", "text": "two"}]))


def test_an_opportunity_due_date_that_is_a_number_is_refused_with_its_place():
    problems = refused(native.loads, doc(opportunities=[{"title": "Fix it", "due": 5}]))
    assert problems[0].startswith("opportunities[0].due:")


def test_a_journey_built_in_memory_exports_exactly_as_it_will_import():
    from journeymap.domain.model import Journey, PainPoint, Participant, Rating, Stage, Step

    j = Journey(title="T", stages=[Stage("a", "A")])
    j.add_step(Step("s1", "a", "X"))
    j.add_participant(Participant("p1", "Ada", "staff"))
    j.add_pain_point(PainPoint("p1", "s1", "hurt"))
    j.ratings.append(Rating("p1", "s1", 1))
    text = native.dumps(j)
    assert native.dumps(native.loads(text)) == text


def test_a_transition_between_two_unknown_steps_names_both_ends():
    problems = refused(native.loads, doc(transitions=[{"from": "x", "to": "y"}]))
    assert any(p.startswith("transitions[0].from: no step 'x'") for p in problems)
    assert any(p.startswith("transitions[0].to: no step 'y'") for p in problems)
