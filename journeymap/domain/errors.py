"""Named domain errors. Each message says what is wrong and, where it helps, what to do.

>>> raise UnknownStage("pay")
Traceback (most recent call last):
...
journeymap.domain.errors.UnknownStage: no stage 'pay' in this journey

Every error also carries a stable catalog ``key`` and the ``values`` its message is made of,
so an interface can say it in the user's language (:func:`journeymap.i18n.errors.describe`);
``str(err)`` stays the English text the command line prints. Typed errors (``EmptyValue``,
``TextTooLong``, ``PhaseClosed``…) fix their key themselves; the general ones
(``ValidationError``, ``NotFound``, ``PermissionDenied``…) are given one where raised:

>>> err = ValidationError("you have no vote on this pain point", "votes", key="error.no_vote")
>>> err.key, err.field, err.values
('error.no_vote', 'votes', {})
>>> e = TextTooLong("comment", 5000, 2000)
>>> str(e), e.key, e.values
('is 5000 characters long; at most 2000', 'error.too_long', {'length': 5000, 'max': 2000})
"""

from __future__ import annotations

from typing import Any


class JourneymapError(Exception):
    """Base of every error a user can act on. ``str(err)`` is the message shown.

    ``key`` names the message in the catalogs (``journeymap/i18n/<lang>/errors.json``) and
    ``values`` fills its placeholders. A subclass that always says the same kind of thing sets
    ``key`` as a class attribute; otherwise the raise site passes ``key=``."""

    code = "error"
    key: str | None = None

    def __init__(self, message: str, *, key: str | None = None, **values: Any):
        super().__init__(message)
        self.message = message
        if key is not None:
            self.key = key
        self.values: dict[str, Any] = values

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message


class ValidationError(JourneymapError):
    """A value a user gave is not acceptable. ``field`` names where."""

    code = "invalid"

    def __init__(self, message: str, field: str | None = None, *, key: str | None = None,
                 **values: Any):
        super().__init__(message, key=key, **values)
        self.field = field


class UnknownStage(ValidationError):
    code = "unknown_stage"
    key = "error.unknown_stage"

    def __init__(self, stage: str):
        super().__init__(f"no stage '{stage}' in this journey", "stage", stage=stage)
        self.stage = stage


class UnknownStep(ValidationError):
    code = "unknown_step"
    key = "error.unknown_step"

    def __init__(self, step: str):
        super().__init__(f"no step '{step}' in this journey", "step", step=step)
        self.step = step


class UnknownParticipant(ValidationError):
    code = "unknown_participant"
    key = "error.unknown_participant"

    def __init__(self, participant: str):
        super().__init__(f"no participant '{participant}' in this workshop", "participant",
                         participant=participant)
        self.participant = participant


class DuplicateKey(ValidationError):
    """Two stages, steps or participants share an id (``duplicate``) in one journey."""

    code = "duplicate_key"

    def __init__(self, kind: str, duplicate: str):
        super().__init__(f"the {kind} id '{duplicate}' is used twice", "id",
                         key=f"error.duplicate_id.{kind}", id=duplicate)
        self.kind = kind
        self.duplicate = duplicate


class RatingOutOfRange(ValidationError):
    code = "out_of_range"
    key = "error.out_of_range"

    def __init__(self, field: str, value: Any, low: float, high: float):
        shown = _num(value)
        super().__init__(f"{shown} is outside {_num(low)}..{_num(high)}", field,
                         value=shown, low=_num(low), high=_num(high))
        self.value = value
        self.low = low
        self.high = high


class InvalidChoice(ValidationError):
    code = "invalid_choice"
    key = "error.invalid_choice"

    def __init__(self, field: str, value: Any, choices: "list[str] | tuple[str, ...]"):
        super().__init__(
            f"'{value}' is not one of: {', '.join(choices)}", field,
            value=value, choices=tuple(choices)
        )
        self.value = value
        self.choices = tuple(choices)


class EmptyValue(ValidationError):
    code = "empty"
    key = "error.empty"

    def __init__(self, field: str):
        super().__init__(f"{field} must not be empty", field)


class TextTooLong(ValidationError):
    """A text longer than its field allows: ``length`` characters, at most ``max``."""

    code = "too_long"
    key = "error.too_long"

    def __init__(self, field: str, length: int, max: int):  # noqa: A002 - the catalog's name
        super().__init__(f"is {length} characters long; at most {max}", field,
                         length=length, max=max)
        self.length = length
        self.max = max


