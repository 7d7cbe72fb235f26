#!/usr/bin/env python
"""Draw the ratings of the sample workshops and write each one as a native JSON file.

    python sample_journeys/generate.py           # (re)write sample_journeys/<slug>.json
    python sample_journeys/generate.py --check   # exit 1 if a committed file is out of date

Each sample is written by hand as data in ``sample_journeys/specs/<slug>.yaml``: the map
(stages, steps, transitions), the people, what they wrote in their own words (pain points,
highlights, proposals, opportunities), all under the journeymap format's own field names; and,
per step, a ``ratings`` block: the "true" mean emotion customers ``lived``, staff ``assumed``
and staff felt about their own work (``employee``), the mean ``effort``, who took the step
(``taken_by``), the emotion ``words`` people tend to pick and the comments people wrote
(``voices``, ``staff_voices``, ``employee_voices``; a voice's optional ``gender`` keeps
Italian voices such as "ero furiosa" with people they fit).  This script only draws the
individual ratings around those means with one seeded ``random.Random`` per sample, so the
data looks like real people (not everyone gives the same number) yet is the same on every run.
A voice fixes the emotion of the rating it is attached to, so what people say always matches
the number they gave.

Each spec also names the story its data must tell (``story``): the blind spots (steps where
staff are measurably too optimistic), the painful peak, an optional step where staff were too
pessimistic, and the ending.  :func:`check_story` verifies it (Welch interval with scipy) before
anything is written, so a change to a spec that breaks the story fails loudly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SPECS = HERE / "specs"
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # runnable as `python sample_journeys/generate.py`
    sys.path.insert(0, str(ROOT))

from journeymap.domain.model import (  # noqa: E402
    EMOTION_WORDS,
    Highlight,
    Journey,
    Opportunity,
    PainPoint,
    Participant,
    Perspective,
    Proposal,
    Rating,
    Round,
    Segment,
    Role,
    Skip,
    Stage,
    Step,
    Success,
    Transition,
)
from journeymap.interchange import native  # noqa: E402

#: Customers' emotion sd around a step's true mean; staff guesses are a little tighter.
LIVED_SD = 0.75
ASSUMED_SD = 0.6
EMPLOYEE_SD = 0.6
#: Chance that a rating carries an emotion word, and that an optional answer is left out.
WORD_RATE = 0.35
MISSING_RATE = 0.04
#: Chance a staff member leaves a step without a guess (never a step the story relies on).
STAFF_SKIP_RATE = 0.1

#: (the emotion the person gave, what they wrote[, "f" or "m"]) — the optional grammatical
#: gender keeps Italian voices ("ero furiosa") with people they fit; anonymous people take any.
Voice = tuple


@dataclass
class StepSpec:
    key: str
    stage: str
    lane: str
    channel: str
    title: str
    description: str = ""
    mot: bool = False
    #: true mean emotion customers lived; None: customers do not rate this step
    lived: float | None = None
    #: true mean emotion staff assume customers feel; None: staff do not guess
    assumed: float | None = None
    #: true mean effort customers lived (staff guess ``assumed_effort``, default one less)
    effort: float = 2.0
    assumed_effort: float | None = None
    #: true mean emotion of the staff named in ``employee_by`` about their own work here
    employee: float | None = None
    employee_by: tuple[str, ...] = ()
    #: the customers whose actual journey went through this step (None: everybody)
    taken_by: tuple[str, ...] | None = None
    #: emotion words people tend to choose here (used when they fit the number)
    words: tuple[str, ...] = ()
    voices: list[Voice] = field(default_factory=list)
    staff_voices: list[Voice] = field(default_factory=list)
    employee_voices: list[Voice] = field(default_factory=list)


@dataclass
class Story:
    blind_spots: tuple[str, ...]   # staff clearly too optimistic (Welch 95% interval > 0)
    peak: str                      # most customers' most intense moment
    ending: str                    # "positive" or "negative": how the last step colours memory
    pessimistic: str | None = None  # staff feared worse than customers lived


@dataclass
class Spec:
    slug: str
    seed: int
    title: str
    persona: str
    goal: str
    language: str
    owner: str
    status: str
    evidence: str
    stages: list[tuple[str, str]]
    steps: list[StepSpec]
    transitions: list[tuple[str, str, str]]
    facilitator: tuple[str, str]
    staff: list[tuple[str, str]]
    customers: list[tuple[str, str, bool]]          # key, name, anonymous
    story: Story
    skips: list[tuple[str, str]] = field(default_factory=list)  # beyond ``taken_by``
    genders: dict[str, str] = field(default_factory=dict)       # customer key -> "f" / "m"
    # key, author, step, severity, pillar, votes, text[, perspective]
    pain_points: list[tuple] = field(default_factory=list)
    highlights: list[tuple] = field(default_factory=list)     # author, step, text[, perspective]
    # author, stage, after (a step key), title, description
    proposals: list[tuple] = field(default_factory=list)
    # title, owner, due (ISO date), status, [pain point ids]
    opportunities: list[tuple] = field(default_factory=list)


# reading a spec ----------------------------------------------------------------------------

def _voices(items: list[dict] | None) -> list[Voice]:
    return [(v["emotion"], v["comment"], *([v["gender"]] if "gender" in v else []))
            for v in items or []]


def _step(d: dict) -> StepSpec:
    r = d.get("ratings", {})
    return StepSpec(
        key=d["id"], stage=d["stage"], lane=d["lane"], channel=d["channel"],
        title=d["title"], description=d["description"], mot=d["moment_of_truth"],
        lived=r.get("lived"), assumed=r.get("assumed"), effort=r.get("effort", 2.0),
        assumed_effort=r.get("assumed_effort"), employee=r.get("employee"),
        employee_by=tuple(r.get("employee_by", ())),
        taken_by=tuple(r["taken_by"]) if "taken_by" in r else None,
        words=tuple(r.get("words", ())), voices=_voices(r.get("voices")),
        staff_voices=_voices(r.get("staff_voices")),
        employee_voices=_voices(r.get("employee_voices")))


def _optional(d: dict, key: str) -> tuple:
    return (d[key],) if key in d else ()


def load_spec(path: Path) -> Spec:
    """One sample's spec from its YAML file (see the module docstring for its fields)."""
    d = yaml.safe_load(path.read_text(encoding="utf-8"))
    j, story, people = d["journey"], d["story"], d["participants"]
    facilitator = next(p for p in people if p["role"] == "facilitator")
    return Spec(
        slug=d["slug"], seed=d["seed"], title=j["title"], persona=j["persona"],
        goal=j["goal"], language=j["language"], owner=j["owner"], status=j["status"],
        evidence=j["evidence"],
        stages=[(s["id"], s["name"]) for s in d["stages"]],
        steps=[_step(s) for s in d["steps"]],
        transitions=[(t["from"], t["to"], t["label"]) for t in d["transitions"]],
        facilitator=(facilitator["id"], facilitator["name"]),
        staff=[(p["id"], p["name"]) for p in people if p["role"] == "staff"],
        customers=[(p["id"], p["name"], p["anonymous"])
                   for p in people if p["role"] == "customer"],
        genders={p["id"]: p["gender"] for p in people if "gender" in p},
        story=Story(blind_spots=tuple(story["blind_spots"]), peak=story["peak"],
                    ending=story["ending"], pessimistic=story.get("pessimistic")),
        skips=[(s["participant"], s["step"]) for s in d.get("skips", [])],
        pain_points=[(p["id"], p["participant"], p["step"], p["severity"], p["pillar"],
                      p["votes"], p["text"], *_optional(p, "perspective"))
                     for p in d.get("pain_points", [])],
        highlights=[(h["participant"], h["step"], h["text"], *_optional(h, "perspective"))
                    for h in d.get("highlights", [])],
        proposals=[(p["participant"], p["stage"], p["after"], p["title"], p["description"])
                   for p in d.get("proposals", [])],
        opportunities=[(o["title"], o["owner"], o["due"], o["status"], o["pain_points"])
                       for o in d.get("opportunities", [])],
    )


