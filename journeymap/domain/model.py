"""The journey model: plain dataclasses and the rules that guard their values.

A :class:`Journey` is the whole picture of one customer journey as a workshop built it: its
stages and steps (the planned journey), the people who took part, and their input (ratings,
pain points, highlights, skips, proposals, votes, opportunities).  Keys (``key``) are short,
stable, human-readable ids unique within the journey (``"s1"``, ``"discover"``); they are what
files and URLs use.

>>> j = Journey(title="Fix my router", stages=[Stage("d", "Discover")])
>>> j.add_step(Step(key="s1", stage="d", title="Notice the outage", lane=Lane.CUSTOMER))
>>> [s.key for s in j.steps]
['s1']
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from enum import Enum

from .errors import (
    DuplicateKey,
    EmptyValue,
    InvalidChoice,
    RatingOutOfRange,
    TextTooLong,
    UnknownParticipant,
    UnknownStage,
    UnknownStep,
    ValidationError,
    WrongType,
)


class _Choice(str, Enum):
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


class Lane(_Choice):
    """Shostack's blueprint lanes, top to bottom."""

    CUSTOMER = "customer"
    FRONTSTAGE = "frontstage"
    BACKSTAGE = "backstage"
    SUPPORT = "support"


class Role(_Choice):
    FACILITATOR = "facilitator"
    STAFF = "staff"
    CUSTOMER = "customer"


class Perspective(_Choice):
    ASSUMED = "assumed"   # a staff member's guess about customers
    LIVED = "lived"       # a customer's own experience
    EMPLOYEE = "employee"  # staff about their own work

    @classmethod
    def default_for(cls, role: "Role") -> "Perspective":
        return cls.LIVED if Role(role) is Role.CUSTOMER else cls.ASSUMED


class Success(_Choice):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"

    @property
    def score(self) -> float:
        """Success as a number for rates: yes 1, partly 0.5, no 0."""
        return {"yes": 1.0, "partly": 0.5, "no": 0.0}[self.value]


class Pillar(_Choice):
    """KPMG's six pillars of customer experience."""

    PERSONALISATION = "personalisation"
    INTEGRITY = "integrity"
    EXPECTATIONS = "expectations"
    RESOLUTION = "resolution"
    TIME_AND_EFFORT = "time_and_effort"
    EMPATHY = "empathy"


class Phase(_Choice):
    MAP = "map"
    ASSUME = "assume"
    LISTEN = "listen"
    REVEAL = "reveal"
    PRIORITISE = "prioritise"
    ACT = "act"

    @property
    def index(self) -> int:
        return list(Phase).index(self)


class JourneyStatus(_Choice):
    CURRENT = "current"
    FUTURE = "future"


class Evidence(_Choice):
    ASSUMED = "assumed"
    PARTLY_RESEARCHED = "partly_researched"
    RESEARCHED = "researched"


class OpportunityStatus(_Choice):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class ProposalStatus(_Choice):
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


