"""Role by role, each service function the app uses is allowed or refused as the README's table
says (written out below, independently of rules.py).

Roles: the owning facilitator, another facilitator, staff and customer of the workshop, a
customer of another workshop (stranger), and the system. Phases: each one. A refusal is a
PermissionDenied; a StaleEdit (the test edits with a version that cannot match) means the call
got past the permission check; any other error fails the test."""

from __future__ import annotations

import pytest

from journeymap.domain.errors import PermissionDenied, StaleEdit
from journeymap.domain.model import Phase
from journeymap.services import (
    add_stage,
    add_step,
    add_transition,
    create_account,
    create_journey,
    create_workshop,
    delete_step,
    duplicate_journey,
    get_workshop,
    import_journey,
    map_rows,
    move_step,
    rename_stage,
    set_phase,
    step_dependents,
    update_step,
    update_workshop,
)
from journeymap.services import SYSTEM
from journeymap.services import invitations as inv
from journeymap.services.map_editing import bulk_save_steps
from journeymap.services.map_reads import map_outline, step_emotions


@pytest.fixture
def world(sqlite_store, small_journey):
    s = sqlite_store
    owner = create_account(s, "owner", "a long password", "Owner")
    other = create_account(s, "other", "a long password", "Other")
    ws = create_workshop(s, owner, "W", "en")
    _, jid = import_journey(s, owner, small_journey(), ws)
    ws2 = create_workshop(s, other, "W2", "en")
    people = {}
    for role in ("staff", "customer"):
        _, tok = inv.create_invitation(s, owner, ws, role)
        people[role], _ = inv.join(s, tok, name=role, consent=True)
    _, tok = inv.create_invitation(s, other, ws2, "customer")
    people["stranger"], _ = inv.join(s, tok, name="stranger", consent=True)
    people.update(owner=owner, other=other, system=SYSTEM)
    rows = map_rows(s, owner, jid)
    return {"store": s, "ws": ws, "jid": jid, "people": people, "rows": rows}


ROLES = ["owner", "other", "staff", "customer", "stranger", "system"]

#: What staff and customers of the workshop may do, by phase letter (M map, A assume, L listen,
#: R reveal, P prioritise, C act), as the README's table states it: everyone in the workshop
#: reads the map in every phase; staff edit it while it is drawn and rated (Map, Assume,
#: Listen), customers never; only the facilitator runs the workshop.
OPEN_TO = {             # action: (staff, customer)
    "view_map":     ("MALRPC", "MALRPC"),
    "edit_map":     ("MAL",    ""),
    "run_workshop": ("",       ""),
}
#: Which layers of emotion staff and customers see on the map, by phase (both: after Listen)
SEES = {"lived": ("RPC", "RPC"), "assumed": ("RPC", "RPC")}
LETTER = {Phase.MAP: "M", Phase.ASSUME: "A", Phase.LISTEN: "L", Phase.REVEAL: "R",
          Phase.PRIORITISE: "P", Phase.ACT: "C"}


def expected(who: str, action: str, phase: Phase) -> bool:
    if who in ("owner", "system"):
        return True
    if who in ("other", "stranger"):
        return False
    staff, customer = OPEN_TO[action]
    return LETTER[phase] in (staff if who == "staff" else customer)


def attempt(fn) -> bool:
    """True when the call got past the permission check, False when it was refused."""
    try:
        fn()
    except PermissionDenied:
        return False
    except StaleEdit:  # the version given cannot match: refused only after being allowed
        return True
    return True


