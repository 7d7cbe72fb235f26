"""The change feed: one reader of the change log per server, telling which topics of which
workshop moved — including changes made through another server on the same database."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, text

from journeymap.domain.model import Journey, Stage, Step
from journeymap.services import (
    Store,
    create_account,
    create_workshop,
    import_journey,
    journey_steps,
    rate_step,
    set_phase,
)
from journeymap.services import invitations as inv
from journeymap.services.feed import ALL, ChangeFeed, topics_of
from journeymap.store import schema as T


def _workshop(store):
    fac = create_account(store, "fran", "a long password here", "Fran")
    ws = create_workshop(store, fac, "Feed workshop")
    j = Journey(title="Broadband", language="en")
    j.add_stage(Stage("s", "Get help"))
    j.add_step(Step(key="a", stage="s", title="Call", lane="customer"))
    _, jid = import_journey(store, fac, j, workshop_id=ws)
    return fac, ws, jid


# what each kind of change moves, worked out by hand from what each screen shows
KINDS = [
    ("phase.listen", {"phase"}),
    ("workshop.update", {"workshop"}),
    ("step.add", {"map", "progress"}),
    ("stage.move", {"map"}),
    ("journey.import", {"map"}),
    ("rating", {"ratings", "progress"}),
    ("rating.delete", {"ratings", "progress"}),
    ("skip", {"ratings", "progress"}),
    ("vote", {"votes"}),
    ("unvote", {"votes"}),
    ("reply", {"replies"}),
    ("proposal.add", {"proposals"}),
    ("proposal.accept", {"proposals", "map", "progress"}),
    ("participant.join", {"people", "progress"}),
    ("opportunity.update", {"actions"}),
    ("something.new", set(ALL)),
]


@pytest.mark.parametrize("kind,expected", KINDS)
def test_each_kind_of_change_moves_the_topics_of_the_screens_that_show_it(kind, expected):
    assert topics_of(kind) == expected


def test_a_phase_change_made_through_another_server_reaches_this_servers_feed(tmp_path):
    url = f"sqlite:///{tmp_path / 'two.sqlite'}"
    here, there = Store.open(url), Store.open(url)
    try:
        fac, ws, _ = _workshop(there)
        feed = ChangeFeed(here)
        before = feed.version(ws, {"phase"})
        set_phase(there, fac, ws, "listen")
        moved = feed.poll()
        assert (ws, "phase") in moved
        assert feed.version(ws, {"phase"}) > before
    finally:
        here.close()
        there.close()


def test_someone_rating_moves_ratings_and_progress_but_not_the_phase_or_the_map(store):
    fac, ws, jid = _workshop(store)
    set_phase(store, fac, ws, "listen")
    _, token = inv.create_invitation(store, fac, ws, "customer")
    customer, _ = inv.join(store, token, name="Ann", consent=True)
    feed = ChangeFeed(store)
    phase_map = feed.version(ws, {"phase", "map"})
    step = journey_steps(store, fac, jid)[0]["id"]
    rate_step(store, customer, step, -2)
    moved = feed.poll()
    assert {(ws, "ratings"), (ws, "progress")} <= moved
    assert (ws, "phase") not in moved and (ws, "map") not in moved
    assert feed.version(ws, {"phase", "map"}) == phase_map


def test_a_feed_started_late_reports_only_what_changed_after_it_started(store):
    fac, ws, _ = _workshop(store)
    set_phase(store, fac, ws, "assume")
    feed = ChangeFeed(store)
    assert feed.poll() == set()
    assert feed.version(ws) == 0


def test_a_change_committed_after_a_later_one_is_still_seen_on_postgresql(store):
    """PostgreSQL hands out ids before commit: id n may become visible after id n + 1."""
    if store.dialect != "postgresql":
        pytest.skip("SQLite commits one writer at a time, in id order")
    fac, ws, _ = _workshop(store)
    feed = ChangeFeed(store)
    slow = store.engine.connect()
    tx = slow.begin()
    slow.execute(insert(T.changes).values(workshop_id=ws, kind="vote", actor="slow",
                                          at=text("now()")))
    set_phase(store, fac, ws, "listen")  # a later id, committed first
    assert (ws, "phase") in feed.poll()
    assert feed.version(ws, {"votes"}) == 0
    tx.commit()
    slow.close()
    assert (ws, "votes") in feed.poll()
    assert feed.version(ws, {"votes"}) > 0
