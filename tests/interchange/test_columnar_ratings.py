"""A native file's ratings read as whole columns: the same journey, the same numbers and, for a
refused file, the same problems at the same places as the rating-by-rating path."""

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.analysis import JourneyFrames, table
from journeymap.domain.errors import ImportRefused
from journeymap.interchange import native

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_journeys").glob("*.json"))

HEAD = {"format": "journeymap/1", "journey": {"title": "T", "language": "en"},
        "stages": [{"id": "a", "name": "A"}],
        "steps": [{"id": "s1", "stage": "a", "title": "One"},
                  {"id": "s2", "stage": "a", "title": "Two"}],
        "participants": [{"id": "p1", "name": "Ann", "role": "staff"},
                         {"id": "c1", "name": "Cy", "role": "customer"}]}


def both(doc):
    """(problems or None, frames or None) of the object path and of the columnar one."""
    text = json.dumps(doc)
    out = []
    for load in (lambda: (native.loads(text), None),
                 lambda: native.loads_columns(text)):
        try:
            j, r = load()
        except ImportRefused as e:
            out.append((e.problems, None))
        else:
            out.append((None, JourneyFrames.from_journey(j, ratings=r)))
    return out


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_every_sample_gives_the_same_tables_read_either_way(path):
    data = path.read_bytes()
    by_objects = JourneyFrames.from_journey(native.loads(data))
    j, ratings = native.loads_columns(data)
    by_columns = JourneyFrames.from_journey(j, ratings=ratings)
    for name in ("comparison", "peak-end", "ratings", "distribution", "split"):
        pd.testing.assert_frame_equal(table(by_columns, name), table(by_objects, name))


def test_a_bad_rating_is_named_at_its_place_as_ever():
    ratings = [{"participant": "c1", "step": "s1", "emotion": -1},
               {"participant": "c1", "step": "s2", "emotion": 7},
               {"participant": "zz", "step": "s2", "emotion": 1},
               {"participant": "p1", "step": "s9", "emotion": 1, "mood": "x"},
               {"participant": "c1", "step": "s1", "emotion": 2},
               "not an object"]
    (objects, _), (columns, _) = both({**HEAD, "ratings": ratings})
    assert columns == objects
    assert columns == [
        "ratings[1].emotion: 7 is outside -3..3",
        "ratings[2].participant: no participant 'zz' in this file",
        "ratings[3].mood: unknown field (known: comment, effort, emotion, emotion_word, "
        "participant, perspective, round, step, success)",
        "ratings[3].step: no step 's9' in this journey",
        "ratings[4]: a second lived rating by 'c1' of step 's1' (the first is ratings[0])",
        "ratings[5]: expected an object, got text"]


def test_values_the_object_path_cleans_are_cleaned_the_same_way():
    ratings = [{"participant": "c1", "step": "s1", "emotion": 1, "effort": 3.0,
                "perspective": "lived", "emotion_word": " ", "comment": "  slow  "},
               {"participant": "p1", "step": "s1", "emotion": 2.5, "success": "partly"}]
    (p1, f1), (p2, f2) = both({**HEAD, "ratings": ratings})
    assert p1 is None and p2 is None
    pd.testing.assert_frame_equal(table(f2, "ratings"), table(f1, "ratings"))


value = st.one_of(st.none(), st.booleans(), st.integers(-5, 7), st.floats(-4, 4),
                  st.sampled_from(["c1", "p1", "zz", "s1", "s2", "lived", "assumed", "yes",
                                   "no", "Lived", " happy", "", "x" * 2001]),
                  st.lists(st.integers(), max_size=1))
rating = st.one_of(
    st.dictionaries(st.sampled_from(["participant", "step", "emotion", "effort", "success",
                                     "perspective", "emotion_word", "comment", "other"]),
                    value, max_size=9),
    st.fixed_dictionaries({"participant": st.sampled_from(["c1", "p1"]),
                           "step": st.sampled_from(["s1", "s2"]),
                           "emotion": st.integers(-3, 3)}),
    value)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(rating, max_size=8))
def test_any_ratings_give_the_same_problems_or_the_same_numbers_either_way(ratings):
    (p_obj, f_obj), (p_col, f_col) = both({**HEAD, "ratings": ratings})
    assert p_col == p_obj
    if p_obj is None:
        pd.testing.assert_frame_equal(table(f_col, "ratings"), table(f_obj, "ratings"))
        pd.testing.assert_frame_equal(table(f_col, "comparison"), table(f_obj, "comparison"))
