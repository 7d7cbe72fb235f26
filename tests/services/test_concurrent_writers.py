"""Many people at once: nothing lost, conflicts named."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import insert, select

from journeymap.domain.errors import StaleEdit
from journeymap.services import SYSTEM, import_journey, map_rows, rate_step, set_phase, update_step
from journeymap.services.base import Actor, now
from journeymap.store import schema as T


def _customers(store, ws, n):
    with store.write() as uow:
        ids = []
        for i in range(n):
            ids.append(uow.conn.execute(insert(T.participants).values(
                workshop_id=ws, key=f"c{i}", name=f"Customer {i}", role="customer",
                anonymous=False, created_at=now())).inserted_primary_key[0])
        uow.commit()
    return [Actor.participant(pid, ws, "customer", f"Customer {i}") for i, pid in enumerate(ids)]


def test_forty_customers_rating_five_steps_at_once_lose_no_rating(store, small_journey):
    ws, jid = import_journey(store, SYSTEM, small_journey())
    set_phase(store, SYSTEM, ws, "listen")
    steps = [s["id"] for s in map_rows(store, SYSTEM, jid)["steps"]]
    people = _customers(store, ws, 40)
    errors = []
    barrier = threading.Barrier(20)

    def work(actor):
        try:
            if actor.participant_id % 2:
                barrier.wait(timeout=10)
            for i, step in enumerate(steps):
                rate_step(store, actor, step, (actor.participant_id + i) % 7 - 3, effort=3)
        except Exception as e:  # collected, asserted below
            errors.append(e)

    with ThreadPoolExecutor(40) as pool:
        list(pool.map(work, people))
    assert errors == []
    with store.read() as uow:
        rows = uow.conn.execute(select(T.ratings.c.participant_id, T.ratings.c.step_id,
                                       T.ratings.c.emotion)
                                .where(T.ratings.c.participant_id.in_(
                                    [a.participant_id for a in people]))).all()
    assert len(rows) == 40 * 5
    assert all(e == (p + steps.index(s)) % 7 - 3 for p, s, e in rows)


def test_rating_again_from_many_threads_keeps_one_row_holding_one_whole_answer_then_the_last(
        store, small_journey):
    ws, jid = import_journey(store, SYSTEM, small_journey())
    set_phase(store, SYSTEM, ws, "listen")
    step = map_rows(store, SYSTEM, jid)["steps"][0]["id"]
    actor = _customers(store, ws, 1)[0]

    def answer(v):
        rate_step(store, actor, step, v % 7 - 3, effort=v % 5 + 1, comment=f"answer {v}")

    def stored():
        with store.read() as uow:
            return uow.conn.execute(
                select(T.ratings.c.emotion, T.ratings.c.effort, T.ratings.c.comment)
                .where(T.ratings.c.participant_id == actor.participant_id)).all()

    with ThreadPoolExecutor(10) as pool:
        list(pool.map(answer, range(30)))
    (row,) = stored()
    v = int(row.comment.split()[1])        # whichever came last, all of it and nothing mixed
    assert 0 <= v < 30 and (row.emotion, row.effort) == (v % 7 - 3, v % 5 + 1)
    rate_step(store, actor, step, 2.5, effort=1, comment="on second thought, fine")
    assert stored() == [(2.5, 1, "on second thought, fine")]


def test_ten_people_saving_the_same_step_at_once_one_wins_and_nine_are_told_what_it_says_now(
        store, small_journey):
    _, jid = import_journey(store, SYSTEM, small_journey())
    step = map_rows(store, SYSTEM, jid)["steps"][1]
    barrier = threading.Barrier(10)
    results = []

    def save(i):
        actor = Actor("account", f"Editor {i}", account_id=None)
        barrier.wait(timeout=10)
        try:
            update_step(store, SYSTEM if i < 0 else _named(actor), step["id"], step["version"],
                        title=f"Title from editor {i}")
            results.append(("saved", i))
        except StaleEdit as e:
            results.append(("stale", e))

    with ThreadPoolExecutor(10) as pool:
        list(pool.map(save, range(10)))
    saved = [r for r in results if r[0] == "saved"]
    stale = [r[1] for r in results if r[0] == "stale"]
    assert len(saved) == 1 and len(stale) == 9
    winner = f"Title from editor {saved[0][1]}"
    assert all(e.current["title"] == winner and e.current["version"] == step["version"] + 1
               for e in stale)
    assert all(e.changed_by == f"Editor {saved[0][1]}" for e in stale)
    assert all(e.attempted["title"].startswith("Title from editor") for e in stale)
    assert map_rows(store, SYSTEM, jid)["steps"][1]["title"] == winner


def _named(actor):
    # the system actor with a person's name: allowed everywhere, signs its edits
    return Actor("system", actor.name)


def test_a_save_from_an_old_version_is_refused_even_when_nobody_else_is_saving(store, small_journey):
    _, jid = import_journey(store, SYSTEM, small_journey())
    step = map_rows(store, SYSTEM, jid)["steps"][0]
    update_step(store, Actor("system", "Ada"), step["id"], step["version"], title="New")
    with pytest.raises(StaleEdit, match="changed by Ada") as err:
        update_step(store, SYSTEM, step["id"], step["version"], title="Mine")
    assert err.value.current["title"] == "New"
