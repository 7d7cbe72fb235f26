"""The sample workshops' second round and segments tell their story: the step the actions
fixed feels measurably better in round 2 and staff's unchanged guess there is no longer far
off, a blind spot nobody fixed stays one; every customer's tenure is known and each group
has at least 3 people."""

from pathlib import Path

import pytest

from journeymap.analysis import JourneyFrames, by_segment, comparison, rounds, segment_groups
from journeymap.interchange import native

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_journeys").glob("*.json"))
#: (fixed, unfixed) per sample: the story's first and last blind spot
STORY = {"bank-current-account": ("upload", "card_wait"),
         "guasto-internet-casa": ("ivr", "indennizzo"),
         "online-order-return": ("refund_wait", "refund_email"),
         "check-up-clinica-privata": ("accettazione", "sala_attesa")}


@pytest.fixture(scope="module", params=SAMPLES, ids=[p.stem for p in SAMPLES])
def sample(request):
    return request.param.stem, JourneyFrames.from_journey(native.load_path(request.param))


def test_the_fixed_step_improves_in_the_second_round_and_the_unfixed_one_does_not(sample):
    name, f = sample
    fixed, unfixed = STORY[name]
    r = rounds(f).set_index("step")
    assert (r["first_round"].iloc[0], r["second_round"].iloc[0]) == (1, 2)
    assert r.loc[fixed, "improved"] and r.loc[fixed, "ci_low"] > 0
    assert r.loc[fixed, "q_value"] < 0.05
    assert not r.loc[unfixed, "improved"] and r.loc[unfixed, "ci_low"] <= 0
    assert not r["worsened"].any()
    # the actions due between the rounds stand beside the steps they targeted
    assert r["actions"].str.len().sum() > 0


def test_the_analysis_shows_round_two_and_round_one_stays_the_workshop_itself(sample):
    _, f = sample
    assert (f.round, f.last_round) == (2, 2)
    assert (f.ratings["round"] == 2).all() and (f.other_ratings["round"] == 1).all()
    # customers came back and staff guessed again; nobody wrote a pain point this time
    assert set(f.ratings["perspective"]) == {"lived", "assumed"} and f.pain_points.empty
    first = f.in_round(1)
    assert (first.ratings["round"] == 1).all() and len(first.pain_points) > 0
    assert set(first.ratings["perspective"]) == {"lived", "assumed", "employee"}


def test_in_round_two_the_fixed_steps_gap_shrinks_and_the_unfixed_blind_spot_stays(sample):
    name, f = sample
    fixed, unfixed = STORY[name]
    now, before = (comparison(x).set_index("step") for x in (f, f.in_round(1)))
    assert before.loc[fixed, "blind_spot"] and before.loc[unfixed, "blind_spot"]
    assert now.loc[fixed, "gap"] < before.loc[fixed, "gap"] - 0.8
    assert now.loc[unfixed, "blind_spot"] and now.loc[unfixed, "ci_low"] > 0


def test_round_two_shown_by_default_has_the_fixed_step_better_and_the_unfixed_one_not(sample):
    name, f = sample
    fixed, unfixed = STORY[name]
    raw = native.load_path(SAMPLES[[p.stem for p in SAMPLES].index(name)])

    def lived_mean(step, round_):  # from the file alone
        xs = [r.emotion for r in raw.ratings if r.step == step and r.round == round_
              and r.perspective.value == "lived"]
        return sum(xs) / len(xs)

    shown = comparison(f).set_index("step")  # the default: round 2
    before = comparison(f.in_round(1)).set_index("step")
    for step in (fixed, unfixed):
        assert shown.loc[step, "mean_lived"] == pytest.approx(lived_mean(step, 2))
        assert before.loc[step, "mean_lived"] == pytest.approx(lived_mean(step, 1))
    assert shown.loc[fixed, "mean_lived"] - before.loc[fixed, "mean_lived"] > 1
    assert abs(shown.loc[unfixed, "mean_lived"] - before.loc[unfixed, "mean_lived"]) < 1


def test_every_customer_has_a_tenure_and_every_group_is_large_enough_to_show(sample):
    _, f = sample
    customers = set(f.participants.loc[f.participants["role"] == "customer", "key"])
    answered = set(f.segments.loc[f.segments["segment"] == "tenure", "participant"])
    assert answered == customers
    groups, hidden = segment_groups(f, "tenure")
    assert len(groups) == 3 and not hidden and all(len(p) >= 3 for p in groups.values())
    table = by_segment(f, "tenure")
    assert set(table["option"]) == {"new", "mid", "long"}
