"""Honest with many steps: raw p and Benjamini–Hochberg q per step, blind spots only where
q < 0.05 and the interval excludes 0, and a rank-based check beside Welch's test."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from journeymap.analysis import ANALYZE_COLUMNS, FDR, comparison
from journeymap.analysis.stats import bh_qvalues, grouped_ranks, mann_whitney

from .conftest import make


def steps(n):
    return [(f"s{i}", "a", "web") for i in range(1, n + 1)]


def rows(step, assumed, lived):
    return ([(f"staff{i}", step, e, None, None, "assumed") for i, e in enumerate(assumed)]
            + [(f"cust{i}", step, e, None, None, "lived") for i, e in enumerate(lived)])


def by_step(table):
    return table.set_index("step")


def test_each_step_shows_welchs_raw_p_value_as_scipy_computes_it():
    c = by_step(comparison(make(rows("s1", [2, 1, 3], [-1, 0, -2, -1]))))
    p = stats.ttest_ind([2, 1, 3], [-1, 0, -2, -1], equal_var=False).pvalue
    assert c.loc["s1", "p_value"] == pytest.approx(p)


def test_q_values_are_scipys_benjamini_hochberg_over_the_compared_steps():
    # four compared steps with gaps of decreasing size, one small-sample step left out
    data = {"s1": ([2, 3, 2, 3], [-1, 0, -1, 0]), "s2": ([1, 2, 1, 2], [0, 1, 0, 0]),
            "s3": ([1, 1, 0, 1], [0, 1, 0, 1]), "s4": ([0, 1, 0, 1], [0, 1, 1, 0]),
            "s5": ([3, 3], [-3, -3, -3])}
    r = [x for s, (a, b) in data.items() for x in rows(s, a, b)]
    c = by_step(comparison(make(r, steps=steps(5))))
    compared = ["s1", "s2", "s3", "s4"]
    raw = [stats.ttest_ind(*data[s], equal_var=False).pvalue for s in compared]
    expected = stats.false_discovery_control(raw, method="bh")
    assert c.loc[compared, "p_value"].to_numpy() == pytest.approx(raw)
    assert c.loc[compared, "q_value"].to_numpy() == pytest.approx(expected)
    # the small sample keeps its n on both sides and its flag, and gets no q-value
    assert (c.loc["s5", "n_assumed"], c.loc["s5", "n_lived"]) == (2, 3)
    assert c.loc["s5", "small_sample"] and np.isnan(c.loc["s5", "q_value"])


def test_a_lone_significant_step_among_thirty_without_a_gap_is_no_longer_a_blind_spot():
    # 29 steps where both sides rated the same (p = 1), one where the 95% interval just
    # excludes 0 (p = 0.019): alone it would be a blind spot; across 30 steps its q-value is
    # 30 × p = 0.58 (29 larger p-values of 1) — quite possibly a false alarm of thirty tests
    same = [0, 1, -1, 0]
    r = [x for i in range(2, 31) for x in rows(f"s{i}", same, same)]
    r += rows("s1", [1, 2, 2, 1, 2], [0, 1, 1, 0, 1, 1])
    c = by_step(comparison(make(r, steps=steps(30))))
    s1 = c.loc["s1"]
    p = stats.ttest_ind([1, 2, 2, 1, 2], [0, 1, 1, 0, 1, 1], equal_var=False).pvalue
    assert p < 0.05 and s1["ci_low"] > 0
    assert s1["q_value"] == pytest.approx(min(1.0, 30 * p))
    assert not s1["blind_spot"]
    # the same step alone in its journey is a blind spot (q = p)
    alone = by_step(comparison(make(rows("s1", [1, 2, 2, 1, 2], [0, 1, 1, 0, 1, 1]))))
    assert alone.loc["s1", "q_value"] == pytest.approx(p) and alone.loc["s1", "blind_spot"]


def test_the_rank_check_is_scipys_mann_whitney_on_the_same_two_sides():
    a, b = [3, 2, 2, 1, 3], [-1, 0, 2, -2, 0, 1]
    c = by_step(comparison(make(rows("s1", a, b))))
    mw = stats.mannwhitneyu(a, b, method="asymptotic")
    assert c.loc["s1", "rank_p"] == pytest.approx(mw.pvalue)
    assert c.loc["s1", "superiority"] == pytest.approx(mw.statistic / (len(a) * len(b)))


def test_steps_where_welch_and_the_rank_check_disagree_are_flagged():
    # staff all say 1; five customers say 1 too, four say −3: the means differ (Welch
    # p = 0.035) while the order of the ratings is mostly tied (Mann–Whitney p = 0.077)
    a, b = [1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, -3, -3, -3, -3]
    welch_p = stats.ttest_ind(a, b, equal_var=False).pvalue
    rank_p = stats.mannwhitneyu(a, b, method="asymptotic").pvalue
    assert welch_p < FDR <= rank_p  # the premise, from scipy
    c = by_step(comparison(make(rows("s1", a, b))))
    assert c.loc["s1", "tests_disagree"] and c.loc["s1", "q_value"] < FDR
    # where both tests agree there is no flag
    agree = by_step(comparison(make(rows("s1", [2, 1, 3, 2], [-1, 0, -2, -1]))))
    assert not agree.loc["s1", "tests_disagree"]


def test_analyze_columns_put_p_and_q_right_after_the_main_ones(frames):
    assert tuple(comparison(make(rows("s1", [1], [0]))).columns[:17]) == ANALYZE_COLUMNS
    assert ANALYZE_COLUMNS[12:] == ("p_value", "q_value", "rank_p", "rank_q",
                                    "tests_disagree")


# properties -------------------------------------------------------------------------------
faces = st.lists(st.integers(-3, 3), min_size=0, max_size=9)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(faces, faces), min_size=1, max_size=6))
def test_every_p_and_q_matches_scipy_on_any_ratings(data):
    r = [x for i, (a, b) in enumerate(data) for x in rows(f"s{i + 1}", a, b)]
    c = by_step(comparison(make(r, steps=steps(len(data)))))
    compared, welch_p, rank_p = [], [], []
    for i, (a, b) in enumerate(data):
        s = f"s{i + 1}"
        if len(a) >= 3 and len(b) >= 3:
            compared.append(s)
            if np.var(a) + np.var(b) == 0:  # no spread at all: the gap is exact
                welch_p.append(0.0 if np.mean(a) != np.mean(b) else 1.0)
            else:
                welch_p.append(stats.ttest_ind(a, b, equal_var=False).pvalue)
            mw = stats.mannwhitneyu(a, b, method="asymptotic").pvalue
            rank_p.append(1.0 if np.isnan(mw) else mw)
        else:
            assert c.loc[s, "small_sample"] and not c.loc[s, "blind_spot"]
            assert np.isnan(c.loc[s, "q_value"])
    if compared:
        got = c.loc[compared]
        assert got["p_value"].to_numpy() == pytest.approx(welch_p, abs=1e-9)
        assert got["rank_p"].to_numpy() == pytest.approx(rank_p, abs=1e-9)
        q = stats.false_discovery_control(welch_p, method="bh")
        assert got["q_value"].to_numpy() == pytest.approx(q, abs=1e-9)
        blind = (q < FDR) & ((got["ci_low"] > 0) | (got["ci_high"] < 0)).to_numpy()
        assert (got["blind_spot"].to_numpy() == blind).all()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 1, allow_nan=False), min_size=1, max_size=40))
def test_bh_q_values_equal_scipys_false_discovery_control(p):
    assert bh_qvalues(p) == pytest.approx(stats.false_discovery_control(p, method="bh"))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(-3, 3)), min_size=1, max_size=40))
def test_ranks_within_groups_equal_scipys_rankdata_per_group(pairs):
    g = np.array([a for a, _ in pairs])
    v = np.array([b for _, b in pairs], float)
    ranks, ties = grouped_ranks(g, v, 4)
    for k in range(4):
        m = g == k
        if m.any():
            assert ranks[m] == pytest.approx(stats.rankdata(v[m]))
            _, t = np.unique(v[m], return_counts=True)
            assert ties[k] == pytest.approx(float((t ** 3 - t).sum()))


def test_mann_whitney_without_ratings_on_a_side_gives_nothing():
    u, p, s = mann_whitney(np.array([0, 0]), np.array([True, True]), np.array([1.0, 2.0]), 1)
    assert np.isnan(u[0]) and np.isnan(p[0]) and np.isnan(s[0])


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.booleans(),
                          st.floats(-3, 3, allow_nan=False)), min_size=2, max_size=40),
       st.sampled_from([0, 10**9]))
def test_mann_whitney_by_counting_or_by_sorting_equals_scipy(rows, cells):
    # fractional emotions (imports rescale) and both ways of ranking: counts per cell, sorting
    from journeymap.analysis import stats as S

    g = np.array([r[0] for r in rows])
    side = np.array([r[1] for r in rows])
    v = np.array([r[2] for r in rows])
    before, S.RANK_CELLS = S.RANK_CELLS, cells
    try:
        u, p, _ = mann_whitney(g, side, v, 3)
    finally:
        S.RANK_CELLS = before
    for k in range(3):
        a, b = v[(g == k) & side], v[(g == k) & ~side]
        if len(a) and len(b):
            mw = stats.mannwhitneyu(a, b, method="asymptotic")
            assert u[k] == pytest.approx(mw.statistic)
            assert p[k] == pytest.approx(1.0 if np.isnan(mw.pvalue) else mw.pvalue)
        else:
            assert np.isnan(p[k])
