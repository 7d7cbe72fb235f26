"""The unit of work: one database transaction around one use case.

>>> from journeymap.store.engine import make_engine
>>> from journeymap.store.migrate import upgrade
>>> engine = make_engine("sqlite://"); upgrade(engine)
>>> with UnitOfWork(engine) as uow:
...     _ = uow.conn.exec_driver_sql("select 1").scalar()
...     uow.commit()

Leaving the block without :meth:`commit` rolls everything back: a use case that fails half way
writes nothing.

The repositories hang on the unit of work (``uow.workshops``, ``uow.steps``, …): each reads and
writes its kind of row inside this one transaction, and holds every SQL statement for it.
"""

from __future__ import annotations

from sqlalchemy import Connection
from sqlalchemy.engine import Engine

from .engine import write_lock
from .repositories import REPOSITORIES


class UnitOfWork:
    def __init__(self, engine: Engine, readonly: bool = False):
        self.engine = engine
        self.readonly = readonly
        self.conn: Connection | None = None
        self._lock = None
        self._tx = None
        self.committed = False
        self._repositories: dict[str, object] = {}

    def __getattr__(self, name: str):
        # only called for names not found otherwise: the repositories, made on first use
        cls = REPOSITORIES.get(name)
        if cls is None or name.startswith("_"):
            raise AttributeError(name)
        if self.conn is None:
            raise RuntimeError(f"uow.{name} is only there inside `with uow:`")
        repo = self._repositories.get(name)
        if repo is None:
            repo = self._repositories[name] = cls(self.conn)
        return repo

    def __enter__(self) -> "UnitOfWork":
        if not self.readonly:
            self._lock = write_lock(self.engine)
            if self._lock is not None:
                self._lock.acquire()
        try:
            conn = self.engine.connect()
            if self.readonly:
                conn = conn.execution_options(journeymap_readonly=True)
            self.conn = conn
            self._tx = conn.begin()
        except BaseException:
            self._release()
            raise
        return self

    def commit(self) -> None:
        if self.readonly:
            raise RuntimeError("a read-only unit of work cannot commit")
        self._tx.commit()
        self.committed = True

    def __exit__(self, *exc) -> None:
        try:
            if self._tx is not None and self._tx.is_active:
                self._tx.rollback()
            if self.conn is not None:
                self.conn.close()
        finally:
            self._release()

    def _release(self):
        if self._lock is not None:
            self._lock.release()
            self._lock = None
