"""Per step, assumed vs lived: counts, means, spread, gap, Welch interval, flags."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from journeymap.analysis import MAIN_COLUMNS, compare, comparison

# s1: staff assumed 2, 1, 3; customers lived -1, 0, -2, -1
S1 = [("staff1", "s1", 2), ("staff2", "s1", 1), ("staff3", "s1", 3),
      ("cust1", "s1", -1), ("cust2", "s1", 0), ("cust3", "s1", -2), ("cust4", "s1", -1)]


def row(table, step):
    return table.set_index("step").loc[step]


def test_the_main_table_starts_with_the_documented_columns(frames):
    assert tuple(comparison(frames(S1)).columns[:12]) == MAIN_COLUMNS


def test_steps_come_in_journey_order_including_unrated_ones(frames):
    assert list(comparison(frames(S1))["step"]) == ["s1", "s2", "s3", "s4"]


def test_counts_means_and_spread_per_perspective(frames):
    r = row(comparison(frames(S1)), "s1")
    # assumed: n 3, mean (2+1+3)/3 = 2, sd sqrt(((0)²+(−1)²+(1)²)/2) = 1
    assert (r.n_assumed, r.mean_assumed, r.sd_assumed) == (3, 2.0, pytest.approx(1.0))
    # lived: n 4, mean (−1+0−2−1)/4 = −1, sd sqrt((0+1+1+0)/3) = sqrt(2/3) = 0.8165
    assert (r.n_lived, r.mean_lived) == (4, -1.0)
    assert r.sd_lived == pytest.approx(math.sqrt(2 / 3))


def test_the_gap_is_assumed_minus_lived_with_welchs_interval(frames):
    r = row(comparison(frames(S1)), "s1")
    # gap = 2 − (−1) = 3
    # se² = 1²/3 + (2/3)/4 = 1/3 + 1/6 = 1/2, se = 0.70711
    # df = (1/2)² / ((1/3)²/2 + (1/6)²/3) = 0.25 / (1/18 + 1/108) = 0.25 / (7/108) = 27/7 = 3.857
    # t(0.975, 3.857) = 2.81747; half-width = 2.81747 × 0.70711 = 1.99225
    # interval = 3 ± 1.99225 = [1.00775, 4.99225]
    assert r.gap == 3.0
    assert r.df == pytest.approx(27 / 7)
    assert r.ci_low == pytest.approx(1.00775, abs=1e-5)
    assert r.ci_high == pytest.approx(4.99225, abs=1e-5)


def test_the_interval_agrees_with_scipys_welch_test_on_the_raw_ratings(frames):
    r = row(comparison(frames(S1)), "s1")
    ci = stats.ttest_ind([2, 1, 3], [-1, 0, -2, -1], equal_var=False).confidence_interval()
    assert (r.ci_low, r.ci_high) == (pytest.approx(ci.low), pytest.approx(ci.high))


def test_an_interval_that_excludes_zero_on_enough_ratings_is_a_blind_spot(frames):
    r = row(comparison(frames(S1)), "s1")
    # [1.008, 4.992] excludes 0, both sides have at least 3 ratings
    assert r.blind_spot and not r.small_sample


def test_an_interval_that_includes_zero_is_no_blind_spot(frames):
    # assumed 1, 0, 2 (mean 1, sd 1); lived 0, 1, -1 (mean 0, sd 1): gap 1
    # se = sqrt(1/3 + 1/3) = 0.81650, df = (2/3)² / (2 × (1/3)²/2) = 4, t(0.975, 4) = 2.77645
    # interval 1 ± 2.77645 × 0.81650 = 1 ± 2.26696 = [−1.26696, 3.26696]: includes 0
    f = frames([("staff1", "s2", 1), ("staff2", "s2", 0), ("staff3", "s2", 2),
                ("cust1", "s2", 0), ("cust2", "s2", 1), ("cust3", "s2", -1)])
    r = row(comparison(f), "s2")
    assert r.gap == 1.0
    assert (r.ci_low, r.ci_high) == (pytest.approx(-1.26696, abs=1e-5),
                                     pytest.approx(3.26696, abs=1e-5))
    assert not r.blind_spot


def test_fewer_than_three_ratings_on_a_side_is_a_small_sample_and_never_a_blind_spot(frames):
    # assumed 3, 3 (n 2); lived −3, −3, −3, −2 (n 4): gap 3 − (−2.75) = 5.75, huge, but n 2 < 3
    f = frames([("staff1", "s1", 3), ("staff2", "s1", 3), ("cust1", "s1", -3),
                ("cust2", "s1", -3), ("cust3", "s1", -3), ("cust4", "s1", -2)])
    r = row(comparison(f), "s1")
    assert r.gap == 5.75 and r.small_sample and not r.blind_spot


def test_a_step_without_ratings_on_one_side_has_no_gap(frames):
    r = row(comparison(frames(S1)), "s2")
    assert r.n_assumed == 0 and r.n_lived == 0
    assert math.isnan(r.gap) and math.isnan(r.ci_low) and not r.blind_spot and r.small_sample


def test_identical_answers_on_both_sides_give_an_exact_interval(frames):
    # every staff member says 2, every customer −1: sd 0 on both sides, gap exactly 3
    f = frames([(f"staff{i}", "s1", 2) for i in range(3)]
               + [(f"cust{i}", "s1", -1) for i in range(3)])
    r = row(comparison(f), "s1")
    assert (r.gap, r.ci_low, r.ci_high, r.blind_spot) == (3.0, 3.0, 3.0, True)


def test_effort_and_success_get_the_same_comparison(frames):
    # effort: assumed 2, 2, 2 (mean 2); lived 4, 5, 3 (mean 4): effort gap 2 − 4 = −2
    # success: assumed yes, yes, partly → (1 + 1 + 0.5)/3 = 0.8333; lived no, partly, no → 0.5/3
    f = frames([("staff1", "s1", 1, 2, "yes"), ("staff2", "s1", 1, 2, "yes"),
                ("staff3", "s1", 1, 2, "partly"), ("cust1", "s1", -1, 4, "no"),
                ("cust2", "s1", -1, 5, "partly"), ("cust3", "s1", -1, 3, "no")])
    r = row(comparison(f), "s1")
    assert (r.effort_mean_assumed, r.effort_mean_lived, r.effort_gap) == (2.0, 4.0, -2.0)
    # effort: se = sqrt(0/3 + 1/3) = 0.57735, df = n_lived − 1 = 2, t(0.975, 2) = 4.30265
    # interval −2 ± 4.30265 × 0.57735 = −2 ± 2.48414
    assert r.effort_ci_low == pytest.approx(-4.48414, abs=1e-5)
    assert r.effort_ci_high == pytest.approx(0.48414, abs=1e-5)
    assert r.success_mean_assumed == pytest.approx(2.5 / 3)
    assert r.success_mean_lived == pytest.approx(0.5 / 3)
    assert r.success_gap == pytest.approx(2 / 3)


def test_ratings_without_effort_do_not_count_in_the_effort_n(frames):
    f = frames([("cust1", "s1", 1, 3), ("cust2", "s1", 1), ("cust3", "s1", 1, 5)])
    r = row(comparison(f), "s1")
    # emotion from 3 customers; effort from 2: (3 + 5) / 2 = 4
    assert (r.n_lived, r.effort_n_lived, r.effort_mean_lived) == (3, 2, 4.0)


def test_the_mean_bands_are_t_intervals_of_each_mean(frames):
    r = row(compare(frames(S1)), "s1")
    # assumed: 2 ± t(0.975, 2) × 1/sqrt(3) = 2 ± 4.30265 × 0.57735 = 2 ± 2.48414
    assert r.mean_low_assumed == pytest.approx(-0.48414, abs=1e-5)
    assert r.mean_high_assumed == pytest.approx(4.48414, abs=1e-5)


def test_employee_ratings_stay_out_of_the_gap(frames):
    f = frames(S1 + [("staff1", "s1", -3, None, None, "employee")])
    r = row(comparison(f), "s1")
    assert (r.n_assumed, r.gap, r.n_employee, r.mean_employee) == (3, 3.0, 1, -3.0)


def test_an_unknown_measure_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="emotion, effort, success"):
        compare(None, "mood")


# properties -------------------------------------------------------------------------------
emotions = st.lists(st.integers(-3, 3), min_size=0, max_size=7)
ratings_strategy = st.fixed_dictionaries({s: st.tuples(emotions, emotions)
                                          for s in ("s1", "s2", "s3", "s4")})


def _rows(data, swap=False):
    rows = []
    for step, (assumed, lived) in data.items():
        if swap:
            assumed, lived = lived, assumed
        rows += [(f"staff{i}", step, e, None, None, "assumed") for i, e in enumerate(assumed)]
        rows += [(f"cust{i}", step, e, None, None, "lived") for i, e in enumerate(lived)]
    return rows


@settings(max_examples=20, deadline=None)
@given(ratings_strategy)
def test_swapping_the_perspectives_negates_every_gap_and_its_interval(frames, data):
    a = comparison(frames(_rows(data)))
    b = comparison(frames(_rows(data, swap=True)))
    assert np.allclose(b["gap"], -a["gap"], equal_nan=True)
    assert np.allclose(b["ci_low"], -a["ci_high"], equal_nan=True)
    assert np.allclose(b["ci_high"], -a["ci_low"], equal_nan=True)
    assert (b["blind_spot"] == a["blind_spot"]).all()


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=1, max_size=12))
def test_adding_a_rating_equal_to_the_mean_leaves_the_mean_unchanged(frames, values):
    rows = [(f"cust{i}", "s1", v) for i, v in enumerate(values)]
    before = row(comparison(frames(rows)), "s1").mean_lived
    after = row(comparison(frames(rows + [("cust_new", "s1", before)])), "s1").mean_lived
    assert after == pytest.approx(before, abs=1e-12)
