"""Importing a native file's ratings as columns (COPY on PostgreSQL, executemany on SQLite)
stores exactly what the rating-by-rating import stores."""

from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select

from journeymap.analysis import table
from journeymap.interchange import native
from journeymap.services import SYSTEM, import_journey, journey_frames
from journeymap.store import schema as T

ROOT = Path(__file__).resolve().parents[2]
BANK = ROOT / "sample_journeys" / "bank-current-account.json"

TRICKY = {"format": "journeymap/1", "journey": {"title": "T", "language": "it"},
          "stages": [{"id": "a", "name": "A"}],
          "steps": [{"id": "s1", "stage": "a", "title": "Uno"}],
          "participants": [{"id": "c1", "name": "Cy"}, {"id": "c2", "name": "Di"},
                           {"id": "p1", "name": "Pia", "role": "staff"}],
          "ratings": [
              {"participant": "c1", "step": "s1", "emotion": -1.5, "comment": 'a, "quoted"\nline'},
              {"participant": "c2", "step": "s1", "emotion": 2, "effort": 4, "success": "partly",
               "emotion_word": "relieved"},
              {"participant": "p1", "step": "s1", "emotion": 0, "comment": "NULL"}]}


def stored(store, jid):
    with store.read() as uow:
        rows = uow.conn.execute(
            select(T.ratings.c.perspective, T.ratings.c.emotion, T.ratings.c.emotion_word,
                   T.ratings.c.effort, T.ratings.c.success, T.ratings.c.comment,
                   T.participants.c.key, T.steps.c.key, T.ratings.c["round"])
            .join(T.participants, T.participants.c.id == T.ratings.c.participant_id)
            .join(T.steps, T.steps.c.id == T.ratings.c.step_id)
            .where(T.steps.c.journey_id == jid)
            .order_by(T.participants.c.key, T.steps.c.key, T.ratings.c.perspective,
                      T.ratings.c["round"])).all()
    return [tuple(r) for r in rows]


@pytest.mark.parametrize("source", ["bank", "tricky"])
def test_bulk_import_stores_the_same_rows_as_the_object_import(store, source):
    import json

    data = BANK.read_bytes() if source == "bank" else json.dumps(TRICKY).encode()
    _, by_objects = import_journey(store, SYSTEM, native.loads(data))
    journey, ratings = native.loads_columns(data)
    _, by_columns = import_journey(store, SYSTEM, journey, ratings=ratings)
    assert stored(store, by_columns) == stored(store, by_objects)
    assert len(stored(store, by_columns)) == len(ratings)
    a = table(journey_frames(store, SYSTEM, by_columns), "comparison")
    b = table(journey_frames(store, SYSTEM, by_objects), "comparison")
    pd.testing.assert_frame_equal(a, b)


def test_the_tricky_texts_survive_the_copy(store):
    import json

    journey, ratings = native.loads_columns(json.dumps(TRICKY))
    _, jid = import_journey(store, SYSTEM, journey, ratings=ratings)
    rows = {r[6]: r for r in stored(store, jid)}
    assert rows["c1"][5] == 'a, "quoted"\nline' and rows["c1"][3] is None
    assert rows["c2"][2:5] == ("relieved", 4, "partly")
    assert rows["p1"][0] == "assumed" and rows["p1"][5] == "NULL"


def ratings_indexes(store) -> list[tuple]:
    """The ratings table's indexes as PostgreSQL defines them (name, definition)."""
    from sqlalchemy import text

    with store.read() as uow:
        return [tuple(r) for r in uow.conn.execute(text(
            "SELECT indexname, regexp_replace(indexdef, ' ON \\S+ ', ' ON ') FROM pg_indexes "
            "WHERE tablename = 'ratings' AND schemaname = current_schema() "
            "ORDER BY indexname"))]


def test_a_big_load_into_a_small_table_rebuilds_the_indexes_as_they_were(store, monkeypatch):
    """On PostgreSQL a load bigger than the table drops the ratings' secondary indexes for
    the COPY and makes them again; what is stored, and the indexes, are as without."""
    if store.engine.dialect.name != "postgresql":
        pytest.skip("the indexes are set aside on PostgreSQL only")
    from journeymap.store import bulk

    before = ratings_indexes(store)
    assert [name for name, _ in before] == [
        "ix_ratings_participant_id", "pk_ratings", "uq_ratings_one_view"]
    data = BANK.read_bytes()
    monkeypatch.setattr(bulk, "BIG_LOAD", 10)  # the bank sample's 238 ratings count as big
    seen = []
    real = bulk._set_aside_indexes
    monkeypatch.setattr(bulk, "_set_aside_indexes",
                        lambda cur, n: seen.append(real(cur, n)) or seen[-1])
    journey, ratings = native.loads_columns(data)
    _, by_columns = import_journey(store, SYSTEM, journey, ratings=ratings)  # empty table
    assert len(seen[0]) == 2  # the unique constraint and the participant index came back
    assert ratings_indexes(store) == before
    _, again = import_journey(store, SYSTEM, *native.loads_columns(data)[:1],
                              ratings=native.loads_columns(data)[1])
    assert seen[1] == []  # the table now holds as many ratings as the load: kept
    _, by_objects = import_journey(store, SYSTEM, native.loads(data))
    assert stored(store, by_columns) == stored(store, by_objects) == stored(store, again)


def test_a_big_load_that_fails_leaves_the_indexes_and_writes_nothing(store, monkeypatch):
    if store.engine.dialect.name != "postgresql":
        pytest.skip("the indexes are set aside on PostgreSQL only")
    from journeymap.store import bulk

    before = ratings_indexes(store)
    monkeypatch.setattr(bulk, "BIG_LOAD", 10)
    journey, ratings = native.loads_columns(BANK.read_bytes())
    twice = pd.concat([ratings, ratings.iloc[:1]], ignore_index=True)  # one rating twice
    with pytest.raises(Exception):
        import_journey(store, SYSTEM, journey, ratings=twice)
    assert ratings_indexes(store) == before
    with store.read() as uow:
        assert uow.conn.execute(select(T.ratings.c.id)).all() == []
        assert uow.conn.execute(select(T.journeys.c.id)).all() == []
