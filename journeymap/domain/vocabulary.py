"""The words of the model: the choices a value may take (lanes, roles, perspectives,
success, KPMG's pillars, phases, statuses), each a string enum that names what it allows
when given anything else; the languages; the emotion words and the ranges of the scales."""

from __future__ import annotations

from enum import Enum

from .errors import InvalidChoice


class Choice(str, Enum):
    """A string enum whose ``parse`` gives a named error for anything else."""

    @classmethod
    def parse(cls, value, field: str):
        if isinstance(value, cls):
            return value
        try:
            return cls(value)
        except ValueError:
            raise InvalidChoice(field, value, [c.value for c in cls]) from None

    def __str__(self) -> str:
        return self.value


class Lane(Choice):
    """Shostack's blueprint lanes, top to bottom."""

    CUSTOMER = "customer"
    FRONTSTAGE = "frontstage"
    BACKSTAGE = "backstage"
    SUPPORT = "support"


class Role(Choice):
    FACILITATOR = "facilitator"
    STAFF = "staff"
    CUSTOMER = "customer"


class Perspective(Choice):
    ASSUMED = "assumed"   # a staff member's guess about customers
    LIVED = "lived"       # a customer's own experience
    EMPLOYEE = "employee"  # staff about their own work

    @classmethod
    def default_for(cls, role: "Role") -> "Perspective":
        return cls.LIVED if Role(role) is Role.CUSTOMER else cls.ASSUMED


class Success(Choice):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"

    @property
    def score(self) -> float:
        """Success as a number for rates: yes 1, partly 0.5, no 0."""
        return {"yes": 1.0, "partly": 0.5, "no": 0.0}[self.value]


class Pillar(Choice):
    """KPMG's six pillars of customer experience."""

    PERSONALISATION = "personalisation"
    INTEGRITY = "integrity"
    EXPECTATIONS = "expectations"
    RESOLUTION = "resolution"
    TIME_AND_EFFORT = "time_and_effort"
    EMPATHY = "empathy"


class Phase(Choice):
    MAP = "map"
    ASSUME = "assume"
    LISTEN = "listen"
    REVEAL = "reveal"
    PRIORITISE = "prioritise"
    ACT = "act"

    @property
    def index(self) -> int:
        return list(Phase).index(self)


class JourneyStatus(Choice):
    CURRENT = "current"
    FUTURE = "future"


class Evidence(Choice):
    ASSUMED = "assumed"
    PARTLY_RESEARCHED = "partly_researched"
    RESEARCHED = "researched"


class OpportunityStatus(Choice):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class ProposalStatus(Choice):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


LANGUAGES = ("it", "en")

#: Channels offered as suggestions; any other word is accepted too.
COMMON_CHANNELS = ("web", "app", "phone", "store", "email", "chat", "post", "social")

#: The emotion vocabulary: a key and its place on the scale. Labels live in the i18n catalogs.
EMOTION_WORDS: dict[str, int] = {
    "furious": -3,
    "frustrated": -2,
    "anxious": -2,
    "confused": -1,
    "disappointed": -1,
    "bored": -1,
    "indifferent": 0,
    "curious": 0,
    "reassured": 1,
    "relieved": 1,
    "satisfied": 1,
    "confident": 2,
    "happy": 2,
    "delighted": 3,
}

EMOTION_MIN, EMOTION_MAX = -3, 3
EFFORT_MIN, EFFORT_MAX = 1, 5
SEVERITY_MIN, SEVERITY_MAX = 1, 3
