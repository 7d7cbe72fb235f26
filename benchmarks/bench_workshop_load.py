"""A workshop at the size of a real room, simulated at Streamlit's own websocket protocol.

    python benchmarks/bench_workshop_load.py --participants 60 [--db URL] [--servers URL,URL]

Each participant is a real session of the real server, as a phone's browser makes it: it
opens the invitation link (``?invite=TOKEN``), fills the join form, then opens its personal
link (``?me=TOKEN``) on the rating page and sits there. A facilitator signs in and sits on
the board. No browsers: the client speaks the protobuf messages of the installed
``streamlit.proto`` (``BackMsg.rerun_script`` with the query string, page and widget states;
``ForwardMsg`` ``new_session``/``delta``/``script_finished``/``auto_rerun``), the way
Streamlit's frontend (``WidgetStateManager.ts``, ``App.tsx``) does, including the timers a
``st.fragment(run_every=...)`` asks the browser to keep.

It prints, for the server(s):
- idle CPU (share of one core, from /proc of each server process) and memory (RSS), with
  everybody sitting on their page and nobody acting;
- phase-change reach: from the facilitator's change to each screen showing something new
  (median, p95, max, missing within 45 s) — map → listen, and listen → reveal;
- a rating burst: every customer taps an answer on each step, 1–3 s apart, then Next: taps
  sent vs found in the database afterwards (the last answer of each step), tap-to-saved
  latency (the tap until the run it caused has finished on that screen), and how many times
  other screens were rerun meanwhile without asking.

Without ``--servers`` it starts one server itself (on ``--db``, by default a fresh SQLite
file). With ``--servers`` the servers must all use the database named by ``--db``; their CPU
is read when they run on this machine.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

SERVER = ROOT / "journeymap" / "ui" / "server.py"
REACH_LIMIT_S = 45.0
TOGETHER = False  # --together: every first tap at the same instant

# --- the simulated browser tab ---------------------------------------------------------------


def _texts(el) -> list[str]:
    """The visible words of one element (labels, bodies, options), to compare screens."""
    kind = el.WhichOneof("type")
    if kind is None:
        return []
    inner = getattr(el, kind)
    out = [kind]
    for field in ("body", "label", "text", "value", "help"):
        v = getattr(inner, field, None)
        if isinstance(v, str) and v:
            out.append(v)
    if kind == "button_group":
        out.extend(o.content for o in inner.options)
        out.extend(inner.raw_values)
    if kind == "progress":
        out.append(str(inner.value))
    if kind == "plotly_chart":
        out.append(str(hash(inner.spec)))
    return out


class Session:
    """One browser tab: a websocket to ``/_stcore/stream`` and what the screen shows.

    ``screen`` maps each element's delta path to its ``Element`` after the last finished run;
    ``widgets`` maps widget ids to their element. Widget values the user set stay in
    ``states`` (sent with every rerun, as the frontend does) until the widget leaves the
    screen; a button tap is a ``trigger_value`` sent once."""

    def __init__(self, base_url: str, page: str = "", query: str = "", locale: str = "en-GB",
                 name: str = ""):
        self.base = base_url.rstrip("/")
        self.page_name = page
        self.page_hash = ""
        self.query = query
        self.locale = locale
        self.name = name
        self.screen: dict[tuple, object] = {}
        self._building: dict[tuple, object] = {}
        self._run_full = True
        self._run_started = 0.0
        self.states: dict[str, WidgetState] = {}
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self._auto: dict[str, asyncio.Task] = {}
        self.full_runs = 0
        self.fragment_runs = 0
        self.unasked_full_runs = 0
        self._asked = 0
        self.finished = asyncio.Condition()
        self.finish_count = 0
        self.last_finish_at = 0.0
        self.last_full_started = 0.0
        self.closed = False
        self.ws = None
        self._reader = None
        self.errors: list[str] = []
        self._frag_at: dict[tuple, str] = {}  # delta path -> the fragment that drew it
        self._frag_run: list[str] = []
        self._written: set[tuple] = set()

    # connection -----------------------------------------------------------------------------
    async def open(self) -> None:
        url = self.base.replace("http://", "ws://").replace("https://", "wss://")
        self.ws = await websockets.connect(
            url + "/_stcore/stream", subprotocols=[websockets.Subprotocol("streamlit")],
            max_size=None, open_timeout=60, ping_interval=None, compression=None)
        self._reader = asyncio.create_task(self._read())
        await self.rerun()

    async def close(self) -> None:
        self.closed = True
        for t in self._auto.values():
            t.cancel()
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            self._reader.cancel()

    # sending --------------------------------------------------------------------------------
    async def rerun(self, extra: list[WidgetState] = (), fragment_id: str = "",
                    auto: bool = False) -> None:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.page_script_hash = self.page_hash
        if not self.page_hash:
            cs.page_name = self.page_name
        cs.widget_states.widgets.extend([*self.states.values(), *extra])
        if fragment_id:
            cs.fragment_id = fragment_id
        cs.is_auto_rerun = auto
        cs.context_info.locale = self.locale
        cs.context_info.timezone = "UTC"
        cs.context_info.url = f"{self.base}/{self.page_name}?{self.query}"
        if fragment_id and not auto:
            self._last_fragment_ask = time.monotonic()
        elif not auto:
            self._asked += 1
            self._last_ask = time.monotonic()
        await self.ws.send(msg.SerializeToString())

    async def go(self, page: str, query: str | None = None) -> None:
        """Open another page of the app (as a click in the menu does)."""
        self.page_name = page
        self.page_hash = self.pages.get(page, "")
        if query is not None:
            self.query = query
        await self.rerun()

    async def tap(self, widget_id: str) -> bool:
        """A button tap: its trigger is sent once with the other widgets' values. A button
        drawn by a ``st.fragment`` reruns that fragment alone, as the browser asks (the
        delta that drew it names the fragment). Returns whether it was a fragment's."""
        ws = WidgetState(id=widget_id, trigger_value=True)
        fid = self.fragment_of(widget_id)
        await self.rerun(extra=[ws], fragment_id=fid)
        return bool(fid)

    async def press(self, widget_id: str, timeout: float = 60.0) -> float:
        """Tap, then wait until the run the tap caused has finished and the screen is
        settled (a fragment's own run, or the page's). Returns when it finished
        (``time.monotonic()``), which tap-to-saved measures."""
        asked = time.monotonic()
        if await self.tap(widget_id):
            deadline = asked + timeout
            # the fragment's run, or a whole page's that took the tap in (a server that
            # does not hold the fragment runs the page)
            while not (max(self.last_fragment_finish_at, self.last_full_finish_at) > asked
                       and not self._running):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{self.name}: the tap's run did not finish within "
                                       f"{timeout:.0f} s")
                await asyncio.sleep(0.01)
            return max(self.last_fragment_finish_at, self.last_full_finish_at)
        await self.settle(timeout)
        return self.last_full_finish_at

    async def reconnect(self, base: str | None = None) -> None:
        """The connection drops and the browser connects again (to ``base``, another
        server, if given) with what is on its screen, asking for the page again at once, as
        Streamlit's frontend does; does not wait for that run."""
        if self._reader is not None:
            self._reader.cancel()
        if self.ws is not None:
            await self.ws.close()
        if base:
            self.base = base
        await self.open()

    def fragment_of(self, widget_id: str) -> str:
        """The fragment whose run drew the widget ('' for the page's)."""
        for path, el in self.screen.items():
            kind = el.WhichOneof("type")
            if kind and getattr(getattr(el, kind), "id", "") == widget_id:
                return self._frag_at.get(path, "")
        return ""

    async def choose(self, widget_id: str, option: str) -> None:
        """Pick one option of a pills/segmented control."""
        ws = WidgetState(id=widget_id)
        ws.string_array_value.data.append(option)
        self.states[widget_id] = ws
        await self.rerun()

    async def submit_form(self, form_id: str, values: dict[str, object]) -> None:
        """Fill the form's widgets (by user key) and press its submit button."""
        extra = []
        for key, value in values.items():
            wid = self.widget_id(key)
            ws = WidgetState(id=wid)
            if isinstance(value, bool):
                ws.bool_value = value
            else:
                ws.string_value = str(value)
            extra.append(ws)
        submit = [i for i, el in self.widgets().items()
                  if el.WhichOneof("type") == "button" and el.button.is_form_submitter
                  and el.button.form_id == form_id]
        if not submit:
            raise LookupError(f"{self.name}: no submit button of form {form_id!r} on screen")
        extra.append(WidgetState(id=submit[0], trigger_value=True))
        await self.rerun(extra=extra)

    # reading ----------------------------------------------------------------------------------
    def widgets(self) -> dict[str, object]:
        out = {}
        for el in self.screen.values():
            kind = el.WhichOneof("type")
            if kind is None:
                continue
            wid = getattr(getattr(el, kind), "id", "")
            if isinstance(wid, str) and wid:
                out[wid] = el
        return out

    def screen_widget(self, widget_id: str):
        """The element of a widget on screen, or None."""
        return self.widgets().get(widget_id)

    def widget_id(self, key: str) -> str:
        """The id of the widget whose user key is ``key`` (ids end in ``-KEY``)."""
        for wid in self.widgets():
            if wid.endswith("-" + key):
                return wid
        raise LookupError(f"{self.name}: no widget with key {key!r} on screen "
                          f"({sorted(self.keys())[:20]})")

    def keys(self) -> list[str]:
        """The user keys of the widgets on screen."""
        out = []
        for wid in self.widgets():
            m = re.match(r"^\$\$ID-[0-9a-f]+-(.+)$", wid)
            if m:
                out.append(m.group(1))
        return out

    def text(self) -> str:
        if self._text is None or self._text[0] is not self.screen:
            self._text = (self.screen, "\n".join(
                t for path in sorted(self.screen) for t in _texts(self.screen[path])))
        return self._text[1]

    _text = None

    async def wait_run(self, after: int, timeout: float = 60.0) -> None:
        """Wait until a run finishes after the ``after``-th finish."""
        async with self.finished:
            await asyncio.wait_for(self.finished.wait_for(lambda: self.finish_count > after),
                                   timeout)

    async def settle(self, timeout: float = 60.0, quiet: float = 0.15) -> None:
        """Wait until the screen is up to date: a full run finished (not cut short by
        ``st.rerun()``) after the last request this tab sent, and none is running or started
        for ``quiet`` seconds. Fragment runs do not count."""
        deadline = time.monotonic() + timeout
        while True:
            now = time.monotonic()
            if (not self._full_running and self.last_full_finish_at > self._last_ask
                    and now - self.last_full_finish_at >= quiet):
                return
            if now > deadline:
                raise TimeoutError(f"{self.name}: the screen did not settle within "
                                   f"{timeout:.0f} s")
            await asyncio.sleep(0.03)

    async def settle_fragment(self, timeout: float = 60.0) -> None:
        """Wait until a fragment run asked for by this tab has finished."""
        deadline = time.monotonic() + timeout
        while not (self.last_fragment_finish_at > self._last_fragment_ask
                   and not self._running):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name}: the fragment did not finish within "
                                   f"{timeout:.0f} s")
            await asyncio.sleep(0.01)

    _running = False
    _full_running = False
    last_full_finish_at = 0.0
    last_fragment_finish_at = 0.0
    _last_fragment_ask = 0.0
    _last_ask = 0.0
    last_status = -1
    _run_asked = False

    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                await self._handle(msg)
        except websockets.ConnectionClosed:
            pass
        except asyncio.CancelledError:
            pass
        except Exception as e:  # noqa: BLE001 - reported by the benchmark
            self.errors.append(repr(e))

    async def _handle(self, msg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            frags = list(msg.metadata.run.fragment_ids)
            self._run_full = not frags
            self._running = True
            self._run_started = time.monotonic()
            if self._run_full:
                self._full_running = True
                self.last_full_started = self._run_started
                for t in self._auto.values():
                    t.cancel()
                self._auto.clear()
                self._building = {}
                self._run_asked = self._asked > 0
                if self._asked:
                    self._asked -= 1
                else:
                    self.unasked_full_runs += 1
            else:
                self._building = dict(self.screen)
            self._frag_run = frags
            self._written = set()
        elif kind == "navigation":
            # st.navigation says which page this run shows; the browser sends that page's
            # hash with its next reruns (new_session carries the main script's hash)
            nav = msg.navigation
            for p in nav.app_pages:
                self.pages[p.url_pathname] = p.page_script_hash
            if nav.page_script_hash:
                self.page_hash = nav.page_script_hash
        elif kind == "delta":
            d = msg.delta
            path = tuple(msg.metadata.delta_path)
            self._frag_at[path] = d.fragment_id
            self._written.add(path)
            if d.WhichOneof("type") == "new_element":
                self._building[path] = d.new_element
            elif d.WhichOneof("type") == "add_block":
                # a block replaces whatever was below its path
                for p in [p for p in self._building if p[:len(path)] == path and p != path]:
                    del self._building[p]
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            fid, every = msg.auto_rerun.fragment_id, msg.auto_rerun.interval
            old = self._auto.pop(fid, None)
            if old:
                old.cancel()
            self._auto[fid] = asyncio.create_task(self._tick(fid, every))
        elif kind == "stop_auto_rerun":
            for fid in msg.stop_auto_rerun.fragment_ids:
                t = self._auto.pop(fid, None)
                if t:
                    t.cancel()
        elif kind == "script_finished":
            status = msg.script_finished
            if (status == ForwardMsg.FINISHED_EARLY_FOR_RERUN and self._run_full
                    and self._run_asked and self._asked == 0):
                self._asked += 1  # st.rerun() at the end of a run we asked for: same request
            if status == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                # what the fragment drew last time and not this time is gone (the browser
                # clears a fragment's stale elements the same way)
                for p in [p for p in self._building if p not in self._written
                          and self._frag_at.get(p) in self._frag_run]:
                    del self._building[p]
                self.last_fragment_finish_at = time.monotonic()
            if status in (ForwardMsg.FINISHED_SUCCESSFULLY,
                          ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                self.screen = self._building
                self._building = dict(self.screen)
                if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                    self.full_runs += 1
                    self._full_running = False
                    self.last_full_finish_at = time.monotonic()
                    alive = set(self.widgets())
                    for wid in [w for w in self.states if w not in alive]:
                        del self.states[wid]
                else:
                    self.fragment_runs += 1
            self._running = False
            self.last_status = status
            async with self.finished:
                self.finish_count += 1
                self.last_finish_at = time.monotonic()
                self.finished.notify_all()
        elif kind == "session_event" and msg.session_event.HasField(
                "script_compilation_exception"):
            self.errors.append(str(msg.session_event))

    async def _tick(self, fragment_id: str, every: float) -> None:
        """The browser's ``setInterval`` for a ``run_every`` fragment."""
        try:
            while not self.closed:
                await asyncio.sleep(every)
                await self.rerun(fragment_id=fragment_id, auto=True)
        except (asyncio.CancelledError, websockets.ConnectionClosed):
            pass


# --- the server(s) -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db_url: str, port: int, home: Path, log: Path) -> subprocess.Popen:
    """``streamlit run journeymap/ui/server.py`` on ``db_url``; returns once it answers."""
    env = dict(os.environ, JOURNEYMAP_DATABASE_URL=db_url, JOURNEYMAP_HOME=str(home),
               PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(SERVER), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
         "--client.toolbarMode", "minimal"],
        env=env, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
        stderr=open(log, "wb"))
    wait_healthy(f"http://127.0.0.1:{port}", proc, log)
    return proc


def wait_healthy(url: str, proc: subprocess.Popen | None = None, log: Path | None = None,
                 timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError("the server stopped: " + (log.read_text() if log else ""))
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


def stop_server(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def pid_listening(url: str) -> int | None:
    """The local process listening on the URL's port (from ``ss``), if any."""
    port = url.rstrip("/").rsplit(":", 1)[-1]
    try:
        out = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True,
                             text=True, timeout=5).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r"pid=(\d+)", out)
    return int(m.group(1)) if m else None


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


# --- the workshop --------------------------------------------------------------------------------


@dataclasses.dataclass
class Workshop:
    store: object
    facilitator: object
    username: str
    password: str
    workshop_id: int
    journey_id: int
    invite: str
    steps: list[int]


def make_workshop(db_url: str, n_steps: int = 6, language: str = "en") -> Workshop:
    """A workshop with one journey of ``n_steps`` customer steps and a customer invitation,
    made through the services as a facilitator would."""
    from journeymap.domain.model import Journey, Stage, Step
    from journeymap.services import Store, create_account, create_workshop, import_journey
    from journeymap.services import invitations as inv
    from journeymap.services import journey_steps

    store = Store.open(db_url)
    username, password = "bench-" + uuid.uuid4().hex[:8], "load bench password"
    fac = create_account(store, username, password, "Bench Facilitator")
    ws = create_workshop(store, fac, "Load bench workshop", language=language)
    j = Journey(title="Fix my broadband", persona="Sam", goal="Back online", language=language)
    j.add_stage(Stage("s", "Get help"))
    for i in range(n_steps):
        j.add_step(Step(key=f"k{i}", stage="s", title=f"Step {i + 1}", lane="customer",
                        channel="web"))
    _, jid = import_journey(store, fac, j, workshop_id=ws)
    _, token = inv.create_invitation(store, fac, ws, "customer")
    steps = [s["id"] for s in journey_steps(store, fac, jid)]
    return Workshop(store, fac, username, password, ws, jid, token, steps)


def saved_emotions(store, workshop_id: int) -> dict[tuple[str, int], float]:
    """(participant name, step id) -> the lived emotion in the database."""
    from sqlalchemy import select

    from journeymap.store import schema as T

    with store.read() as uow:
        rows = uow.conn.execute(
            select(T.participants.c.name, T.ratings.c.step_id, T.ratings.c.emotion)
            .join(T.participants, T.participants.c.id == T.ratings.c.participant_id)
            .where(T.participants.c.workshop_id == workshop_id,
                   T.ratings.c.perspective == "lived")).all()
    return {(r.name, r.step_id): r.emotion for r in rows}


# --- people ---------------------------------------------------------------------------------------


@dataclasses.dataclass
class TapSpec:
    """How to give an answer on the rating page, by the widgets' user keys.

    ``key`` is a regular expression over user keys with a named group ``step`` (the step id)
    and, for one button per answer, a group ``value`` (the emotion); without ``value`` the key
    names a pills control whose options are the emotions in order from ``first``."""

    key: str = r"rate_emotion:(?P<step>\d+):(?P<value>-?\d+)"
    first: int = -3
    next_key: str = "rate_next"

    def choices(self, s: Session) -> list[tuple[str, int, int, str | None]]:
        """(widget id, step id, value, option label or None) of every answer on screen."""
        out = []
        rx = re.compile(self.key)
        for wid, el in s.widgets().items():
            m = re.match(r"^\$\$ID-[0-9a-f]+-(.+)$", wid)
            if not m:
                continue
            km = rx.fullmatch(m.group(1))
            if not km:
                continue
            step = int(km.group("step"))
            if "value" in km.groupdict():
                out.append((wid, step, int(km.group("value")), None))
            elif el.WhichOneof("type") == "button_group":
                for i, o in enumerate(el.button_group.options):
                    # on the wire an option is its whole label, icon included
                    label = f"{o.content_icon} {o.content}" if o.content_icon else o.content
                    out.append((wid, step, self.first + i, label))
        return out


async def join(base: str, token: str, name: str, page: str = "rate",
               timeout: float = 60.0, locale: str = "en-GB") -> Session:
    """Open the invitation, fill the join form, then open the personal link on ``page``
    (from a browser whose language is ``locale``)."""
    s = Session(base, page="", query=f"invite={token}", name=name, locale=locale)
    try:
        await s.open()
        await s.settle(timeout)
    except BaseException:
        await s.close()
        raise
    await s.submit_form("join", {"join_name": name, "join_consent": True})
    deadline = time.monotonic() + 60
    while "me=" not in s.query:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{name}: joining never gave a personal link ({s.text()[:300]})")
        await s.wait_run(s.finish_count, timeout=60)
    me = re.search(r"me=([^&]+)", s.query).group(1)
    await s.close()
    p = Session(base, page=page, query=f"me={me}", name=name, locale=locale)
    try:
        await p.open()
        await p.settle(timeout)
    except BaseException:
        await p.close()
        raise
    return p


async def open_personal(base: str, w: Workshop, name: str, page: str = "rate",
                        timeout: float = 60.0, locale: str = "en-GB") -> Session:
    """Join through the invitation by the service (as the join form does), then open the
    personal link: for a server too busy to serve sixty join forms in reasonable time."""
    from journeymap.services import invitations as inv

    loop = asyncio.get_running_loop()
    _, me = await loop.run_in_executor(
        None, lambda: inv.join(w.store, w.invite, name=name, consent=True))
    p = Session(base, page=page, query=f"me={me}", name=name, locale=locale)
    try:
        await p.open()
        await p.settle(timeout)
    except BaseException:
        await p.close()
        raise
    return p


async def facilitator(base: str, w: Workshop, page: str = "board",
                      timeout: float = 60.0) -> Session:
    s = Session(base, page="", name="facilitator")
    await s.open()
    await s.settle(timeout)
    await s.submit_form("signin", {"signin_username": w.username,
                                   "signin_password": w.password})
    await s.settle(timeout)
    await s.go(page)
    await s.settle(timeout)
    return s


async def measure_reach(sessions: list[Session], change, limit: float = REACH_LIMIT_S):
    """Make ``change()`` and time until each screen shows something new."""
    before = [s.text() for s in sessions]
    t0 = time.monotonic()
    await asyncio.get_running_loop().run_in_executor(None, change)
    reached: list[float | None] = [None] * len(sessions)
    while time.monotonic() - t0 < limit and any(r is None for r in reached):
        for i, s in enumerate(sessions):
            if reached[i] is None and s.text() != before[i]:
                reached[i] = max(0.0, s.last_finish_at - t0)
        await asyncio.sleep(0.05)
    return [r for r in reached if r is not None], sum(r is None for r in reached)


async def rate_all(s: Session, spec: TapSpec, rng: random.Random, gap=(1.0, 3.0),
                   steps: int = 0):
    """Answer each step with a random face, then Next, waiting 1–3 s between taps.
    Returns (taps sent, {step: last value}, [tap-to-saved seconds], stuck)."""
    last: dict[int, int] = {}
    latencies = []
    try:
        await _rate_all(s, spec, rng, gap, steps, last, latencies)
    except (TimeoutError, asyncio.TimeoutError):
        return len(latencies) + 1, last, latencies, True
    return len(latencies), last, latencies, False


async def _rate_all(s, spec, rng, gap, steps, last, latencies) -> None:
    seen_steps: set[int] = set()
    # the first tap too comes 1-3 s after the step is on screen (a person reads it first),
    # not at the same millisecond for sixty people (``--together``: the worst case, all at
    # once)
    if not TOGETHER:
        await asyncio.sleep(rng.uniform(*gap))
    while True:
        choices = spec.choices(s)
        if not choices:
            if os.environ.get("BENCH_DEBUG"):
                print(s.name, "no answer on screen:", s.keys(), s.text()[-400:])
            break
        step = choices[0][1]
        if step in seen_steps:
            break
        seen_steps.add(step)
        wid, step, value, option = rng.choice(choices)
        n = s.finish_count
        t = time.monotonic()
        if option is None:
            done_at = await s.press(wid)
        else:
            n = s.finish_count
            await s.choose(wid, option)
            await s.wait_run(n, timeout=60)
            await s.settle()
            done_at = s.last_full_finish_at
        last[step] = value
        latencies.append(done_at - t)
        await asyncio.sleep(rng.uniform(*gap))
        if steps and len(seen_steps) >= steps:
            break
        try:
            nxt = s.widget_id(spec.next_key)
        except LookupError:
            break
        await s.press(nxt)
        await asyncio.sleep(rng.uniform(*gap) / 3)


def pct(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q / 100 * (len(xs) - 1))))]