# building ----------------------------------------------------------------------------------

def _clamp(x: int, low: int, high: int) -> int:
    return max(low, min(high, x))


def _draw(rng: random.Random, mean: float, sd: float) -> int:
    return _clamp(int(round(rng.gauss(mean, sd))), -3, 3)


def _emotions(rng: random.Random, people: list[str], mean: float, sd: float,
              voices: list[Voice], genders: dict[str, str] | None = None
              ) -> dict[str, tuple[int, str]]:
    """Each person's (emotion, comment) at one step: voices go to people picked at random
    (a gendered voice only to someone it fits); everyone else gets a number drawn near the
    step's mean and no comment."""
    genders = genders or {}
    order = list(people)
    rng.shuffle(order)
    out: dict[str, tuple[int, str]] = {}
    for emotion, text, *gender in voices:
        fits = [p for p in order if p not in out
                and (not gender or genders.get(p, gender[0]) == gender[0])]
        if fits:
            out[fits[0]] = (emotion, text)
    for person in order:
        if person not in out:
            out[person] = (_draw(rng, mean, sd), "")
    return {p: out[p] for p in order}


def _word(rng: random.Random, emotion: int, hints: tuple[str, ...]) -> str:
    if rng.random() >= WORD_RATE:
        return ""
    fitting = [w for w in hints if abs(EMOTION_WORDS[w] - emotion) <= 1]
    if fitting:
        return rng.choice(fitting)
    nearest = min(abs(v - emotion) for v in EMOTION_WORDS.values())
    return rng.choice([w for w, v in EMOTION_WORDS.items() if abs(v - emotion) == nearest])


