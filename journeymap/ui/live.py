"""Live updates pushed by the server: a screen reruns only when something it shows changed.

One :class:`~journeymap.services.feed.ChangeFeed` per server process reads the change log a
few times a second. Each page says what it shows (``follow(workshop, topics)``) once per run;
parts that change often (board progress, tallies) follow their topics from inside a
``st.fragment`` and are redrawn alone. When the feed sees a change in a followed topic, the
hub asks Streamlit to rerun that session (or only that fragment) — the same request the
browser's own rerun makes, started from the server (``AppSession.request_rerun`` with the
session's last client state: query string, page, widget values; as Streamlit's run-on-save
does). An idle page therefore costs nothing: no timer in the browser, no query per session.

A rerun is only ever started when the session is not running its script: if it is (a tap
being handled), the push waits for it to finish, so a live update never cuts short, nor
replays over, a run that a tap started.

``JOURNEYMAP_LIVE=poll`` switches to the fallback measured against push in
``benchmarks/bench_workshop_load.py``: a ``run_every`` fragment per page comparing the
feed's in-memory version (no database query). Push is the default (see the README).

One piece (past 400 lines): the hub, its retry timers and the tap keeper all guard the same
rule (a push never cuts short, nor replays over, a person's run); split, that rule would be
in three places.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass

import streamlit as st

from journeymap.services.feed import ALL, ChangeFeed
from journeymap.ui.state import get_store

_LOG = logging.getLogger(__name__)

MODE = os.environ.get("JOURNEYMAP_LIVE", "push")
#: the poll fallback's period (the feed itself reads the log every FEED_SECONDS)
POLL_SECONDS = 1.0
FEED_SECONDS = float(os.environ.get("JOURNEYMAP_FEED_SECONDS", "0.25"))
#: how soon a push that met a running script is tried again
RETRY_SECONDS = 0.1
#: at most one live rerun a second per screen (or fragment): a page showing what changes
#: many times a second (everyone's ratings) redraws once a second, not thirty times
MIN_GAP_SECONDS = 1.0
#: how often news for a disconnected session (a phone asleep) is tried again
RECONNECT_SECONDS = 2.0

APP = ""  # the scope of a whole-page subscription (a fragment's scope is its id)

#: How many page runs may execute at once in this process. Python runs one thread at a time
#: (the GIL), and every element a run sends wakes the server's event loop through a socket:
#: with sixty runs at once (a phase change pushed to a whole room) each of those wake-ups
#: waits for the GIL behind all the others, and every screen finishes late together
#: (measured: 160 ms of CPU and 3.5 s of wall time per rate page at 20 at once). Runs beyond
#: this many wait on a lock, costing nothing, and each then finishes in its own short time.
CONCURRENT_RUNS = int(os.environ.get("JOURNEYMAP_CONCURRENT_RUNS", "4"))
_RUN_GATE = threading.BoundedSemaphore(max(1, CONCURRENT_RUNS))


def run_gate():
    """``with live.run_gate(): ...`` around a page run (see :data:`CONCURRENT_RUNS`)."""
    return _RUN_GATE


@dataclass
class Sub:
    workshop_id: int
    topics: frozenset
    seen: int


class Hub:
    """Who follows what, and the push to their sessions. Thread-safe."""

    def __init__(self, feed: ChangeFeed):
        self.feed = feed
        self._subs: dict[str, dict[str, Sub]] = {}
        self._pending: dict[str, set[str]] = {}
        self._forced: set[tuple[str, str]] = set()  # pushed whatever their versions say
        self._lock = threading.Lock()
        # whether a retry (or a wake-up of sleeping phones) is already on its way: set when
        # its timer is armed, cleared by the timer as it fires, before it takes the pending
        # news (not "is the timer's thread alive": see _later)
        self._retry_armed = False
        self._last_push: dict[tuple[str, str], float] = {}
        self._asleep: dict[str, set[str]] = {}  # disconnected sessions with news waiting
        self._slow_armed = False
        self.pushes = 0
        feed.add_listener(self.on_moved)

    # subscriptions -------------------------------------------------------------------------
    def subscribe(self, session_id: str, scope: str, workshop_id: int, topics, seen: int):
        with self._lock:
            subs = self._subs.setdefault(session_id, {})
            if scope == APP:  # a full run: its fragments subscribe again as they run
                subs.clear()
            subs[scope] = Sub(workshop_id, frozenset(topics), seen)

    def forget(self, session_id: str, gone: bool = False) -> None:
        with self._lock:
            self._subs.pop(session_id, None)
            self._pending.pop(session_id, None)
            self._asleep.pop(session_id, None)
            if gone:
                for k in [k for k in self._last_push if k[0] == session_id]:
                    del self._last_push[k]

    def following(self) -> int:
        with self._lock:
            return len(self._subs)

    # the push --------------------------------------------------------------------------------
    def on_moved(self, moved: set[tuple[int, str]]) -> None:
        """Called by the feed's thread with the (workshop, topic) pairs that moved."""
        by_ws: dict[int, set[str]] = {}
        for ws, topic in moved:
            by_ws.setdefault(ws, set()).add(topic)
        database = "database" in by_ws.get(0, ())
        with self._lock:
            for sid, subs in self._subs.items():
                for scope, sub in subs.items():
                    hit = by_ws.get(sub.workshop_id)
                    if database and "database" in sub.topics:
                        # the database went away or came back: every screen shows it
                        self._pending.setdefault(sid, set()).add(scope)
                        self._forced.add((sid, scope))
                    elif hit and hit & sub.topics:
                        self._pending.setdefault(sid, set()).add(scope)
        self._flush()

    def _flush(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, {}
        for sid, scopes in pending.items():
            self._push(sid, scopes)

    def _due(self, sid: str, scopes: set[str]) -> set[str]:
        """The scopes that still have news (a run since may have shown it already)."""
        with self._lock:
            subs = self._subs.get(sid, {})
            due = set()
            for scope in scopes:
                sub = subs.get(scope)
                if sub is None:
                    continue
                if (sid, scope) in self._forced or (
                        self.feed.version(sub.workshop_id, sub.topics) > sub.seen):
                    due.add(scope)
                self._forced.discard((sid, scope))
            return due

    def _push(self, sid: str, scopes: set[str]) -> None:
        session = _session(sid)
        if session is None:
            if _session(sid, active=False) is not None:
                # disconnected for now (a phone asleep): try again until it is back or gone
                self._later(sid, scopes, RECONNECT_SECONDS)
            else:
                self.forget(sid, gone=True)
            return
        loop = getattr(session, "_event_loop", None)
        if loop is None or loop.is_closed():
            self.forget(sid, gone=True)
            return
        loop.call_soon_threadsafe(self._push_on_loop, session, sid, scopes)

    def _push_on_loop(self, session, sid: str, scopes: set[str]) -> None:
        """On the server's event loop, where the browser's own requests are handled too."""
        if getattr(session, "_scriptrunner", None) is not None:
            self._later(sid, scopes)  # a run is on (maybe a tap): never cut it short
            return
        now = time.monotonic()
        with self._lock:
            early = {sc for sc in scopes if now - self._last_push.get((sid, sc), -1e9)
                     < MIN_GAP_SECONDS}
        if early:
            self._later(sid, early)
            scopes = scopes - early
        due = self._due(sid, scopes)
        if not due:
            return
        with self._lock:
            for sc in due:
                self._last_push[(sid, sc)] = now
        try:
            from streamlit.proto.ClientState_pb2 import ClientState

            if APP in due:
                cs = ClientState()
                cs.CopyFrom(session._client_state)
                cs.fragment_id = ""
                cs.is_auto_rerun = False
                session.request_rerun(cs)
            else:
                for fid in sorted(due):
                    cs = ClientState()
                    cs.CopyFrom(session._client_state)
                    cs.fragment_id = fid
                    cs.is_auto_rerun = True
                    session.request_rerun(cs)
            self.pushes += 1
        except Exception:  # noqa: BLE001 - a session closing under us
            _LOG.debug("live push to %s failed", sid, exc_info=True)

    def _later(self, sid: str, scopes: set[str], delay: float = RETRY_SECONDS) -> None:
        """Try the push again after ``delay``.

        A retry is often deferred again from inside the retry itself: the timer's thread
        hands the push to the event loop, and the loop may find the session busy and call
        this before that thread has returned. Asking whether the timer's thread is alive
        then says yes, no new timer is armed, and the update waits for the next change in
        the workshop: a phase change that never reached a phone (see
        tests/live/test_push_retry.py). So a flag says whether a timer is armed, and the
        timer clears it as it fires, before it takes the pending news."""
        with self._lock:
            if delay > RETRY_SECONDS:
                self._asleep.setdefault(sid, set()).update(scopes)
                if not self._slow_armed:
                    self._slow_armed = True
                    _start_timer(delay, self._wake)
                return
            self._pending.setdefault(sid, set()).update(scopes)
            if not self._retry_armed:
                self._retry_armed = True
                _start_timer(RETRY_SECONDS, self._retried)

    def _retried(self) -> None:
        with self._lock:
            self._retry_armed = False  # what is deferred from now on arms a new timer
        self._flush()

    def _wake(self) -> None:
        with self._lock:
            self._slow_armed = False
            asleep, self._asleep = self._asleep, {}
            for sid, scopes in asleep.items():
                self._pending.setdefault(sid, set()).update(scopes)
        self._flush()


def _start_timer(delay: float, fn) -> None:
    t = threading.Timer(delay, fn)
    t.daemon = True
    t.start()


def _session(session_id: str, active: bool = True):
    """Streamlit's AppSession for an id, or None when it is gone (or, with ``active``,
    disconnected)."""
    try:
        from streamlit.runtime import Runtime

        if not Runtime.exists():
            return None
        mgr = Runtime.instance()._session_mgr
        info = (mgr.get_active_session_info(session_id) if active
                else mgr.get_session_info(session_id))
    except Exception:  # noqa: BLE001 - a Streamlit without these internals
        return None
    return None if info is None else info.session


#: how long a tap on a fragment this server does not hold yet waits for the page's run that
#: rebuilds it (a phone that just reconnected)
TAP_WAIT_SECONDS = 15.0


def install_tap_keeper() -> None:
    """Never drop a tap aimed at a fragment this server does not hold yet.

    Streamlit ignores a rerun of a fragment the session does not hold. A session holds none
    when it is new on this server: the phone reconnected after the server restarted, or the
    proxy moved it to another server, and its person tapped an answer while the page was
    being rebuilt. Streamlit would drop that answer silently. Here such a tap waits for the
    run that rebuilds the page (which registers the fragment and its buttons), then goes in
    as the browser sent it, so its callback saves the answer
    (tests/live/test_tap_after_reconnect.py). If the page no longer draws that fragment, the
    tap reruns the whole page (its button is gone; nothing is saved from a button not on
    screen). Installed once, at server start (``ui/server.py``)."""
    from streamlit.runtime.app_session import AppSession

    if getattr(AppSession.request_rerun, "_journeymap_keeps_taps", False):
        return
    original = AppSession.request_rerun

    def request_rerun(self, client_state=None, _since=None):
        fid = client_state.fragment_id if client_state is not None else ""
        if not fid or self.has_fragment(fid):
            return original(self, client_state)
        if client_state.is_auto_rerun:
            return None  # a timer's tick for a fragment gone: nothing a person did
        now = time.monotonic()
        since = now if _since is None else _since
        loop = getattr(self, "_event_loop", None)
        if (getattr(self, "_scriptrunner", None) is not None and loop is not None
                and now - since < TAP_WAIT_SECONDS):
            # the page is being (re)built: try again once that run has registered it
            loop.call_later(RETRY_SECONDS / 2, lambda: request_rerun(self, client_state, since))
            return None
        from streamlit.proto.ClientState_pb2 import ClientState

        whole = ClientState()
        whole.CopyFrom(client_state)
        whole.fragment_id = ""
        return original(self, whole)

    request_rerun._journeymap_keeps_taps = True
    AppSession.request_rerun = request_rerun


_HUB: Hub | None = None
_HUB_LOCK = threading.Lock()


def hub() -> Hub:
    """The process's feed and hub, started on first use and shared by every session (one
    per store: if the store is replaced, as tests do, the old feed stops)."""
    global _HUB
    store = get_store()
    with _HUB_LOCK:
        if _HUB is None or _HUB.feed.store is not store:
            if _HUB is not None:
                _HUB.feed.stop()
            _HUB = Hub(ChangeFeed(store, interval=FEED_SECONDS).start())
        return _HUB


def _ids() -> tuple[str | None, str]:
    """(this session's id, the running fragment's id or APP)."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import (
        ThreadState,
        get_script_run_ctx,
    )

    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return None, APP
    try:
        fid = ThreadState.get().fragment_id or APP
    except RuntimeError:
        fid = APP
    return ctx.session_id, fid


def begin_run() -> None:
    """At the start of every full run (the router): forget what the previous page followed,
    so a page that follows nothing is never rerun for another page's news."""
    sid, scope = _ids()
    if sid is not None and scope == APP and MODE == "push":
        hub().forget(sid)


def _key(workshop_id: int, scope: str) -> str:
    return f"live_seen:{workshop_id}:{scope}"


def follow(workshop_id: int | None, topics=ALL) -> None:
    """This run shows ``topics`` of the workshop: rerun it when one of them changes.

    Called once per run of a page, before its fragments; inside a ``st.fragment`` it makes
    that fragment alone redraw on news of its topics."""
    if workshop_id is None:
        return
    h = hub()
    sid, scope = _ids()
    topics = frozenset(topics) | {"database"}
    seen = max(h.feed.version(workshop_id, topics),
               st.session_state.get(_key(workshop_id, APP), 0))
    st.session_state[_key(workshop_id, scope)] = seen
    if sid is None:
        return
    if MODE == "push":
        h.subscribe(sid, scope, workshop_id, topics, seen)
        return
    # poll mode: one poll per page, over the page's topics and its fragments' ones
    tkey = f"live_topics:{workshop_id}"
    if scope != APP:
        st.session_state[tkey] = st.session_state.get(tkey, frozenset()) | topics
        return
    st.session_state[tkey] = topics
    # this full run reads everything fresh: nothing before now is news to it
    st.session_state[_key(workshop_id, APP)] = max(seen, h.feed.version(workshop_id, ALL))

    @st.fragment(run_every=POLL_SECONDS)
    def _poll():
        followed = st.session_state.get(tkey, topics)
        if h.feed.version(workshop_id, followed) > st.session_state.get(
                _key(workshop_id, APP), 0):
            st.rerun(scope="app")

    _poll()


def follow_database() -> None:
    """Rerun this page when the database answers again (after it went away)."""
    sid, scope = _ids()
    if sid is not None and MODE == "push":
        hub().subscribe(sid, scope, 0, {"database"}, 0)


def mark_seen(workshop_id: int | None) -> None:
    """After this person's own change: what the rerun that follows shows includes it, so
    the change coming back through the feed does not rerun the page once more."""
    if workshop_id is None:
        return
    from journeymap.services import revision

    try:
        rev = revision(get_store(), workshop_id)
    except Exception:  # noqa: BLE001 - the database is away: the feed will tell
        return
    k = _key(workshop_id, APP)
    st.session_state[k] = max(rev, st.session_state.get(k, 0))
