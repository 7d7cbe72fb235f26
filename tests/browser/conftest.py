"""Real-browser fixtures: the app served by Streamlit, driven by Playwright in Debian's Chromium.

- ``app``: a running server on a free port over a fresh SQLite file, with a facilitator
  account (``FACILITATOR`` / ``PASSWORD``); ``app.url``, ``app.store`` (services on the same
  database), ``app.account`` (the facilitator's Actor).
- ``browser``: one Chromium per test session; ``context_factory(width)`` opens a new
  browser context (a new person) at a given viewport width; ``sign_in(page)`` signs the
  facilitator in.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from journeymap.services import Store, create_account

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:  # the browser and live tests import the shared waits.py by name
    sys.path.insert(0, HERE)

from waits import COUNT_MESSAGES, server_messages, settle, wait_for_server_run  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "journeymap" / "ui" / "server.py"
CHROMIUM = os.environ.get("JOURNEYMAP_CHROMIUM", "/usr/bin/chromium")
FACILITATOR, PASSWORD = "facilitator", "correct horse battery"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        "--disable-dev-shm-usage"]
SHOTS = ROOT / "screenshots"


def _need_browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("JOURNEYMAP_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
        pytest.skip("Chromium not installed (apt-get install chromium)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class App:
    url: str
    db_url: str
    store: Store
    account: object
    proc: subprocess.Popen


def start_app(tmp: Path) -> App:
    db_url = f"sqlite:///{tmp / 'browser.sqlite'}"
    store = Store.open(db_url)
    account = create_account(store, FACILITATOR, PASSWORD, "Fran Facilitator")
    port = _free_port()
    env = dict(os.environ, JOURNEYMAP_DATABASE_URL=db_url, JOURNEYMAP_HOME=str(tmp))
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(APP), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal", "--server.fileWatcherType", "none",
         "--theme.base", "light"],
        env=env, cwd=ROOT, start_new_session=True,
        stdout=subprocess.PIPE, stderr=open(tmp / "server.log", "wb"), text=True)
    url = f"http://127.0.0.1:{port}"
    # Streamlit prints its address once it listens: read its output up to that line (a
    # blocking read, no polling), then keep draining it so the server never blocks on it
    for line in proc.stdout:
        if url in line:
            break
    else:
        raise RuntimeError("the app did not start: " + (tmp / "server.log").read_text())
    threading.Thread(target=proc.stdout.read, daemon=True).start()
    if urllib.request.urlopen(url + "/_stcore/health", timeout=30).status != 200:
        os.killpg(proc.pid, signal.SIGTERM)
        raise RuntimeError("the app is not healthy: " + (tmp / "server.log").read_text())
    return App(url, db_url, store, account, proc)


def stop_app(app: App) -> None:
    try:
        os.killpg(app.proc.pid, signal.SIGTERM)
        app.proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(app.proc.pid, signal.SIGKILL)
    app.store.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    _need_browser()
    a = start_app(tmp_path_factory.mktemp("app"))
    yield a
    stop_app(a)


@pytest.fixture
def fresh_app(tmp_path):
    """An app of its own for one test (a long scenario that a rerun must start afresh)."""
    _need_browser()
    a = start_app(tmp_path)
    yield a
    stop_app(a)


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module (closed after it, so that a module driving Playwright
    its own way — the async API, several servers — finds no other Playwright running)."""
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def context_factory(browser):
    made = []

    def make(width: int = 1440, height: int = 1000, locale: str = "en-GB"):
        ctx = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
        ctx.set_default_timeout(15000)
        ctx.add_init_script(COUNT_MESSAGES)  # so a test can wait for a run the server made
        made.append(ctx)
        return ctx

    yield make
    for c in made:
        c.close()


def wait_for_app(page) -> None:
    """Wait until Streamlit has settled (see waits.py): after a tap, first wait for what the
    tap should show, then call this."""
    settle(page)


def sign_in(page, app: App) -> None:
    page.goto(app.url)
    page.get_by_role("textbox", name="Username", exact=True).fill(FACILITATOR)
    page.get_by_role("textbox", name="Password", exact=True).fill(PASSWORD)
    # signing in also hands the session cookie to the server (so a reload keeps it)
    with page.expect_response(lambda r: r.url.endswith("/auth/cookie")):
        page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as Fran Facilitator").first.wait_for()
    wait_for_app(page)


def go(page, link: str) -> None:
    """Tap ``link`` in the menu (a page of the app) and wait until the server has run that
    page and it has settled: waiting only for "settled" could return before the run starts,
    and the test would then tap the old page while the new one is being drawn."""
    before = server_messages(page)
    page.get_by_role("link", name=link, exact=True).first.click()
    wait_for_server_run(page, before)


def shot(page, name: str) -> Path:
    """Save a screenshot under screenshots/ (to look at; not compared)."""
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


@pytest.fixture
def browser_helpers():
    """The helpers above for test modules (``--import-mode=importlib`` cannot import them):
    ``browser_helpers.sign_in(page, app)``, ``.go(page, link)``, ``.wait_for_app(page)``,
    ``.shot(page, name)``."""
    from types import SimpleNamespace

    return SimpleNamespace(sign_in=sign_in, go=go, wait_for_app=wait_for_app, settle=wait_for_app,
                           shot=shot, chromium=CHROMIUM, chromium_args=ARGS)