#: what a value should have been -> how the English message says it
_EXPECTED = {"text": "expected text", "number": "expected a number",
             "whole_number": "expected a whole number", "true_false": "expected true or false"}


class WrongType(ValidationError):
    """A value of the wrong kind (a list where text belongs, a word where a number does).

    ``expected`` is one of ``text``, ``number``, ``whole_number``, ``true_false``; the values
    say what was given instead: ``got_kind`` (``nothing``, ``text`` or ``type``) and ``got``
    (the text, shortened, or the type's name)."""

    code = "wrong_type"

    def __init__(self, field: str, expected: str, value: Any = None, *, say_got: bool = True):
        if value is None:
            got_kind, got = "nothing", "nothing"
        elif isinstance(value, str):
            got_kind, got = "text", value[:30]
        else:
            got_kind, got = "type", type(value).__name__
        shown = {"nothing": "nothing", "text": f"text '{got}'", "type": got}[got_kind]
        message = _EXPECTED[expected] + (f", got {shown}" if say_got else "")
        values = {"got_kind": got_kind, "got": got} if say_got else {}
        super().__init__(message, field, key=f"error.expected.{expected}", **values)
        self.expected = expected


class NotFound(JourneymapError):
    """Something is not (or no longer) there; ``what`` names the kind of thing, when known
    (``step``, ``stage``, ``participant``…)."""

    code = "not_found"

    def __init__(self, message: str, *, key: str | None = None, what: str | None = None,
                 **values: Any):
        super().__init__(message, key=key, **values)
        self.what = what


class AmbiguousName(JourneymapError):
    code = "ambiguous"


class PermissionDenied(JourneymapError):
    """Not allowed. ``reason`` is the last part of the key (``error.denied.not_invited`` ->
    ``not_invited``)."""

    code = "permission_denied"

    @property
    def reason(self) -> str | None:
        return self.key.rsplit(".", 1)[-1] if self.key else None


class PhaseClosed(PermissionDenied):
    """The action exists for this role, but not in the workshop's current phase.

    ``action`` is the rule's name (``vote``), ``phase`` the current phase and ``open_in``
    the phases in which it is open, in workshop order."""

    code = "phase_closed"
    key = "error.closed_in_phase"

    def __init__(self, action: str, phase: str, open_in: "list[str] | tuple[str, ...]"):
        super().__init__(f"not open in the {phase} phase (open in: {', '.join(open_in)})",
                         action=action, phase=phase, open_in=tuple(open_in))
        self.action = action
        self.phase = phase
        self.open_in = tuple(open_in)

    @property
    def reason(self) -> str:
        return "phase_closed"


class StaleEdit(JourneymapError):
    """Someone saved a newer version of a shared row first. ``current`` holds what it now says."""

    code = "stale_edit"

    def __init__(self, kind: str, current: dict, changed_by: str | None = None,
                 attempted: dict | None = None):
        who = f" by {changed_by}" if changed_by else ""
        super().__init__(
            f"this {kind} was changed{who} since you opened it; "
            "your text is kept below, re-apply it to the new version",
            key="error.stale_edit_by" if changed_by else "error.stale_edit",
            **({"who": changed_by} if changed_by else {})
        )
        self.kind = kind
        self.current = current
        self.changed_by = changed_by
        self.attempted = attempted or {}


class InvalidToken(PermissionDenied):
    """An invitation or personal link that is wrong, expired, used up or revoked.

    The message is the same in every case: it reveals nothing about other workshops."""

    code = "invalid_token"
    key = "error.invalid_token"

    def __init__(self):
        super().__init__(
            "this link is not valid any more; ask the facilitator for a new link"
        )


class ImportRefused(JourneymapError):
    """A file was refused whole. ``problems`` lists every problem, each naming its place."""

    code = "import_refused"
    key = "error.import_refused"

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = list(problems)
        head = f"{source}: refused, {len(self.problems)} problem" + (
            "s" if len(self.problems) != 1 else ""
        )
        super().__init__(head + "\n" + "\n".join(f"  {p}" for p in self.problems),
                         source=source, count=len(self.problems))


def _num(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
