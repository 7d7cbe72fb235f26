"""Who may do what in which workshop phase: one table, enforced by the services.

The facilitator may do everything in every phase. For staff and customers, each action lists
the phases in which it is open. The README prints this table (``journeymap rules``) and a test
checks it cell by cell against the services.

>>> allowed(Role.CUSTOMER, "rate_lived", Phase.LISTEN)
True
>>> allowed(Role.STAFF, "see_lived", Phase.ASSUME)
False
"""

from __future__ import annotations

from typing import Iterable

from .errors import NotFound, PermissionDenied, PhaseClosed, ValidationError
from .model import Perspective, Phase, Role

M, A, L, R, P, C = (Phase.MAP, Phase.ASSUME, Phase.LISTEN, Phase.REVEAL, Phase.PRIORITISE,
                    Phase.ACT)
ALL = frozenset(Phase)
AFTER_REVEAL = frozenset({R, P, C})

#: action -> role -> phases in which the role may do it. Facilitators may always.
#:
#: Why the cells are what they are:
#: - staff guess (``rate_assumed``) in Assume and Listen, then the guesses are locked: after
#:   the reveal nobody may change or delete an assumption, so the comparison stays truthful;
#: - each staff member guesses on their own: other people's assumptions (``see_assumed``)
#:   and customers' lived ratings (``see_lived``) open only with the Reveal;
#: - staff-only notes (employee pain points and ratings, ``see_employee``) stay among staff
#:   until the Reveal;
#: - staff answer customers (``reply``) once they may read what customers said (Reveal on).
RULES: dict[str, dict[Role, frozenset[Phase]]] = {
    "view_map":        {Role.STAFF: ALL, Role.CUSTOMER: ALL},
    "edit_map":        {Role.STAFF: frozenset({M, A, L}), Role.CUSTOMER: frozenset()},
    "propose_step":    {Role.STAFF: frozenset(), Role.CUSTOMER: frozenset({M, L})},
    "rate_assumed":    {Role.STAFF: frozenset({A, L}), Role.CUSTOMER: frozenset()},
    "rate_lived":      {Role.STAFF: frozenset(), Role.CUSTOMER: frozenset({L})},
    "rate_employee":   {Role.STAFF: frozenset({A, L}), Role.CUSTOMER: frozenset()},
    "see_lived":       {Role.STAFF: AFTER_REVEAL, Role.CUSTOMER: AFTER_REVEAL},
    "see_assumed":     {Role.STAFF: AFTER_REVEAL, Role.CUSTOMER: AFTER_REVEAL},
    "see_employee":    {Role.STAFF: ALL, Role.CUSTOMER: AFTER_REVEAL},
    "see_names":       {Role.STAFF: ALL, Role.CUSTOMER: AFTER_REVEAL},
    "vote":            {Role.STAFF: frozenset({P}), Role.CUSTOMER: frozenset({P})},
    "reply":           {Role.STAFF: AFTER_REVEAL, Role.CUSTOMER: frozenset()},
    "manage_actions":  {Role.STAFF: frozenset({C}), Role.CUSTOMER: frozenset()},
    "delete_own":      {Role.STAFF: ALL, Role.CUSTOMER: ALL},
    "run_workshop":    {Role.STAFF: frozenset(), Role.CUSTOMER: frozenset()},
}

#: The perspective a rating or pain point is written in -> the action that allows it.
PERSPECTIVE_ACTION = {"assumed": "rate_assumed", "lived": "rate_lived",
                      "employee": "rate_employee"}


def allowed(role: Role | str, action: str, phase: Phase | str) -> bool:
    role, phase = Role(role), Phase(phase)
    if role is Role.FACILITATOR:
        return True
    return phase in RULES[action][role]


def visible_perspectives(role: Role | str | None, phase: Phase | str) -> list[str]:
    """The rating perspectives of the others' answers that ``role`` may see in ``phase``
    (``None``: the system, which sees everything), lived before assumed.

    >>> visible_perspectives(Role.STAFF, Phase.LISTEN), visible_perspectives(None, Phase.MAP)
    ([], ['lived', 'assumed'])
    """
    return [p for p, action in (("lived", "see_lived"), ("assumed", "see_assumed"))
            if role is None or allowed(role, action, phase)]


