"""The change log read forward by the change feed: the newest id, the ids above a point and
the entries above it, of every workshop, checked against the rows read back with plain SQL.
Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import event

from journeymap.services.feed import ChangeFeed


def _log(store) -> list[tuple]:
    with store.read() as uow:
        return [tuple(r) for r in uow.conn.exec_driver_sql(
            "SELECT id, workshop_id, kind FROM changes ORDER BY id")]


def _record(store, entries) -> None:
    with store.write() as uow:
        for ws, kind in entries:
            uow.changes.record(ws, kind, "Fran")
        uow.commit()


def test_an_empty_log_has_latest_id_0_and_nothing_after_it(store):
    with store.read() as uow:
        assert _log(store) == []
        assert uow.changes.latest_id() == 0
        assert uow.changes.ids_after(0) == set()
        assert uow.changes.after(0) == []


def test_the_log_read_forward_gives_every_workshops_entries_above_a_point_oldest_first(store):
    _record(store, [(7, "phase.listen"), (8, "rating"), (7, "vote"), (9, "step.add")])
    log = _log(store)
    assert [(ws, kind) for _, ws, kind in log] == [
        (7, "phase.listen"), (8, "rating"), (7, "vote"), (9, "step.add")]
    second = log[1][0]
    with store.read() as uow:
        assert uow.changes.latest_id() == log[-1][0]
        assert uow.changes.ids_after(second) == {log[2][0], log[3][0]}
        assert [tuple(r) for r in uow.changes.after(second)] == log[2:]
        assert [tuple(r) for r in uow.changes.after(0)] == log
        assert uow.changes.after(log[-1][0]) == []


def test_the_latest_id_of_the_log_is_the_highest_of_any_workshop_not_one_workshops_revision(
        store):
    _record(store, [(1, "rating"), (2, "rating"), (1, "vote")])
    _record(store, [(2, "skip")])
    log = _log(store)
    with store.read() as uow:
        assert uow.changes.latest_id() == max(i for i, _, _ in log)
        assert uow.changes.revision(1) == max(i for i, ws, _ in log if ws == 1)
        assert uow.changes.revision(1) < uow.changes.latest_id()


def test_a_poll_of_the_change_feed_reads_the_log_with_one_query(store):
    _record(store, [(1, "rating")])
    feed = ChangeFeed(store)
    _record(store, [(1, "vote"), (2, "phase.assume"), (3, "step.add")])
    statements: list[str] = []

    def seen(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        moved = feed.poll()
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    assert moved == {(1, "votes"), (2, "phase"), (3, "map"), (3, "progress")}
    assert len([s for s in statements if "changes" in s.lower()]) == 1
