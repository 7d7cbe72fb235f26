"""What several repositories share: a repository bound to a connection, the compare-and-set
save of a versioned row, the next free key of a journey's stage or step, and "which journey
holds this row"."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from journeymap.domain.errors import NotFound, StaleEdit


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Repository:
    """A repository reads and writes one kind of row inside the unit of work's transaction."""

    def __init__(self, conn: Connection):
        self.conn = conn


def save_versioned(conn: Connection, table, row_id: int, expected_version: int, changes: dict,
                   kind: str, by: str | None = None) -> dict:
    """Compare-and-set on ``version``: refuse a stale save with the newer content.

    ``by``: who saves (stamped in ``updated_by``; None for tables without that column)."""
    values = dict(changes, version=table.c.version + 1, updated_at=now())
    if by is not None:
        values["updated_by"] = by[:120]
    res = conn.execute(update(table).where(table.c.id == row_id,
                                           table.c.version == expected_version).values(**values))
    if res.rowcount == 0:
        current = conn.execute(select(table).where(table.c.id == row_id)).first()
        if current is None:
            raise NotFound(f"this {kind} was deleted by someone else", key=f"error.gone.{kind}",
                           what=kind)
        cur = dict(current._mapping)
        raise StaleEdit(kind, cur, cur.get("updated_by") or None, attempted=changes)
    return dict(conn.execute(select(table).where(table.c.id == row_id)).first()._mapping)


def next_key(conn: Connection, table, journey_id: int, prefix: str) -> str:
    """The first free ``prefix<n>`` key among the journey's rows of ``table``."""
    keys = set(conn.execute(select(table.c.key).where(table.c.journey_id == journey_id))
               .scalars())
    n = len(keys) + 1
    while f"{prefix}{n}" in keys:
        n += 1
    return f"{prefix}{n}"


def journey_of_row(conn: Connection, table, row_id: int, kind: str) -> int:
    """The journey holding row ``row_id`` of ``table`` (NotFound when it is gone)."""
    jid = conn.execute(select(table.c.journey_id).where(table.c.id == row_id)).scalar()
    if jid is None:
        raise NotFound(f"this {kind} no longer exists (someone deleted it)",
                       key=f"error.gone.{kind}", what=kind)
    return jid
