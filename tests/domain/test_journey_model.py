import pytest

from journeymap.domain.errors import (
    DuplicateKey,
    InvalidChoice,
    RatingOutOfRange,
    UnknownParticipant,
    UnknownStage,
    ValidationError,
)
from journeymap.domain.model import Journey, Participant, Perspective, Rating, Stage, Step


def test_a_step_in_an_unknown_stage_is_refused_by_name():
    j = Journey(title="T", stages=[Stage("a", "A")])
    with pytest.raises(UnknownStage, match="no stage 'pay' in this journey"):
        j.add_step(Step("s1", "pay", "Pay"))


@pytest.mark.parametrize("emotion", [7, -3.5, float("nan")])
def test_an_emotion_outside_minus_three_to_three_is_refused(emotion):
    with pytest.raises((RatingOutOfRange, ValidationError)) as err:
        Rating("p", "s", emotion)
    assert err.value.field == "emotion"


def test_fractional_emotions_from_other_scales_are_kept():
    assert Rating("p", "s", 1.5).emotion == 1.5


def test_an_effort_outside_one_to_five_names_the_field():
    with pytest.raises(RatingOutOfRange, match="6 is outside 1..5") as err:
        Rating("p", "s", 0, effort=6)
    assert err.value.field == "effort"


def test_an_unknown_lane_lists_the_four_lanes():
    with pytest.raises(InvalidChoice, match="customer, frontstage, backstage, support"):
        Step("s1", "a", "Pay", lane="kitchen")


def test_a_second_rating_by_the_same_person_on_the_same_step_updates_the_first(small_journey):
    j = small_journey()
    before = len(j.ratings)
    j.add_rating(Rating("p2", "s2", 1, comment="Called back, fixed"))
    assert len(j.ratings) == before
    assert [r.emotion for r in j.ratings if r.participant == "p2"] == [1.0]


def test_staff_ratings_default_to_assumed_and_customer_ratings_to_lived(small_journey):
    j = small_journey()
    by = {r.participant: r.perspective for r in j.ratings}
    assert by["p1"] is Perspective.ASSUMED and by["p2"] is Perspective.LIVED


def test_the_same_person_may_rate_a_step_as_assumed_and_as_employee(small_journey):
    j = small_journey()
    j.add_rating(Rating("p1", "s4", -2, perspective="employee"))
    j.add_rating(Rating("p1", "s4", 1, perspective="assumed"))
    assert len([r for r in j.ratings if r.step == "s4"]) == 2


def test_a_rating_from_someone_not_in_the_workshop_is_refused(small_journey):
    with pytest.raises(UnknownParticipant):
        small_journey().add_rating(Rating("nobody", "s1", 0))


def test_a_duplicate_participant_id_is_refused(small_journey):
    j = small_journey()
    with pytest.raises(DuplicateKey, match="participant id 'p1' is used twice"):
        j.add_participant(Participant("p1", "Other", "staff"))


def test_an_anonymous_participant_needs_no_name_but_a_named_one_does():
    assert Participant("p9", "", "customer", anonymous=True).name == ""
    with pytest.raises(ValidationError, match="name must not be empty"):
        Participant("p9", "  ", "customer")


def test_a_round_whose_date_is_a_number_is_refused_naming_the_date():
    import pytest as _pytest

    from journeymap.domain.errors import ValidationError
    from journeymap.domain.model import Round

    with _pytest.raises(ValidationError) as e:
        Round(2, -1)
    assert e.value.field == "date" and "-1" in str(e.value)
    assert Round(2, "2026-12-31").date.isoformat() == "2026-12-31"
    assert Round(1, None).date is None
