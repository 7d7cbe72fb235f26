"""What participants say about a journey: ratings of its steps (emotion, effort, success), pain
points and highlights, skips of steps that did not happen to them, proposals of missing steps,
and the opportunities acted on; and the rounds (runs of the same map) ratings belong to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .errors import InvalidChoice, ValidationError
from .validation import check_emotion, check_int, clean_text
from .vocabulary import (
    EFFORT_MAX,
    EFFORT_MIN,
    EMOTION_WORDS,
    SEVERITY_MAX,
    SEVERITY_MIN,
    OpportunityStatus,
    Perspective,
    Pillar,
    ProposalStatus,
    Success,
)


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
