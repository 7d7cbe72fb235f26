"""Segments and rounds go through the database: imported, then read back for the Insight
page with the same numbers as from the file (SQLite and PostgreSQL)."""

import json
import sys
from pathlib import Path

import pandas as pd

from journeymap.analysis import JourneyFrames, by_segment, rounds
from journeymap.interchange import native
from journeymap.services import SYSTEM, import_journey, journey_frames

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analysis"))
from test_segments_and_rounds import doc, round2  # noqa: E402


def test_segments_and_rounds_read_back_from_the_database_give_the_files_numbers(store):
    text = json.dumps(doc(round2("s1", [2, 3, 2, 3]) + round2("s2", [0, 1, 0, 1])))
    from_file = JourneyFrames.from_journey(native.loads(text))
    _, by_objects = import_journey(store, SYSTEM, native.loads(text))
    journey, ratings = native.loads_columns(text)
    _, by_columns = import_journey(store, SYSTEM, journey, ratings=ratings)
    for jid in (by_objects, by_columns):
        f = journey_frames(store, SYSTEM, jid)
        pd.testing.assert_frame_equal(rounds(f), rounds(from_file))
        pd.testing.assert_frame_equal(by_segment(f, "tenure"), by_segment(from_file, "tenure"))
