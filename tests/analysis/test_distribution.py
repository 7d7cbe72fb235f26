"""Whole distributions: the share of each face per step, assumed above lived, and the
diverging stacked bar drawn from it."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.analysis import FACE_COLUMNS, distribution, nearest_face
from journeymap.charts.distributions import diverging_faces

from .conftest import make

# s1: staff 2, 2, 1; customers −3, −1, −1, 0, 2
S1 = [("staff1", "s1", 2), ("staff2", "s1", 2), ("staff3", "s1", 1),
      ("cust1", "s1", -3), ("cust2", "s1", -1), ("cust3", "s1", -1), ("cust4", "s1", 0),
      ("cust5", "s1", 2)]


def test_each_step_has_an_assumed_row_above_a_lived_row_with_the_share_of_every_face():
    d = distribution(make(S1))
    assert list(zip(d["step"], d["perspective"]))[:4] == [
        ("s1", "assumed"), ("s1", "lived"), ("s2", "assumed"), ("s2", "lived")]
    assumed, lived = d.iloc[0], d.iloc[1]
    assert assumed["n"] == 3 and lived["n"] == 5
    # assumed: 2 twice of 3, 1 once; lived: −3 1/5, −1 2/5, 0 1/5, +2 1/5
    assert assumed[list(FACE_COLUMNS)].tolist() == pytest.approx([0, 0, 0, 0, 1 / 3, 2 / 3, 0])
    assert lived[list(FACE_COLUMNS)].tolist() == pytest.approx([.2, 0, .4, .2, 0, .2, 0])
    assert (lived["negative"], lived["neutral"], lived["positive"]) == pytest.approx((.6, .2, .2))


def test_a_step_nobody_rated_has_no_shares():
    d = distribution(make(S1)).set_index(["step", "perspective"])
    assert d.loc[("s3", "lived"), "n"] == 0 and np.isnan(d.loc[("s3", "lived"), "share_0"])


def test_employee_ratings_are_not_counted():
    d = distribution(make(S1 + [("staff1", "s1", -3, None, None, "employee")]))
    assert d.iloc[0]["n"] == 3


def test_rescaled_emotions_count_at_the_nearest_face_halves_away_from_zero():
    assert nearest_face(np.array([1.5, -1.5, 0.5, -0.5, 0.4, 2.9, -2.6])).tolist() == \
        [2, -2, 1, -1, 0, 3, -3]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.integers(-3, 3)), min_size=1, max_size=30))
def test_shares_sum_to_one_and_match_a_plain_count(rows):
    ratings = [(f"{'staff' if s else 'cust'}{i}", "s2", e) for i, (s, e) in enumerate(rows)]
    d = distribution(make(ratings)).set_index(["step", "perspective"])
    for persp, staff in (("assumed", True), ("lived", False)):
        values = [e for s, e in rows if s == staff]
        r = d.loc[("s2", persp)]
        assert r["n"] == len(values)
        if values:
            assert r[list(FACE_COLUMNS)].sum() == pytest.approx(1.0)
            for face, col in zip(range(-3, 4), FACE_COLUMNS):
                assert r[col] == pytest.approx(values.count(face) / len(values))


def test_the_chart_puts_negative_faces_left_of_zero_and_splits_the_neutral_face():
    fig = diverging_faces(distribution(make(S1)), "en")
    by_name = {}
    for tr in fig.data:
        by_name.setdefault(tr.name, []).append(tr)
    # rows: S1 · Assumed, S1 · Lived (unrated steps left out), first step at the top
    assert list(fig.data[0].y) == ["S1 · Assumed", "S1 · Lived"]
    assert list(fig.layout.yaxis.categoryarray) == ["S1 · Lived", "S1 · Assumed"]
    assert list(by_name["Face -1"][0].x) == pytest.approx([0, -40])
    assert list(by_name["Face -3"][0].x) == pytest.approx([0, -20])
    assert list(by_name["Face +2"][0].x) == pytest.approx([200 / 3, 20])
    halves = by_name["Face 0"]
    assert [list(h.x) for h in halves] == [pytest.approx([0, -10]), pytest.approx([0, 10])]
    assert sum(bool(h.showlegend) for h in halves) == 1
    assert fig.layout.barmode == "relative"
    assert "n = 5 lived ratings, 3 assumed ratings" in fig.layout.title.text


def test_the_chart_shows_step_titles_as_text_never_as_markup():
    f = make(S1, steps=[("s1", "a", "web")])
    f.steps.loc[0, "title"] = "<b>Pay</b>"
    fig = diverging_faces(distribution(f), "it")
    assert fig.data[0].y[0].startswith("&lt;b&gt;Pay&lt;/b&gt;")
