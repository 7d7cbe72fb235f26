"""What customers say is the product: no service changes or deletes an answer except the
explicit ones made for it (clearing it, "this didn't happen to me", deleting one's own input,
erasure, and deleting the step it belongs to), and saving the same answer twice changes
nothing. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import select

from journeymap.domain.errors import PermissionDenied, ValidationError
from journeymap.services import (
    add_pain_point,
    add_stage,
    add_step,
    add_transition,
    answer_step,
    create_account,
    decide_proposal,
    import_journey,
    journey_steps,
    map_rows,
    move_step,
    my_input,
    phase_signature,
    progress,
    propose_step,
    rate_step,
    rename_stage,
    revision,
    set_phase,
    touch,
    update_step,
    vote,
)
from journeymap.services import invitations as inv
from journeymap.store import schema as T

PACKAGE = Path(__file__).resolve().parents[2] / "journeymap"
SERVICES = PACKAGE / "services"
REPOSITORIES = PACKAGE / "store" / "repositories"
#: the only functions allowed to delete a rating, each behind an explicit, confirmed control
DELETERS = {"clear_rating", "skip_step", "delete_my_input", "erase_participant", "_delete_items"}
#: the only statement of the store that deletes ratings (what the deleters call)
STORE_DELETERS = {"ratings.py:delete_items"}


def ratings(store) -> list[tuple]:
    with store.read() as uow:
        return [tuple(r) for r in uow.conn.execute(
            select(T.ratings.c.step_id, T.ratings.c.participant_id, T.ratings.c.perspective,
                   T.ratings.c.emotion, T.ratings.c.effort, T.ratings.c.success,
                   T.ratings.c.comment, T.ratings.c.updated_at).order_by(T.ratings.c.id))]


@pytest.fixture
def room(store, small_journey):
    fac = create_account(store, "fran", "a long password", "Fran")
    ws, jid = import_journey(store, fac, small_journey())
    set_phase(store, fac, ws, "listen")
    people = {}
    for name in ("Sam", "Ada"):
        _, token = inv.create_invitation(store, fac, ws, "customer")
        people[name] = inv.join(store, token, name=name, consent=True)[0]
    steps = journey_steps(store, fac, jid)
    return store, fac, ws, jid, people, steps


def test_answering_one_part_keeps_the_other_parts(room):
    store, fac, ws, jid, people, steps = room
    sam, first = people["Sam"], steps[0]["id"]
    answer_step(store, sam, first, emotion=-2)
    answer_step(store, sam, first, effort=4)
    answer_step(store, sam, first, success="partly")
    answer_step(store, sam, first, comment="Forty minutes on hold")
    answer_step(store, sam, first, emotion=1)
    r = my_input(store, sam, jid)["ratings"][(first, "lived")]
    assert (r["emotion"], r["effort"], r["success"], r["comment"]) == (
        1, 4, "partly", "Forty minutes on hold")


def test_the_first_answer_to_a_step_must_give_the_face(room):
    store, fac, ws, jid, people, steps = room
    with pytest.raises(ValidationError) as e:
        answer_step(store, people["Sam"], steps[0]["id"], effort=3)
    assert e.value.field == "emotion"
    assert my_input(store, people["Sam"], jid)["ratings"] == {}


def test_saving_the_same_answer_twice_changes_nothing(room):
    store, fac, ws, jid, people, steps = room
    sam, first = people["Sam"], steps[0]["id"]
    assert answer_step(store, sam, first, emotion=-1) is True
    before, rev = ratings(store), revision(store, ws)
    assert answer_step(store, sam, first, emotion=-1) is False
    assert answer_step(store, sam, first, effort=None) is False
    rate_step(store, sam, first, -1)  # the whole rating, as it already is
    assert ratings(store) == before  # not even the time stamp moved
    assert revision(store, ws) == rev  # and nobody's screen is told about a change


def test_map_edits_proposals_phases_votes_and_presence_leave_every_answer_as_it_was(room):
    store, fac, ws, jid, people, steps = room
    sam, ada = people["Sam"], people["Ada"]
    for who, v in ((sam, -3), (ada, 2)):
        for s in steps[:3]:
            answer_step(store, who, s["id"], emotion=v)
            answer_step(store, who, s["id"], effort=2, success="no", comment=f"{who.name}")
    before = ratings(store)
    rows = map_rows(store, fac, jid)
    stage = rows["stages"][0]
    # everything a facilitator, a live update or another participant may do meanwhile
    new = add_step(store, fac, jid, stage["id"], "Restart the router",
                   after_step_id=steps[0]["id"])
    update_step(store, fac, steps[1]["id"], rows["steps"][1]["version"], title="Renamed")
    move_step(store, fac, steps[2]["id"], -1)
    add_transition(store, fac, new, steps[1]["id"], "then")
    rename_stage(store, fac, stage["id"], stage["version"], "Noticing")
    add_stage(store, fac, jid, "Afterwards")
    pid = propose_step(store, ada, jid, "Asks a neighbour", after_step_id=steps[1]["id"])
    decide_proposal(store, fac, pid, accept=True)
    pain = add_pain_point(store, ada, steps[0]["id"], "No warning")
    for phase in ("assume", "listen", "reveal", "prioritise"):
        set_phase(store, fac, ws, phase)
    vote(store, sam, pain)
    set_phase(store, fac, ws, "listen")
    touch(store, sam)
    phase_signature(store, ws, jid)
    progress(store, fac, jid)
    my_input(store, sam, jid)
    assert ratings(store) == before


def _functions(folder: Path):
    """(file name, function name, source) of every function in the folder's modules."""
    for path in sorted(folder.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for fn in ast.walk(ast.parse(text)):
            if isinstance(fn, ast.FunctionDef):
                yield path.name, fn.name, ast.get_source_segment(text, fn) or ""


def test_only_the_explicit_deleters_delete_a_rating(room):
    """Read from the source: in the store, one repository method deletes ratings
    (STORE_DELETERS; steps and participants delete theirs by the database's cascade), and in
    the services only the functions named in DELETERS reach it."""
    in_store = {f"{name}:{fn}" for name, fn, src in _functions(REPOSITORIES)
                if "delete(T.ratings" in src or "delete(table" in src}
    assert in_store == STORE_DELETERS
    offenders, found = [], set()
    for name, fn, src in _functions(SERVICES):
        deletes = ("delete(T.ratings" in src or ".delete_items(" in src
                   or '_delete_items(uow, "rating"' in src or "_delete_items(uow, kind" in src)
        if deletes:
            found.add(fn)
            if fn not in DELETERS:
                offenders.append(f"{name}:{fn}")
    assert offenders == []
    # the check sees them
    assert {"clear_rating", "skip_step", "delete_my_input", "erase_participant"} <= found


def test_a_participant_cannot_answer_for_someone_else(room):
    store, fac, ws, jid, people, steps = room
    with pytest.raises(PermissionDenied):
        answer_step(store, people["Ada"], steps[0]["id"], emotion=3,
                    participant_id=people["Sam"].participant_id)
    assert my_input(store, people["Sam"], jid)["ratings"] == {}
