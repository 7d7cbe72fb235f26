"""A journey's rows as columns (the Insight frames' source), checked against the small
journey of tests/conftest.py as it was written: its stages, steps, transitions, people and
ratings, and the input added here. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import select

from journeymap.services import SYSTEM, import_journey
from journeymap.store import schema as T
from journeymap.store.repositories.journey_columns import frame


def _records(df, *columns) -> list[tuple]:
    """The frame's rows as tuples, a missing value (NaN in a column of numbers) as None."""
    assert list(df.columns) == list(columns)
    return [tuple(None if pd.isna(v) else v for v in r) for r in df.itertuples(index=False)]


def test_the_map_comes_in_the_order_it_was_drawn(room):
    with room.store.read() as uow:
        cols = uow.journey_columns
        assert tuple(cols.title_and_language(room.jid)) == ("Fix my broadband", "en")
        stages = cols.stages(room.jid)
        steps = cols.steps(room.jid)
        transitions = cols.transitions(room.jid)
    assert [(r.key, r.name) for r in stages] == [
        ("discover", "Notice"), ("help", "Get help"), ("fix", "Fixed")]
    stage_of = {r.id: r.key for r in stages}
    assert [(r.id, r.key, r.title, stage_of[r.stage_id], r.lane, r.channel,
             bool(r.moment_of_truth)) for r in steps] == [
        (room.step["s1"], "s1", "Connection drops", "discover", "customer", "web", False),
        (room.step["s2"], "s2", "Call support", "help", "customer", "phone", False),
        (room.step["s3"], "s3", "Agent runs a line test", "help", "frontstage", "phone", False),
        (room.step["s4"], "s4", "Ticket routed to field team", "help", "backstage", "", False),
        (room.step["s5"], "s5", "Technician visit", "fix", "support", "store", False)]
    s = room.step
    assert _records(transitions, "source_id", "target_id", "label") == [
        (s["s1"], s["s2"], ""), (s["s2"], s["s3"], ""), (s["s3"], s["s2"], "line test fails"),
        (s["s3"], s["s4"], "fault confirmed"), (s["s4"], s["s5"], "")]


def test_the_people_of_the_workshop_come_oldest_first_with_their_role_and_anonymity(room):
    with room.store.read() as uow:
        people = uow.journey_columns.participants(room.ws)
    assert [(i, k, n, r, bool(a)) for i, k, n, r, a in _records(
        people, "id", "key", "name", "role", "anonymous")] == [
        (room.person["p1"], "p1", "Giulia", "staff", False),
        (room.person["p2"], "p2", "Sam", "customer", False),
        (room.person["p3"], "p3", "", "customer", True)]


def test_every_rating_of_every_round_comes_as_one_row_of_columns(room):
    with room.store.write() as uow:
        uow.rounds.record(room.jid, 2, dt.date(2026, 3, 1))
        uow.inputs.upsert_ratings([dict(
            step_id=room.step["s1"], participant_id=room.person["p2"], perspective="lived",
            emotion=1.0, emotion_word="", effort=None, success=None, comment="", round=2,
            created_at=dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc),
            updated_at=dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc))])
        uow.commit()
    with room.store.read() as uow:
        ratings = uow.journey_columns.ratings(room.jid)
    s2, p = room.step["s2"], room.person
    assert _records(ratings, "step_id", "participant_id", "perspective", "emotion", "effort",
                    "success", "comment", "round") == [
        (s2, p["p1"], "assumed", 2.0, 2, "yes", "", 1),
        (s2, p["p2"], "lived", -2.5, 5, "no", "40 minutes on hold", 1),
        (s2, p["p3"], "lived", -3.0, None, None, "", 1),
        (room.step["s1"], p["p2"], "lived", 1.0, None, None, "", 2)]


def test_pain_points_merged_into_another_are_left_out(room):
    with room.store.write() as uow:
        dup = uow.inputs.add_pain_point(room.jid, room.step["s4"], room.person["p1"],
                                        "Nobody owns the ticket", 3, None, "employee")
        kept = uow.inputs.add_pain_point(room.jid, room.step["s4"], room.person["p1"],
                                         "Tickets bounce", 1, "resolution", "employee")
        uow.pain_points.merge([dup], kept)
        uow.commit()
    (pp1,) = room.sql("SELECT id FROM pain_points WHERE key = 'pp1'")[0]
    with room.store.read() as uow:
        pains = uow.journey_columns.pain_points(room.jid)
    p = room.person
    assert _records(pains, "step_id", "participant_id", "id", "key", "text", "severity",
                    "pillar", "perspective", "imported_votes", "round") == [
        (room.step["s2"], p["p2"], pp1, "pp1", "Waited forever", 3, "time_and_effort",
         "lived", 2, 1),
        (room.step["s4"], p["p1"], kept, "pp3", "Tickets bounce", 1, "resolution",
         "employee", 0, 1)]


