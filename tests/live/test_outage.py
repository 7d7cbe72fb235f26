"""Faults a workshop meets: the database unreachable for 10 s, and the server killed during a
burst of ratings. Participants are the load benchmark's simulated browsers (Streamlit's own
websocket protocol), in Italian.

- Database away: every participant's screen says, calmly and in Italian, that it is
  reconnecting (the idle one too, without touching anything); the answer tapped meanwhile
  waits in the session and is saved once the database is back — the screen then shows it
  saved and the database holds it.
- Server killed (``kill -9``) while customers rate, then started again: every answer a
  screen had shown as saved is in the database.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import threading
import time

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from journeymap.services import set_phase
from journeymap.store import schema as T

RECONNECTING = "Riconnessione al workshop in corso"
SAVED = "Salvato"


class Cable:
    """A TCP relay between the app server and PostgreSQL that can be unplugged: while
    unplugged it refuses new connections and has cut the open ones, as a network gone away
    does."""

    def __init__(self, target_host: str, target_port: int):
        self.target = (target_host, target_port)
        self.port = 0
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self.plug()

    def plug(self) -> None:
        srv = socket.socket()
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind(("127.0.0.1", self.port))
        self.port = srv.getsockname()[1]
        srv.listen(64)
        self._listener = srv
        threading.Thread(target=self._accept, args=(srv,), daemon=True).start()

    def unplug(self) -> None:
        srv, self._listener = self._listener, None
        if srv is not None:
            try:
                srv.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread (Linux)
            except OSError:
                pass
            srv.close()
        with self._lock:
            conns, self._conns = self._conns, []
        for c in conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            c.close()

    def _accept(self, srv: socket.socket) -> None:
        while True:
            try:
                client, _ = srv.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.close()
                except OSError:
                    pass


def lived(store, name: str) -> dict[int, float]:
    with store.read() as uow:
        return {r.step_id: r.emotion for r in uow.conn.execute(
            select(T.ratings.c.step_id, T.ratings.c.emotion)
            .join(T.participants, T.participants.c.id == T.ratings.c.participant_id)
            .where(T.participants.c.name == name))}


async def until(check, seconds: float, what: str) -> float:
    """Wait (without touching anything) until ``check()``; returns the seconds it took."""
    t0 = time.monotonic()
    while not check():
        assert time.monotonic() - t0 < seconds, \
            f"never happened within {seconds:.0f} s: {what() if callable(what) else what}"
        await asyncio.sleep(0.05)
    return time.monotonic() - t0


def test_a_database_away_for_ten_seconds_shows_reconnecting_and_then_saves_the_answer(
        bench, servers, pg_url):
    w = bench.make_workshop(pg_url, n_steps=2, language="it")
    set_phase(w.store, w.facilitator, w.workshop_id, "listen")
    u = make_url(pg_url.replace("postgresql://", "postgresql+psycopg://", 1))
    cable = Cable(u.host or "127.0.0.1", u.port or 5432)
    (url,) = servers(pg_url.replace(f"{u.host}:{u.port or 5432}", f"127.0.0.1:{cable.port}"))
    step = w.steps[0]

    async def scenario():
        ada = await bench.join(url, w.invite, "Ada", locale="it-IT")
        ugo = await bench.join(url, w.invite, "Ugo", locale="it-IT")
        try:
            cable.unplug()
            t_down = time.monotonic()
            await ada.tap(ada.widget_id(f"rate_emotion:{step}:2"))
            await until(lambda: RECONNECTING in ada.text(), 15,
                        lambda: f"Ada sees reconnecting (she sees: {ada.text()[-600:]!r})")
            assert "la tua risposta a “Step 1”" in ada.text().replace("\\", "")
            await until(lambda: RECONNECTING in ugo.text(), 15,
                        "Ugo, idle, sees reconnecting")
            assert lived(w.store, "Ada") == {}
            await asyncio.sleep(max(0.0, 10 - (time.monotonic() - t_down)))  # the outage
            cable.plug()
            back = await until(lambda: SAVED in ada.text() and RECONNECTING not in ada.text(),
                               30, "Ada's answer saved once the database is back")
            await until(lambda: RECONNECTING not in ugo.text(), 30, "Ugo's screen back")
            print(f"after the database came back, Ada's answer showed saved in {back:.1f} s")
            assert ada.widget_id(f"rate_emotion:{step}:2")
            assert ada.errors == [] and ugo.errors == []
        finally:
            await ada.close()
            await ugo.close()

    try:
        asyncio.run(scenario())
    finally:
        cable.unplug()
    assert lived(w.store, "Ada") == {step: 2}
    assert lived(w.store, "Ugo") == {}
    w.store.close()


def test_a_server_killed_during_a_burst_of_ratings_loses_no_answer_it_showed_as_saved(
        bench, servers, tmp_path):
    db = f"sqlite:///{tmp_path / 'burst.sqlite'}"
    w = bench.make_workshop(db, n_steps=8, language="it")
    set_phase(w.store, w.facilitator, w.workshop_id, "listen")
    (url,) = servers(db)
    proc = servers.procs[0]
    names = [f"Cliente {i}" for i in range(4)]
    confirmed: dict[str, dict[int, int]] = {n: {} for n in names}

    async def rate(s, rng):
        """Tap a face on each step, Next, ...; note each answer the screen shows saved."""
        while True:
            choices = [c for c in bench.TapSpec().choices(s)]
            if not choices:
                return
            wid, step, value, _ = rng.choice(choices)
            await s.press(wid, timeout=30)
            chosen = s.screen_widget(wid)
            if SAVED in s.text() and chosen is not None and chosen.button.type == "primary":
                confirmed[s.name][step] = value
            await s.press(s.widget_id("rate_next"), timeout=30)
            await asyncio.sleep(rng.uniform(0.05, 0.3))

    async def scenario():
        people = [await bench.open_personal(url, w, n, locale="it-IT") for n in names]
        rngs = [random.Random(i) for i in range(len(people))]
        tasks = [asyncio.create_task(rate(p, r)) for p, r in zip(people, rngs)]
        await until(lambda: sum(map(len, confirmed.values())) >= 6, 60, "answers saved")
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        await asyncio.gather(*tasks, return_exceptions=True)
        for p in people:
            await p.close()

    asyncio.run(scenario())
    assert sum(map(len, confirmed.values())) >= 6
    # started again on the same database: everything the screens confirmed is there
    servers.procs.remove(proc)
    (url2,) = servers(db)
    for n in names:
        kept = lived(w.store, n)
        assert {s: round(kept.get(s, 99)) for s in confirmed[n]} == confirmed[n], n
    w.store.close()
