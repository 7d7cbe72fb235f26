"""The priority score: customers hurt × severity × votes × misjudgement."""

import pytest

from journeymap.analysis import priority_pain_points, priority_steps
from journeymap.i18n import t

PAIN = [
    ("cust1", "s3", "Waiting too long on the phone", 3, 3),  # pp1
    ("cust2", "s3", "long wait on the phone", 2, 2),         # pp2, same problem as pp1
    ("cust3", "s3", "The technician never called back", 3, 4),  # pp3
    ("cust1", "s1", "Confusing invoice", 1, 0),              # pp4
    ("staff1", "s3", "Long wait on phone", 2, 5),            # assumed: not ranked
]
# s3: staff 1, 1, 1; customers −2, −2, −2 → gap 3, misjudgement 3/6 = 0.5
RATINGS = [(f"staff{i}", "s3", 1) for i in (1, 2, 3)] + \
          [(f"cust{i}", "s3", -2) for i in (1, 2, 3)]


def test_pain_points_are_ranked_by_the_documented_formula(frames):
    p = priority_pain_points(frames(RATINGS, pain_points=PAIN)).set_index("key")
    # 3 customers took part; customer votes 3 + 2 + 4 + 0 = 9
    # pp1: hurt 2/3 (cust1, cust2 match), severity 3/3, votes (1 + 3/9)/2 = 2/3,
    #      misjudgement (1 + 0.5)/2 = 3/4 → 100 × 2/3 × 1 × 2/3 × 3/4 = 33.333
    assert p.loc["pp1", "customers_hurt"] == 2
    assert p.loc["pp1", "priority"] == pytest.approx(100 / 3)
    # pp2: 100 × 2/3 × 2/3 × (1 + 2/9)/2 × 3/4 = 100 × 4/9 × 11/18 × 3/4 = 20.370
    assert p.loc["pp2", "priority"] == pytest.approx(100 * 4 / 9 * 11 / 18 * 3 / 4)
    # pp3: 100 × 1/3 × 1 × (1 + 4/9)/2 × 3/4 = 100 × 1/3 × 13/18 × 3/4 = 18.056
    assert p.loc["pp3", "priority"] == pytest.approx(100 * 13 / 72)
    # pp4: no ratings at s1 → misjudgement 0: 100 × 1/3 × 1/3 × 1/2 × 1/2 = 2.778
    assert p.loc["pp4", "misjudgement"] == 0
    assert p.loc["pp4", "priority"] == pytest.approx(100 / 36)
    assert list(p.index) == ["pp1", "pp2", "pp3", "pp4"]
    assert list(p["rank"]) == [1, 2, 3, 4]


def test_only_staff_over_optimism_raises_priority(frames):
    # staff too pessimistic at s3 (−3 vs customers −2): gap −1 → misjudgement 0
    ratings = [(f"staff{i}", "s3", -3) for i in (1, 2, 3)] + \
              [(f"cust{i}", "s3", -2) for i in (1, 2, 3)]
    p = priority_pain_points(frames(ratings, pain_points=PAIN)).set_index("key")
    assert p.loc["pp1", "gap"] == -1 and p.loc["pp1", "misjudgement"] == 0
    # 100 × 2/3 × 1 × 2/3 × 1/2 = 22.222
    assert p.loc["pp1", "priority"] == pytest.approx(200 / 9)


def test_steps_are_ranked_by_the_same_score(frames):
    s = priority_steps(frames(RATINGS, pain_points=PAIN))
    # s3: hurt 3/3, severity (3+2+3)/3/3 = 8/9, votes 9/9 → (1+1)/2 = 1, misjudgement 3/4
    #     → 100 × 1 × 8/9 × 1 × 3/4 = 66.667
    # s1: 100 × 1/3 × 1/3 × 1/2 × 1/2 = 2.778; s2, s4: no pain point → 0
    assert list(s["step"]) == ["s3", "s1", "s2", "s4"]
    assert list(s["priority"]) == pytest.approx([200 / 3, 100 / 36, 0, 0])


def test_the_score_is_explained_in_one_sentence_in_both_languages():
    for lang in ("en", "it"):
        text = t("analysis.priority.explain", lang)
        assert text.count(".") <= 1 and "100" in text
