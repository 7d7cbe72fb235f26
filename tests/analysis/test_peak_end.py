"""Peak-end rule per person, in aggregate, for customers and for staff."""

import pytest
from scipy import stats

from journeymap.analysis import peak_end, peak_end_people, peak_end_steps

RATINGS = [
    # cust1 lived 1, −2, 2, 0: |−2| = |2| tie → the later step s3 is the peak
    ("cust1", "s1", 1), ("cust1", "s2", -2), ("cust1", "s3", 2), ("cust1", "s4", 0),
    # cust2 lived 0, −3, 1 and never rated s4: the end is s3
    ("cust2", "s3", 1), ("cust2", "s1", 0), ("cust2", "s2", -3),
    # staff1 assumed 2, 1, 1, 3
    ("staff1", "s1", 2), ("staff1", "s2", 1), ("staff1", "s3", 1), ("staff1", "s4", 3),
    # staff2 assumed 1, 2, _, 2: |2| tie between s2 and s4 → s4
    ("staff2", "s1", 1), ("staff2", "s2", 2), ("staff2", "s4", 2),
]


def person(f, who):
    return peak_end_people(f).set_index("participant").loc[who]


def test_the_peak_is_the_largest_magnitude_and_a_tie_goes_to_the_later_step(frames):
    p = person(frames(RATINGS), "cust1")
    assert (p.peak, p.peak_step) == (2.0, "s3")


def test_the_end_is_the_last_rated_step_in_journey_order_not_in_row_order(frames):
    p = person(frames(RATINGS), "cust2")
    # rows came s3, s1, s2; in journey order the last is s3 (emotion 1)
    assert (p.end, p.end_step, p.peak, p.peak_step) == (1.0, "s3", -3.0, "s2")


def test_remembered_is_the_mean_of_peak_and_end_and_experienced_the_mean(frames):
    p = person(frames(RATINGS), "cust1")
    # remembered (2 + 0)/2 = 1; experienced (1 − 2 + 2 + 0)/4 = 0.25; memory gap 0.75
    assert (p.remembered, p.experienced, p.memory_gap) == (1.0, 0.25, 0.75)
    assert p.n_steps == 4 and p.perspective == "lived"


def test_staff_get_the_same_on_their_assumptions(frames):
    s = person(frames(RATINGS), "staff2")
    # peak 2 at s4 (tie with s2), end 2 at s4: remembered 2; experienced (1+2+2)/3 = 5/3
    assert (s.peak_step, s.end_step, s.remembered, s.perspective) == ("s4", "s4", 2.0, "assumed")
    assert s.experienced == pytest.approx(5 / 3)


def test_the_aggregate_compares_the_memory_staff_expect_with_the_one_customers_keep(frames):
    agg = peak_end(frames(RATINGS)).set_index("perspective")
    lived, assumed, gap = agg.loc["lived"], agg.loc["assumed"], agg.loc["gap"]
    # lived: peaks 2, −3 → −0.5; ends 0, 1 → 0.5; remembered 1, −1 → 0
    # experienced 0.25, −2/3 → (0.25 − 0.6667)/2 = −0.208333
    assert (lived.n_people, lived.mean_peak, lived.mean_end, lived.mean_remembered) == \
        (2, -0.5, 0.5, 0.0)
    assert lived.mean_experienced == pytest.approx(-5 / 24)
    # assumed: staff1 peak 3 (s4) end 3 → 3; staff2 → 2; mean remembered 2.5
    assert assumed.mean_remembered == 2.5
    # gap row: assumed − lived = 2.5 − 0 = 2.5, with Welch's interval on [3, 2] vs [1, −1]
    assert gap.mean_remembered == 2.5
    ci = stats.ttest_ind([3, 2], [1, -1], equal_var=False).confidence_interval()
    assert (gap.ci_low, gap.ci_high) == (pytest.approx(ci.low), pytest.approx(ci.high))


def test_it_counts_how_often_each_step_is_someones_peak_or_end(frames):
    s = peak_end_steps(frames(RATINGS)).set_index("step")
    # customers' peaks: s3 (cust1), s2 (cust2); ends: s4 (cust1), s3 (cust2)
    assert list(s["peak_lived"]) == [0, 1, 1, 0]
    assert list(s["end_lived"]) == [0, 0, 1, 1]
    # staff: both peak and end at s4
    assert list(s["peak_assumed"]) == [0, 0, 0, 2]
    assert list(s["end_assumed"]) == [0, 0, 0, 2]
    assert s.loc["s3", "peak_lived_share"] == 0.5


def test_the_plain_average_stands_beside_peak_end_with_its_own_welch_interval(frames):
    pe = peak_end(frames(RATINGS)).set_index("perspective")
    # plain averages per person: cust1 (1 − 2 + 2 + 0)/4 = 0.25, cust2 (0 − 3 + 1)/3 = −2/3;
    # staff1 (2 + 1 + 1 + 3)/4 = 1.75, staff2 (1 + 2 + 2)/3 = 5/3
    lived, assumed = [0.25, -2 / 3], [1.75, 5 / 3]
    assert pe.loc["lived", "mean_experienced"] == pytest.approx(sum(lived) / 2)
    ci = stats.ttest_ind(assumed, lived, equal_var=False).confidence_interval()
    assert pe.loc["gap", "experienced_ci_low"] == pytest.approx(ci.low)
    assert pe.loc["gap", "experienced_ci_high"] == pytest.approx(ci.high)
