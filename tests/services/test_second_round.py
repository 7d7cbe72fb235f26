"""A second round of the same journey, started from the app: round 1's answers stay exactly
as they were, every new answer lands in round 2, each person starts round 2 with an empty
sheet, and Insight compares the two rounds. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from journeymap.analysis import rounds as rounds_table
from journeymap.domain.errors import PermissionDenied, ValidationError
from journeymap.services import (
    add_pain_point,
    answer_step,
    clear_rating,
    create_account,
    import_journey,
    journey_frames,
    journey_rounds,
    journey_steps,
    my_input,
    progress,
    rate_step,
    set_phase,
    skip_step,
    start_round,
)
from journeymap.services import invitations as inv
from journeymap.store import schema as T


def every_rating(store) -> list[tuple]:
    """Every stored rating, as a researcher would list it: who, where, which round, what."""
    with store.read() as uow:
        return [tuple(r) for r in uow.conn.execute(
            select(T.ratings.c.id, T.ratings.c.step_id, T.ratings.c.participant_id,
                   T.ratings.c.perspective, T.ratings.c["round"], T.ratings.c.emotion,
                   T.ratings.c.effort, T.ratings.c.success, T.ratings.c.comment,
                   T.ratings.c.updated_at).order_by(T.ratings.c.id))]


def skips(store) -> list[tuple]:
    with store.read() as uow:
        return [tuple(r) for r in uow.conn.execute(
            select(T.skips.c.step_id, T.skips.c.participant_id, T.skips.c["round"])
            .order_by(T.skips.c.id))]


@pytest.fixture
def room(store, small_journey):
    """A workshop in Listen with round 1 answered by two customers and one staff member."""
    fac = create_account(store, "fran", "a long password", "Fran")
    ws, jid = import_journey(store, fac, small_journey())
    people = {}
    for name, role in (("Sam", "customer"), ("Ada", "customer"), ("Gil", "staff")):
        _, token = inv.create_invitation(store, fac, ws, role)
        people[name] = inv.join(store, token, name=name, consent=True)[0]
    steps = {s["title"]: s["id"] for s in journey_steps(store, fac, jid)}
    set_phase(store, fac, ws, "assume")
    rate_step(store, people["Gil"], steps["Call support"], 2)
    set_phase(store, fac, ws, "listen")
    answer_step(store, people["Sam"], steps["Call support"], emotion=-2)
    answer_step(store, people["Sam"], steps["Call support"], effort=5, success="no")
    answer_step(store, people["Ada"], steps["Call support"], emotion=-3)
    skip_step(store, people["Ada"], steps["Connection drops"])
    add_pain_point(store, people["Sam"], steps["Call support"], "On hold for 40 minutes")
    return store, fac, ws, jid, people, steps


def test_starting_round_two_changes_no_answer_of_round_one(room):
    store, fac, ws, jid, people, steps = room
    before, skipped = every_rating(store), skips(store)
    assert start_round(store, fac, jid, expected_current=1) == 2
    assert every_rating(store) == before
    assert skips(store) == skipped
    info = journey_rounds(store, fac, jid)
    assert info["current"] == 2
    # the small journey brings 3 ratings of its own; the room added 3 (Gil, Sam, Ada)
    assert [(r["number"], r["ratings"]) for r in info["rounds"]] == [(1, 6), (2, 0)]
    assert info["rounds"][1]["date"] == dt.date.today()


def test_answers_after_round_two_starts_land_in_round_two_and_round_one_stays(room):
    store, fac, ws, jid, people, steps = room
    before = every_rating(store)
    start_round(store, fac, jid, expected_current=1)
    sam, call = people["Sam"], steps["Call support"]
    answer_step(store, sam, call, emotion=2)
    answer_step(store, sam, call, effort=2)
    # the same step in round 2 is a new rating: round 1's effort 5 is not carried over
    # and round 1's row is not updated
    assert every_rating(store)[:len(before)] == before
    new = every_rating(store)[len(before):]
    assert [(r[2], r[3], r[4], r[5], r[6], r[7]) for r in new] == [
        (sam.participant_id, "lived", 2, 2.0, 2, None)]


def test_staff_assume_again_in_round_two_without_touching_their_round_one_guess(room):
    store, fac, ws, jid, people, steps = room
    start_round(store, fac, jid, expected_current=1)
    set_phase(store, fac, ws, "assume")
    rate_step(store, people["Gil"], steps["Call support"], -1)
    gil = [(r[4], r[5]) for r in every_rating(store)
           if r[2] == people["Gil"].participant_id]
    assert gil == [(1, 2.0), (2, -1.0)]


def test_each_person_starts_round_two_with_an_empty_sheet(room):
    store, fac, ws, jid, people, steps = room
    assert len(my_input(store, people["Sam"], jid)["ratings"]) == 1
    start_round(store, fac, jid, expected_current=1)
    for name in ("Sam", "Ada"):
        sheet = my_input(store, people[name], jid)
        assert (sheet["round"], sheet["ratings"], sheet["skips"], sheet["pain_points"]) == (
            2, {}, set(), [])
    # the facilitator's live progress counts this round: nobody has answered yet
    board = progress(store, fac, jid)
    assert board["round"] == 2
    joined = {people["Sam"].participant_id: "Sam", people["Ada"].participant_id: "Ada"}
    assert [(joined[p["id"]], p["rated"], p["pain_points"]) for p in board["participants"]
            if p["id"] in joined] == [("Sam", 0, 0), ("Ada", 0, 0)]


def test_skipping_or_clearing_in_round_two_leaves_round_one_alone(room):
    store, fac, ws, jid, people, steps = room
    before = every_rating(store)
    start_round(store, fac, jid, expected_current=1)
    sam, ada = people["Sam"], people["Ada"]
    answer_step(store, sam, steps["Call support"], emotion=1)
    clear_rating(store, sam, steps["Call support"])
    skip_step(store, sam, steps["Call support"])   # Sam rated this step in round 1
    skip_step(store, ada, steps["Connection drops"], False)  # Ada skipped it in round 1
    assert every_rating(store) == before
    assert skips(store) == [(steps["Connection drops"], ada.participant_id, 1),
                            (steps["Call support"], sam.participant_id, 2)]


def test_a_second_tap_on_start_does_not_start_a_third_round(room):
    store, fac, ws, jid, people, steps = room
    start_round(store, fac, jid, expected_current=1)
    with pytest.raises(ValidationError) as e:
        start_round(store, fac, jid, expected_current=1)
    assert e.value.key == "error.round_moved"
    assert journey_rounds(store, fac, jid)["current"] == 2


def test_only_the_facilitator_starts_a_round(room):
    store, fac, ws, jid, people, steps = room
    for name in ("Sam", "Gil"):
        with pytest.raises(PermissionDenied):
            start_round(store, people[name], jid, expected_current=1)
    assert journey_rounds(store, fac, jid)["current"] == 1


def test_insight_compares_the_rounds_answered_in_the_app(room):
    store, fac, ws, jid, people, steps = room
    start_round(store, fac, jid, expected_current=1)
    call = steps["Call support"]
    answer_step(store, people["Sam"], call, emotion=2)
    answer_step(store, people["Ada"], call, emotion=1)
    frames = journey_frames(store, fac, jid)
    row = rounds_table(frames).set_index("step").loc["s2"]
    # round 1 lived at "Call support": imported -2.5 and -3, Sam -2, Ada -3 -> mean -2.625
    # round 2: Sam 2, Ada 1 -> mean 1.5
    assert (row["n_first"], row["mean_first"]) == (4, pytest.approx(-2.625))
    assert (row["n_second"], row["mean_second"]) == (2, pytest.approx(1.5))
    # the rest of Insight is about round 2, the round in progress; round 1 on request
    assert (frames.round, frames.last_round) == (2, 2)
    assert sorted(frames.ratings["emotion"].tolist()) == [1.0, 2.0]
    lived = frames.in_round(1).ratings
    lived = lived[lived["perspective"] == "lived"]
    assert sorted(lived["emotion"].tolist()) == [-3.0, -3.0, -2.5, -2.0]


def test_insight_stays_on_round_one_until_round_two_has_an_answer(room):
    store, fac, ws, jid, people, steps = room
    start_round(store, fac, jid, expected_current=1)
    frames = journey_frames(store, fac, jid)
    assert (frames.round, frames.last_round) == (1, 2)
    assert list(frames.pain_points["text"]) == ["Waited forever", "On hold for 40 minutes"]
    # a pain point is an answer too: the view moves to round 2, with round 2's input only
    add_pain_point(store, people["Ada"], steps["Call support"], "Still on hold")
    frames = journey_frames(store, fac, jid)
    assert frames.round == 2 and frames.ratings.empty
    assert list(frames.pain_points["text"]) == ["Still on hold"]
    assert frames.skips.empty  # Ada's skip was in round 1
    first = frames.in_round(1)
    assert list(first.pain_points["text"]) == ["Waited forever", "On hold for 40 minutes"]
    assert list(first.skips["step"].astype(str)) == ["s1"]