def clean_text(value, field: str, *, required: bool = False, max_len: int = 2000) -> str:
    """Strip a user-given text; refuse non-text, empty-when-required, and overlong values."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise WrongType(field, "text", value)
    value = value.strip()
    if required and not value:
        raise EmptyValue(field)
    if len(value) > max_len:
        raise TextTooLong(field, len(value), max_len)
    return value


def check_emotion(value, field: str = "emotion") -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise WrongType(field, "number", value)
    if not math.isfinite(value) or not EMOTION_MIN <= value <= EMOTION_MAX:
        raise RatingOutOfRange(field, value, EMOTION_MIN, EMOTION_MAX)
    return float(value)


def check_int(value, field: str, low: int, high: int) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise WrongType(field, "whole_number", value)
    if not low <= value <= high:
        raise RatingOutOfRange(field, value, low, high)
    return value


@dataclass
class Stage:
    key: str
    name: str

    def __post_init__(self):
        self.key = clean_text(self.key, "id", required=True, max_len=80)
        self.name = clean_text(self.name, "name", required=True, max_len=200)


@dataclass
class Step:
    key: str
    stage: str
    title: str
    lane: Lane = Lane.CUSTOMER
    channel: str = ""
    description: str = ""
    moment_of_truth: bool = False

    def __post_init__(self):
        self.key = clean_text(self.key, "id", required=True, max_len=80)
        self.stage = clean_text(self.stage, "stage", required=True, max_len=80)
        self.title = clean_text(self.title, "title", required=True, max_len=300)
        self.lane = Lane.parse(self.lane, "lane")
        self.channel = clean_text(self.channel, "channel", max_len=60).lower()
        self.description = clean_text(self.description, "description")
        if not isinstance(self.moment_of_truth, bool):
            raise WrongType("moment_of_truth", "true_false", say_got=False)


@dataclass
class Transition:
    source: str
    target: str
    label: str = ""

    def __post_init__(self):
        self.label = clean_text(self.label, "label", max_len=200)


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


@dataclass
class Round:
    """One run of the journey's map: round 1 is the first workshop, round 2 the same map
    weeks later, after the actions."""

    number: int
    date: dt.date | None = None

    def __post_init__(self):
        self.number = check_int(self.number, "round", 1, 1000)
        if isinstance(self.date, str):
            try:
                self.date = dt.date.fromisoformat(self.date)
            except ValueError:
                raise ValidationError(f"'{self.date}' is not a date like 2026-12-31",
                                      "date", key="error.round_date",
                                      value=self.date) from None
        elif isinstance(self.date, dt.datetime) or not (
                self.date is None or isinstance(self.date, dt.date)):
            # a number or anything else where a date belongs: refused, not kept to crash
            # the export later
            raise ValidationError(f"{self.date!r} is not a date like 2026-12-31", "date",
                                  key="error.round_date", value=repr(self.date))


@dataclass
class Rating:
    participant: str
    step: str
    emotion: float
    perspective: Perspective | None = None
    emotion_word: str = ""
    effort: int | None = None
    success: Success | None = None
    comment: str = ""
    #: which run of the journey (1 = the first workshop)
    round: int = 1

    def __post_init__(self):
        self.round = check_int(self.round, "round", 1, 1000)
        self.emotion = check_emotion(self.emotion)
        if self.perspective is not None:
            self.perspective = Perspective.parse(self.perspective, "perspective")
        self.emotion_word = clean_text(self.emotion_word, "emotion_word", max_len=40).lower()
        if self.emotion_word and self.emotion_word not in EMOTION_WORDS:
            raise InvalidChoice("emotion_word", self.emotion_word, list(EMOTION_WORDS))
        if self.effort is not None:
            self.effort = check_int(self.effort, "effort", EFFORT_MIN, EFFORT_MAX)
        if self.success is not None:
            self.success = Success.parse(self.success, "success")
        self.comment = clean_text(self.comment, "comment")


@dataclass
class PainPoint:
    participant: str
    step: str
    text: str
    severity: int = 2
    pillar: Pillar | None = None
    votes: int = 0
    perspective: Perspective | None = None
    key: str = ""

    def __post_init__(self):
        self.text = clean_text(self.text, "text", required=True)
        self.severity = check_int(self.severity, "severity", SEVERITY_MIN, SEVERITY_MAX)
        if self.pillar is not None:
            self.pillar = Pillar.parse(self.pillar, "pillar")
        self.votes = check_int(self.votes, "votes", 0, 10**6)
        if self.perspective is not None:
            self.perspective = Perspective.parse(self.perspective, "perspective")
        self.key = clean_text(self.key, "id", max_len=80)


@dataclass
class Highlight:
    participant: str
    step: str
    text: str
    perspective: Perspective | None = None

    def __post_init__(self):
        self.text = clean_text(self.text, "text", required=True)
        if self.perspective is not None:
            self.perspective = Perspective.parse(self.perspective, "perspective")


@dataclass
class Skip:
    """A participant says a step did not happen to them (their actual path left it out)."""

    participant: str
    step: str


@dataclass
class Proposal:
    """A step someone says is missing, after ``after`` (a step key), awaiting the facilitator."""

    participant: str
    title: str
    stage: str
    after: str = ""
    description: str = ""
    status: ProposalStatus = ProposalStatus.PENDING

    def __post_init__(self):
        self.title = clean_text(self.title, "title", required=True, max_len=300)
        self.description = clean_text(self.description, "description")
        self.status = ProposalStatus.parse(self.status, "status")


@dataclass
class Opportunity:
    title: str
    owner: str = ""
    due: dt.date | None = None
    status: OpportunityStatus = OpportunityStatus.OPEN
    pain_points: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.title = clean_text(self.title, "title", required=True, max_len=300)
        self.owner = clean_text(self.owner, "owner", max_len=120)
        self.status = OpportunityStatus.parse(self.status, "status")
        if isinstance(self.due, str):
            try:
                self.due = dt.date.fromisoformat(self.due)
            except ValueError:
                raise ValidationError(
                    f"'{self.due}' is not a date like 2026-12-31", "due",
                    key="error.not_a_date", value=self.due
                ) from None
        elif isinstance(self.due, dt.datetime) or not (
                self.due is None or isinstance(self.due, dt.date)):
            raise ValidationError(f"{self.due!r} is not a date like 2026-12-31", "due",
                                  key="error.not_a_date", value=repr(self.due))


@dataclass
class Journey:
    """One journey with its map and everyone's input. Validates references as it grows."""

    title: str
    persona: str = ""
    goal: str = ""
    language: str = "en"
    owner: str = ""
    status: JourneyStatus = JourneyStatus.CURRENT
    evidence: Evidence = Evidence.ASSUMED
    stages: list[Stage] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    transitions: list[Transition] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    pain_points: list[PainPoint] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    opportunities: list[Opportunity] = field(default_factory=list)
    #: where an imported journey came from and how its scales were mapped
    source: dict = field(default_factory=dict)
    #: participant attributes the facilitator defined (see :class:`Segment`)
    segments: list = field(default_factory=list)
    #: dates of the rounds (see :class:`Round`), when known
    rounds: list = field(default_factory=list)

    def __post_init__(self):
        self.title = clean_text(self.title, "title", required=True, max_len=300)
        self.persona = clean_text(self.persona, "persona", max_len=500)
        self.goal = clean_text(self.goal, "goal", max_len=500)
        self.owner = clean_text(self.owner, "owner", max_len=120)
        if self.language not in LANGUAGES:
            raise InvalidChoice("language", self.language, LANGUAGES)
        self.status = JourneyStatus.parse(self.status, "status")
        self.evidence = Evidence.parse(self.evidence, "evidence")

    # lookups -----------------------------------------------------------------------------
    def stage_keys(self) -> list[str]:
        return [s.key for s in self.stages]

    def step(self, key: str) -> Step:
        for s in self.steps:
            if s.key == key:
                return s
        raise UnknownStep(key)

    def participant(self, key: str) -> Participant:
        for p in self.participants:
            if p.key == key:
                return p
        raise UnknownParticipant(key)

    # growth with rules -------------------------------------------------------------------
    def add_stage(self, stage: Stage) -> None:
        if stage.key in self.stage_keys():
            raise DuplicateKey("stage", stage.key)
        self.stages.append(stage)

    def add_step(self, step: Step) -> None:
        if step.stage not in self.stage_keys():
            raise UnknownStage(step.stage)
        if any(s.key == step.key for s in self.steps):
            raise DuplicateKey("step", step.key)
        self.steps.append(step)

    def add_transition(self, t: Transition) -> None:
        keys = {s.key for s in self.steps}
        for k in (t.source, t.target):
            if k not in keys:
                raise UnknownStep(k)
        self.transitions.append(t)

    def add_participant(self, p: Participant) -> None:
        if any(x.key == p.key for x in self.participants):
            raise DuplicateKey("participant", p.key)
        self.participants.append(p)

    def add_rating(self, r: Rating) -> Rating:
        """Add a rating; a second one by the same person, step and perspective replaces it."""
        person = self.participant(r.participant)
        self.step(r.step)
        if r.perspective is None:
            r.perspective = Perspective.default_for(person.role)
        for i, old in enumerate(self.ratings):
            if (old.participant, old.step, old.perspective, old.round) == (
                    r.participant, r.step, r.perspective, r.round):
                self.ratings[i] = r
                return r
        self.ratings.append(r)
        return r

    def add_pain_point(self, p: PainPoint) -> None:
        person = self.participant(p.participant)
        self.step(p.step)
        if p.perspective is None:
            p.perspective = Perspective.default_for(person.role)
        self.pain_points.append(p)

    def add_highlight(self, h: Highlight) -> None:
        person = self.participant(h.participant)
        self.step(h.step)
        if h.perspective is None:
            h.perspective = Perspective.default_for(person.role)
        self.highlights.append(h)
