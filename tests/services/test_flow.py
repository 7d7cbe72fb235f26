"""The workshop flow through the services: proposals, dot-voting, merging, replies,
opportunities, one's own input, erasure, progress, and what each role may read when."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from journeymap import analysis as A
from journeymap.domain.errors import (
    NotFound,
    PermissionDenied,
    PhaseClosed,
    StaleEdit,
    ValidationError,
)
from journeymap.services import (
    SYSTEM,
    Actor,
    add_highlight,
    add_pain_point,
    budget,
    create_account,
    create_opportunity,
    customer_input,
    decide_proposal,
    delete_my_input,
    erase_participant,
    get_workshop,
    import_journey,
    list_opportunities,
    list_proposals,
    load_journey,
    map_rows,
    merge_pain_points,
    my_input,
    opportunities_csv,
    progress,
    propose_step,
    rate_step,
    replies_for,
    reply,
    set_phase,
    skip_step,
    tally,
    unvote,
    update_opportunity,
    update_workshop,
    visible_journey,
    vote,
)
from journeymap.services import invitations as inv
from journeymap.store import schema as T


class W:
    """A workshop in Listen from the small journey: staff Giulia, customers Sam and an
    anonymous one (the facilitator owns it), and a second customer who joins by link."""

    def __init__(self, store, journey):
        self.store = store
        self.fac = create_account(store, "fran", "a long password", "Fran")
        self.ws, self.jid = import_journey(store, self.fac, journey)
        with store.read() as uow:
            c = uow.conn
            self.pid = dict(c.execute(select(T.participants.c.key, T.participants.c.id)
                                      .where(T.participants.c.workshop_id == self.ws)).all())
            self.step = dict(c.execute(select(T.steps.c.key, T.steps.c.id)
                                       .where(T.steps.c.journey_id == self.jid)).all())
            self.pp1 = c.execute(select(T.pain_points.c.id)).scalar_one()
        self.staff = Actor.participant(self.pid["p1"], self.ws, "staff", "Giulia")
        self.sam = Actor.participant(self.pid["p2"], self.ws, "customer", "Sam")
        self.anon = Actor.participant(self.pid["p3"], self.ws, "customer", "")
        set_phase(store, self.fac, self.ws, "listen")

    def phase(self, phase):
        set_phase(self.store, self.fac, self.ws, phase)

    def count(self, table) -> int:
        with self.store.read() as uow:
            return uow.conn.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.fixture
def w(store, small_journey):
    return W(store, small_journey())


# proposals -------------------------------------------------------------------------------

def test_an_accepted_proposal_becomes_a_step_right_after_the_given_step(w):
    pid = propose_step(w.store, w.sam, w.jid, "Search the help pages",
                       after_step_id=w.step["s1"], description="Before calling")
    assert [p["title"] for p in list_proposals(w.store, w.fac, w.jid)] == ["Search the help pages"]
    new = decide_proposal(w.store, w.fac, pid, accept=True)
    steps = map_rows(w.store, w.fac, w.jid)["steps"]
    titles = [s["title"] for s in steps]
    assert titles[titles.index("Connection drops") + 1] == "Search the help pages"
    added = next(s for s in steps if s["id"] == new)
    first = next(s for s in steps if s["title"] == "Connection drops")
    assert added["stage_id"] == first["stage_id"] and added["description"] == "Before calling"
    assert list_proposals(w.store, w.fac, w.jid) == []
    assert list_proposals(w.store, w.fac, w.jid, status="accepted")[0]["decided_by"] == "Fran"


def test_a_declined_proposal_adds_no_step_and_cannot_be_decided_twice(w):
    pid = propose_step(w.store, w.sam, w.jid, "Tweet angrily", after_step_id=w.step["s2"])
    n = len(map_rows(w.store, w.fac, w.jid)["steps"])
    assert decide_proposal(w.store, w.fac, pid, accept=False) is None
    assert len(map_rows(w.store, w.fac, w.jid)["steps"]) == n
    with pytest.raises(ValidationError, match="already declined"):
        decide_proposal(w.store, w.fac, pid, accept=True)


def test_customers_see_only_their_own_proposals_and_cannot_decide(w):
    pid = propose_step(w.store, w.sam, w.jid, "Mine", after_step_id=w.step["s1"])
    propose_step(w.store, w.anon, w.jid, "Theirs", after_step_id=w.step["s1"])
    assert [p["title"] for p in list_proposals(w.store, w.sam, w.jid)] == ["Mine"]
    with pytest.raises(PermissionDenied):
        decide_proposal(w.store, w.sam, pid, accept=True)


# voting ----------------------------------------------------------------------------------

def _pains(w, n):
    return [add_pain_point(w.store, w.sam, w.step["s2"], f"Problem {i}") for i in range(n)]


def test_each_participant_has_the_workshop_budget_and_at_most_two_votes_per_pain_point(w):
    pains = _pains(w, 4)
    w.phase("prioritise")
    assert budget(w.store, w.anon, w.ws) == {"budget": 5, "used": 0, "remaining": 5}
    vote(w.store, w.anon, pains[0])
    vote(w.store, w.anon, pains[0])
    with pytest.raises(ValidationError, match="at most 2"):
        vote(w.store, w.anon, pains[0])
    vote(w.store, w.anon, pains[1])
    vote(w.store, w.anon, pains[2])
    assert vote(w.store, w.anon, pains[3]) == {"budget": 5, "used": 5, "remaining": 0}
    with pytest.raises(ValidationError, match="used all 5"):
        vote(w.store, w.anon, pains[1])
    unvote(w.store, w.anon, pains[0])
    assert budget(w.store, w.anon, w.ws)["remaining"] == 1


def test_the_facilitator_sets_the_budget(w):
    pains = _pains(w, 2)
    update_workshop(w.store, w.fac, w.ws, get_workshop(w.store, w.fac, w.ws)["version"],
                    vote_budget=1)
    w.phase("prioritise")
    vote(w.store, w.sam, pains[0])
    with pytest.raises(ValidationError, match="used all 1"):
        vote(w.store, w.sam, pains[1])


def test_the_tally_counts_imported_and_cast_votes_most_first_and_shows_mine(w):
    pains = _pains(w, 2)
    w.phase("prioritise")
    for who in (w.sam, w.anon, w.staff):
        vote(w.store, who, pains[1])
    vote(w.store, w.anon, pains[0])
    rows = tally(w.store, w.anon, w.jid)
    by_id = {r["id"]: r for r in rows}
    assert [r["id"] for r in rows][:2] == [pains[1], w.pp1]  # 3 votes, then 2 imported
    assert by_id[pains[1]]["votes"] == 3 and by_id[pains[1]]["mine"] == 1
    assert by_id[w.pp1]["votes"] == 2 and by_id[pains[0]]["votes"] == 1
    assert load_journey(w.store, w.fac, w.jid).pain_points[1].votes == 1


def test_votes_are_refused_outside_prioritise(w):
    (pain,) = _pains(w, 1)
    for phase in ("listen", "reveal", "act"):
        w.phase(phase)
        with pytest.raises(PhaseClosed):
            vote(w.store, w.sam, pain)


def test_merging_carries_votes_and_authors_over_to_the_target(w):
    a = add_pain_point(w.store, w.sam, w.step["s2"], "Waited on hold for ages")
    b = add_pain_point(w.store, w.anon, w.step["s2"], "On hold 40 minutes")
    w.phase("prioritise")
    vote(w.store, w.sam, a)
    vote(w.store, w.anon, b)
    vote(w.store, w.anon, b)
    merge_pain_points(w.store, w.fac, [b, w.pp1], a)
    rows = tally(w.store, w.fac, w.jid)
    assert [r["id"] for r in rows] == [a]
    (top,) = rows
    assert top["votes"] == 1 + 2 + 2  # Sam's, the anonymous one's two, two imported
    assert top["merged"] == 2
    assert set(top["author_ids"]) == {w.pid["p2"], w.pid["p3"]}
    assert load_journey(w.store, w.fac, w.jid).pain_points[0].votes == 5
    # the carried-over votes still count against the per-pain-point limit
    with pytest.raises(ValidationError, match="at most 2"):
        vote(w.store, w.anon, a)
    # voting on a merged duplicate counts toward its target
    vote(w.store, w.staff, b)
    assert tally(w.store, w.fac, w.jid)[0]["votes"] == 6


def test_only_the_facilitator_merges(w):
    a, b = _pains(w, 2)
    w.phase("prioritise")
    with pytest.raises(PermissionDenied):
        merge_pain_points(w.store, w.staff, [b], a)


# replies ---------------------------------------------------------------------------------

def test_a_staff_reply_reaches_the_customer_with_the_staff_members_name(w):
    hid = add_highlight(w.store, w.sam, w.step["s3"], "The agent was lovely")
    w.phase("reveal")
    reply(w.store, w.staff, "pain_point", w.pp1, "We are adding call-backs")
    reply(w.store, w.staff, "highlight", hid, "Thank you, we told her!")
    got = replies_for(w.store, w.sam)
    assert [(r["target_kind"], r["text"], r["by_name"]) for r in got] == [
        ("highlight", "Thank you, we told her!", "Giulia"),
        ("pain_point", "We are adding call-backs", "Giulia")]
    assert got[1]["target_text"] == "Waited forever" and got[1]["step_title"] == "Call support"
    assert replies_for(w.store, w.anon) == []
    with pytest.raises(PermissionDenied):
        replies_for(w.store, w.anon, participant_id=w.pid["p2"])


def test_staff_see_customers_input_to_answer_only_after_the_reveal(w):
    with pytest.raises(PhaseClosed):
        customer_input(w.store, w.staff, w.jid)
    w.phase("reveal")
    items = customer_input(w.store, w.staff, w.jid)
    assert {(i["kind"], i["text"]) for i in items} == {
        ("rating", "40 minutes on hold"), ("pain_point", "Waited forever")}
    reply(w.store, w.fac, "rating", next(i["id"] for i in items if i["kind"] == "rating"),
          "Sorry about that")
    again = customer_input(w.store, w.staff, w.jid)
    assert [r["by_name"] for i in again for r in i["replies"]] == ["Fran"]


def test_replies_go_to_customers_only(w):
    hid = add_highlight(w.store, w.staff, w.step["s4"], "Good tools", perspective="employee")
    w.phase("reveal")
    with pytest.raises(ValidationError, match="customers"):
        reply(w.store, w.staff, "highlight", hid, "Nice")


# opportunities ---------------------------------------------------------------------------

def test_opportunities_are_created_linked_updated_with_versions_and_exported(w):
    w.phase("act")
    oid = create_opportunity(w.store, w.staff, w.jid, "Call-back instead of hold",
                             owner="Ops", due="2026-12-31", pain_point_ids=[w.pp1])
    (o,) = list_opportunities(w.store, w.staff, w.jid)
    assert (o["title"], o["owner"], o["due"], o["status"], o["version"]) == (
        "Call-back instead of hold", "Ops", dt.date(2026, 12, 31), "open", 1)
    assert [p["key"] for p in o["pain_points"]] == ["pp1"]
    update_opportunity(w.store, w.fac, oid, 1, status="in_progress", pain_point_ids=[])
    with pytest.raises(StaleEdit):
        update_opportunity(w.store, w.staff, oid, 1, owner="Someone else")
    (o,) = list_opportunities(w.store, w.staff, w.jid)
    assert (o["status"], o["version"], o["pain_points"]) == ("in_progress", 2, [])
    csv_text = opportunities_csv(w.store, w.fac, w.jid)
    assert csv_text.splitlines()[1].startswith("Call-back instead of hold,Ops,2026-12-31,")
    with pytest.raises(ValidationError):
        create_opportunity(w.store, w.staff, w.jid, "Bad date", due="next Friday")


def test_customers_cannot_manage_opportunities(w):
    w.phase("act")
    with pytest.raises(PermissionDenied):
        create_opportunity(w.store, w.sam, w.jid, "Free router")


# one's own input and erasure -------------------------------------------------------------

def test_a_customer_sees_and_deletes_their_own_input(w):
    rate_step(w.store, w.sam, w.step["s1"], -1, effort=3)
    hid = add_highlight(w.store, w.sam, w.step["s3"], "Quick line test")
    skip_step(w.store, w.sam, w.step["s5"])
    mine = my_input(w.store, w.sam, w.jid)
    assert {k[0] for k in mine["ratings"]} == {w.step["s1"], w.step["s2"]}
    assert mine["skips"] == {w.step["s5"]}
    assert [h["text"] for h in mine["highlights"]] == ["Quick line test"]
    w.phase("reveal")
    delete_my_input(w.store, w.sam, "highlight", hid)
    delete_my_input(w.store, w.sam, "pain_point", w.pp1)
    rid = mine["ratings"][(w.step["s2"], "lived")]["id"]
    delete_my_input(w.store, w.sam, "rating", rid)
    left = my_input(w.store, w.sam, w.jid)
    assert (left["highlights"], left["pain_points"]) == ([], [])
    assert set(left["ratings"]) == {(w.step["s1"], "lived")}
    with pytest.raises(PermissionDenied):
        delete_my_input(w.store, w.anon, "rating", left["ratings"][(w.step["s1"], "lived")]["id"])


def test_skipping_a_step_withdraws_ones_rating_of_it(w):
    skip_step(w.store, w.sam, w.step["s2"])
    assert (w.step["s2"], "lived") not in my_input(w.store, w.sam, w.jid)["ratings"]
    skip_step(w.store, w.sam, w.step["s2"], skipped=False)
    assert my_input(w.store, w.sam, w.jid)["skips"] == set()


def test_erasing_a_participant_removes_everything_and_the_analysis_follows(w):
    before = A.table(load_journey(w.store, w.fac, w.jid), "comparison")
    row = before[before["step"] == "s2"].iloc[0]
    assert (row["n_lived"], row["mean_lived"]) == (2, -2.75)
    w.phase("reveal")
    reply(w.store, w.staff, "pain_point", w.pp1, "Sorry")
    w.phase("prioritise")
    vote(w.store, w.sam, w.pp1)
    counts = erase_participant(w.store, w.fac, w.pid["p2"])
    assert counts["rating"] == 1 and counts["pain_point"] == 1 and counts["votes"] == 1
    after = A.table(load_journey(w.store, w.fac, w.jid), "comparison")
    row = after[after["step"] == "s2"].iloc[0]
    assert (row["n_lived"], row["mean_lived"]) == (1, -3.0)
    assert w.count(T.replies) == 0 and w.count(T.votes) == 0 and w.count(T.pain_points) == 0
    assert "p2" not in {p["key"] for p in inv.list_participants(w.store, w.fac, w.ws)}
    with pytest.raises(PermissionDenied):
        erase_participant(w.store, w.staff, w.pid["p3"])


def test_erasing_the_author_of_a_merge_target_keeps_the_duplicates_and_others_votes(w):
    a = add_pain_point(w.store, w.sam, w.step["s2"], "Hold")
    b = add_pain_point(w.store, w.anon, w.step["s2"], "Hold again")
    w.phase("prioritise")
    merge_pain_points(w.store, w.fac, [b], a)
    vote(w.store, w.staff, a)
    erase_participant(w.store, w.fac, w.pid["p2"])
    rows = {r["text"]: r for r in tally(w.store, w.fac, w.jid)}
    assert rows["Hold again"]["votes"] == 1


# progress and privacy --------------------------------------------------------------------

def test_progress_counts_steps_answered_per_person_of_those_they_are_asked_to_rate(w):
    rate_step(w.store, w.sam, w.step["s1"], 1)
    skip_step(w.store, w.sam, w.step["s3"])
    add_pain_point(w.store, w.staff, w.step["s4"], "No access to the line test",
                   perspective="employee")
    p = progress(w.store, w.fac, w.jid)
    people = {x["key"]: x for x in p["participants"]}
    # Sam rated s1 (here) and s2 (in the journey file) and skipped s3: all 3 of his steps
    assert (people["p2"]["rated"], people["p2"]["skipped"]) == (3, 1)
    # staff are not asked to rate backstage s4 and support s5: 3 steps, not 5
    assert people["p2"]["of"] == 3 and people["p1"]["of"] == 3
    steps = {x["key"]: x for x in p["steps"]}
    assert (steps["s2"]["assumed"], steps["s2"]["lived"]) == (1, 2)
    assert steps["s3"]["skipped"] == 1 and steps["s4"]["pain_points"] == 1
    with pytest.raises(PermissionDenied):
        progress(w.store, w.staff, w.jid)


def test_before_the_reveal_a_customer_gets_no_assumed_number_and_no_names(w):
    j = visible_journey(w.store, w.sam, w.jid)
    assert {str(r.perspective) for r in j.ratings} == {"lived"}
    assert {r.participant for r in j.ratings} == {"p2"}
    assert {p.key: p.name for p in j.participants} == {"p1": "", "p2": "Sam", "p3": ""}
    comp = A.table(j, "comparison")
    assert comp["n_assumed"].sum() == 0 and comp["mean_assumed"].isna().all()


def test_before_the_reveal_staff_get_no_lived_number(w):
    j = visible_journey(w.store, w.staff, w.jid)
    assert {str(r.perspective) for r in j.ratings} == {"assumed"}
    assert [p.text for p in j.pain_points] == []


def test_after_the_reveal_both_layers_are_shown_and_anonymity_holds(w):
    w.phase("reveal")
    for who in (w.sam, w.staff):
        j = visible_journey(w.store, who, w.jid)
        assert {str(r.perspective) for r in j.ratings} == {"assumed", "lived"}
        assert {p.key: p.name for p in j.participants}["p3"] == ""
    assert {p.key: p.name for p in visible_journey(w.store, w.fac, w.jid).participants}[
        "p2"] == "Sam"


def test_nobody_reads_another_workshop(w, small_journey):
    other_ws, other_j = import_journey(w.store, w.fac, small_journey())
    with pytest.raises(PermissionDenied):
        visible_journey(w.store, w.sam, other_j)
    with pytest.raises(PermissionDenied):
        tally(w.store, w.sam, other_j)
    with pytest.raises(NotFound):
        decide_proposal(w.store, w.fac, 999, accept=True)


def test_every_write_moves_the_change_counter(w):
    from journeymap.services import revision

    r0 = revision(w.store, w.ws)
    propose_step(w.store, w.sam, w.jid, "X", after_step_id=w.step["s1"])
    r1 = revision(w.store, w.ws)
    skip_step(w.store, w.sam, w.step["s1"])
    r2 = revision(w.store, w.ws)
    assert r0 < r1 < r2
