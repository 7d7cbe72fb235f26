"""A live update that meets a busy screen is tried again until it goes in.

The hub pushes a change to a session only when the session is not running its page (a tap
being handled); otherwise it tries again a moment later from a timer. The retry itself may
find the session busy again, and it learns that on the server's event loop, which can run
the retry before the timer's thread has even returned. That second "try again" must still
arm a timer: when it did not (the timer looked alive), the update waited for the next change
in the workshop — a phase change did not reach a phone until the facilitator's next move,
and a tap refused in that window looked lost (tests/live/test_tap_while_rating_closes.py).

No server here: a stand-in session whose event loop runs a callback at once, in the thread
that schedules it (the interleaving above, made certain), and a feed that says there is news.
"""

from __future__ import annotations

import threading

import pytest

from journeymap.ui import live

WAIT_S = 5.0  # a bound on the wait for the push, not a pause: the push ends the wait


class Feed:
    store = None

    def add_listener(self, fn) -> None:
        self.listener = fn

    def version(self, workshop_id: int, topics) -> int:
        return 1  # newer than anything the session has seen


class Loop:
    """An event loop that runs what it is handed at once, in the caller's thread."""

    def is_closed(self) -> bool:
        return False

    def call_soon_threadsafe(self, fn, *args) -> None:
        fn(*args)


class Session:
    """Busy (a run is on) for its first ``busy`` looks, then idle; records the push."""

    def __init__(self, busy: int):
        self._event_loop = Loop()
        self._busy = busy
        self.looks = 0
        self.pushed = threading.Event()
        from streamlit.proto.ClientState_pb2 import ClientState

        self._client_state = ClientState()

    @property
    def _scriptrunner(self):
        self.looks += 1
        return object() if self.looks <= self._busy else None

    def request_rerun(self, client_state) -> None:
        self.pushed.set()


@pytest.fixture
def hub_with(monkeypatch):
    def make(session, asleep_looks: int = 0):
        looks = {"n": 0}

        def find(sid, active=True):
            if active:
                looks["n"] += 1
                return None if looks["n"] <= asleep_looks else session
            return session  # known to the server, disconnected for now

        monkeypatch.setattr(live, "_session", find)
        monkeypatch.setattr(live, "RECONNECT_SECONDS", 0.2)
        hub = live.Hub(Feed())
        hub.subscribe("phone", live.APP, 7, {"phase"}, seen=0)
        return hub

    return make


@pytest.mark.parametrize("busy", [1, 2, 3])
def test_a_phase_change_reaches_a_screen_that_was_busy_at_each_try(hub_with, busy):
    phone = Session(busy=busy)
    hub = hub_with(phone)
    hub.on_moved({(7, "phase")})
    assert phone.pushed.wait(WAIT_S), (
        f"the update never went in after {phone.looks} looks at a busy screen")
    assert phone.looks == busy + 1


def test_news_for_a_phone_asleep_twice_reaches_it_once_it_is_back(hub_with):
    phone = Session(busy=0)
    hub = hub_with(phone, asleep_looks=2)
    hub.on_moved({(7, "phase")})
    assert phone.pushed.wait(WAIT_S), "the news waited for the next change in the workshop"
