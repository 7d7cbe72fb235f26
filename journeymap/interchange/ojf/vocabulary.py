"""The OpenJourney words journeymap reads a map by: which swimlane is an emotion, pain or
steps lane (and which of our lanes), which tag is a channel, which sentiment is one of our
emotion words, severities and purposes; and the lane names the export writes, chosen so that
:func:`lane_kind` reads them back as the same lanes."""

from __future__ import annotations

import re

from journeymap.domain.model import EMOTION_WORDS, Lane

#: OJF's score scale and how it becomes our emotion; the participant whose map it is
SCALE = "-5..5"
RESCALE = "x*0.6"
AUTHOR = "author"

#: swimlane names whose nodes are feelings or pain points, not steps
EMOTION_LANE_WORDS = ("emotion", "feeling", "sentiment", "mood", "thought", "health")
PAIN_LANE_WORDS = ("pain", "friction", "issue", "problem", "roadblock", "blocker",
                   "bottleneck", "obstacle")
#: the words that put a swimlane of steps in one of our lanes, tried in this order
LANE_RULES: tuple[tuple[Lane, tuple[str, ...]], ...] = (
    (Lane.BACKSTAGE, ("backstage", "back office", "back-office", "internal", "behind")),
    (Lane.FRONTSTAGE, ("touchpoint", "channel", "frontstage", "front office", "front-office",
                       "onstage", "vendor", "digital", "physical", "staff", "agent", "tool",
                       "website")),
    (Lane.SUPPORT, ("support", "system", "infrastructure")),
    (Lane.CUSTOMER, ("customer", "user", "patient", "guest", "client", "activity", "action",
                     "interaction", "journey")),
)
#: a node's tag that names a channel
CHANNEL_WORDS = (
    ("web", ("web", "desktop", "website", "browser", "online")),
    ("app", ("mobile", "app", "smartphone")),
    ("chat", ("chat",)),
    ("email", ("email", "e-mail", "mail")),
    ("phone", ("phone", "call", "telephone")),
    ("store", ("in-person", "in person", "store", "shop", "desk")),
    ("social", ("social",)),
    ("post", ("post", "letter")),
)
#: sentiments read as one of our emotion words
EMOTION_SYNONYMS = {"angry": "furious", "upset": "frustrated", "annoyed": "frustrated",
                    "worried": "anxious", "excited": "happy", "pleased": "satisfied",
                    "content": "satisfied", "hopeful": "reassured"}
SEVERITY = {"low": 1, "medium": 2, "high": 3}
SEVERITY_WORD = {1: "low", 2: "medium", 3: "high"}
#: the node fields the import reads; any other is listed as not kept
NODE_KEYS = {"id", "stageId", "swimlaneId", "title", "description", "score", "sentiment",
             "severity", "purpose", "isMomentOfTruth", "tags", "blueprint"}
POSITIVE_PURPOSE = {"gain", "opportunity", "win"}
PAIN_PURPOSE = {"pain-point", "pain", "bottleneck", "painpoint", "pain point"}
#: one swimlane per lane, named so that :func:`lane_kind` reads it back as that lane
LANE_NAMES = {Lane.CUSTOMER: "Customer Actions", Lane.FRONTSTAGE: "Frontstage Touchpoints",
              Lane.BACKSTAGE: "Backstage Actions", Lane.SUPPORT: "Support Processes"}
PAIN_LANE = "Pain Points"


def lane_kind(name: str) -> tuple[str, Lane | None]:
    """How a swimlane's name is read: ``("emotion"|"pain"|"steps", lane or None)``.

    >>> lane_kind("Emotional State"), lane_kind("Issues & Roadblocks")[0]
    (('emotion', None), 'pain')
    >>> lane_kind("Support Channel"), lane_kind("Back office")
    (('steps', <Lane.FRONTSTAGE: 'frontstage'>), ('steps', <Lane.BACKSTAGE: 'backstage'>))
    >>> lane_kind("Weather")
    ('steps', None)
    """
    low = name.lower()
    if any(w in low for w in EMOTION_LANE_WORDS):
        return "emotion", None
    if any(w in low for w in PAIN_LANE_WORDS):
        return "pain", None
    for lane, words in LANE_RULES:
        if any(re.search(rf"\b{re.escape(w)}", low) for w in words):
            return "steps", lane
    return "steps", None


def channel_of(tags: list[str]) -> str:
    """The channel the first tag naming one says (``"Mobile App"`` → ``app``), else ``""``."""
    for tag in tags:
        low = tag.lower()
        for channel, words in CHANNEL_WORDS:
            if any(low == w or low.startswith(w) for w in words):
                return channel
    return ""


def emotion_word_of(sentiment: str) -> str:
    """The emotion word a sentiment is (or a close synonym of), else ``""``."""
    s = sentiment.strip().lower()
    s = EMOTION_SYNONYMS.get(s, s)
    return s if s in EMOTION_WORDS else ""
