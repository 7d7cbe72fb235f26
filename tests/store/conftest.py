"""A journey in the store for the repository tests: the small journey of tests/conftest.py
imported whole, with the database ids of its steps and people read back with plain SQL."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from journeymap.services import SYSTEM, import_journey


def sql(store, statement: str, *params) -> list[tuple]:
    """Rows of a plain SQL statement (``?`` placeholders), read in a unit of work of its own:
    what the tests compare the repositories' answers with."""
    if store.dialect == "postgresql":
        statement = statement.replace("?", "%s")
    with store.read() as uow:
        return [tuple(r) for r in uow.conn.exec_driver_sql(statement, tuple(params))]


@pytest.fixture
def room(store, small_journey):
    ws, jid = import_journey(store, SYSTEM, small_journey())
    return SimpleNamespace(
        store=store, ws=ws, jid=jid,
        step=dict(sql(store, "SELECT key, id FROM steps WHERE journey_id = ?", jid)),
        person=dict(sql(store, "SELECT key, id FROM participants WHERE workshop_id = ?", ws)),
        sql=lambda statement, *params: sql(store, statement, *params),
        run=lambda statement, *params: run(store, statement, *params))


def run(store, statement: str, *params) -> None:
    """Write with a plain SQL statement (``?`` placeholders), committed: how a test sets up
    rows that no repository method writes as it needs them."""
    if store.dialect == "postgresql":
        statement = statement.replace("?", "%s")
    with store.write() as uow:
        uow.conn.exec_driver_sql(statement, tuple(params))
        uow.commit()