def _effort(rng: random.Random, mean: float, emotion: int, step_mean: float) -> int | None:
    if rng.random() < MISSING_RATE:
        return None
    # harder than usual goes with feeling worse than usual
    return _clamp(int(round(rng.gauss(mean - 0.35 * (emotion - step_mean), 0.6))), 1, 5)


def _success(rng: random.Random, emotion: int) -> Success | None:
    if rng.random() < MISSING_RATE:
        return None
    score = emotion + rng.gauss(0, 0.8)
    if score >= 0.5:
        return Success.YES
    if score >= -1.8:
        return Success.PARTLY
    return Success.NO


def build(spec: Spec) -> Journey:
    """The spec as a domain :class:`Journey`, ratings drawn with the spec's own seed."""
    rng = random.Random(spec.seed)
    j = Journey(title=spec.title, persona=spec.persona, goal=spec.goal,
                language=spec.language, owner=spec.owner, status=spec.status,
                evidence=spec.evidence)
    for key, name in spec.stages:
        j.add_stage(Stage(key, name))
    for s in spec.steps:
        j.add_step(Step(key=s.key, stage=s.stage, title=s.title, lane=s.lane,
                        channel=s.channel, description=s.description, moment_of_truth=s.mot))
    for source, target, label in spec.transitions:
        j.add_transition(Transition(source, target, label))

    fkey, fname = spec.facilitator
    j.add_participant(Participant(fkey, fname, Role.FACILITATOR))
    for key, name in spec.staff:
        j.add_participant(Participant(key, name, Role.STAFF))
    for key, name, anonymous in spec.customers:
        j.add_participant(Participant(key, name, Role.CUSTOMER, anonymous=anonymous))
    customers = [c[0] for c in spec.customers]
    staff = [s[0] for s in spec.staff]
    by_key = {s.key: s for s in spec.steps}

    # what each customer's actual journey left out
    skipped: list[tuple[str, str]] = []
    for c in customers:
        for s in spec.steps:
            if s.lived is None:
                continue
            if (s.taken_by is not None and c not in s.taken_by) or (c, s.key) in spec.skips:
                skipped.append((c, s.key))
    skipped_set = set(skipped)

    # lived emotions, step by step (so each step's voices land on people picked at random)
    lived: dict[tuple[str, str], tuple[int, str]] = {}
    for s in spec.steps:
        if s.lived is None:
            continue
        raters = [c for c in customers if (c, s.key) not in skipped_set]
        sd = 0.35 if s.key == spec.story.peak else LIVED_SD
        for c, value in _emotions(rng, raters, s.lived, sd, s.voices, spec.genders).items():
            lived[(c, s.key)] = value
    # the peak stays the peak: whoever lived it at full intensity felt nothing as strong elsewhere
    for c in customers:
        if lived.get((c, spec.story.peak), (0, ""))[0] == -3:
            for s in spec.steps:
                if s.key != spec.story.peak and (c, s.key) in lived:
                    e, comment = lived[(c, s.key)]
                    lived[(c, s.key)] = (_clamp(e, -2, 2), comment)

    # staff guesses; every staff member rates the steps the story relies on
    key_steps = {*spec.story.blind_spots, spec.story.peak, spec.story.pessimistic}
    assumed: dict[tuple[str, str], tuple[int, str]] = {}
    for s in spec.steps:
        if s.assumed is None:
            continue
        raters = [p for p in staff if s.key in key_steps or rng.random() >= STAFF_SKIP_RATE]
        for p, value in _emotions(rng, raters, s.assumed, ASSUMED_SD, s.staff_voices).items():
            assumed[(p, s.key)] = value
    employee: dict[tuple[str, str], tuple[int, str]] = {}
    for s in spec.steps:
        if s.employee is None:
            continue
        for p, value in _emotions(rng, list(s.employee_by), s.employee, EMPLOYEE_SD,
                                  s.employee_voices).items():
            employee[(p, s.key)] = value

    # ratings in the order a workshop produces them: staff guess first, then customers tell
    for p in staff:
        for s in spec.steps:
            if (p, s.key) in assumed:
                e, comment = assumed[(p, s.key)]
                eff = s.assumed_effort if s.assumed_effort is not None else max(1.0, s.effort - 1)
                j.add_rating(Rating(p, s.key, e, Perspective.ASSUMED, _word(rng, e, s.words),
                                    _effort(rng, eff, e, s.assumed), _success(rng, e), comment))
        for s in spec.steps:
            if (p, s.key) in employee:
                e, comment = employee[(p, s.key)]
                j.add_rating(Rating(p, s.key, e, Perspective.EMPLOYEE, _word(rng, e, ()),
                                    _effort(rng, 3.5, e, s.employee), _success(rng, e), comment))
    for c in customers:
        for s in spec.steps:
            if (c, s.key) in lived:
                e, comment = lived[(c, s.key)]
                j.add_rating(Rating(c, s.key, e, Perspective.LIVED, _word(rng, e, s.words),
                                    _effort(rng, s.effort, e, s.lived), _success(rng, e),
                                    comment))
    for c, step in skipped:
        j.skips.append(Skip(c, step))
    for key, author, step, severity, pillar, votes, text, *rest in spec.pain_points:
        j.add_pain_point(PainPoint(author, step, text, severity, pillar, votes,
                                   rest[0] if rest else None, key))
    for author, step, text, *rest in spec.highlights:
        j.add_highlight(Highlight(author, step, text, rest[0] if rest else None))
    for author, stage, after, title, description in spec.proposals:
        j.proposals.append(Proposal(author, title, stage, after, description))
    for title, owner, due, status, pains in spec.opportunities:
        j.opportunities.append(Opportunity(title, owner, dt.date.fromisoformat(due), status,
                                           list(pains)))
    assert all(by_key[k].lived is not None for k in key_steps if k), "story steps need ratings"
    _segments_and_second_round(spec, j, customers, skipped_set)
    return j


