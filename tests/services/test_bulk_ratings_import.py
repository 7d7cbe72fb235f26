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

