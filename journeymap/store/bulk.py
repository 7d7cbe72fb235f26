"""Bulk writing of ratings held as columns (a million of them in seconds).

:func:`write_ratings` takes the ratings DataFrame of
:func:`journeymap.interchange.native.loads_columns` (Categorical ``participant``/``step``
columns, floats for emotion, effort and success) and the database ids of the journey's steps
and people, and writes them inside the caller's transaction:

* PostgreSQL: ``COPY ratings (...) FROM STDIN`` through psycopg, fed with CSV that pyarrow
  writes a chunk at a time, rows in the unique index's order, and for a big load into a
  small table the secondary indexes rebuilt once after the COPY;
* SQLite (and anything else): the driver's ``executemany`` with plain tuples, a chunk at a
  time — no SQLAlchemy statement per row.
"""

from __future__ import annotations

import io
from itertools import repeat

import numpy as np
import pandas as pd
from sqlalchemy.engine import Connection

CHUNK = 100_000
COLUMNS = ("step_id", "participant_id", "perspective", "emotion", "emotion_word", "effort",
           "success", "comment", "round", "created_at", "updated_at")
_SUCCESS_WORD = {1.0: "yes", 0.5: "partly", 0.0: "no"}


def _ts(conn: Connection, at):
    """The timestamp as the dialect stores it (SQLAlchemy's own bind processing)."""
    from . import schema as T

    proc = T.ratings.c.created_at.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    return proc(at) if proc else at


def rating_rows(ratings: pd.DataFrame, step_ids: dict[str, int], person_ids: dict[str, int]
                ) -> dict[str, list]:
    """The columns of the ``ratings`` table (timestamps aside), each a Python list with
    ``None`` for nothing."""
    sid = np.array([step_ids[k] for k in ratings["step"].cat.categories], dtype=np.int64)
    pid = np.array([person_ids[k] for k in ratings["participant"].cat.categories],
                   dtype=np.int64)
    effort = ratings["effort"].to_numpy(float)
    success = ratings["success"].to_numpy(float)
    success_word = np.full(len(ratings), None, dtype=object)
    for score, word in _SUCCESS_WORD.items():
        success_word[success == score] = word
    effort_obj = np.full(len(ratings), None, dtype=object)
    given = ~np.isnan(effort)
    effort_obj[given] = effort[given].astype(np.int64).tolist()
    return {
        "step_id": sid[ratings["step"].cat.codes.to_numpy()].tolist(),
        "participant_id": pid[ratings["participant"].cat.codes.to_numpy()].tolist(),
        "perspective": ratings["perspective"].astype(str).tolist(),
        "emotion": ratings["emotion"].to_numpy(float).tolist(),
        "emotion_word": ratings["emotion_word"].astype(str).tolist(),
        "effort": effort_obj.tolist(),
        "success": success_word.tolist(),
        "comment": ratings["comment"].astype(str).tolist(),
        "round": _rounds(ratings).tolist()}


def _rounds(ratings: pd.DataFrame) -> np.ndarray:
    if "round" in ratings:
        return ratings["round"].to_numpy(np.int64)
    return np.ones(len(ratings), dtype=np.int64)


def write_ratings(conn: Connection, ratings: pd.DataFrame, step_ids: dict[str, int],
                  person_ids: dict[str, int], at) -> int:
    """Write every rating inside the caller's transaction; returns how many."""
    n = len(ratings)
    if not n:
        return 0
    if conn.dialect.name == "postgresql":
        _copy(conn, ratings, step_ids, person_ids, at)
    else:
        cols = rating_rows(ratings, step_ids, person_ids)
        stamp = _ts(conn, at)
        rows = zip(*(cols[c] for c in COLUMNS[:-2]), repeat(stamp, n), repeat(stamp, n))
        raw = conn.connection.driver_connection
        cur = raw.cursor()
        try:
            cur.executemany(f"INSERT INTO ratings ({', '.join(COLUMNS)}) VALUES "
                            f"({', '.join('?' for _ in COLUMNS)})", rows)
        finally:
            cur.close()
    return n


def _arrow_table(ratings: pd.DataFrame, step_ids, person_ids, stamp: str):
    """The rows as a pyarrow table in :data:`COLUMNS` order (nulls where nothing was given)."""
    import pyarrow as pa

    sid = np.array([step_ids[k] for k in ratings["step"].cat.categories], dtype=np.int64)
    pid = np.array([person_ids[k] for k in ratings["participant"].cat.categories],
                   dtype=np.int64)
    effort = ratings["effort"].to_numpy(float)
    success = ratings["success"].to_numpy(float)
    words = np.array(["yes", "partly", "no"], dtype=object)
    code = np.where(success == 1.0, 0, np.where(success == 0.5, 1, 2))
    n = len(ratings)
    persp = ratings["perspective"]
    return pa.table({
        "step_id": sid[ratings["step"].cat.codes.to_numpy()],
        "participant_id": pid[ratings["participant"].cat.codes.to_numpy()],
        "perspective": pa.DictionaryArray.from_arrays(
            persp.cat.codes.to_numpy(), list(persp.cat.categories)).cast(pa.string()),
        "emotion": ratings["emotion"].to_numpy(float),
        "emotion_word": pa.array(ratings["emotion_word"].astype(str).to_numpy(dtype=object),
                                 pa.string()),
        "effort": pa.array(np.nan_to_num(effort).astype(np.int64), mask=np.isnan(effort)),
        "success": pa.DictionaryArray.from_arrays(
            pa.array(code, mask=np.isnan(success)), pa.array(words, pa.string())
        ).cast(pa.string()),
        "comment": pa.array(ratings["comment"].astype(str).to_numpy(dtype=object), pa.string()),
        "round": _rounds(ratings),
        "created_at": pa.array(np.full(n, stamp, dtype=object), pa.string()),
        "updated_at": pa.array(np.full(n, stamp, dtype=object), pa.string())})


