"""The phase × role table (journeymap.domain.rules.RULES), cell by cell, against the services.

For every action, role and phase the test performs the action through the service that does
it: where the table says "yes" it must succeed (or, for ``see_*``, the other people's rows
must be in what the service returns); where it says "—" it must raise PhaseClosed (open in
another phase) or PermissionDenied (never open for the role), or the rows must be absent.
The facilitator may do everything in every phase.
"""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from journeymap.domain import rules
from journeymap.domain.errors import PermissionDenied, PhaseClosed
from journeymap.domain.model import Participant, Phase, Rating, Role
from journeymap.services import (
    SYSTEM,
    Actor,
    Store,
    add_highlight,
    add_pain_point,
    add_stage,
    create_account,
    create_opportunity,
    get_workshop,
    import_journey,
    map_rows,
    progress,
    propose_step,
    rate_step,
    reply,
    set_phase,
    update_workshop,
    visible_journey,
    vote,
)
from journeymap.services import invitations as inv
from journeymap.services.own_input import delete_my_input
from journeymap.store import schema as T

ROLES = (Role.FACILITATOR, Role.STAFF, Role.CUSTOMER)

#: The table as the README states it, written out independently of the code: action ->
#: (phases open to staff, phases open to customers), by letter: M map, A assume, L listen,
#: R reveal, P prioritise, C act. The facilitator may always.
EXPECTED = {
    "view_map":       ("MALRPC", "MALRPC"),
    "edit_map":       ("MAL",    ""),
    "propose_step":   ("",       "ML"),
    "rate_assumed":   ("AL",     ""),
    "rate_lived":     ("",       "L"),
    "rate_employee":  ("AL",     ""),
    "see_lived":      ("RPC",    "RPC"),
    "see_assumed":    ("RPC",    "RPC"),
    "see_employee":   ("MALRPC", "RPC"),
    "see_names":      ("MALRPC", "RPC"),
    "vote":           ("P",      "P"),
    "reply":          ("RPC",    ""),
    "manage_actions": ("C",      ""),
    "delete_own":     ("MALRPC", "MALRPC"),
    "run_workshop":   ("",       ""),
}
LETTER = {Phase.MAP: "M", Phase.ASSUME: "A", Phase.LISTEN: "L", Phase.REVEAL: "R",
          Phase.PRIORITISE: "P", Phase.ACT: "C"}


def expected(action: str, role: Role, phase: Phase) -> bool:
    if role is Role.FACILITATOR:
        return True
    staff, customer = EXPECTED[action]
    return LETTER[phase] in (staff if role is Role.STAFF else customer)


def open_somewhere(action: str, role: Role) -> bool:
    staff, customer = EXPECTED[action]
    return bool(staff if role is Role.STAFF else customer)


class World:
    """One workshop: staff Giulia (p1) and Marco (p4), customers Sam (p2) and an anonymous
    one (p3); the facilitator owns it."""

    def __init__(self, store: Store, journey):
        self.store = store
        self.fac = create_account(store, "fran", "a long password", "Fran")
        journey.add_participant(Participant("p4", "Marco", "staff"))
        journey.add_rating(Rating("p4", "s1", 1, perspective="assumed"))
        self.ws, self.jid = import_journey(store, self.fac, journey)
        with store.read() as uow:
            c = uow.conn
            self.pid = dict(c.execute(select(T.participants.c.key, T.participants.c.id)
                                      .where(T.participants.c.workshop_id == self.ws)).all())
            self.step = dict(c.execute(select(T.steps.c.key, T.steps.c.id)
                                       .where(T.steps.c.journey_id == self.jid)).all())
            self.stage = c.execute(select(T.stages.c.id)
                                   .where(T.stages.c.journey_id == self.jid)).scalars().first()
        update_workshop(store, SYSTEM, self.ws, get_workshop(store, SYSTEM, self.ws)["version"],
                        vote_budget=50)
        set_phase(store, SYSTEM, self.ws, "listen")
        add_pain_point(store, SYSTEM, self.step["s4"], "Tickets arrive without the line test",
                       perspective="employee", participant_id=self.pid["p4"])
        self.staff = Actor.participant(self.pid["p1"], self.ws, "staff", "Giulia")
        self.customer = Actor.participant(self.pid["p3"], self.ws, "customer", "")

    def actor(self, role: Role) -> Actor:
        return {Role.FACILITATOR: self.fac, Role.STAFF: self.staff,
                Role.CUSTOMER: self.customer}[role]

    def author(self, role: Role) -> int:
        """The participant a facilitator writes as when the action needs one."""
        return {Role.FACILITATOR: self.pid["p2"], Role.STAFF: self.pid["p1"],
                Role.CUSTOMER: self.pid["p3"]}[role]

    def seed(self, kind: str, role: Role, phase: Phase) -> int:
        """A row of the actor's own, written by the system in Listen, then back to ``phase``."""
        set_phase(self.store, SYSTEM, self.ws, "listen")
        pid = self.author(role)
        perspective = "lived" if role in (Role.CUSTOMER, Role.FACILITATOR) else "employee"
        if kind == "highlight":
            rid = add_highlight(self.store, SYSTEM, self.step["s2"], "Kind agent",
                                perspective=perspective, participant_id=pid)
        else:
            rid = add_pain_point(self.store, SYSTEM, self.step["s2"], "Hold music",
                                 perspective="lived", participant_id=self.pid["p2"])
        set_phase(self.store, SYSTEM, self.ws, phase)
        return rid


