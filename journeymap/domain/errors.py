"""Named domain errors. Each message says what is wrong and, where it helps, what to do.

>>> raise UnknownStage("pay")
Traceback (most recent call last):
...
journeymap.domain.errors.UnknownStage: no stage 'pay' in this journey
"""

from __future__ import annotations

from typing import Any


class JourneymapError(Exception):
    """Base of every error a user can act on. ``str(err)`` is the message shown."""

    code = "error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message


class ValidationError(JourneymapError):
    """A value a user gave is not acceptable. ``field`` names where."""

    code = "invalid"

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class UnknownStage(ValidationError):
    code = "unknown_stage"

    def __init__(self, stage: str):
        super().__init__(f"no stage '{stage}' in this journey", "stage")
        self.stage = stage


class UnknownStep(ValidationError):
    code = "unknown_step"

    def __init__(self, step: str):
        super().__init__(f"no step '{step}' in this journey", "step")
        self.step = step


class UnknownParticipant(ValidationError):
    code = "unknown_participant"

    def __init__(self, participant: str):
        super().__init__(f"no participant '{participant}' in this workshop", "participant")
        self.participant = participant


class DuplicateKey(ValidationError):
    code = "duplicate_key"

    def __init__(self, kind: str, key: str):
        super().__init__(f"the {kind} id '{key}' is used twice", "id")
        self.kind = kind
        self.key = key


class RatingOutOfRange(ValidationError):
    code = "out_of_range"

    def __init__(self, field: str, value: Any, low: float, high: float):
        shown = _num(value)
        super().__init__(f"{shown} is outside {_num(low)}..{_num(high)}", field)
        self.value = value
        self.low = low
        self.high = high


class InvalidChoice(ValidationError):
    code = "invalid_choice"

    def __init__(self, field: str, value: Any, choices: "list[str] | tuple[str, ...]"):
        super().__init__(
            f"'{value}' is not one of: {', '.join(choices)}", field
        )
        self.value = value
        self.choices = tuple(choices)


class EmptyValue(ValidationError):
    code = "empty"

    def __init__(self, field: str):
        super().__init__(f"{field} must not be empty", field)


class NotFound(JourneymapError):
    code = "not_found"


class AmbiguousName(JourneymapError):
    code = "ambiguous"


class PermissionDenied(JourneymapError):
    code = "permission_denied"


class PhaseClosed(PermissionDenied):
    """The action exists for this role, but not in the workshop's current phase."""

    code = "phase_closed"


class StaleEdit(JourneymapError):
    """Someone saved a newer version of a shared row first. ``current`` holds what it now says."""

    code = "stale_edit"

    def __init__(self, kind: str, current: dict, changed_by: str | None = None,
                 attempted: dict | None = None):
        who = f" by {changed_by}" if changed_by else ""
        super().__init__(
            f"this {kind} was changed{who} since you opened it; "
            "your text is kept below, re-apply it to the new version"
        )
        self.kind = kind
        self.current = current
        self.changed_by = changed_by
        self.attempted = attempted or {}


class InvalidToken(PermissionDenied):
    """An invitation or personal link that is wrong, expired, used up or revoked.

    The message is the same in every case: it reveals nothing about other workshops."""

    code = "invalid_token"

    def __init__(self):
        super().__init__(
            "this link is not valid any more; ask the facilitator for a new link"
        )


class ImportRefused(JourneymapError):
    """A file was refused whole. ``problems`` lists every problem, each naming its place."""

    code = "import_refused"

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = list(problems)
        head = f"{source}: refused, {len(self.problems)} problem" + (
            "s" if len(self.problems) != 1 else ""
        )
        super().__init__(head + "\n" + "\n".join(f"  {p}" for p in self.problems))


def _num(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