#: the segment every sample asks at joining, in the workshop's language
TENURE = {
    "en": ("Customer for", [("new", "Less than a year"), ("mid", "1 to 5 years"),
                            ("long", "More than 5 years")]),
    "it": ("Cliente da", [("new", "Meno di un anno"), ("mid", "Da 1 a 5 anni"),
                          ("long", "Più di 5 anni")]),
}
#: how much better the fixed step feels in round 2 (on −3..+3)
FIX_EFFECT = 2.0


def _segments_and_second_round(spec: Spec, j: Journey, customers: list[str],
                               skipped: set) -> None:
    """Tenure for every customer (in turn: new, 1–5 years, long, so each group has at least
    three people), and a second round some weeks after the actions were due: the same
    customers walk the map again; the story's first blind spot was fixed (it feels
    ``FIX_EFFECT`` better), every other step feels as before; staff guess again with the
    beliefs they had. Drawn with a generator of its own, so round 1 stays exactly as it
    was."""
    rng = random.Random(spec.seed * 7919 + 2)
    question, options = TENURE[spec.language]
    j.segments.append(Segment("tenure", question, list(options)))
    keys = [k for k, _ in options]
    for i, c in enumerate(customers):
        j.participant(c).segments = {"tenure": keys[i % len(keys)]}
    dues = sorted(o.due for o in j.opportunities if o.due is not None)
    first = (dues[0] - dt.timedelta(days=90)) if dues else dt.date(2026, 10, 1)
    second = (dues[-1] + dt.timedelta(days=21)) if dues else dt.date(2027, 3, 1)
    j.rounds.extend([Round(1, first), Round(2, second)])
    fixed = spec.story.blind_spots[0]
    for c in customers:
        for s in spec.steps:
            if s.lived is None or (c, s.key) in skipped:
                continue
            mean = s.lived + (FIX_EFFECT if s.key == fixed else 0.0)
            e = _draw(rng, mean, LIVED_SD)
            j.add_rating(Rating(c, s.key, e, Perspective.LIVED, _word(rng, e, s.words),
                                _effort(rng, s.effort, e, s.lived), _success(rng, e),
                                round=2))
    # staff assume afresh in round 2 (the app's round starts with Assume): the same beliefs
    # as before, so the fixed step's gap closes and the unfixed blind spots stay
    key_steps = {*spec.story.blind_spots, spec.story.peak, spec.story.pessimistic}
    for p in (s[0] for s in spec.staff):
        for s in spec.steps:
            if s.assumed is None or (s.key not in key_steps and rng.random() < STAFF_SKIP_RATE):
                continue
            e = _draw(rng, s.assumed, ASSUMED_SD)
            eff = s.assumed_effort if s.assumed_effort is not None else max(1.0, s.effort - 1)
            j.add_rating(Rating(p, s.key, e, Perspective.ASSUMED, _word(rng, e, s.words),
                                _effort(rng, eff, e, s.assumed), _success(rng, e), round=2))


