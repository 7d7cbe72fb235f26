"""Fixtures for the live tests: the load benchmark's simulated browser (``bench``), app
servers started on a database (``servers``), a workshop made through the services, and
Debian's Chromium through Playwright (``browser``)."""

from __future__ import annotations

import importlib.util
import os
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "tests" / "browser") not in sys.path:  # the one settle wait (waits.py)
    sys.path.insert(0, str(ROOT / "tests" / "browser"))

from waits import settle  # noqa: E402

CHROMIUM = os.environ.get("JOURNEYMAP_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        "--disable-dev-shm-usage"]
PG_URL = os.environ.get("JOURNEYMAP_TEST_POSTGRES_URL")


@pytest.fixture(scope="session")
def bench():
    """benchmarks/bench_workshop_load.py as a module (its Session is the simulated browser)."""
    path = ROOT / "benchmarks" / "bench_workshop_load.py"
    spec = importlib.util.spec_from_file_location("bench_workshop_load", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_workshop_load"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture
def servers(bench, tmp_path):
    """``start(db_url, n=1)`` -> base URLs of ``n`` app servers on the database; their
    processes are in ``servers.procs`` (stopped after the test)."""
    procs = []

    def start(db_url: str, n: int = 1) -> list[str]:
        from concurrent.futures import ThreadPoolExecutor

        ports = [bench.free_port() for _ in range(n)]

        def one(i):
            return bench.start_server(db_url, ports[i], tmp_path,
                                      tmp_path / f"server{len(procs) + i}.log")

        with ThreadPoolExecutor(n) as ex:
            started = list(ex.map(one, range(n)))
        procs.extend(started)
        return [f"http://127.0.0.1:{p}" for p in ports]

    start.procs = procs
    yield start
    for p in procs:
        bench.stop_server(p)


@pytest.fixture
def pg_url():
    """A PostgreSQL URL whose search path is a fresh schema (dropped afterwards)."""
    if not PG_URL:
        pytest.skip("set JOURNEYMAP_TEST_POSTGRES_URL to run the PostgreSQL tests")
    schema = "jm_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as c:
        c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("JOURNEYMAP_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
        pytest.skip("Chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def key_class(key: str) -> str:
    """The CSS class Streamlit gives a keyed element (``st-key-`` and the key, with every
    character other than letters, digits, ``_`` and ``-`` made ``-``)."""
    import re

    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key)


@pytest.fixture
def live_helpers():
    from types import SimpleNamespace

    return SimpleNamespace(settle=settle, key_class=key_class)