def summary(xs: list[float]) -> str:
    if not xs:
        return "none"
    return (f"median {statistics.median(xs):.2f} s, p95 {pct(xs, 95):.2f} s, "
            f"max {max(xs):.2f} s")


# --- the run ------------------------------------------------------------------------------------


async def run(args) -> dict:
    from journeymap.domain.model import Phase
    from journeymap.services import set_phase

    tmp = Path(tempfile.mkdtemp(prefix="jm-load-"))
    db = args.db or f"sqlite:///{tmp / 'load.sqlite'}"
    w = make_workshop(db, args.steps)
    procs, servers = [], []
    if args.servers:
        servers = [u.strip().rstrip("/") for u in args.servers.split(",") if u.strip()]
        for u in servers:
            wait_healthy(u)
    else:
        port = free_port()
        procs.append(start_server(db, port, tmp, tmp / "server.log"))
        servers = [f"http://127.0.0.1:{port}"]
    pids = [p.pid for p in procs] or [pid for pid in map(pid_listening, servers) if pid]
    result: dict = {"participants": args.participants, "servers": servers}
    people: list[Session] = []
    fac = None
    try:
        t0 = time.monotonic()
        sem = asyncio.Semaphore(args.join_concurrency)

        async def one(i):
            how = open_personal if args.quick_join else join
            async with sem:
                return await how(servers[i % len(servers)],
                                 w if args.quick_join else w.invite, f"Customer {i + 1:03d}",
                                 timeout=args.timeout)

        joined = await asyncio.gather(*(one(i) for i in range(args.participants)),
                                      return_exceptions=True)
        people = [p for p in joined if isinstance(p, Session)]
        failed = [p for p in joined if not isinstance(p, Session)]
        try:
            fac = await facilitator(servers[0], w, timeout=args.timeout)
        except (TimeoutError, asyncio.TimeoutError) as e:
            print(f"the facilitator's board never settled ({e}); going on without it",
                  flush=True)
            fac = Session(servers[0], name="facilitator (absent)")
        result["join_s"] = time.monotonic() - t0
        result["join_failed"] = len(failed)
        print(f"{len(people)} of {args.participants} participants joined and the facilitator "
              f"signed in in {result['join_s']:.1f} s"
              + (f"; {len(failed)} could not join ({failed[0]})" if failed else ""),
              flush=True)

        # idle --------------------------------------------------------------------------
        await asyncio.sleep(args.settle)
        c0 = {p: cpu_seconds(p) for p in pids}
        t_idle = time.monotonic()
        await asyncio.sleep(args.idle)
        dt = time.monotonic() - t_idle
        cpu = sum(cpu_seconds(p) - c0[p] for p in pids) / dt
        rss = sum(rss_mb(p) for p in pids)
        result.update(idle_cpu=cpu, rss_mb=rss)
        print(f"idle: server CPU {cpu * 100:.0f} % of one core (over {dt:.0f} s, "
              f"{len(pids)} process(es)), memory {rss:.0f} MB", flush=True)

        # phase change: map -> listen -----------------------------------------------------
        def to(phase):
            return lambda: set_phase(w.store, w.facilitator, w.workshop_id, phase)

        reach, missing = await measure_reach(people, to(Phase.LISTEN))
        result["reach_listen"] = (reach, missing)
        print(f"  (this benchmark's own CPU so far: {time.process_time():.1f} s)", flush=True)
        print(f"map -> listen reached screens: {summary(reach)}; missing within "
              f"{REACH_LIMIT_S:.0f} s: {missing} of {len(people)}", flush=True)
        await asyncio.gather(*(p.settle() for p in people), return_exceptions=True)

        # rating burst ------------------------------------------------------------------
        spec = TapSpec(args.tap_key, args.tap_first, args.next_key)
        unasked0 = [p.unasked_full_runs for p in people] + [fac.unasked_full_runs]
        fac_frag0 = fac.fragment_runs
        c0 = {p: cpu_seconds(p) for p in pids}
        t_burst = time.monotonic()
        rngs = [random.Random(args.seed * 1000 + i) for i in range(len(people))]
        outs = await asyncio.gather(*(rate_all(p, spec, rngs[i], gap=args.gap,
                                               steps=args.rate_steps)
                                      for i, p in enumerate(people)))
        stuck = sum(1 for o in outs if o[3])
        if stuck:
            print(f"{stuck} screens stopped answering during the burst", flush=True)
        burst_s = time.monotonic() - t_burst
        burst_cpu = sum(cpu_seconds(p) - c0[p] for p in pids) / burst_s
        sent = sum(o[0] for o in outs)
        lat = [x for o in outs for x in o[2]]
        saved = saved_emotions(w.store, w.workshop_id)
        expected = {(p.name, step): v for p, o in zip(people, outs) for step, v in o[1].items()}
        kept = sum(1 for k, v in expected.items() if k in saved and round(saved[k]) == v)
        unasked = [p.unasked_full_runs for p in people] + [fac.unasked_full_runs]
        others = sum(b - a for a, b in zip(unasked0, unasked))
        result.update(taps_sent=sent, answers_expected=len(expected), answers_kept=kept,
                      tap_latency=lat, unasked_reruns=others, burst_cpu=burst_cpu)
        print(f"rating burst ({burst_s:.0f} s, server CPU {burst_cpu * 100:.0f} %): taps sent "
              f"{sent}; answers expected {len(expected)}, found in the database {kept}, "
              f"lost {len(expected) - kept}", flush=True)
        print(f"tap to saved on screen: {summary(lat)}", flush=True)
        runs = sent + sum(max(0, len(o[1]) - 1) for o in outs)  # answers and Nexts
        if runs:
            # load-independent: what one tap costs the server, whatever else the machine does
            print(f"server CPU per tap (answers and Next, {runs} taps): "
                  f"{burst_cpu * burst_s / runs * 1000:.0f} ms", flush=True)
        print(f"full reruns nobody on that screen asked for, during the burst: {others} "
              f"({len(people) + 1} screens); the board's fragment runs: "
              f"{fac.fragment_runs - fac_frag0}", flush=True)

        # phase change: listen -> reveal ----------------------------------------------------
        reach, missing = await measure_reach(people, to(Phase.REVEAL))
        result["reach_reveal"] = (reach, missing)
        print(f"listen -> reveal reached screens: {summary(reach)}; missing within "
              f"{REACH_LIMIT_S:.0f} s: {missing} of {len(people)}", flush=True)
        rss_end = sum(rss_mb(p) for p in pids)
        result["rss_end_mb"] = rss_end
        print(f"memory after the burst and the reveal: {rss_end:.0f} MB", flush=True)
        errs = [e for s in [*people, fac] for e in s.errors]
        if errs:
            print(f"client errors: {len(errs)}, first: {errs[0]}", flush=True)
        result["errors"] = errs
        return result
    finally:
        for s in [*people, *([fac] if fac else [])]:
            try:
                await s.close()
            except Exception:  # noqa: BLE001 - already gone
                pass
        for p in procs:
            stop_server(p)
        w.store.close()


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--participants", type=int, default=60)
    ap.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    ap.add_argument("--servers", help="comma-separated base URLs of running servers on --db")
    ap.add_argument("--steps", type=int, default=6, help="customer steps in the journey")
    ap.add_argument("--rate-steps", type=int, default=0,
                    help="steps each customer answers (default: all)")
    ap.add_argument("--idle", type=float, default=20.0, help="seconds of idle measurement")
    ap.add_argument("--settle", type=float, default=3.0, help="seconds before measuring")
    ap.add_argument("--join-concurrency", type=int, default=6)
    ap.add_argument("--tap-key", default=TapSpec.key,
                    help="regex over widget keys for an answer (groups: step, value)")
    ap.add_argument("--tap-first", type=int, default=TapSpec.first)
    ap.add_argument("--next-key", default=TapSpec.next_key)
    ap.add_argument("--gap", type=lambda v: tuple(float(x) for x in v.split(",")),
                    default=(1.0, 3.0), help="seconds between a person's taps: MIN,MAX")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--together", action="store_true",
                    help="every customer's first tap at the same instant (the worst case)")
    ap.add_argument("--quick-join", action="store_true",
                    help="join by the service and open only the personal link (for a "
                         "server too busy to serve the join form to everyone)")
    ap.add_argument("--timeout", type=float, default=90.0,
                    help="seconds a screen may take to show a page while joining")
    args = ap.parse_args(argv)
    if args.servers and not args.db:
        ap.error("--servers needs --db: the database the servers use")
    return args


def main(argv=None) -> int:
    global TOGETHER
    args = parse_args(argv)
    TOGETHER = args.together
    asyncio.run(run(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
