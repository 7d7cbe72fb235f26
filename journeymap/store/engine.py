"""Engines from a database URL: embedded SQLite by default, PostgreSQL when a URL names one.

SQLite is set up for many writers at once: WAL, a 30 s busy timeout, and ``BEGIN IMMEDIATE``
for every write transaction so a read-then-write can never lose an update (with Python's
defaults, 8 processes doing read-then-write lost most of their updates; with these, none —
tests/services/test_concurrent_writers.py).
Within one process, write transactions also queue on a lock, first come first served, which
keeps latency flat under a burst of writers (SQLite's own busy handler backs off in sleeps of
up to 100 ms). Read-only units of work use a plain deferred ``BEGIN`` and never wait on writers.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine
from sqlalchemy.engine.url import make_url

ENV_VAR = "JOURNEYMAP_DATABASE_URL"


def default_sqlite_path() -> Path:
    """``$JOURNEYMAP_HOME/journeymap.sqlite``, by default ``~/.journeymap/journeymap.sqlite``."""
    home = Path(os.environ.get("JOURNEYMAP_HOME", Path.home() / ".journeymap"))
    return home / "journeymap.sqlite"


def database_url(url: str | None = None) -> str:
    """The URL to use: the one given, else ``$JOURNEYMAP_DATABASE_URL``, else the SQLite file."""
    url = url or os.environ.get(ENV_VAR)
    if url:
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
        elif url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url[len("postgres://"):]
        return url
    path = default_sqlite_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def make_engine(url: str | None = None) -> Engine:
    url = database_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, in_memory=parsed.database in (None, "", ":memory:"))
    return create_engine(url, pool_size=10, max_overflow=30, pool_pre_ping=True,
                         pool_timeout=60)


def _sqlite_engine(url: str, in_memory: bool) -> Engine:
    if in_memory:
        from sqlalchemy.pool import StaticPool

        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                               poolclass=StaticPool)
    else:
        db = make_url(url).database
        if db:
            Path(db).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                               pool_size=20, max_overflow=120, pool_timeout=60)
    engine.info_write_lock = threading.RLock() if in_memory else threading.Lock()  # type: ignore[attr-defined]

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        if not in_memory:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if conn.get_execution_options().get("journeymap_readonly"):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def write_lock(engine: Engine):
    """The in-process queue for SQLite writers (None for other databases)."""
    return getattr(engine, "info_write_lock", None)


def reachable(engine: Engine) -> None:
    """Run ``SELECT 1``; raises whatever the driver raises when the database is not there."""
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))


def is_unreachable_error(e: BaseException) -> bool:
    """An error that means "the database is not reachable now" (not a bad request)."""
    if isinstance(e, (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError)):
        return True
    if isinstance(e, sa_exc.DBAPIError) and e.connection_invalidated:
        return True
    import psycopg  # a requirement (the PostgreSQL driver); imported here, where it is used

    return isinstance(e, (psycopg.OperationalError, psycopg.InterfaceError))


def is_reference_error(e: BaseException) -> bool:
    """A write refused because a row it refers to is gone (a foreign key, a unique key)."""
    return isinstance(e, sa_exc.IntegrityError)
