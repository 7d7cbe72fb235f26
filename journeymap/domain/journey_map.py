"""The map of a journey, as a workshop draws it: stages (ordered columns), steps (one
touchpoint or action each, in a stage and a lane, through a channel) and transitions between
steps. :class:`~journeymap.domain.graph.JourneyGraph` reads them as a graph."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import WrongType
from .validation import clean_text
from .vocabulary import Lane


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
