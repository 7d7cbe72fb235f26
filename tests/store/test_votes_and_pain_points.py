"""The votes and pain points repositories, and the relinking of actions, against the rows
read back with plain SQL. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError


def _pain_points(room, *texts, on="s2", by="p2") -> list[int]:
    with room.store.write() as uow:
        ids = [uow.inputs.add_pain_point(room.jid, room.step[on], room.person[by], t, 2, None,
                                         "lived") for t in texts]
        uow.commit()
    return ids


def _votes(room, *pairs) -> None:
    with room.store.write() as uow:
        for pain_point_id, who in pairs:
            uow.votes.add(pain_point_id, room.person[who])
        uow.commit()


def _vote_rows(room) -> list[tuple]:
    return room.sql("SELECT id, pain_point_id, participant_id FROM votes ORDER BY id")


def test_votes_are_counted_per_person_per_pain_point_and_per_journey(room):
    (pp1,) = [i for (i,) in room.sql("SELECT id FROM pain_points WHERE key = 'pp1'")]
    pp2, pp3 = _pain_points(room, "No call back", "Wrong invoice")
    _votes(room, (pp1, "p1"), (pp1, "p1"), (pp1, "p3"), (pp2, "p1"))
    p1 = room.person["p1"]
    with room.store.read() as uow:
        assert uow.votes.count_of(p1) == 3
        assert uow.votes.count_of(room.person["p2"]) == 0
        assert uow.votes.count_on(p1, pp1) == 2
        assert uow.votes.count_on(p1, pp3) == 0
        assert sorted(tuple(r) for r in uow.votes.on([pp1, pp2, pp3])) == sorted(
            (pp, who) for _, pp, who in _vote_rows(room))
        assert uow.votes.on([]) == []
        assert uow.votes.per_pain_point(room.jid) == {pp1: 3, pp2: 1}


def test_taking_a_vote_back_removes_that_persons_latest_dot_on_that_pain_point_only(room):
    pp1, pp2 = _pain_points(room, "Hold music", "No call back")
    _votes(room, (pp1, "p1"), (pp2, "p1"), (pp1, "p1"), (pp1, "p3"))
    before = _vote_rows(room)
    latest = max(i for i, pp, who in before if pp == pp1 and who == room.person["p1"])
    with room.store.write() as uow:
        assert uow.votes.remove_latest(room.person["p1"], pp1) is True
        assert uow.votes.remove_latest(room.person["p2"], pp1) is False
        uow.commit()
    assert _vote_rows(room) == [r for r in before if r[0] != latest]


def test_moving_votes_keeps_the_dots_of_the_person_named(room):
    pp1, pp2, heir = _pain_points(room, "Hold music", "No call back", "Kept")
    _votes(room, (pp1, "p1"), (pp1, "p3"), (pp2, "p3"))
    with room.store.write() as uow:
        uow.votes.move([pp1, pp2], heir, except_participant=room.person["p3"])
        uow.commit()
    assert [(pp, who) for _, pp, who in _vote_rows(room)] == [
        (heir, room.person["p1"]), (pp1, room.person["p3"]), (pp2, room.person["p3"])]
    with room.store.write() as uow:
        uow.votes.move([pp1, pp2], heir)
        uow.commit()
    assert {pp for _, pp, _ in _vote_rows(room)} == {heir}


def test_deleting_a_persons_votes_says_how_many_went_and_leaves_the_others(room):
    pp1, pp2 = _pain_points(room, "Hold music", "No call back")
    _votes(room, (pp1, "p1"), (pp2, "p1"), (pp1, "p3"))
    with room.store.write() as uow:
        assert uow.votes.delete_by(room.person["p1"]) == 2
        assert uow.votes.delete_by(room.person["p2"]) == 0
        uow.commit()
    assert [(pp, who) for _, pp, who in _vote_rows(room)] == [(pp1, room.person["p3"])]


def test_a_pain_point_is_found_with_its_journey_and_workshop_and_none_once_gone(room):
    (pp,) = _pain_points(room, "Hold music", on="s3", by="p1")
    with room.store.read() as uow:
        row = uow.pain_points.with_place(pp)
        assert (row.text, row.step_id, row.participant_id, row.journey_id, row.workshop_id) == (
            "Hold music", room.step["s3"], room.person["p1"], room.jid, room.ws)
        assert uow.pain_points.with_place(pp + 1000) is None


def test_the_journeys_pain_points_come_oldest_first_with_their_steps_title_key_and_position(
        room):
    new = _pain_points(room, "Technician late", on="s5", by="p3")
    expected = room.sql(
        "SELECT pain_points.id, pain_points.text, steps.title, steps.key, steps.position "
        "FROM pain_points JOIN steps ON steps.id = pain_points.step_id "
        "WHERE steps.journey_id = ? ORDER BY pain_points.id", room.jid)
    assert len(expected) == 2 and expected[-1][0] == new[0]
    with room.store.read() as uow:
        rows = uow.pain_points.of_journey(room.jid)
    assert [(r.id, r.text, r.step_title, r.step_key, r.position) for r in rows] == expected


def test_merging_points_a_group_at_the_target_and_moves_their_imported_votes_onto_it(room):
    a, b, c, target = _pain_points(room, "A", "B", "C", "Target")
    for pp, n in ((a, 2), (b, 5), (c, 7), (target, 1)):
        room.run("UPDATE pain_points SET imported_votes = ? WHERE id = ?", n, pp)
    room.run("UPDATE pain_points SET merged_into_id = ? WHERE id = ?", a, b)
    with room.store.write() as uow:
        assert uow.pain_points.merged_into(a) == [b]
        assert uow.pain_points.merged_into(c) == []
        uow.pain_points.merge([a, b], target)
        uow.commit()
    assert room.sql("SELECT id, merged_into_id, imported_votes FROM pain_points "
                    "WHERE id IN (?, ?, ?, ?) ORDER BY id", a, b, c, target) == [
        (a, target, 0), (b, target, 0), (c, None, 7), (target, None, 1 + 2 + 5)]
    with room.store.read() as uow:
        assert [uow.pain_points.merge_root(i) for i in (a, b, c, target)] == [
            target, target, c, target]


def test_the_walk_to_the_merge_root_stops_where_a_loop_of_merges_comes_back(room):
    """a -> b -> a: from a the walk reaches b, whose next (a) it has seen, and stops there."""
    a, b = _pain_points(room, "A", "B")
    room.run("UPDATE pain_points SET merged_into_id = ? WHERE id = ?", b, a)
    room.run("UPDATE pain_points SET merged_into_id = ? WHERE id = ?", a, b)
    with room.store.read() as uow:
        assert uow.pain_points.merge_root(a) == b
        assert uow.pain_points.merge_root(b) == a


def test_an_heir_stands_alone_and_the_other_duplicates_count_toward_it(room):
    gone, heir, d1, d2 = _pain_points(room, "Gone", "Heir", "D1", "D2")
    for pp in (heir, d1, d2):
        room.run("UPDATE pain_points SET merged_into_id = ? WHERE id = ?", gone, pp)
    with room.store.write() as uow:
        assert uow.pain_points.merged_into(gone) == [heir, d1, d2]
        uow.pain_points.make_heir(heir, [d1, d2])
        uow.commit()
    assert room.sql("SELECT id, merged_into_id FROM pain_points WHERE id IN (?, ?, ?, ?) "
                    "ORDER BY id", gone, heir, d1, d2) == [
        (gone, None), (heir, None), (d1, heir), (d2, heir)]


def _action(room, title: str, *pain_points: int) -> int:
    with room.store.write() as uow:
        oid = uow.opportunities.add(room.jid, {"title": title}, "Fran")
        uow.opportunities.set_links(oid, list(pain_points))
        uow.commit()
    return oid


def test_relinking_moves_every_actions_links_to_the_new_pain_point_once(room):
    old1, old2, new, other = _pain_points(room, "Old 1", "Old 2", "New", "Other")
    both = _action(room, "Call back", old1, old2)
    already = _action(room, "Train staff", old1, new)
    apart = _action(room, "Fix invoices", other)
    with room.store.write() as uow:
        uow.opportunities.relink([old1, old2], new)
        uow.opportunities.relink([old1], other)  # nothing is linked to old1 any more
        uow.commit()
    assert room.sql("SELECT opportunity_id, pain_point_id FROM opportunity_pain_points "
                    "ORDER BY opportunity_id, pain_point_id") == [
        (both, new), (already, new), (apart, other)]


def test_a_participant_is_read_by_id_with_their_workshop_and_deleted(room):
    p3 = room.person["p3"]
    with room.store.write() as uow:
        row = uow.participants.get(p3)
        assert (row.key, row.workshop_id, row.anonymous) == ("p3", room.ws, True)
        assert uow.participants.workshop_of(p3) == room.ws
        assert uow.participants.get(p3 + 1000) is None
        assert uow.participants.workshop_of(p3 + 1000) is None
        uow.participants.delete(p3)
        uow.commit()
    assert room.sql("SELECT key FROM participants WHERE workshop_id = ? ORDER BY key",
                    room.ws) == [("p1",), ("p2",)]
    assert room.sql("SELECT count(*) FROM ratings WHERE participant_id = ?", p3) == [(0,)]


def test_locking_a_participant_holds_their_row_until_the_transaction_ends(room):
    p1 = room.person["p1"]
    with room.store.write() as uow:
        uow.participants.lock(p1)
        if room.store.dialect != "postgresql":
            return  # SQLite: one writer at a time already; the statement only has to run
        with room.store.engine.connect() as other:
            with pytest.raises(OperationalError):
                other.execute(text("SELECT id FROM participants WHERE id = :p "
                                   "FOR UPDATE NOWAIT"), {"p": p1})
    with room.store.engine.connect() as other:  # released with the transaction
        assert other.execute(text("SELECT id FROM participants WHERE id = :p "
                                  "FOR UPDATE NOWAIT"), {"p": p1}).scalar() == p1
