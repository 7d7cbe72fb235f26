"""Hypothesis strategies for whole journeys, and small helpers shared by the format tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import strategies as st

from journeymap.domain.errors import ImportRefused
from journeymap.domain.model import (
    COMMON_CHANNELS,
    EMOTION_WORDS,
    Evidence,
    Highlight,
    Journey,
    JourneyStatus,
    Lane,
    Opportunity,
    OpportunityStatus,
    PainPoint,
    Participant,
    Perspective,
    Pillar,
    Proposal,
    ProposalStatus,
    Rating,
    Role,
    Skip,
    Stage,
    Step,
    Success,
    Transition,
)

FIXTURES = Path(__file__).parent / "fixtures"

#: text a person might type, accents, quotes and markup characters included (no control chars,
#: no U+FFFE/U+FFFF, which XML-based files cannot hold)
PLAIN = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                           blacklist_characters="\u200b\ua789\uff03\uff1b\ufffe\uffff"),
    min_size=1, max_size=30,
).map(str.strip).filter(bool)
#: anything JSON can hold, control characters too
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
KEYS = st.from_regex(r"[a-z][a-z0-9_-]{0,7}", fullmatch=True)


@st.composite
def journeys(draw, text=PLAIN, fractional=True, max_steps=8, max_people=5,
             everything=True) -> Journey:
    """A valid journey: stages, steps, transitions, participants and (if ``everything``) their
    ratings with fractional emotions, pain points, highlights, skips, proposals, opportunities."""
    opt_text = st.one_of(st.just(""), text)
    j = Journey(title=draw(text), persona=draw(opt_text), goal=draw(opt_text),
                language=draw(st.sampled_from(["it", "en"])),
                owner=draw(opt_text) if everything else "",
                status=draw(st.sampled_from(list(JourneyStatus))) if everything else "current",
                evidence=draw(st.sampled_from(list(Evidence))) if everything else "assumed")
    stage_keys = draw(st.lists(KEYS, min_size=1, max_size=4, unique=True))
    j.stages = [Stage(k, draw(text)) for k in stage_keys]
    step_keys = draw(st.lists(KEYS, min_size=1, max_size=max_steps, unique=True))
    for k in step_keys:
        j.steps.append(Step(key=k, stage=draw(st.sampled_from(stage_keys)), title=draw(text),
                            lane=draw(st.sampled_from(list(Lane))),
                            channel=draw(st.sampled_from(("",) + COMMON_CHANNELS)),
                            description=draw(opt_text),
                            moment_of_truth=draw(st.booleans())))
    pairs = draw(st.lists(st.tuples(st.sampled_from(step_keys), st.sampled_from(step_keys)),
                          max_size=10))
    j.transitions = [Transition(a, b, draw(opt_text)) for a, b in pairs]
    people = draw(st.lists(KEYS, max_size=max_people, unique=True))
    for k in people:
        anon = draw(st.booleans())
        j.participants.append(Participant(
            key=k, name="" if anon and draw(st.booleans()) else draw(text),
            role=draw(st.sampled_from(list(Role))), anonymous=anon))
    if not people:
        return j
    emotions = (st.floats(-3, 3, allow_nan=False, allow_infinity=False) if fractional
                else st.integers(-3, 3).map(float))
    seen = set()
    for _ in range(draw(st.integers(0, 20))):
        who = draw(st.sampled_from(j.participants))
        step = draw(st.sampled_from(step_keys))
        persp = draw(st.sampled_from(list(Perspective))) if everything else \
            Perspective.default_for(who.role)
        if (who.key, step, persp) in seen:
            continue
        seen.add((who.key, step, persp))
        j.ratings.append(Rating(
            participant=who.key, step=step, emotion=draw(emotions), perspective=persp,
            emotion_word=draw(st.sampled_from([""] + list(EMOTION_WORDS))) if everything else "",
            effort=draw(st.one_of(st.none(), st.integers(1, 5))) if everything else None,
            success=draw(st.one_of(st.none(), st.sampled_from(list(Success))))
            if everything else None,
            comment=draw(opt_text)))
    if not everything:
        for _ in range(draw(st.integers(0, 4))):
            j.skips.append(Skip(draw(st.sampled_from(people)), draw(st.sampled_from(step_keys))))
        j.skips = [s for i, s in enumerate(j.skips)
                   if (s.participant, s.step) not in {(x.participant, x.step)
                                                      for x in j.skips[:i]}
                   and (s.participant, s.step) not in {(r.participant, r.step)
                                                       for r in j.ratings}]
        return j
    for n in range(draw(st.integers(0, 4))):
        j.pain_points.append(PainPoint(
            participant=draw(st.sampled_from(people)), step=draw(st.sampled_from(step_keys)),
            text=draw(text), severity=draw(st.integers(1, 3)),
            pillar=draw(st.one_of(st.none(), st.sampled_from(list(Pillar)))),
            votes=draw(st.integers(0, 50)), perspective=draw(st.sampled_from(list(Perspective))),
            key=f"pp{n + 1}"))
    for _ in range(draw(st.integers(0, 3))):
        j.highlights.append(Highlight(draw(st.sampled_from(people)),
                                      draw(st.sampled_from(step_keys)), draw(text),
                                      draw(st.sampled_from(list(Perspective)))))
    for _ in range(draw(st.integers(0, 3))):
        j.skips.append(Skip(draw(st.sampled_from(people)), draw(st.sampled_from(step_keys))))
    for _ in range(draw(st.integers(0, 2))):
        j.proposals.append(Proposal(
            participant=draw(st.sampled_from(people)), title=draw(text),
            stage=draw(st.sampled_from(stage_keys)),
            after=draw(st.sampled_from([""] + step_keys)), description=draw(opt_text),
            status=draw(st.sampled_from(list(ProposalStatus)))))
    pain_keys = [p.key for p in j.pain_points]
    for _ in range(draw(st.integers(0, 2))):
        j.opportunities.append(Opportunity(
            title=draw(text), owner=draw(opt_text),
            due=draw(st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)))),
            status=draw(st.sampled_from(list(OpportunityStatus))),
            pain_points=draw(st.lists(st.sampled_from(pain_keys), unique=True, max_size=3))
            if pain_keys else []))
    if draw(st.booleans()):
        j.source = {"format": "ojf", "scale": "-5..5", "rescale": "x*0.6"}
    return j


def refused(fn, *args, **kwargs) -> list[str]:
    """The problems of an import that must be refused."""
    with pytest.raises(ImportRefused) as info:
        fn(*args, **kwargs)
    assert info.value.problems, "a refusal lists at least one problem"
    return info.value.problems
