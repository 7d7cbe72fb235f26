"""JourneyFrames: from a Journey or straight from DataFrames, with compact dtypes."""

import math

import pandas as pd

from journeymap.analysis import JourneyFrames
from journeymap.domain.model import (
    Journey,
    PainPoint,
    Participant,
    Rating,
    Skip,
    Stage,
    Step,
    Transition,
)


def journey():
    j = Journey(title="Router", language="it", stages=[Stage("a", "Arrivo"), Stage("b", "Aiuto")])
    # listed out of order: b's step first; within a, s2 → s1 by a transition
    j.add_step(Step("s3", "b", "Call", channel="phone"))
    j.add_step(Step("s1", "a", "Search", channel="web"))
    j.add_step(Step("s2", "a", "Find", channel="web"))
    j.add_transition(Transition("s2", "s1"))
    j.add_participant(Participant("st", "Sara", "staff"))
    j.add_participant(Participant("cu", "", "customer", anonymous=True))
    j.add_rating(Rating("st", "s1", 2, effort=2, success="yes"))
    j.add_rating(Rating("cu", "s1", -1, success="partly"))
    j.add_rating(Rating("st", "s3", 1, perspective="employee"))
    j.add_pain_point(PainPoint("cu", "s3", "Slow", severity=3, pillar="empathy", votes=2))
    j.skips.append(Skip("cu", "s2"))
    return j


def test_steps_are_in_the_canonical_journey_order():
    f = JourneyFrames.from_journey(journey())
    assert list(f.steps["key"]) == ["s2", "s1", "s3"]
    assert list(f.steps["order"]) == [0, 1, 2]
    assert list(f.steps["stage_name"]) == ["Arrivo", "Arrivo", "Aiuto"]
    assert list(f.steps["stage_index"]) == [0, 0, 1]


def test_ratings_carry_perspective_role_and_numeric_success():
    r = JourneyFrames.from_journey(journey()).ratings
    assert list(r["perspective"].astype(str)) == ["assumed", "lived", "employee"]
    assert list(r["role"].astype(str)) == ["staff", "customer", "staff"]
    assert list(r["success"][:2]) == [1.0, 0.5]
    assert r["effort"].iloc[0] == 2.0 and math.isnan(r["effort"].iloc[1])


def test_key_columns_are_categoricals_whose_codes_are_journey_positions():
    f = JourneyFrames.from_journey(journey())
    for df in (f.ratings, f.pain_points, f.skips):
        assert isinstance(df["step"].dtype, pd.CategoricalDtype)
        assert list(df["step"].cat.categories) == ["s2", "s1", "s3"]
    assert list(f.ratings["step"].cat.codes) == [1, 1, 2]


def test_language_title_pain_points_and_skips_come_along():
    f = JourneyFrames.from_journey(journey())
    assert (f.language, f.title) == ("it", "Router")
    p = f.pain_points.iloc[0]
    assert (p.key, p.text, p.severity, p.pillar, p.votes, p.perspective) == \
        ("pp1", "Slow", 3, "empathy", 2, "lived")
    assert f.skips.astype(str).values.tolist() == [["cu", "s2"]]
    assert f.transitions.values.tolist() == [["s2", "s1", ""]]


def test_plain_dataframes_are_conformed_and_bad_references_dropped():
    f = JourneyFrames(
        steps=pd.DataFrame({"key": ["x", "y"], "title": ["X", "Y"], "stage": ["a", "a"]}),
        participants=pd.DataFrame({"key": ["p", "q"], "name": ["P", "Q"],
                                   "role": ["staff", "customer"]}),
        ratings=pd.DataFrame({"participant": ["p", "q", "q", "ghost"],
                              "step": ["x", "y", "nowhere", "x"],
                              "emotion": [1, -2, 0, 3], "success": ["yes", None, "no", "no"]}))
    r = f.ratings
    assert len(r) == 2
    assert list(r["perspective"].astype(str)) == ["assumed", "lived"]
    assert r["success"].iloc[0] == 1.0 and math.isnan(r["success"].iloc[1])
    assert list(f.pain_points.columns) == ["key", "participant", "step", "text", "severity",
                                           "pillar", "votes", "perspective"]


def test_a_filtered_copy_keeps_only_the_chosen_stages_and_people():
    f = JourneyFrames.from_journey(journey()).where(stages=["a"], roles=["customer"])
    assert list(f.steps["key"]) == ["s2", "s1"]
    assert list(f.ratings["participant"].astype(str)) == ["cu"]
    assert len(f.pain_points) == 0 and len(f.skips) == 1


def test_anonymous_people_are_labelled_by_key():
    assert JourneyFrames.from_journey(journey()).participant_labels() == {"st": "Sara",
                                                                          "cu": "#cu"}


def test_without_an_order_column_steps_follow_stage_order_then_listing_order():
    f = JourneyFrames(
        steps=pd.DataFrame({"key": ["late", "early1", "early2"], "title": ["L", "E1", "E2"],
                            "stage": ["b", "a", "a"]}),
        participants=pd.DataFrame({"key": ["p"], "name": ["P"]}),
        ratings=pd.DataFrame({"participant": ["p"], "step": ["late"], "emotion": [1]}),
        stages={"a": "A", "b": "B"})
    assert list(f.steps["key"]) == ["early1", "early2", "late"]
    assert list(f.ratings["step"].cat.codes) == [2]
