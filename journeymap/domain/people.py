"""The people of a journey: participants with one role each, and the segments (participant
attributes a facilitator defines, "customer for: < 1 year / 1–5 / > 5") they may answer."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ValidationError, WrongType
from .validation import clean_text
from .vocabulary import Role


@dataclass
class Participant:
    key: str
    name: str
    role: Role = Role.CUSTOMER
    anonymous: bool = False
    #: segment id -> option id (e.g. {"tenure": "new"}); answers are optional
    segments: dict = field(default_factory=dict)

    def __post_init__(self):
        self.key = clean_text(self.key, "id", required=True, max_len=80)
        self.name = clean_text(self.name, "name", required=not self.anonymous, max_len=120)
        self.role = Role.parse(self.role, "role")
        if not isinstance(self.anonymous, bool):
            raise WrongType("anonymous", "true_false", say_got=False)
        if not isinstance(self.segments, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in self.segments.items()):
            raise ValidationError("expected an object of segment id: option id", "segments",
                                  key="error.segment_answers")


@dataclass
class Segment:
    """A participant attribute the facilitator defines ("customer for": < 1 year / 1–5 /
    > 5), asked at joining (optional) or imported. ``options``: ``[(key, label), ...]``."""

    key: str
    question: str
    options: list = field(default_factory=list)

    def __post_init__(self):
        self.key = clean_text(self.key, "id", required=True, max_len=80)
        self.question = clean_text(self.question, "question", required=True, max_len=200)
        if not isinstance(self.options, list) or len(self.options) < 2:
            raise ValidationError("give at least two options", "options",
                                  key="error.segment_options")
        clean = []
        for i, o in enumerate(self.options):
            if isinstance(o, dict):
                o = (o.get("id"), o.get("label"))
            if not (isinstance(o, (tuple, list)) and len(o) == 2):
                raise ValidationError("expected {\"id\": ..., \"label\": ...}", f"options[{i}]",
                                      key="error.segment_option")
            clean.append((clean_text(o[0], f"options[{i}].id", required=True, max_len=80),
                          clean_text(o[1], f"options[{i}].label", required=True, max_len=120)))
        if len({k for k, _ in clean}) != len(clean):
            raise ValidationError("two options have the same id", "options",
                                  key="error.segment_option_twice")
        self.options = clean

    def option_keys(self) -> list[str]:
        return [k for k, _ in self.options]
