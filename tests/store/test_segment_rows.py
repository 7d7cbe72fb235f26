"""The segments repository: a workshop's questions in their order, the answers counted per
option, a question removed with its answers, one person's answer set and taken back; against
the rows read back with plain SQL. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations


def _questions(room) -> dict[str, int]:
    with room.store.write() as uow:
        # added out of order: the position decides, then the id
        uow.segments.add(room.ws, "channel", "Channel", [["app", "App"], ["shop", "Shop"]], 1)
        uow.segments.add(room.ws, "tenure", "Customer for",
                         [["new", "< 1 year"], ["long", "> 5 years"]], 0)
        uow.segments.add(room.ws, "age", "Age", [["young", "< 30"], ["old", "30+"]], 1)
        uow.commit()
    return dict(room.sql("SELECT key, id FROM segments WHERE workshop_id = ?", room.ws))


def _answers(room) -> list[tuple]:
    return room.sql("SELECT participant_id, segment_id, option FROM participant_segments "
                    "ORDER BY participant_id, segment_id")


def test_a_workshops_questions_come_by_position_then_id_with_their_options(room):
    ids = _questions(room)
    with room.store.read() as uow:
        rows = uow.segments.of_workshop(room.ws)
        assert uow.segments.of_workshop(room.ws + 1) == []
    assert [(r.id, r.key, r.question) for r in rows] == [
        (ids["tenure"], "tenure", "Customer for"), (ids["channel"], "channel", "Channel"),
        (ids["age"], "age", "Age")]
    assert [list(map(list, r.options)) for r in rows] == [
        [["new", "< 1 year"], ["long", "> 5 years"]], [["app", "App"], ["shop", "Shop"]],
        [["young", "< 30"], ["old", "30+"]]]


def test_answers_are_set_replaced_and_taken_back_one_per_person_and_question(room):
    ids = _questions(room)
    p1, p2, p3 = (room.person[k] for k in ("p1", "p2", "p3"))
    with room.store.write() as uow:
        uow.segments.set_answer(p2, ids["tenure"], "new")
        uow.segments.set_answer(p2, ids["tenure"], "long")  # replaces
        uow.segments.set_answer(p2, ids["channel"], "app")
        uow.segments.set_answer(p3, ids["tenure"], "long")
        uow.segments.set_answer(p1, ids["channel"], "shop")
        uow.segments.set_answer(p1, ids["channel"], None)  # taken back
        uow.segments.set_answer(p1, ids["age"], None)  # nothing to take back
        uow.commit()
    assert sorted(_answers(room)) == sorted([
        (p2, ids["tenure"], "long"), (p2, ids["channel"], "app"), (p3, ids["tenure"], "long")])


def test_answers_are_counted_per_question_and_option(room):
    ids = _questions(room)
    with room.store.write() as uow:
        for who, seg, option in (("p1", "tenure", "new"), ("p2", "tenure", "long"),
                                 ("p3", "tenure", "long"), ("p2", "channel", "shop")):
            uow.segments.set_answer(room.person[who], ids[seg], option)
        uow.commit()
    with room.store.read() as uow:
        assert uow.segments.answer_counts(list(ids.values())) == {
            ids["tenure"]: {"new": 1, "long": 2}, ids["channel"]: {"shop": 1}}
        assert uow.segments.answer_counts([ids["age"]]) == {}
        assert uow.segments.answer_counts([]) == {}


def test_a_question_is_reworded_and_removed_with_its_answers_only(room):
    ids = _questions(room)
    p2 = room.person["p2"]
    with room.store.write() as uow:
        uow.segments.set_answer(p2, ids["tenure"], "new")
        uow.segments.set_answer(p2, ids["channel"], "app")
        uow.segments.update(ids["channel"], "Where did you buy?",
                            [["app", "In the app"], ["web", "Online"]])
        uow.segments.remove(ids["tenure"])
        uow.commit()
    with room.store.read() as uow:
        rows = uow.segments.of_workshop(room.ws)
    assert [(r.key, r.question, [list(o) for o in r.options]) for r in rows] == [
        ("channel", "Where did you buy?", [["app", "In the app"], ["web", "Online"]]),
        ("age", "Age", [["young", "< 30"], ["old", "30+"]])]
    assert _answers(room) == [(p2, ids["channel"], "app")]