def operations(w):
    s, jid, ws = w["store"], w["jid"], w["ws"]
    step = w["rows"]["steps"][0]
    stage = w["rows"]["stages"][0]
    return {
        "map_rows": ("view_map", lambda a: map_rows(s, a, jid)),
        "map_outline": ("view_map", lambda a: map_outline(s, a, jid)),
        "step_emotions": ("view_map", lambda a: step_emotions(s, a, jid)),
        "step_dependents": ("view_map", lambda a: step_dependents(s, a, step["id"])),
        "get_workshop": ("view_map", lambda a: get_workshop(s, a, ws)),
        "list_participants": ("view_map", lambda a: inv.list_participants(s, a, ws)),
        "add_step": ("edit_map", lambda a: add_step(s, a, jid, stage["id"], "New")),
        "update_step": ("edit_map", lambda a: update_step(s, a, step["id"], 10**6, title="x")),
        "move_step": ("edit_map", lambda a: move_step(s, a, step["id"], 0)),
        "add_stage": ("edit_map", lambda a: add_stage(s, a, jid, "New stage")),
        "rename_stage": ("edit_map", lambda a: rename_stage(s, a, stage["id"], 10**6, "x")),
        "add_transition": ("edit_map", lambda a: add_transition(   # a new pair every call
            s, a, add_step(s, SYSTEM, jid, stage["id"], "from here"), step["id"], "back")),
        "bulk_save_steps": ("edit_map", lambda a: bulk_save_steps(s, a, jid)),
        "create_journey": ("edit_map", lambda a: create_journey(s, a, ws, "J2")),
        "duplicate_journey": ("edit_map", lambda a: duplicate_journey(s, a, jid, "Copy")),
        "delete_step": ("edit_map", lambda a: delete_step(
            s, a, add_step(s, SYSTEM, jid, stage["id"], "to delete"))),
        "update_workshop": ("run_workshop", lambda a: update_workshop(s, a, ws, 10**6,
                                                                      name="x")),
        "create_invitation": ("run_workshop", lambda a: inv.create_invitation(s, a, ws,
                                                                              "customer")),
        "list_invitations": ("run_workshop", lambda a: inv.list_invitations(s, a, ws)),
        "set_phase": ("run_workshop", lambda a: set_phase(s, a, ws, get_workshop(
            s, SYSTEM, ws)["phase"])),
    }


OPS = ["map_rows", "map_outline", "step_emotions", "step_dependents", "get_workshop",
       "list_participants", "add_step", "update_step", "move_step", "add_stage",
       "rename_stage", "add_transition", "bulk_save_steps", "create_journey",
       "duplicate_journey", "delete_step", "update_workshop", "create_invitation",
       "list_invitations", "set_phase"]


@pytest.mark.parametrize("phase", list(Phase), ids=lambda p: p.value)
@pytest.mark.parametrize("op", OPS)
def test_each_role_is_allowed_or_refused_as_the_readmes_table_says(world, op, phase):
    set_phase(world["store"], SYSTEM, world["ws"], phase)
    action, fn = operations(world)[op]
    got = {who: attempt(lambda: fn(world["people"][who])) for who in ROLES}
    want = {who: expected(who, action, phase) for who in ROLES}
    assert got == want


@pytest.mark.parametrize("phase", list(Phase), ids=lambda p: p.value)
def test_emotion_layers_are_visible_only_in_the_phases_the_readmes_table_names(world, phase):
    s = world["store"]
    set_phase(s, SYSTEM, world["ws"], phase)
    for who in ("staff", "customer"):
        seen = step_emotions(s, world["people"][who], world["jid"])
        column = 0 if who == "staff" else 1
        assert ("lived" in seen) == (LETTER[phase] in SEES["lived"][column])
        assert ("assumed" in seen) == (LETTER[phase] in SEES["assumed"][column])
        assert map_outline(s, world["people"][who], world["jid"])["emotions"].keys() == \
            seen.keys()
    assert set(step_emotions(s, world["people"]["owner"], world["jid"])) == {"lived",
                                                                             "assumed"}


def test_a_stranger_cannot_read_another_workshops_journey_in_any_way(world):
    stranger = world["people"]["stranger"]
    for fn in (lambda: map_rows(world["store"], stranger, world["jid"]),
               lambda: inv.list_participants(world["store"], stranger, world["ws"])):
        with pytest.raises(PermissionDenied):
            fn()