def require(role: Role | str, action: str, phase: Phase | str) -> None:
    """Raise :class:`PhaseClosed` when the role may do this in other phases but not now,
    :class:`PermissionDenied` when the role may never do it."""
    if allowed(role, action, phase):
        return
    role, phase = Role(role), Phase(phase)
    open_in = RULES[action][role]
    if open_in:
        raise PhaseClosed(action, phase.value, [p.value for p in Phase if p in open_in])
    raise PermissionDenied(f"a {role.value} may not {action.replace('_', ' ')}",
                           key="error.denied.role", role=role.value, action=action)


def input_author(own_id: int | None, own_role: Role | None, named_id: int | None,
                 named_role: Role | str | None, *, acting: bool = False) -> tuple[int, Role]:
    """Who a rating, pain point or highlight is written as: ``(participant id, role)``.

    A participant (``own_id``, ``own_role``) writes only as themselves (``named_id`` None or
    their own). Anyone else (a facilitator, the system: ``own_id`` None) must name the
    participant (``named_id``), who must be in the workshop (``named_role``: their role, None
    when no such participant is there). ``acting``: for an action done as someone (a vote,
    a reply) rather than input written, which only changes the refusal's words.

    >>> input_author(7, Role.CUSTOMER, None, None)
    (7, <Role.CUSTOMER: 'customer'>)
    >>> input_author(None, None, 3, "staff")
    (3, <Role.STAFF: 'staff'>)
    """
    if own_id is not None:
        if named_id not in (None, own_id):
            if acting:
                raise PermissionDenied("you can only act as yourself",
                                       key="error.denied.act_as_self")
            raise PermissionDenied("you can only write your own input",
                                   key="error.denied.write_own")
        return own_id, Role(own_role)
    if named_id is None:
        raise ValidationError("say which participant this is from", "participant",
                              key="error.which_participant")
    if named_role is None:
        raise NotFound("no such participant in this workshop", key="error.no_participant",
                       what="participant")
    return named_id, Role(named_role)


def rating_perspective(perspective: Perspective | str | None, role: Role) -> Perspective:
    """The perspective a rating by ``role`` is written in: the role's own by default; a
    customer rates only what they lived, staff never what customers lived.

    >>> rating_perspective(None, Role.STAFF).value, rating_perspective("employee", Role.STAFF).value
    ('assumed', 'employee')
    """
    p = Perspective.default_for(role) if perspective is None else \
        Perspective.parse(perspective, "perspective")
    if role is Role.CUSTOMER and p is not Perspective.LIVED:
        raise PermissionDenied("customers rate what they lived",
                               key="error.denied.customers_rate_lived")
    if role is Role.STAFF and p is Perspective.LIVED:
        raise PermissionDenied("staff record assumed or employee views, not lived ones",
                               key="error.denied.staff_not_lived")
    return p


def shown_round(current: int, answered: Iterable[int]) -> int:
    """The round of a journey an analysis shows unless the reader picks another: the latest
    round with answers (the round in progress, from its first answer on), else the current
    round. Insight, the Reveal, the presentation, the report and ``journeymap analyze`` all
    follow it (through :class:`journeymap.analysis.JourneyFrames`).

    ``current``: the journey's current round (the highest started); ``answered``: the rounds
    that hold any rating, skip, pain point or highlight (repeats allowed).

    >>> shown_round(2, [1, 1, 2])   # round 2's first answers are in
    2
    >>> shown_round(2, [1])         # round 2 started, nobody has answered in it yet
    1
    >>> shown_round(1, [])          # nothing answered at all
    1
    """
    return max((int(n) for n in answered), default=int(current))


def rules_table_markdown() -> str:
    """The phase × role table as Markdown (printed by ``journeymap rules``, kept in README)."""
    phases = list(Phase)
    head = "| action | role | " + " | ".join(p.value for p in phases) + " |"
    sep = "|---|---|" + "---|" * len(phases)
    lines = [head, sep]
    for action, by_role in RULES.items():
        for role in (Role.STAFF, Role.CUSTOMER):
            cells = ["yes" if p in by_role[role] else "—" for p in phases]
            lines.append(f"| {action} | {role.value} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("The facilitator may do every action in every phase (deciding proposals, "
                 "merging pain points, progress, erasing a participant are `run_workshop`). "
                 "Everyone always sees and may delete their own input, except that an "
                 "assumption is locked once `rate_assumed` has closed.")
    return "\n".join(lines)
