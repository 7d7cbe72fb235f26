import pytest
from sqlalchemy import func, select

from journeymap.domain.errors import ImportRefused
from journeymap.interchange import native
from journeymap.services import (
    SYSTEM,
    find_journey,
    import_journey,
    list_journeys,
    list_workshops,
    load_journey,
)
from journeymap.store import schema as T


def count(store, table):
    with store.read() as uow:
        return uow.conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_an_imported_journey_exports_to_the_identical_file(store, small_journey):
    text = native.dumps(small_journey())
    _, jid = import_journey(store, SYSTEM, native.loads(text))
    assert native.dumps(load_journey(store, SYSTEM, jid)) == text


def test_importing_creates_one_row_per_step_rating_and_pain_point(store, small_journey):
    import_journey(store, SYSTEM, small_journey())
    assert (count(store, T.steps), count(store, T.ratings), count(store, T.pain_points)) == (5, 3, 1)


def test_a_journey_is_found_by_id_by_title_and_by_a_unique_part_of_its_title(store, small_journey):
    _, jid = import_journey(store, SYSTEM, small_journey())
    assert find_journey(store, SYSTEM, str(jid)) == jid
    assert find_journey(store, SYSTEM, "fix my broadband") == jid
    assert find_journey(store, SYSTEM, "broadband") == jid


def test_two_journeys_with_the_same_title_must_be_named_by_id(store, small_journey):
    import_journey(store, SYSTEM, small_journey())
    import_journey(store, SYSTEM, small_journey())
    with pytest.raises(Exception, match="matches 2 journeys"):
        find_journey(store, SYSTEM, "broadband")


def test_a_refused_file_writes_nothing(store, small_journey):
    doc = native.to_document(small_journey())
    doc["ratings"][1]["emotion"] = 7
    with pytest.raises(ImportRefused):
        import_journey(store, SYSTEM, native.from_document(doc))
    assert list_workshops(store, SYSTEM) == [] and count(store, T.steps) == 0


def test_a_failure_half_way_through_an_import_rolls_everything_back(store, small_journey):
    j = small_journey()
    j.ratings[0].step = "missing"  # slips past the domain on purpose: the write fails
    with pytest.raises(KeyError):
        import_journey(store, SYSTEM, j)
    assert (count(store, T.workshops), count(store, T.journeys), count(store, T.ratings)) == (0, 0, 0)


def test_importing_into_an_existing_workshop_keeps_both_peoples_ids_apart(store, small_journey):
    ws, _ = import_journey(store, SYSTEM, small_journey())
    _, second = import_journey(store, SYSTEM, small_journey(), workshop_id=ws)
    assert len(list_journeys(store, SYSTEM, ws)) == 2
    keys = [p.key for p in load_journey(store, SYSTEM, second).participants]
    assert len(keys) == len(set(keys)) == 6


def test_votes_from_a_file_survive_the_round_trip(store, small_journey):
    _, jid = import_journey(store, SYSTEM, small_journey())
    assert [p.votes for p in load_journey(store, SYSTEM, jid).pain_points] == [2]
