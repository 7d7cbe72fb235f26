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

The model's parts live by what they are, and every name is importable from here:
:mod:`.vocabulary` (the choices and scales), :mod:`.validation` (the checks on values),
:mod:`.journey_map` (stages, steps, transitions), :mod:`.people` (participants, segments) and
:mod:`.input` (ratings, pain points, highlights, skips, proposals, opportunities, rounds).
This module holds the :class:`Journey` that gathers them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import DuplicateKey, InvalidChoice, UnknownParticipant, UnknownStage, UnknownStep
from .input import Highlight, Opportunity, PainPoint, Proposal, Rating, Round, Skip
from .journey_map import Stage, Step, Transition
from .people import Participant, Segment
from .validation import check_emotion, check_int, clean_text
from .vocabulary import (
    COMMON_CHANNELS,
    EFFORT_MAX,
    EFFORT_MIN,
    EMOTION_MAX,
    EMOTION_MIN,
    EMOTION_WORDS,
    LANGUAGES,
    SEVERITY_MAX,
    SEVERITY_MIN,
    Choice,
    Evidence,
    JourneyStatus,
    Lane,
    OpportunityStatus,
    Perspective,
    Phase,
    Pillar,
    ProposalStatus,
    Role,
    Success,
)

__all__ = [
    "COMMON_CHANNELS", "EFFORT_MAX", "EFFORT_MIN", "EMOTION_MAX", "EMOTION_MIN", "EMOTION_WORDS",
    "LANGUAGES", "SEVERITY_MAX", "SEVERITY_MIN", "Choice", "Evidence", "Highlight", "Journey",
    "JourneyStatus", "Lane", "Opportunity", "OpportunityStatus", "PainPoint", "Participant",
    "Perspective", "Phase", "Pillar", "Proposal", "ProposalStatus", "Rating", "Role", "Round",
    "Segment", "Skip", "Stage", "Step", "Success", "Transition", "check_emotion", "check_int",
    "clean_text",
]


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