def _small_journey():
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "jm_conftest", Path(__file__).resolve().parents[1] / "conftest.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.make_small_journey()


@pytest.fixture(scope="module")
def w(tmp_path_factory):
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('rules') / 'rules.sqlite'}")
    yield World(store, _small_journey())
    store.close()


def _visible(w: World, actor: Actor, what: str) -> bool:
    """Does a read by ``actor`` contain other people's rows of kind ``what``?"""
    j = visible_journey(w.store, actor, w.jid)
    me = {Role.STAFF: "p1", Role.CUSTOMER: "p3"}.get(actor.role)
    if what == "see_lived":
        return any(str(r.perspective) == "lived" and r.participant != me for r in j.ratings)
    if what == "see_assumed":
        return any(str(r.perspective) == "assumed" and r.participant != me for r in j.ratings)
    if what == "see_employee":
        return any(str(p.perspective) == "employee" and p.participant != me
                   for p in j.pain_points)
    if what == "see_names":
        names = {p.key: p.name for p in j.participants}
        ok = names["p2"] == "Sam" and names["p1"] == "Giulia"
        listed = {p["key"]: p["name"] for p in inv.list_participants(w.store, actor, w.ws)}
        assert (listed["p2"] == "Sam") == ok, "list_participants and the journey disagree"
        assert names["p3"] == "" and listed["p3"] == "" or actor.role in (Role.FACILITATOR,
                                                                           Role.CUSTOMER)
        return ok
    raise AssertionError(what)


def _do(w: World, action: str, role: Role, phase: Phase) -> None:
    """Perform ``action`` as ``role`` in ``phase`` through its service."""
    a = w.actor(role)
    who = None if role is not Role.FACILITATOR else w.author(role)
    store = w.store
    if action in ("delete_own", "vote", "reply"):
        kind = "highlight" if action == "delete_own" else "pain_point"
        target = w.seed(kind, role, phase)
    else:
        set_phase(store, SYSTEM, w.ws, phase)
    if action == "view_map":
        map_rows(store, a, w.jid)
    elif action == "edit_map":
        add_stage(store, a, w.jid, "Renew")
    elif action == "propose_step":
        propose_step(store, a, w.jid, "Chat with a bot first", after_step_id=w.step["s1"],
                     participant_id=who)
    elif action == "rate_assumed":
        rate_step(store, a, w.step["s3"], 1, perspective="assumed",
                  participant_id=w.pid["p1"] if who else None)
    elif action == "rate_lived":
        rate_step(store, a, w.step["s3"], -1, perspective="lived", participant_id=who)
    elif action == "rate_employee":
        add_pain_point(store, a, w.step["s4"], "No tools", perspective="employee",
                       participant_id=w.pid["p1"] if who else None)
    elif action == "vote":
        vote(store, a, target, participant_id=who)
    elif action == "reply":
        reply(store, a, "pain_point", target, "Thank you, we are on it")
    elif action == "manage_actions":
        create_opportunity(store, a, w.jid, "Shorter hold")
    elif action == "delete_own":
        delete_my_input(store, a, "highlight", target)
    elif action == "run_workshop":
        progress(store, a, w.jid)
    else:
        raise AssertionError(f"no service for {action}")


CELLS = [(a, r, p) for a, r, p in itertools.product(EXPECTED, ROLES, Phase)]


def test_the_code_holds_exactly_the_documented_actions():
    assert list(rules.RULES) == list(EXPECTED)


@pytest.mark.parametrize("action,role,phase", CELLS,
                         ids=[f"{a}-{r.value}-{p.value}" for a, r, p in CELLS])
def test_the_rule_table_matches_the_documented_cell(action, role, phase):
    assert rules.allowed(role, action, phase) is expected(action, role, phase)


@pytest.mark.parametrize("action,role,phase", CELLS,
                         ids=[f"{a}-{r.value}-{p.value}" for a, r, p in CELLS])
def test_the_service_does_what_the_table_says(w, action, role, phase):
    allowed = expected(action, role, phase)
    if action.startswith("see_"):
        set_phase(w.store, SYSTEM, w.ws, phase)
        assert _visible(w, w.actor(role), action) is allowed
        return
    if allowed:
        _do(w, action, role, phase)
        return
    error = PhaseClosed if open_somewhere(action, role) else PermissionDenied
    with pytest.raises(error) as caught:
        _do(w, action, role, phase)
    if error is PermissionDenied:
        assert not isinstance(caught.value, PhaseClosed)


def test_the_facilitator_may_do_everything_everywhere():
    assert all(rules.allowed(Role.FACILITATOR, a, p) for a in rules.RULES for p in Phase)


@pytest.mark.parametrize("phase", [Phase.REVEAL, Phase.PRIORITISE, Phase.ACT])
def test_an_assumption_is_locked_after_the_reveal(w, phase):
    set_phase(w.store, SYSTEM, w.ws, "listen")
    hid = add_highlight(w.store, w.staff, w.step["s2"], "Friendly hold message",
                        perspective="assumed")
    set_phase(w.store, SYSTEM, w.ws, phase)
    with pytest.raises(PhaseClosed):
        delete_my_input(w.store, w.staff, "highlight", hid)
    with pytest.raises(PhaseClosed):
        rate_step(w.store, w.staff, w.step["s2"], 3, perspective="assumed")


def test_the_table_printed_for_the_readme_has_a_row_per_action_and_role():
    md = rules.rules_table_markdown()
    for action in rules.RULES:
        for role in ("staff", "customer"):
            assert f"| {action} | {role} |" in md
