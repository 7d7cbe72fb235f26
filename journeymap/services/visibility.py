"""Who may see what: the privacy policy of one actor in one workshop now, who an action is done
as, and the reads of a journey that show each person only what the phase allows.

Privacy in one rule: what a function returns depends on who asks and in which phase
(:func:`policy`). Everyone always sees their own input. Before the Reveal a customer never
receives an assumed number, an employee note or another person's name, and a staff member
never receives a lived number; after it both see the side-by-side picture. Anonymous
customers' names stay hidden from everyone but the facilitator.

>>> allowed = rules.allowed
>>> allowed(Role.CUSTOMER, "see_assumed", Phase.LISTEN), allowed(Role.CUSTOMER, "see_assumed", Phase.REVEAL)
(False, True)"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeymap.domain import rules
from journeymap.domain.errors import NotFound
from journeymap.domain.model import Journey, Lane, Perspective, Phase, Role
from journeymap.store.repositories import ParticipantRepository, StepRepository
from journeymap.store.repositories.whole_journeys import read_journey

from .base import Actor, Store, authorize
from .journeys import workshop_of_journey

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


@dataclass(frozen=True)
class Policy:
    """What one actor may see in one workshop now."""

    phase: Phase
    me: int | None            # the actor's participant id (None for facilitator/system)
    facilitator: bool
    lived: bool
    assumed: bool
    employee: bool
    names: bool

    def sees(self, perspective: str, participant_id: int | None) -> bool:
        """May the actor see a row written in ``perspective`` by ``participant_id``?"""
        if self.facilitator or (self.me is not None and participant_id == self.me):
            return True
        return {"lived": self.lived, "assumed": self.assumed,
                "employee": self.employee}.get(perspective, False)

    def name(self, row) -> str:
        """The name of a participant row as the actor may see it ("" when hidden)."""
        if self.facilitator or (self.me is not None and row.id == self.me):
            return row.name
        if row.anonymous or not self.names:
            return ""
        return row.name


def policy(conn: Connection, actor: Actor, workshop_id: int) -> Policy:
    ws = authorize(conn, actor, workshop_id, "view_map")
    phase = Phase(ws.phase)
    if actor.kind != "participant":
        return Policy(phase, None, True, True, True, True, True)

    def ok(action):
        return rules.allowed(actor.role, action, phase)

    return Policy(phase, actor.participant_id, False, ok("see_lived"), ok("see_assumed"),
                  ok("see_employee"), ok("see_names"))


def journey_workshop_row(conn: Connection, actor: Actor, journey_id: int, action: str):
    ws_id = workshop_of_journey(conn, journey_id)
    return authorize(conn, actor, ws_id, action)


def acting_participant(conn: Connection, actor: Actor, workshop_id: int,
        participant_id: int | None = None) -> tuple[int, Role]:
    """The participant an action is done as: the actor; for a facilitator (or the system)
    ``participant_id`` when given, else the facilitator's own participant row (made on first
    use, so replies and votes can be attributed). The rule is
    :func:`journeymap.domain.rules.input_author`'s."""
    people = ParticipantRepository(conn)
    own = actor.participant_id if actor.kind == "participant" else None
    if own is None and participant_id is None:
        return people.facilitator_row(workshop_id, actor.account_id, actor.name), \
            Role.FACILITATOR
    named_role = people.role_in(participant_id, workshop_id) if own is None else None
    return rules.input_author(own, actor.role, participant_id, named_role, acting=True)


def step_row(conn: Connection, step_id: int):
    """The step's row (NotFound when it is gone)."""
    row = StepRepository(conn).get(step_id)
    if row is None:
        raise NotFound("this step no longer exists (someone deleted it)",
                       key="error.gone.step", what="step")
    return row


CUSTOMER_LANES = (Lane.CUSTOMER.value, Lane.FRONTSTAGE.value)


def visible_journey(store: Store, actor: Actor, journey_id: int) -> Journey:
    """The journey with only what the actor may see now (for charts and tables): other
    people's lived / assumed / employee input only when the phase allows it, names hidden
    where they must be, staff comments never shown to customers."""
    with store.read() as uow:
        c = uow.conn
        ws_id = workshop_of_journey(c, journey_id)
        pol = policy(c, actor, ws_id)
        j = read_journey(c, journey_id)
        if pol.facilitator:
            return j
        people = {r.key: r for r in uow.participants.of_workshop(ws_id)}
    ids = {k: r.id for k, r in people.items()}

    def ok(x):
        return pol.sees(str(x.perspective), ids.get(x.participant))

    j.ratings = [r for r in j.ratings if ok(r)]
    j.pain_points = [p for p in j.pain_points if ok(p)]
    j.highlights = [h for h in j.highlights if ok(h)]
    if not pol.lived:
        j.skips = [s for s in j.skips if ids.get(s.participant) == pol.me]
        j.proposals = [p for p in j.proposals if ids.get(p.participant) == pol.me]
    if actor.role is Role.CUSTOMER:
        for r in j.ratings:
            if ids.get(r.participant) != pol.me and r.perspective != Perspective.LIVED:
                r.comment = ""
    for p in j.participants:
        row = people.get(p.key)
        if row is not None and not pol.name(row):
            p.name = ""
            p.anonymous = True
    return j


def journey_steps(store: Store, actor: Actor, journey_id: int,
                  lanes: tuple[str, ...] | None = None) -> list[dict]:
    """The journey's steps in order, with their stage name (optionally only some lanes)."""
    with store.read() as uow:
        c = uow.conn
        journey_workshop_row(c, actor, journey_id, "view_map")
        return uow.steps.in_walk_order(journey_id, lanes)
