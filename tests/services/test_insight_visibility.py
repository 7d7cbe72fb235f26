"""The Insight frames read straight from SQL: the same numbers as the domain model gives, and
only what each role may see in each phase (on SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select

import journeymap.analysis as A
from journeymap.domain.errors import PermissionDenied
from journeymap.domain.model import PainPoint, Rating
from journeymap.interchange import native
from journeymap.services import (
    Actor,
    create_account,
    create_workshop,
    import_journey,
    insight_scope,
    journey_frames,
    load_journey,
    rate_step,
)
from journeymap.services.workshops import set_phase
from journeymap.store import schema as T

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_journeys").glob("*.json"))
BEFORE = ("map", "assume", "listen")
AFTER = ("reveal", "prioritise", "act")


@pytest.fixture
def workshop(store, small_journey):
    """The small journey with every kind of input: staff Giulia (p1) assumed and employee
    ratings and pain points, customer Sam (p2), an anonymous customer (p3)."""
    j = small_journey()
    j.ratings[0].comment = "they will love the quick answer"  # Giulia's assumption on s2
    j.add_rating(Rating("p1", "s4", -1, perspective="employee", comment="routing is manual"))
    j.add_rating(Rating("p2", "s1", -1, comment="third time this week"))
    j.add_pain_point(PainPoint("p1", "s2", "Hold music too loud", severity=1,
                               perspective="assumed", key="pp2"))
    j.add_pain_point(PainPoint("p1", "s4", "Tickets arrive without the line test",
                               severity=2, perspective="employee", key="pp3"))
    fac = create_account(store, "fran", "a long password", "Fran Facilitator")
    ws = create_workshop(store, fac, "Broadband", "en")
    _, jid = import_journey(store, fac, j, ws)
    with store.read() as uow:
        ids = dict(uow.conn.execute(select(T.participants.c.key, T.participants.c.id)
                                    .where(T.participants.c.workshop_id == ws)).all())
    people = {"staff": Actor.participant(ids["p1"], ws, "staff", "Giulia"),
              "customer": Actor.participant(ids["p2"], ws, "customer", "Sam"),
              "anonymous": Actor.participant(ids["p3"], ws, "customer", "")}
    return store, fac, ws, jid, people


def seen(f: A.JourneyFrames) -> set[tuple[str, str, str]]:
    r = f.ratings
    return set(zip(r["participant"].astype(str), r["step"].astype(str),
                   r["perspective"].astype(str)))


def pains(f: A.JourneyFrames) -> set[str]:
    return set(f.pain_points["key"])


def names(f: A.JourneyFrames) -> dict[str, str]:
    return dict(zip(f.participants["key"], f.participants["name"]))


ALL_RATINGS = {("p1", "s2", "assumed"), ("p1", "s4", "employee"), ("p2", "s2", "lived"),
               ("p2", "s1", "lived"), ("p3", "s2", "lived")}


@pytest.mark.parametrize("phase", BEFORE + AFTER)
def test_the_facilitator_sees_everything_with_names_in_every_phase(workshop, phase):
    store, fac, ws, jid, _ = workshop
    set_phase(store, fac, ws, phase)
    f = journey_frames(store, fac, jid)
    assert seen(f) == ALL_RATINGS
    assert pains(f) == {"pp1", "pp2", "pp3"}
    assert names(f) == {"p1": "Giulia", "p2": "Sam", "p3": ""}
    assert set(f.ratings["comment"]) >= {"they will love the quick answer", "routing is manual"}


@pytest.mark.parametrize("phase", BEFORE)
def test_a_customer_before_the_reveal_gets_only_their_own_lived_input(workshop, phase):
    store, fac, ws, jid, people = workshop
    set_phase(store, fac, ws, phase)
    f = journey_frames(store, people["customer"], jid)
    assert seen(f) == {("p2", "s2", "lived"), ("p2", "s1", "lived")}
    assert not (f.ratings["perspective"] == "assumed").any()
    assert pains(f) == {"pp1"}  # no staff pain point, assumed or employee
    assert names(f) == {"p1": "", "p2": "Sam", "p3": ""}  # other people's names hidden
    scope = insight_scope(store, people["customer"], jid)
    assert not scope.comparison_open


@pytest.mark.parametrize("phase", BEFORE)
def test_staff_before_the_reveal_get_no_lived_ratings_and_no_customer_pain_points(
        workshop, phase):
    store, fac, ws, jid, people = workshop
    set_phase(store, fac, ws, phase)
    f = journey_frames(store, people["staff"], jid)
    assert seen(f) == {("p1", "s2", "assumed"), ("p1", "s4", "employee")}
    assert pains(f) == {"pp2", "pp3"}
    assert names(f)["p2"] == "Sam" and names(f)["p3"] == ""  # staff see names, not anonymous
    assert not insight_scope(store, people["staff"], jid).comparison_open


@pytest.mark.parametrize("phase", AFTER)
def test_after_the_reveal_both_layers_are_open_but_anonymity_stays(workshop, phase):
    store, fac, ws, jid, people = workshop
    set_phase(store, fac, ws, phase)
    for who in ("staff", "customer", "anonymous"):
        f = journey_frames(store, people[who], jid)
        assert seen(f) == ALL_RATINGS
        assert pains(f) == {"pp1", "pp2", "pp3"}
        assert names(f) == {"p1": "Giulia", "p2": "Sam", "p3": ""}
        assert f.participant_labels()["p3"] == "#p3"
        assert insight_scope(store, people[who], jid).comparison_open


@pytest.mark.parametrize("phase", AFTER)
def test_customers_never_read_what_staff_noted_on_their_ratings(workshop, phase):
    store, fac, ws, jid, people = workshop
    set_phase(store, fac, ws, phase)
    comments = set(journey_frames(store, people["customer"], jid).ratings["comment"])
    assert "third time this week" in comments  # a customer's own words stay
    assert "they will love the quick answer" not in comments
    assert "routing is manual" not in comments
    staff = set(journey_frames(store, people["staff"], jid).ratings["comment"])
    assert "routing is manual" in staff and "40 minutes on hold" in staff


def test_one_cached_analysis_serves_a_whole_role_after_the_reveal_but_not_before(workshop):
    store, fac, ws, jid, people = workshop
    set_phase(store, fac, ws, "listen")
    key = {w: insight_scope(store, people[w], jid).key for w in people}
    assert key["customer"] != key["anonymous"]
    set_phase(store, fac, ws, "reveal")
    key = {w: insight_scope(store, people[w], jid).key for w in people}
    assert key["customer"] == key["anonymous"] != key["staff"]
    assert insight_scope(store, fac, jid).key == ("all",)


def test_the_revision_moves_with_a_new_rating(workshop):
    store, fac, ws, jid, people = workshop
    set_phase(store, fac, ws, "listen")
    before = insight_scope(store, fac, jid).revision
    with store.read() as uow:
        s5 = uow.conn.execute(select(T.steps.c.id).where(T.steps.c.journey_id == jid,
                                                         T.steps.c.key == "s5")).scalar_one()
    rate_step(store, people["customer"], s5, 2)
    assert insight_scope(store, fac, jid).revision > before
    assert ("p2", "s5", "lived") in seen(journey_frames(store, fac, jid))


def test_someone_from_another_workshop_is_refused(workshop):
    store, fac, ws, jid, people = workshop
    stranger = Actor.participant(people["customer"].participant_id, ws + 1000, "customer", "X")
    with pytest.raises(PermissionDenied):
        journey_frames(store, stranger, jid)
    other = create_account(store, "olga", "another long password", "Olga")
    with pytest.raises(PermissionDenied):
        journey_frames(store, other, jid)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_frames_from_sql_give_the_same_analysis_as_the_domain_model(store, path):
    fac = create_account(store, "fran", "a long password", "Fran Facilitator")
    ws = create_workshop(store, fac, path.stem, "en")
    _, jid = import_journey(store, fac, native.load_path(path), ws)
    fast = journey_frames(store, fac, jid)
    slow = A.JourneyFrames.from_journey(load_journey(store, fac, jid))
    assert list(fast.steps["key"]) == list(slow.steps["key"])  # JourneyGraph.order()
    for what in ("comparison", "peak-end", "split", "pain-points", "priority",
                 "peak-end-people", "pillars", "transitions", "paths", "ratings"):
        pd.testing.assert_frame_equal(A.table(fast, what), A.table(slow, what), obj=what)
