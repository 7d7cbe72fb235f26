"""What every use case shares: who is acting, the store, permission checks, the change log."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from typing import TYPE_CHECKING

from journeymap.domain import rules
from journeymap.domain.errors import PermissionDenied
from journeymap.domain.model import Phase, Role
from journeymap.store.engine import is_unreachable_error, make_engine, reachable
from journeymap.store.migrate import upgrade
from journeymap.store.repositories import ChangeLog, WorkshopRepository
from journeymap.store.uow import UnitOfWork

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine


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

    @property
    def ruled_role(self) -> Role | None:
        """The role the phase rules restrict: a participant's; None for a facilitator's
        account and the system, whom the rules do not restrict."""
        return self.role if self.kind == "participant" else None

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
    ...     uow.workshops.list(include_archived=True)
    []
    """

    def __init__(self, engine: Engine):
        self.engine = engine
        self._helpers: dict[str, object] = {}
        self._helpers_lock = threading.Lock()

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

    def helper(self, name: str, factory):
        """A long-lived helper of this store, made by ``factory(store)`` on first use and
        stopped (its ``stop()``) when the store closes; e.g. the ratings' group-commit writer
        (:func:`journeymap.services.batch.rating_writer`)."""
        found = self._helpers.get(name)
        if found is None:
            with self._helpers_lock:
                found = self._helpers.get(name)
                if found is None:
                    found = self._helpers[name] = factory(self)
        return found

    def ping(self) -> None:
        """Reach the database once (raises what the driver raises when it cannot)."""
        reachable(self.engine)

    @staticmethod
    def is_outage(e: BaseException) -> bool:
        """Does ``e`` mean the database is not reachable now (rather than a bad request)?"""
        return is_unreachable_error(e)

    def close(self) -> None:
        with self._helpers_lock:
            helpers, self._helpers = list(self._helpers.values()), {}
        for h in helpers:
            h.stop()
        self.engine.dispose()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def record_change(conn: Connection, workshop_id: int, kind: str, actor: Actor) -> None:
    """Log a change of ``kind`` by ``actor`` (``conn``: the unit of work's connection)."""
    ChangeLog(conn).record(workshop_id, kind, actor.name)


def revision(store: Store, workshop_id: int) -> int:
    """The workshop's change counter: it moves whenever anything in the workshop changes."""
    with store.read() as uow:
        return uow.changes.revision(workshop_id)


def revision_in(conn: Connection, workshop_id: int) -> int:
    """:func:`revision` inside a unit of work already open (``conn``: its connection)."""
    return ChangeLog(conn).revision(workshop_id)


def workshop_row(conn: Connection, workshop_id: int):
    return WorkshopRepository(conn).get(workshop_id)


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