# the story check -----------------------------------------------------------------------------

def _values(j: Journey, step: str, perspective: Perspective, round: int = 1) -> list[float]:
    return [r.emotion for r in j.ratings
            if r.step == step and r.perspective is perspective and r.round == round]


def welch_interval(assumed: list[float], lived: list[float]) -> tuple[float, float]:
    """95% Welch interval of mean assumed − mean lived (scipy)."""
    import warnings

    from scipy import stats

    with warnings.catch_warnings():  # a group whose members all agree is fine for Welch
        warnings.simplefilter("ignore", RuntimeWarning)
        ci = stats.ttest_ind(assumed, lived, equal_var=False).confidence_interval(0.95)
    return float(ci.low), float(ci.high)


def customer_peaks(j: Journey) -> dict[str, str | None]:
    """Each customer's peak step: the single rating of largest magnitude (None on a tie)."""
    out: dict[str, str | None] = {}
    for p in j.participants:
        if p.role is not Role.CUSTOMER:
            continue
        mine = [r for r in j.ratings if r.participant == p.key
                and r.perspective is Perspective.LIVED and r.round == 1]
        if not mine:
            continue
        top = max(abs(r.emotion) for r in mine)
        at_top = [r.step for r in mine if abs(r.emotion) == top]
        out[p.key] = at_top[0] if len(at_top) == 1 else None
    return out


def check_story(spec: Spec, j: Journey) -> None:
    """Raise AssertionError naming the part of the story the data no longer tells."""
    for step in spec.story.blind_spots:
        a = _values(j, step, Perspective.ASSUMED)
        b = _values(j, step, Perspective.LIVED)
        low, high = welch_interval(a, b)
        assert len(a) >= 3 and len(b) >= 8, f"{spec.slug}: {step} has too few ratings"
        assert low > 0, f"{spec.slug}: blind spot {step} interval ({low:.2f}, {high:.2f})"
    if spec.story.pessimistic:
        a = _values(j, spec.story.pessimistic, Perspective.ASSUMED)
        b = _values(j, spec.story.pessimistic, Perspective.LIVED)
        gap = sum(a) / len(a) - sum(b) / len(b)
        assert gap <= -1.5, f"{spec.slug}: pessimistic step gap is only {gap:.2f}"
    peaks = customer_peaks(j)
    share = sum(1 for s in peaks.values() if s == spec.story.peak) / len(peaks)
    assert share > 0.5, f"{spec.slug}: only {share:.0%} of customers peak at {spec.story.peak}"
    lived = [r.emotion for r in j.ratings
             if r.perspective is Perspective.LIVED and r.round == 1]
    average = sum(lived) / len(lived)
    end = _values(j, spec.steps[-1].key, Perspective.LIVED)
    end_mean = sum(end) / len(end)
    sign = 1 if spec.story.ending == "positive" else -1
    assert sign * end_mean >= 1 and sign * (end_mean - average) >= 1, (
        f"{spec.slug}: ending {end_mean:.2f} does not stand out from the average {average:.2f}")


# entry point ---------------------------------------------------------------------------------

def specs() -> list[Spec]:
    """Every sample's spec, read from ``specs/*.yaml`` (in file-name order)."""
    return [load_spec(path) for path in sorted(SPECS.glob("*.yaml"))]


def build_all() -> dict[str, Journey]:
    """Every sample by slug, built in memory (nothing written)."""
    out = {}
    for spec in specs():
        j = build(spec)
        check_story(spec, j)
        out[spec.slug] = j
    return out


def render_all() -> dict[str, str]:
    """File name → the exact text the committed file must hold."""
    return {f"{slug}.json": native.dumps(j) for slug, j in build_all().items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a committed file differs")
    args = parser.parse_args(argv)
    stale = []
    for name, text in render_all().items():
        path = HERE / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(name)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    verb = "out of date" if args.check else "written"
    for name in stale:
        print(f"{name}: {verb}")
    if not stale:
        print("all samples up to date")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