def test_highlights_skips_of_every_round_and_proposals_come_as_columns(room):
    s, p = room.step, room.person
    with room.store.write() as uow:
        uow.inputs.add_highlight(room.jid, s["s5"], p["p2"], "Kind technician", "lived")
        uow.inputs.set_skip(room.jid, s["s3"], p["p3"], True, round=1)
        uow.inputs.set_skip(room.jid, s["s4"], p["p3"], True, round=2)
        stage = room.sql("SELECT id FROM stages WHERE key = 'help' AND journey_id = ?",
                         room.jid)[0][0]
        uow.proposals.add(room.jid, p["p2"], stage, s["s2"], "Chat instead", "faster",
                          "pending")
        uow.commit()
    with room.store.read() as uow:
        cols = uow.journey_columns
        highlights, skips = cols.highlights(room.jid), cols.skips(room.jid)
        proposals = cols.proposals(room.jid)
    assert _records(highlights, "step_id", "participant_id", "text", "perspective",
                    "round") == [(s["s5"], p["p2"], "Kind technician", "lived", 1)]
    assert sorted(_records(skips, "step_id", "participant_id", "round")) == sorted([
        (s["s3"], p["p3"], 1), (s["s4"], p["p3"], 2)])
    assert _records(proposals, "participant_id", "title", "stage_id", "after_step_id",
                    "description", "status") == [
        (p["p2"], "Chat instead", stage, s["s2"], "faster", "pending")]


def test_segment_answers_are_those_of_the_workshops_people_only(room, small_journey):
    other_ws, _ = import_journey(room.store, SYSTEM, small_journey())
    (other,) = room.sql("SELECT id FROM participants WHERE workshop_id = ? AND key = 'p2'",
                        other_ws)[0]
    with room.store.write() as uow:
        uow.segments.add(room.ws, "tenure", "Customer for", [["new", "New"], ["old", "Old"]], 0)
        uow.segments.add(other_ws, "tenure", "Customer for", [["new", "New"]], 0)
        uow.commit()
    seg = dict(room.sql("SELECT workshop_id, id FROM segments"))
    with room.store.write() as uow:
        uow.segments.set_answer(room.person["p2"], seg[room.ws], "old")
        uow.segments.set_answer(room.person["p3"], seg[room.ws], "new")
        uow.segments.set_answer(other, seg[other_ws], "new")
        uow.commit()
    with room.store.read() as uow:
        answers = uow.journey_columns.segment_answers(room.ws)
    assert sorted(_records(answers, "participant_id", "segment_id", "option")) == sorted([
        (room.person["p2"], seg[room.ws], "old"), (room.person["p3"], seg[room.ws], "new")])


def test_each_action_comes_with_the_steps_of_its_pain_points(room):
    s, p = room.step, room.person
    with room.store.write() as uow:
        a = uow.inputs.add_pain_point(room.jid, s["s5"], p["p2"], "Late", 2, None, "lived")
        b = uow.inputs.add_pain_point(room.jid, s["s2"], p["p3"], "On hold", 2, None, "lived")
        both = uow.opportunities.add(room.jid, {"title": "Call back"}, "Fran")
        none = uow.opportunities.add(room.jid, {"title": "Nothing linked"}, "Fran")
        uow.opportunities.set_links(both, [a, b])
        uow.commit()
    with room.store.read() as uow:
        pairs = uow.journey_columns.action_steps(room.jid)
    assert sorted(tuple(r) for r in pairs) == sorted([(both, s["s5"]), (both, s["s2"])])
    assert none not in {oid for oid, _ in pairs}


@pytest.mark.parametrize("rows", [0, 3])
def test_a_frame_has_the_columns_named_whether_or_not_there_are_rows(room, rows):
    with room.store.read() as uow:
        df = frame(uow.conn, select(T.steps.c.id, T.steps.c.key)
                   .where(T.steps.c.journey_id == room.jid).order_by(T.steps.c.id)
                   .limit(rows), ["id", "key"])
    assert list(df.columns) == ["id", "key"]
    assert list(df["key"]) == ["s1", "s2", "s3"][:rows]
