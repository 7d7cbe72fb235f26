"""OpenJourney (.ojf) import: the eight real files from the Ptolemy project, and bad input."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from interchange_strategies import FIXTURES, refused

from journeymap.domain.errors import ImportRefused
from journeymap.domain.model import Lane, Perspective
from journeymap.interchange import ojf
from journeymap.interchange.native import MAX_FILE_BYTES

OJF = FIXTURES / "ojf"


def read(name: str, notes: list[str] | None = None):
    return ojf.loads((OJF / name).read_bytes(), name, notes=notes)


# name: (stages, steps, pain points, highlights, ratings, a step key, its emotion)
EXPECTED = {
    "b2b-software-purchase.ojf": (5, 8, 1, 0, 8, "n6", 2.4),
    "clinic-visit-blueprint.ojf": (3, 13, 0, 0, 3, "cn3", 1.8),
    "customer-support.ojf": (4, 5, 1, 0, 5, "n1", -1.8),
    "ecommerce-purchase.ojf": (4, 4, 2, 0, 4, "n7", 2.4),
    "ecommerce-return.ojf": (4, 8, 3, 0, 8, "n3", -1.8),
    "event-booking.ojf": (4, 5, 2, 0, 4, "n7", 3.0),
    "hotel-check-in-blueprint.ojf": (3, 14, 0, 0, 4, "n3", -0.6),
    "self-guided-tutorial.ojf": (5, 5, 1, 1, 5, "n9", 3.0),
}


def test_all_eight_real_files_are_there():
    assert sorted(p.name for p in OJF.glob("*.ojf")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_real_file_imports_with_a_sensible_result(name):
    stages, steps, pains, highlights, ratings, key, emotion = EXPECTED[name]
    j = read(name)
    assert (len(j.stages), len(j.steps), len(j.pain_points), len(j.highlights),
            len(j.ratings)) == (stages, steps, pains, highlights, ratings)
    rating = next(r for r in j.ratings if r.step == key)
    assert rating.emotion == pytest.approx(emotion)
    assert rating.perspective is Perspective.LIVED and rating.participant == "author"
    assert [p.key for p in j.participants] == ["author"]
    assert j.source["scale"] == "-5..5" and j.source["rescale"] == "x*0.6"
    assert all(-3 <= r.emotion <= 3 for r in j.ratings)
    assert j.title and j.transitions == []


def test_the_metadata_root_variant_gives_title_persona_and_goal():
    notes: list[str] = []
    j = read("clinic-visit-blueprint.ojf", notes)
    assert (j.title, j.persona, j.goal) == ("Patient Clinic Visit", "Returning Patient",
                                            "Annual check-up at a GP clinic")
    assert j.source["version"] == "1.1.0"
    assert any("metadata" in n for n in notes)


def test_the_spec_root_names_the_journey_after_persona_and_point_of_view():
    j = read("customer-support.ojf")
    assert j.title == ("Sam, Tech-Savvy Parent: Getting a broken smart toy fixed before a "
                       "birthday")
    assert j.persona == "Sam, Tech-Savvy Parent"


def test_blueprint_entries_become_steps_in_the_frontstage_backstage_and_support_lanes():
    j = read("clinic-visit-blueprint.ojf")
    s1 = [(s.key, s.lane, s.title, s.description) for s in j.steps if s.stage == "s1"]
    assert s1[1:] == [
        ("cn1-onstage1", Lane.FRONTSTAGE, "Confirms appointment and collects co-pay",
         "Receptionist"),
        ("cn1-backstage1", Lane.BACKSTAGE, "Verifies insurance eligibility", "Billing Dept"),
        ("cn1-support1", Lane.SUPPORT, "Loads patient record", "EMR Database")]
    assert s1[0][3].endswith("Evidence: Waiting Room, Sign-in Sheet")


def test_an_emotion_lane_node_becomes_the_feeling_at_the_main_step_of_its_stage():
    notes: list[str] = []
    j = read("customer-support.ojf", notes)
    assert "Frustrated" not in [s.title for s in j.steps]
    first = next(r for r in j.ratings if r.step == "n1")
    assert (first.emotion, first.emotion_word) == (pytest.approx(-1.8), "frustrated")
    assert first.comment.startswith("Frustrated: Annoyed that a new product")
    assert any("replacing its own score -1.2" in n for n in notes)


def test_a_pain_lane_node_becomes_a_pain_point_and_a_positive_one_a_highlight():
    j = read("self-guided-tutorial.ojf")
    assert [(p.step, p.severity, p.text[:16]) for p in j.pain_points] == [
        ("n5", 3, "Moments of Truth")]
    assert [(h.step, h.text[:14]) for h in j.highlights] == [("n3", "Inline Editing")]


def test_swimlanes_are_read_by_keywords_into_lanes():
    j = read("ecommerce-return.ojf")
    lanes = {s.key: s.lane for s in j.steps}
    assert lanes["n1"] is Lane.CUSTOMER and lanes["n2"] is Lane.FRONTSTAGE
    j = read("event-booking.ojf")
    assert {s.key: s.channel for s in j.steps}["n1"] == "web"


def test_an_unknown_swimlane_is_read_as_customer_actions_with_a_note():
    notes: list[str] = []
    j = ojf.load_document({"stages": [{"id": "a", "name": "A"}],
                           "swimlanes": [{"id": "l", "name": "Weather"}],
                           "nodes": [{"stageId": "a", "swimlaneId": "l", "title": "Rain"}]},
                          notes=notes)
    assert j.steps[0].lane is Lane.CUSTOMER and j.steps[0].key == "n1"
    assert any("no lane recognised" in n for n in notes)
    assert any("without a score" in n for n in notes)


def test_a_pain_node_in_a_stage_without_steps_is_kept_as_a_step():
    j = ojf.load_document({"stages": [{"id": "a", "name": "A"}],
                           "swimlanes": [{"id": "p", "name": "Pain Points"}],
                           "nodes": [{"stageId": "a", "swimlaneId": "p", "title": "Queue",
                                      "score": -5}]})
    assert [s.title for s in j.steps] == ["Queue"]
    assert j.ratings[0].emotion == -3.0


def _doc(**nodes_and_more):
    d = {"version": "1.0", "stages": [{"id": "s1", "name": "One"}],
         "swimlanes": [{"id": "l1", "name": "User Actions"}],
         "nodes": [{"stageId": "s1", "swimlaneId": "l1", "title": "Go", "score": 1}]}
    d.update(nodes_and_more)
    return json.dumps(d)


@pytest.mark.parametrize("text, problem", [
    ("[1, 2]", "expected a JSON object at the top, got a list"),
    ('{"stages": []}', "nodes: missing; an OJF map has stages, swimlanes and nodes"),
    (_doc(nodes=[{"stageId": "s9", "swimlaneId": "l1", "title": "Go"}]),
     "nodes[0].stageId: no stage 's9' in this journey"),
    (_doc(nodes=[{"stageId": "s1", "swimlaneId": "zz", "title": "Go"}]),
     "nodes[0].swimlaneId: no swimlane 'zz' in this map"),
    (_doc(nodes=[{"stageId": "s1", "swimlaneId": "l1", "title": "Go", "score": 9}]),
     "nodes[0].score: 9 is outside -5..5"),
    (_doc(nodes=[{"stageId": "s1", "swimlaneId": "l1", "title": "Go", "score": "bad"}]),
     "nodes[0].score: expected a number -5..5, got text"),
    (_doc(nodes=[{"stageId": "s1", "swimlaneId": "l1"}]), "nodes[0].title: missing (required)"),
    (_doc(nodes=[{"stageId": "s1", "swimlaneId": "l1", "title": ["x"]}]),
     "nodes[0].title: expected text, got a list"),
    (_doc(nodes=[{"stageId": "s1", "swimlaneId": "l1", "title": "Go", "purpose": "pain",
                  "severity": "extreme"}]),
     "nodes[0].severity: 'extreme' is not one of: low, medium, high"),
    (_doc(nodes=[{"id": "a", "stageId": "s1", "swimlaneId": "l1", "title": "Go"},
                 {"id": "a", "stageId": "s1", "swimlaneId": "l1", "title": "Again"}]),
     "nodes[1].id: the node id 'a' is used twice"),
    (_doc(nodes=[{"stageId": "s1", "swimlaneId": "l1", "title": "Go", "blueprint": [1]}]),
     "nodes[0].blueprint: expected an object, got a list"),
    (_doc(stages=[{"id": "s1", "name": "A"}, {"id": "s1", "name": "B"}]),
     "stages[1].id: the stage id 's1' is used twice"),
    (_doc(stages="s1"), "stages: expected a list, got text"),
    (_doc(metadata=[]), "metadata: expected an object, got a list"),
    ('{"stages": [], "nodes": [}', "line 1, column 26: not valid JSON"),
])
def test_malformed_files_are_refused_with_their_field_path(text, problem):
    problems = refused(ojf.loads, text)
    assert any(p.startswith(problem) for p in problems), problems


def test_every_problem_is_reported_at_once():
    problems = refused(ojf.loads, _doc(nodes=[
        {"stageId": "s9", "swimlaneId": "l1", "title": "A"},
        {"stageId": "s1", "swimlaneId": "l1", "title": "B", "score": -6},
        {"stageId": "s1", "swimlaneId": "l1"}]))
    assert [p.split(":")[0] for p in problems] == ["nodes[0].stageId", "nodes[1].score",
                                                    "nodes[2].title"]


def test_a_file_over_the_size_limit_is_refused():
    assert refused(ojf.loads, b"{" + b" " * MAX_FILE_BYTES)[0].startswith(
        "the file is 64.0 MB")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_truncated_real_file_is_refused_with_line_and_column(name):
    data = (OJF / name).read_bytes()
    problems = refused(ojf.loads, data[: len(data) // 2], name)
    assert problems[0].startswith("line ")


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10) | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["id", "name", "stageId", "swimlaneId", "title", "score",
                                       "nodes", "stages", "swimlanes", "metadata", "blueprint",
                                       "severity", "purpose", "tags", "onstage", "support"]),
                      inner, max_size=5),
    max_leaves=25)


@given(JSONISH)
@settings(max_examples=300)
def test_arbitrary_json_is_imported_or_refused_with_field_paths(doc):
    try:
        ojf.load_document(doc)
    except ImportRefused as e:
        assert e.problems
