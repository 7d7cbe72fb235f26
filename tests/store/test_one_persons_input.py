"""One person's input as the input repository reads and deletes it (by kind, journey and
round), and the replies and proposals that go with a person: against the rows read back with
plain SQL. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from journeymap.store import schema as T
from journeymap.store.repositories.ratings import INPUT_TABLES


def _second_round(room) -> None:
    with room.store.write() as uow:
        uow.rounds.record(room.jid, 2, None)
        uow.commit()


def _rate(room, step: str, who: str, perspective: str, emotion: float, round: int) -> None:
    room.run("INSERT INTO ratings (step_id, participant_id, perspective, emotion, "
             "emotion_word, comment, created_at, updated_at, round) "
             "VALUES (?, ?, ?, ?, '', '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, ?)",
             room.step[step], room.person[who], perspective, emotion, round)


def test_a_persons_input_of_each_kind_is_read_per_round_oldest_first_with_its_step(room):
    p2 = room.person["p2"]
    with room.store.write() as uow:
        first = uow.inputs.add_highlight(room.jid, room.step["s5"], p2, "Kind technician",
                                         "lived")
        earlier = uow.inputs.add_highlight(room.jid, room.step["s1"], p2, "Clear page",
                                           "lived")
        uow.inputs.add_highlight(room.jid, room.step["s1"], room.person["p3"], "Not mine",
                                 "lived")
        uow.commit()
    _second_round(room)
    with room.store.write() as uow:
        later = uow.inputs.add_highlight(room.jid, room.step["s2"], p2, "Round two", "lived")
        uow.commit()
    _rate(room, "s1", "p2", "lived", 1, 2)
    with room.store.read() as uow:
        one = uow.inputs.of_participant("highlight", room.jid, p2, 1)
        two = uow.inputs.of_participant("highlight", room.jid, p2, 2)
        ratings_one = uow.inputs.of_participant("rating", room.jid, p2, 1)
        ratings_two = uow.inputs.of_participant("rating", room.jid, p2, 2)
        assert uow.inputs.of_participant("skip", room.jid, p2, 1) == []
    assert [(h["id"], h["text"], h["step_title"], h["position"]) for h in one] == [
        (first, "Kind technician", "Technician visit", _position(room, "s5")),
        (earlier, "Clear page", "Connection drops", _position(room, "s1"))]
    assert [(h["id"], h["round"]) for h in two] == [(later, 2)]
    # the small journey: Sam (p2) rated "Call support" once, in the first round
    assert [(r["step_id"], r["emotion"], r["comment"]) for r in ratings_one] == [
        (room.step["s2"], -2.5, "40 minutes on hold")]
    assert [(r["step_id"], r["emotion"]) for r in ratings_two] == [(room.step["s1"], 1.0)]


def _position(room, step: str) -> int:
    return room.sql("SELECT position FROM steps WHERE id = ?", room.step[step])[0][0]


def test_input_is_found_by_kind_with_its_workshop_and_none_once_gone(room):
    (pp,) = room.sql("SELECT id FROM pain_points WHERE key = 'pp1'")[0]
    with room.store.read() as uow:
        row = uow.inputs.with_workshop("pain_point", pp)
        assert (row.text, row.participant_id, row.workshop_id) == (
            "Waited forever", room.person["p2"], room.ws)
        assert uow.inputs.with_workshop("highlight", pp) is None
        assert uow.inputs.with_workshop("rating", 10_000) is None


def test_the_rating_ids_of_a_step_are_those_of_one_person_perspective_and_round(room):
    _second_round(room)
    _rate(room, "s2", "p2", "lived", 2, 2)
    _rate(room, "s2", "p1", "employee", 0, 1)
    rows = room.sql("SELECT id, participant_id, perspective, round FROM ratings "
                    "WHERE step_id = ? ORDER BY id", room.step["s2"])
    p1, p2 = room.person["p1"], room.person["p2"]
    with room.store.read() as uow:
        assert uow.inputs.rating_ids(room.step["s2"], p2, "lived", 1) == [
            i for i, who, persp, rnd in rows if (who, persp, rnd) == (p2, "lived", 1)]
        assert uow.inputs.rating_ids(room.step["s2"], p2, "lived", 2) == [
            i for i, who, persp, rnd in rows if (who, persp, rnd) == (p2, "lived", 2)]
        assert len(uow.inputs.rating_ids(room.step["s2"], p1, "assumed", 1)) == 1
        assert uow.inputs.rating_ids(room.step["s2"], p1, "lived", 1) == []
        assert uow.inputs.rating_ids(room.step["s1"], p2, "lived", 1) == []


def test_all_of_a_persons_input_of_a_kind_is_listed_and_deleted_by_id(room):
    _second_round(room)
    _rate(room, "s1", "p2", "lived", -1, 2)
    p2 = room.person["p2"]
    mine = [i for (i,) in room.sql("SELECT id FROM ratings WHERE participant_id = ? "
                                   "ORDER BY id", p2)]
    assert len(mine) == 2
    with room.store.write() as uow:
        assert sorted(uow.inputs.ids_by("rating", p2)) == mine
        assert uow.inputs.ids_by("pain_point", p2) == [
            i for (i,) in room.sql("SELECT id FROM pain_points WHERE participant_id = ?", p2)]
        assert uow.inputs.ids_by("skip", p2) == []
        uow.inputs.delete_items("rating", mine[:1])
        uow.commit()
    assert [i for (i,) in room.sql("SELECT id FROM ratings WHERE participant_id = ?", p2)] \
        == mine[1:]
    # the small journey's three ratings and the one added, less the one deleted
    assert room.sql("SELECT count(*) FROM ratings")[0][0] == 3


def test_every_kind_of_input_has_its_table():
    assert {k: t.name for k, t in INPUT_TABLES.items()} == {
        "rating": "ratings", "pain_point": "pain_points", "highlight": "highlights",
        "skip": "skips"}


def test_a_skip_set_in_a_round_already_read_goes_to_that_round(room):
    p3, s4 = room.person["p3"], room.step["s4"]
    _second_round(room)
    with room.store.write() as uow:
        uow.inputs.set_skip(room.jid, s4, p3, True, round=1)
        uow.inputs.set_skip(room.jid, s4, p3, True)  # the current round: 2
        uow.commit()
    assert room.sql("SELECT round FROM skips WHERE participant_id = ? ORDER BY round", p3) \
        == [(1,), (2,)]
    with room.store.write() as uow:
        uow.inputs.set_skip(room.jid, s4, p3, False, round=2)
        uow.commit()
    assert room.sql("SELECT round FROM skips WHERE participant_id = ?", p3) == [(1,)]


def test_replies_go_by_what_they_answer_or_by_who_wrote_them(room):
    (pp,) = room.sql("SELECT id FROM pain_points WHERE key = 'pp1'")[0]
    (rating,) = room.sql("SELECT id FROM ratings WHERE participant_id = ?",
                         room.person["p2"])[0]
    p1, p3 = room.person["p1"], room.person["p3"]
    with room.store.write() as uow:
        uow.replies.add(room.ws, "pain_point", pp, p1, "We are on it")
        uow.replies.add(room.ws, "rating", rating, p1, "Sorry about the wait")
        uow.replies.add(room.ws, "rating", pp, p3, "Same id, another kind")
        uow.replies.add(room.ws, "pain_point", pp, p3, "Me too")
        uow.commit()
    with room.store.write() as uow:
        uow.replies.delete_to("pain_point", [pp])
        uow.commit()
    assert room.sql("SELECT text FROM replies ORDER BY id") == [
        ("Sorry about the wait",), ("Same id, another kind",)]
    with room.store.write() as uow:
        assert uow.replies.delete_by(p3) == 1
        assert uow.replies.delete_by(p3) == 0
        uow.commit()
    assert room.sql("SELECT text FROM replies") == [("Sorry about the wait",)]


def test_a_persons_proposals_are_the_rows_alone_oldest_first_and_deleted_with_a_count(room):
    (stage,) = room.sql("SELECT id FROM stages WHERE journey_id = ? AND key = 'help'",
                        room.jid)[0]
    p2, p3 = room.person["p2"], room.person["p3"]
    with room.store.write() as uow:
        a = uow.proposals.add(room.jid, p2, stage, None, "Ask a neighbour", "", "pending")
        uow.proposals.add(room.jid, p3, stage, None, "Restart the router", "", "pending")
        b = uow.proposals.add(room.jid, p2, stage, room.step["s2"], "Search the forum", "x",
                              "declined")
        uow.commit()
    with room.store.read() as uow:
        rows = uow.proposals.of_participant(room.jid, p2)
    assert [(r.id, r.title, r.after_step_id, r.status) for r in rows] == [
        (a, "Ask a neighbour", None, "pending"),
        (b, "Search the forum", room.step["s2"], "declined")]
    assert set(rows[0]._mapping) == {c.name for c in T.proposals.columns}
    with room.store.write() as uow:
        assert uow.proposals.delete_by(p2) == 2
        uow.commit()
    assert room.sql("SELECT title FROM proposals") == [("Restart the router",)]

