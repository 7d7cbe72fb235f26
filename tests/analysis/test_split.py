"""Positive / neutral / negative split beside the 56 / 25 / 19 benchmark."""

import math

import pytest

from journeymap.analysis import split

RATINGS = [("cust1", "s1", 1), ("cust2", "s1", 0),      # stage a, web
           ("cust1", "s2", -1),                          # stage a, phone
           ("cust1", "s3", 2), ("cust2", "s3", -2),      # stage b, phone
           ("staff1", "s1", 3)]                          # assumed


def pick(table, level, group, perspective="lived"):
    t = table[(table["level"] == level) & (table["group"] == group)
              & (table["perspective"] == perspective)]
    assert len(t) == 1
    return t.iloc[0]


def test_the_journey_split_counts_above_at_and_below_zero(frames):
    r = pick(split(frames(RATINGS)), "journey", "")
    # lived 1, 0, −1, 2, −2: positive 2, neutral 1, negative 2 of 5 → 40 / 20 / 40 %
    assert (r.n, r.n_positive, r.n_neutral, r.n_negative) == (5, 2, 1, 2)
    assert (r.positive, r.neutral, r.negative) == (0.4, 0.2, 0.4)
    assert r.label == "Router repair"


def test_the_benchmark_stands_beside_every_row(frames):
    r = pick(split(frames(RATINGS)), "journey", "")
    assert (r.benchmark_positive, r.benchmark_neutral, r.benchmark_negative) == (0.56, 0.25, 0.19)


def test_per_stage_in_stage_order(frames):
    t = split(frames(RATINGS))
    a, b = pick(t, "stage", "a"), pick(t, "stage", "b")
    # stage a: 1, 0, −1 → a third each; stage b: 2, −2 → half positive, half negative
    assert (a.n, a.positive, a.neutral, a.negative) == (3, pytest.approx(1 / 3),
                                                        pytest.approx(1 / 3), pytest.approx(1 / 3))
    assert (b.n, b.positive, b.neutral, b.negative) == (2, 0.5, 0.0, 0.5)
    assert a.label == "Arrive"
    stages = t[(t["level"] == "stage") & (t["perspective"] == "lived")]
    assert list(stages["group"]) == ["a", "b"]


def test_per_channel_with_empty_channels_showing_no_shares(frames):
    t = split(frames(RATINGS))
    phone, email = pick(t, "channel", "phone"), pick(t, "channel", "email")
    # phone: −1, 2, −2 → 1 positive, 2 negative of 3
    assert (phone.n, phone.n_positive, phone.n_negative) == (3, 1, 2)
    assert email.n == 0 and math.isnan(email.positive)


def test_per_perspective(frames):
    r = pick(split(frames(RATINGS)), "journey", "", "assumed")
    # one assumed rating, +3
    assert (r.n, r.positive) == (1, 1.0)
    assert "employee" not in set(split(frames(RATINGS))["perspective"])
