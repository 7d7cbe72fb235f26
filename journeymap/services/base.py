"""What every use case shares: who is acting, the store, permission checks, the change log."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection, Engine

from journeymap.domain import rules
from journeymap.domain.errors import NotFound, PermissionDenied
from journeymap.domain.model import Phase, Role
from journeymap.store import schema as T
from journeymap.store.engine import make_engine
from journeymap.store.migrate import upgrade
from journeymap.store.uow import UnitOfWork


@dataclass(frozen=True)
class Actor:
    """Who is asking. ``system`` is the command line and imports: it may do everything."""

    kind: str  # system | account | participant
    name: str = ""
    account_id: int | None = None
    participant_id: int | None = None
    workshop_id: int | None = None
    role: Role | None = None

    @classmethod
    def system(cls) -> "Actor":
        return cls("system", "journeymap")

    @classmethod
    def account(cls, account_id: int, name: str) -> "Actor":
        return cls("account", name, account_id=account_id, role=Role.FACILITATOR)

    @classmethod
    def participant(cls, participant_id: int, workshop_id: int, role: Role | str,
                    name: str) -> "Actor":
        return cls("participant", name, participant_id=participant_id,
                   workshop_id=workshop_id, role=Role(role))


SYSTEM = Actor.system()


class Store:
    """The database behind the services: an engine and units of work on it.

    >>> store = Store.open("sqlite://")
    >>> with store.read() as uow:
    ...     uow.conn.execute(select(func.count()).select_from(T.workshops)).scalar()
    0
    """

    def __init__(self, engine: Engine):
        self.engine = engine
        self._rating_writer = None
        self._writer_lock = threading.Lock()

    @classmethod
    def open(cls, url: str | None = None, migrate: bool = True) -> "Store":
        engine = make_engine(url)
        if migrate:
            upgrade(engine)
        return cls(engine)

    @property
    def identity(self) -> str:
        """Which database this store reads: its URL without the password (an in-memory
        SQLite database is told apart by its engine). Every cache of what was read keys on
        it: journey ids and revision numbers repeat across databases."""
        url = self.engine.url
        text = url.render_as_string(hide_password=True)
        if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
            return f"{text}#{id(self.engine)}"
        return text

    def write(self) -> UnitOfWork:
        return UnitOfWork(self.engine)

    def read(self) -> UnitOfWork:
        return UnitOfWork(self.engine, readonly=True)

    @property
    def rating_writer(self):
        """The group-commit writer for ratings (started on first use)."""
        if self._rating_writer is None:
            with self._writer_lock:
                if self._rating_writer is None:
                    from .batch import RatingWriter
                    self._rating_writer = RatingWriter(self)
        return self._rating_writer

    def close(self) -> None:
        if self._rating_writer is not None:
            self._rating_writer.stop()
            self._rating_writer = None
        self.engine.dispose()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def record_change(conn: Connection, workshop_id: int, kind: str, actor: Actor) -> None:
    conn.execute(insert(T.changes).values(workshop_id=workshop_id, kind=kind,
                                          actor=actor.name[:120], at=now()))


def revision(store: Store, workshop_id: int) -> int:
    """The workshop's change counter: it moves whenever anything in the workshop changes."""
    with store.read() as uow:
        return _revision(uow.conn, workshop_id)


def _revision(conn: Connection, workshop_id: int) -> int:
    return conn.execute(select(func.coalesce(func.max(T.changes.c.id), 0))
                        .where(T.changes.c.workshop_id == workshop_id)).scalar_one()


def workshop_row(conn: Connection, workshop_id: int):
    row = conn.execute(select(T.workshops).where(T.workshops.c.id == workshop_id)).first()
    if row is None:
        raise NotFound(f"no workshop with id {workshop_id}", key="error.no_workshop",
                       what="workshop", id=workshop_id)
    return row


def authorize(conn: Connection, actor: Actor, workshop_id: int, action: str):
    """Check ``actor`` may do ``action`` in the workshop now; return the workshop row."""
    ws = workshop_row(conn, workshop_id)
    check(actor, ws.id, ws.owner_account_id, ws.phase, action)
    return ws


def check(actor: Actor, workshop_id: int, owner_account_id: int | None, phase: str,
          action: str) -> None:
    """The permission rule itself, on values already read (raises PermissionDenied)."""
    if actor.kind == "system":
        return
    if actor.kind == "account":
        if owner_account_id != actor.account_id:
            raise PermissionDenied("this workshop belongs to another facilitator",
                                   key="error.denied.other_facilitator")
        return
    if actor.workshop_id != workshop_id:
        raise PermissionDenied("you were not invited to this workshop",
                               key="error.denied.not_invited")
    rules.require(actor.role, action, phase)


def can(conn: Connection, actor: Actor, workshop_id: int, action: str) -> bool:
    try:
        authorize(conn, actor, workshop_id, action)
    except PermissionDenied:
        return False
    return True


def phase_of(conn: Connection, workshop_id: int) -> Phase:
    return Phase(workshop_row(conn, workshop_id).phase)
