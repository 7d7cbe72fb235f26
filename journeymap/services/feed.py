"""The change feed: one reader of the change log per server process, telling what moved in
which workshop, by topic.

Every write records a row in ``changes`` (see :func:`base.record_change`). Instead of each open
page asking the database every second whether its workshop changed, one thread per process
reads the new rows a few times a second (one indexed query, whatever the number of open
pages) and keeps, in memory, the latest change id of each (workshop, topic). Pages compare
against that in memory, and listeners (the UI's push to sessions) are told what moved.

Servers that share one database each run their own feed over the same log, so a change made
through any server reaches the people on every server.

>>> topics_of("phase.listen"), sorted(topics_of("rating"))
(frozenset({'phase'}), ['progress', 'ratings'])
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable

from .base import Store

_LOG = logging.getLogger(__name__)

#: what a screen may follow; a change kind moves one or more of them
TOPICS = ("phase", "map", "ratings", "votes", "replies", "proposals", "progress", "people",
          "actions", "workshop")
ALL = frozenset(TOPICS)

#: change kind (or its prefix before the first dot) -> topics it moves
_KINDS: dict[str, frozenset[str]] = {
    "phase": frozenset({"phase"}),
    "workshop": frozenset({"workshop"}),
    "journey": frozenset({"map"}),
    "stage": frozenset({"map"}),
    "step": frozenset({"map", "progress"}),
    "transition": frozenset({"map"}),
    "rating": frozenset({"ratings", "progress"}),
    "skip": frozenset({"ratings", "progress"}),
    "pain_point": frozenset({"ratings", "votes", "progress"}),
    "highlight": frozenset({"ratings"}),
    "vote": frozenset({"votes"}),
    "unvote": frozenset({"votes"}),
    "reply": frozenset({"replies"}),
    "proposal.add": frozenset({"proposals"}),
    "proposal.decline": frozenset({"proposals"}),
    "proposal.accept": frozenset({"proposals", "map", "progress"}),
    "participant": frozenset({"people", "progress"}),
    "invitation": frozenset({"people"}),
    "opportunity": frozenset({"actions"}),
}


def topics_of(kind: str) -> frozenset[str]:
    """The topics a change of ``kind`` moves (every topic for a kind not known here, so a
    new kind of change is never missed by a screen)."""
    if kind in _KINDS:
        return _KINDS[kind]
    return _KINDS.get(kind.split(".", 1)[0], ALL)


Listener = Callable[[set[tuple[int, str]]], None]


class ChangeFeed:
    """Reads the change log from where it stood when started; :meth:`version` answers from
    memory. ``interval`` is the pause between reads; ``healthy`` is False while the database
    cannot be read (and :attr:`down_since` says since when).

    On PostgreSQL, ids are handed out before commit, so a change may become visible after a
    higher id: each read looks back over the last ``window`` ids and skips those already seen.
    """

    def __init__(self, store: Store, interval: float = 0.25, window: int | None = None):
        self.store = store
        self.interval = interval
        # SQLite commits one writer at a time, in id order: nothing to look back for
        self.window = window if window is not None else (0 if store.dialect == "sqlite"
                                                         else 500)
        self._versions: dict[tuple[int, str], int] = {}
        self._last = self._max_id()
        self._seen: set[int] = self._ids_since(self._last - self.window) if self.window else set()
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.healthy = True
        self.down_since: float | None = None
        self.reads = 0

    def _max_id(self) -> int:
        with self.store.read() as uow:
            return uow.changes.latest_id()

    def _ids_since(self, low: int) -> set[int]:
        with self.store.read() as uow:
            return uow.changes.ids_after(low)

    # reading ---------------------------------------------------------------------------------
    def version(self, workshop_id: int | None, topics: Iterable[str] = ALL) -> int:
        """The latest change id among ``topics`` of the workshop that this feed has seen
        (0 when none since the feed started)."""
        if workshop_id is None:
            return 0
        v = self._versions
        return max((v.get((workshop_id, t), 0) for t in topics), default=0)

    def add_listener(self, fn: Listener) -> None:
        with self._lock:
            self._listeners.append(fn)

    def poll(self) -> set[tuple[int, str]]:
        """Read the new changes once; returns the (workshop, topic) pairs that moved."""
        low = max(0, self._last - self.window)
        with self.store.read() as uow:
            rows = uow.changes.after(low)
        self.reads += 1
        moved: set[tuple[int, str]] = set()
        for cid, ws, kind in rows:
            if cid in self._seen:
                continue
            self._seen.add(cid)
            for topic in topics_of(kind):
                key = (ws, topic)
                if cid > self._versions.get(key, 0):
                    self._versions[key] = cid
                moved.add(key)
            self._last = max(self._last, cid)
        floor = self._last - self.window
        if len(self._seen) > 2 * self.window + 100:
            self._seen = {i for i in self._seen if i > floor}
        return moved

    # the reader thread -------------------------------------------------------------------------
    def start(self) -> "ChangeFeed":
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="journeymap-feed",
                                            daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                moved = self.poll()
            except Exception as e:  # noqa: BLE001 - the database is away; try again
                if self.healthy:
                    _LOG.warning("change feed: cannot read the change log (%s)", e)
                    self.healthy, self.down_since = False, time.monotonic()
                    self._notify({(0, "database")})
                self._stop.wait(max(self.interval, 1.0))
                continue
            if not self.healthy:
                _LOG.warning("change feed: the change log can be read again")
                self.healthy, self.down_since = True, None
                moved = moved | {(0, "database")}
            if moved:
                self._notify(moved)
            self._stop.wait(self.interval)

    def _notify(self, moved: set[tuple[int, str]]) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for fn in listeners:
            try:
                fn(moved)
            except Exception:  # noqa: BLE001 - one listener must not stop the feed
                _LOG.exception("change feed listener failed")
