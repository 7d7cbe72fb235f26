"""Which round an analysis shows: the latest round with answers (else the current round), one
round at a time for every table, another round on request, filters cutting every round."""

import pandas as pd
import pytest

from journeymap.analysis import JourneyFrames, comparison, rounds, skipped_steps
from journeymap.domain.rules import shown_round

STEPS = pd.DataFrame({"key": ["s1", "s2"], "title": ["Pay", "Wait"], "stage": ["a", "b"]})
PEOPLE = pd.DataFrame({"key": ["st", "c1", "c2"], "name": ["Sara", "Ada", "Bo"],
                       "role": ["staff", "customer", "customer"]})


def ratings(*rows) -> pd.DataFrame:
    """(participant, step, emotion, round) rows; the perspective follows the role."""
    return pd.DataFrame(rows, columns=["participant", "step", "emotion", "round"])


def frames(rating_rows, *, rounds=None, pains=(), highlights=(), skips=(), round=None):
    return JourneyFrames(
        steps=STEPS, participants=PEOPLE, ratings=ratings(*rating_rows),
        pain_points=pd.DataFrame(list(pains), columns=["participant", "step", "text", "round"]),
        highlights=pd.DataFrame(list(highlights),
                                columns=["participant", "step", "text", "round"]),
        skips=pd.DataFrame(list(skips), columns=["participant", "step", "round"]),
        rounds=rounds or {}, round=round)


ROUND_ONE = [("st", "s1", 2, 1), ("c1", "s1", -2, 1), ("c2", "s1", -3, 1)]


def test_the_rule_takes_the_latest_round_with_answers_else_the_current_one():
    assert shown_round(3, [1, 2, 2]) == 2
    assert shown_round(2, []) == 2
    assert shown_round(1, [1]) == 1


def test_a_journey_of_one_round_shows_round_one_of_one():
    f = frames(ROUND_ONE)
    assert (f.round, f.last_round, f.round_numbers) == (1, 1, [1])
    assert len(f.ratings) == 3 and f.other_ratings.empty


def test_round_two_started_but_unanswered_still_shows_round_one_of_two():
    f = frames(ROUND_ONE, rounds={1: None, 2: None})
    assert (f.round, f.last_round) == (1, 2)
    assert len(f.ratings) == 3


def test_the_first_answer_of_round_two_moves_every_table_to_round_two():
    f = frames(ROUND_ONE + [("c1", "s1", 2, 2)], rounds={1: None, 2: None},
               pains=[("c1", "s1", "slow", 1), ("c2", "s2", "still slow", 2)],
               highlights=[("c1", "s1", "kind", 1)], skips=[("c2", "s2", 1)])
    assert (f.round, f.last_round) == (2, 2)
    assert f.ratings[["participant", "emotion"]].astype(str).values.tolist() == [["c1", "2.0"]]
    assert list(f.pain_points["text"]) == ["still slow"]
    assert f.highlights.empty and f.skips.empty
    c = comparison(f).set_index("step")
    assert (c.loc["s1", "n_assumed"], c.loc["s1", "n_lived"]) == (0, 1)


@pytest.mark.parametrize("kind", ["pains", "highlights", "skips"])
def test_any_answer_counts_not_only_a_rating(kind):
    row = {"pains": ("c1", "s2", "slow", 2), "highlights": ("c1", "s2", "kind", 2),
           "skips": ("c1", "s2", 2)}[kind]
    f = frames(ROUND_ONE, **{kind: [row]})
    assert f.round == 2 and f.ratings.empty


def test_another_round_on_request_and_the_rounds_comparison_the_same_from_either():
    f = frames(ROUND_ONE + [("c1", "s1", 2, 2), ("c2", "s1", 1, 2)],
               pains=[("c1", "s1", "slow", 1)], skips=[("c2", "s2", 1)])
    first = f.in_round(1)
    assert first.round == 1 and first.last_round == 2
    assert sorted(first.ratings["emotion"]) == [-3.0, -2.0, 2.0]
    assert list(first.pain_points["text"]) == ["slow"]
    assert list(skipped_steps(first)["skipped"]) == [0, 1]
    assert list(skipped_steps(f)["skipped"]) == [0, 0]  # nobody skipped in round 2
    assert first.in_round(2).ratings.equals(f.ratings)
    pd.testing.assert_frame_equal(rounds(f), rounds(first))
    r = rounds(f).set_index("step").loc["s1"]
    assert (r["n_first"], r["mean_first"], r["n_second"], r["mean_second"]) == (
        2, -2.5, 2, 1.5)


def test_a_round_asked_for_holds_nothing_when_nobody_answered_in_it():
    f = frames(ROUND_ONE, rounds={1: None, 2: None}, round=2)
    assert (f.round, f.last_round) == (2, 2)
    assert f.ratings.empty and len(f.other_ratings) == 3


def test_filters_keep_the_round_and_cut_every_round_alike():
    f = frames(ROUND_ONE + [("c1", "s1", 2, 2), ("c2", "s2", 1, 2)],
               pains=[("c1", "s1", "slow", 1), ("c1", "s2", "late", 2)])
    cut = f.where(stages=["a"])
    assert cut.round == 2
    assert list(cut.ratings["step"].astype(str)) == ["s1"] and cut.pain_points.empty
    back = cut.in_round(1)
    assert list(back.pain_points["text"]) == ["slow"]
    assert set(back.ratings["step"].astype(str)) == {"s1"} and len(back.ratings) == 3
    customers = f.in_round(1).where(roles=["customer"])
    assert customers.round == 1 and set(customers.ratings["participant"].astype(str)) == {
        "c1", "c2"}