def _copy(conn: Connection, ratings: pd.DataFrame, step_ids, person_ids, at) -> None:
    """COPY in CSV written by pyarrow (nulls unquoted and empty, texts always quoted, so an
    empty comment stays an empty text), a chunk at a time.

    The rows go in the order of the unique index (step, then participant): the journey's
    steps are new, so their ids are the highest and every index entry lands at the right
    edge of the index, in order (PostgreSQL's fast path for rising keys) instead of all
    over it. A big load into a table that holds fewer ratings than it brings rebuilds the
    secondary indexes once after the COPY instead of maintaining them row by row (see
    :func:`_set_aside_indexes`)."""
    import pyarrow.csv as pacsv

    order = np.lexsort((ratings["participant"].cat.codes.to_numpy(),
                        ratings["step"].cat.codes.to_numpy()))
    if (np.diff(order) != 1).any():
        ratings = ratings.iloc[order]
    raw = conn.connection.driver_connection  # psycopg's own connection, same transaction
    sql = f"COPY ratings ({', '.join(COLUMNS)}) FROM STDIN (FORMAT csv)"
    stamp = at.isoformat()
    options = pacsv.WriteOptions(include_header=False)
    with raw.cursor() as cur:
        skipped = _skip_reference_checks(cur)
        rebuild = _set_aside_indexes(cur, len(ratings))
        with cur.copy(sql) as copy:
            for start in range(0, len(ratings), CHUNK):
                buf = io.BytesIO()
                pacsv.write_csv(_arrow_table(ratings.iloc[start:start + CHUNK], step_ids,
                                             person_ids, stamp), buf, options)
                copy.write(buf.getbuffer())
        for statement in rebuild:
            cur.execute(statement)
        if skipped:
            cur.execute("SET LOCAL session_replication_role = origin")


#: a load of at least this many ratings may rebuild the indexes instead of maintaining them
BIG_LOAD = 100_000


def _set_aside_indexes(cur, n: int) -> list[str]:
    """For a big load (``n`` ≥ :data:`BIG_LOAD`) into a table holding fewer than ``n``
    ratings, drop the ratings table's secondary indexes (the unique constraint included) and
    return the statements that make them again, as they were. Building an index once from
    sorted rows costs a fraction of a million single inserts (measured: the COPY of a million
    ratings took half the time without them).

    All of it happens in the caller's transaction: if anything fails, the indexes were never
    gone; the unique constraint is checked in full when it is made again. While the
    transaction runs it holds the ratings table locked (DROP INDEX), which is why this is
    done only when the table holds fewer ratings than the load: a fresh database, or one
    made for the import, not a server in the middle of a workshop."""
    if n < BIG_LOAD:
        return []
    cur.execute("SELECT count(*) FROM (SELECT 1 FROM ratings LIMIT %s) AS held", (n,))
    if cur.fetchone()[0] >= n:
        return []
    cur.execute(
        "SELECT ci.relname, pg_get_indexdef(i.indexrelid), con.conname, "
        "pg_get_constraintdef(con.oid) FROM pg_index i "
        "JOIN pg_class ci ON ci.oid = i.indexrelid "
        "LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid "
        "AND con.conrelid = i.indrelid "
        "WHERE i.indrelid = 'ratings'::regclass AND NOT i.indisprimary ORDER BY ci.relname")
    again = []
    for index, index_def, constraint, constraint_def in cur.fetchall():
        if constraint:
            cur.execute(f'ALTER TABLE ratings DROP CONSTRAINT "{constraint}"')
            again.append(f'ALTER TABLE ratings ADD CONSTRAINT "{constraint}" {constraint_def}')
        else:
            cur.execute(f'DROP INDEX "{index}"')
            again.append(index_def)
    return again


def _skip_reference_checks(cur) -> bool:
    """Skip the per-row foreign-key triggers of the COPY where the role may (a superuser, or
    one granted SET on ``session_replication_role``): they are 70% of its time, and every
    step and participant id written here was inserted by this same transaction a moment ago,
    so the references hold by construction. Only for this COPY: the setting is put back
    after it, and it is ``LOCAL`` to the transaction anyway."""
    import psycopg

    cur.execute("SAVEPOINT jm_bulk_ratings")
    try:
        cur.execute("SET LOCAL session_replication_role = replica")
    except psycopg.errors.InsufficientPrivilege:
        cur.execute("ROLLBACK TO SAVEPOINT jm_bulk_ratings")
        return False
    cur.execute("RELEASE SAVEPOINT jm_bulk_ratings")
    return True
