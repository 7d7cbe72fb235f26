"""Pain points per step, unanticipated ones, per KPMG pillar, employees' beside."""

import math

import pytest

from journeymap.analysis import (
    ANTICIPATION_THRESHOLD,
    anticipation,
    employee_pain_points,
    pain_points_by_step,
    pillars,
    unanticipated,
)
from journeymap.analysis.pain_points import fold, similarity

PAIN = [
    ("cust1", "s3", "Waiting too long on the phone", 3, 3, "time_and_effort"),
    ("cust2", "s3", "long wait on the phone", 2, 2, None),
    ("cust3", "s3", "The technician never called back", 3, 4, "resolution"),
    ("cust1", "s1", "Confusing invoice", 1, 0, "expectations"),
    ("staff1", "s3", "Long wait on phone", 2, 0, "time_and_effort"),
    # staff did name the invoice, but at another step: it does not count for s1
    ("staff1", "s2", "The invoice is confusing", 2, 0, "expectations"),
    ("staff2", "s2", "Backoffice tool is slow", 2, 1, None, "employee"),
]


def test_similar_wording_scores_above_the_threshold_and_different_problems_below():
    assert similarity(["Confusing invoice"], ["The invoice is confusing"])[0, 0] \
        >= ANTICIPATION_THRESHOLD
    assert similarity(["Troppa attesa al telefono"],
                      ["Attesa troppo lunga al telefono"])[0, 0] >= ANTICIPATION_THRESHOLD
    assert similarity(["Price too high"], ["Slow delivery"])[0, 0] < ANTICIPATION_THRESHOLD


def test_matching_ignores_accents_case_and_punctuation():
    assert fold("Il tecnico NON è arrivato!") == "il tecnico non e arrivato"
    assert similarity(["Il tecnico non è arrivato"], ["il tecnico non e arrivato"])[0, 0] == 100


def test_a_customer_pain_point_is_anticipated_only_by_staff_at_the_same_step(frames):
    a = anticipation(frames(pain_points=PAIN)).set_index("text")
    assert a.loc["Waiting too long on the phone", "anticipated"]
    assert a.loc["Waiting too long on the phone", "match"] == "Long wait on phone"
    assert not a.loc["The technician never called back", "anticipated"]
    # the same words at s2 do not anticipate a pain point at s1
    assert not a.loc["Confusing invoice", "anticipated"]
    assert a.loc["Confusing invoice", "match"] == ""


def test_unanticipated_lists_the_rest_in_journey_order(frames):
    u = unanticipated(frames(pain_points=PAIN))
    assert list(u["text"]) == ["Confusing invoice", "The technician never called back"]
    assert list(u["title"]) == ["S1", "S3"]


def test_per_step_counts_customers_severity_votes_with_staff_and_employees_beside(frames):
    t = pain_points_by_step(frames(pain_points=PAIN)).set_index("step")
    s3 = t.loc["s3"]
    # 3 customers at s3; 3 took part in all → share 1; severity (3 + 2 + 3)/3 = 8/3;
    # votes 3 + 2 + 4 = 9; 1 unanticipated (the technician); 1 staff pain point
    assert (s3.customers, s3.share_customers, s3.n_lived, s3.votes_lived) == (3, 1.0, 3, 9)
    assert s3.severity_lived == pytest.approx(8 / 3)
    assert (s3.unanticipated, s3.n_assumed) == (1, 1)
    s2 = t.loc["s2"]
    assert (s2.customers, s2.n_employee, s2.severity_employee, s2.votes_employee) == (0, 1, 2.0, 1)
    assert math.isnan(s2.severity_lived)
    s1 = t.loc["s1"]
    # 1 of 3 customers
    assert (s1.customers, s1.share_customers, s1.unanticipated) == (1, pytest.approx(1 / 3), 1)


def test_counts_per_kpmg_pillar_by_perspective(frames):
    p = pillars(frames(pain_points=PAIN)).set_index("pillar")
    # lived: time & effort 1, resolution 1, expectations 1, untagged 1 → shares of 3 tagged
    assert list(p["n_lived"]) == [0, 0, 1, 1, 1, 0, 1]
    assert p.loc["resolution", "share_lived"] == pytest.approx(1 / 3)
    # assumed: time & effort 1, expectations 1 → half each
    assert (p.loc["time_and_effort", "n_assumed"], p.loc["expectations", "share_assumed"]) == \
        (1, 0.5)
    assert p.loc["", "n_employee"] == 1
    assert list(p.index[:6]) == ["personalisation", "integrity", "expectations", "resolution",
                                 "time_and_effort", "empathy"]


def test_employee_pain_points_are_listed_on_their_own(frames):
    e = employee_pain_points(frames(pain_points=PAIN))
    assert list(e["text"]) == ["Backoffice tool is slow"]
    assert list(e["title"]) == ["S2"]
