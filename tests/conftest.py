"""Shared fixtures: a store on SQLite and, when its URL is set, on PostgreSQL.

PostgreSQL tests run when ``JOURNEYMAP_TEST_POSTGRES_URL`` names a server (``.ci/run`` sets it
to the one on 127.0.0.1:5432); each test gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text

from journeymap.domain.model import (
    Journey,
    PainPoint,
    Participant,
    Rating,
    Stage,
    Step,
    Transition,
)
from journeymap.services import Store

PG_URL = os.environ.get("JOURNEYMAP_TEST_POSTGRES_URL")

# Property tests check what the code does, not how fast: Hypothesis's default deadline of 200 ms
# per example failed them on a busy machine (a DeadlineExceeded, then a FlakyFailure on replay).
settings.register_profile("journeymap", deadline=None)
settings.load_profile("journeymap")


def _pg_store():
    schema = "jm_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1)
                          if PG_URL.startswith("postgresql://") else PG_URL)
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    store = Store.open(f"{PG_URL}{sep}options=-csearch_path%3D{schema}")
    return store, admin, schema


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    """A migrated, empty store on each database."""
    if request.param == "sqlite":
        s = Store.open(f"sqlite:///{tmp_path / 'jm.sqlite'}")
        yield s
        s.close()
        return
    if not PG_URL:
        pytest.skip("set JOURNEYMAP_TEST_POSTGRES_URL to run the PostgreSQL tests")
    s, admin, schema = _pg_store()
    yield s
    s.close()
    with admin.begin() as c:
        c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def sqlite_store(tmp_path):
    s = Store.open(f"sqlite:///{tmp_path / 'jm.sqlite'}")
    yield s
    s.close()


def make_small_journey(language: str = "en") -> Journey:
    """Three stages, five steps in all four lanes, a branch and a loop, two people's input."""
    j = Journey(title="Fix my broadband", persona="Sam, working from home",
                goal="Get the connection back before Friday", language=language)
    for key, name in (("discover", "Notice"), ("help", "Get help"), ("fix", "Fixed")):
        j.add_stage(Stage(key, name))
    for key, stage, title, lane, channel in (
            ("s1", "discover", "Connection drops", "customer", "web"),
            ("s2", "help", "Call support", "customer", "phone"),
            ("s3", "help", "Agent runs a line test", "frontstage", "phone"),
            ("s4", "help", "Ticket routed to field team", "backstage", ""),
            ("s5", "fix", "Technician visit", "support", "store")):
        j.add_step(Step(key=key, stage=stage, title=title, lane=lane, channel=channel))
    for a, b, label in (("s1", "s2", ""), ("s2", "s3", ""), ("s3", "s2", "line test fails"),
                        ("s3", "s4", "fault confirmed"), ("s4", "s5", "")):
        j.add_transition(Transition(a, b, label))
    j.add_participant(Participant("p1", "Giulia", "staff"))
    j.add_participant(Participant("p2", "Sam", "customer"))
    j.add_participant(Participant("p3", "", "customer", anonymous=True))
    j.add_rating(Rating("p1", "s2", 2, effort=2, success="yes"))
    j.add_rating(Rating("p2", "s2", -2.5, effort=5, success="no", comment="40 minutes on hold"))
    j.add_rating(Rating("p3", "s2", -3, emotion_word="furious"))
    j.add_pain_point(PainPoint("p2", "s2", "Waited forever", severity=3,
                               pillar="time_and_effort", votes=2, key="pp1"))
    return j


@pytest.fixture
def small_journey():
    """A factory: ``small_journey()`` or ``small_journey("it")`` gives a fresh journey."""
    return make_small_journey


def pytest_collection_modifyitems(config, items):
    """Everything under tests/browser is a browser test (the README runs them on their own,
    after the rest, so that their timings are not taken on a machine busy with other tests)."""
    for item in items:
        if "tests/browser/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)
