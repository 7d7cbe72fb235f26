"""Mermaid ``journey`` diagrams: a map pasted into a README or a wiki, and back.

**Export**::

    journey
      title Sam, getting a broken router fixed
      section Discover
        Notice the outage: 2: Customer, Staff

* ``title`` is the journey's title; one ``section`` per stage (stage order); one task per step,
  in the journey's canonical order (stage order, then the transitions within a stage).
* The score is the mean *lived* emotion of the step, mapped from −3..+3 to Mermaid's 1..5 as
  ``score = round_half_up((e + 3) * 4 / 6 + 1)`` (−3→1, −1.5→2, 0→3, +1.5→4, +3→5). A step
  nobody lived gets 3 (neutral) and only the roles that rated it otherwise.
* Actors are the roles present on the step (whoever rated it, any perspective; customers
  first), named in the journey's language (``Customer``, ``Staff``; ``Cliente``,
  ``Personale``).
* Runs of white space (line breaks too) become one space. Mermaid reserves ``:``, ``#`` and
  ``;`` in these lines: they are written as the look-alikes ``꞉`` (U+A789), ``＃`` and ``；``;
  a task that would start with a keyword (``title``, ``section``...) gets an invisible U+200B
  in front.

**Import** (all or nothing, every problem named by its line: ``line 7: score 'x' is not a
whole number 1..5``):

* ``title`` → the journey's title (else the file's name); each ``section`` → a stage; each task
  → a step (customer lane, no channel) in that stage; consecutive tasks are linked by
  transitions, since a Mermaid journey is one sequence. Tasks before any section go to a stage
  named after the title.
* Scores 1..5 are rescaled to −3..+3 as ``emotion = (score − 3) × 1.5`` (1→−3, 2→−1.5, 3→0,
  4→1.5, 5→3); the original scale is kept in ``journey.source``
  (``{"format": "mermaid", "scale": "1..5", "rescale": "(x-3)*1.5", "export": ...}``).
* Each actor becomes one participant (role customer, or the role whose name it is in English or
  Italian — ``Staff``, ``Personale``, ``Facilitator``...) with one *lived* rating on each task
  it is named on, at the task's score. A task without actors keeps no score (noted).
* ``%%`` comments, ``accTitle`` and ``accDescr`` lines are skipped.

**What a round trip preserves**: the title; stage names and order; step titles (with the
replacements above) and order; per step, the 1..5 score and the set of roles present. Ids,
lanes, channels, descriptions, moments of truth, branches, effort, success, comments, pain
points and the participants themselves are not carried by Mermaid. Export → import → export
gives the identical text.

>>> j = loads("journey\\n title Buy\\n section Pay\\n  Enter card: 2: Me\\n")
>>> [(s.title, r.emotion) for s in j.steps for r in j.ratings]
[('Enter card', -1.5)]
>>> print(dumps(j), end="")
journey
  title Buy
  section Pay
    Enter card: 2: Customer
"""

from __future__ import annotations

import re
from statistics import mean

from journeymap.domain.errors import ImportRefused, ValidationError
from journeymap.domain.graph import JourneyGraph
from journeymap.domain.model import (
    LANGUAGES,
    Journey,
    Lane,
    Participant,
    Perspective,
    Rating,
    Role,
    Stage,
    Step,
    Transition,
)
from journeymap.i18n import t

from ._common import (
    EMOTION_TO_FIVE,
    FIVE_TO_EMOTION,
    Problems,
    decode,
    emotion_to_five,
    five_to_emotion,
    slug,
    unique,
)

MIME = "text/vnd.mermaid"
_RESERVED = {":": "\ua789", "#": "\uff03", ";": "\uff1b"}
_ZWSP = "\u200b"
_KEYWORD = re.compile(r"^(title|section|accTitle|accDescr|journey)(\s|:|$)", re.IGNORECASE)
MAX_LINES = 100_000
_ROLE_ORDER = (Role.CUSTOMER, Role.STAFF, Role.FACILITATOR)


def _safe(text: str) -> str:
    s = " ".join(str(text).split())
    for ch, rep in _RESERVED.items():
        s = s.replace(ch, rep)
    return s


def _safe_task(text: str) -> str:
    s = _safe(text)
    return _ZWSP + s if _KEYWORD.match(s) else s


def _role_label(role: Role, lang: str) -> str:
    return t(f"role.{role.value}", lang)


def dumps(j: Journey) -> str:
    """The journey as Mermaid ``journey`` text (see the module's notes)."""
    lang = j.language
    lines = ["journey", f"  title {_safe(j.title)}"]
    roles = {p.key: p.role for p in j.participants}
    order = JourneyGraph.of(j).order()
    steps = {s.key: s for s in j.steps}
    by_stage: dict[str, list[str]] = {}
    for k in order:
        by_stage.setdefault(steps[k].stage, []).append(k)
    for stage in j.stages:
        lines.append(f"  section {_safe(stage.name)}")
        for k in by_stage.get(stage.key, []):
            rs = [r for r in j.ratings if r.step == k]
            lived = [r.emotion for r in rs if r.perspective is Perspective.LIVED]
            score = emotion_to_five(mean(lived)) if lived else 3
            present = {roles[r.participant] for r in rs if r.participant in roles}
            actors = [_safe(_role_label(r, lang)) for r in _ROLE_ORDER if r in present]
            tail = f": {', '.join(actors)}" if actors else ""
            lines.append(f"    {_safe_task(steps[k].title)}: {score}{tail}")
    return "\n".join(lines) + "\n"


def _role_of(name: str) -> Role:
    low = name.casefold()
    for role in Role:
        if low == role.value or any(low == t(f"role.{role.value}", lg).casefold()
                                    for lg in LANGUAGES):
            return role
    return Role.CUSTOMER


def _unsafe(text: str) -> str:
    s = text.replace(_ZWSP, "")
    for ch, rep in _RESERVED.items():
        s = s.replace(rep, ch)
    return s.strip()


def loads(data: bytes | str, source: str = "journey.mmd", language: str | None = None,
          notes: list[str] | None = None) -> Journey:
    """Read Mermaid ``journey`` text; refuse it whole, naming each problem's line."""
    notes = [] if notes is None else notes
    text = decode(data, source)
    problems = Problems()
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        raise ImportRefused(source, [f"the file has {len(lines)} lines; at most {MAX_LINES}"])
    title = ""
    stages: list[tuple[int, str]] = []
    tasks: list[tuple[int, int, str, float, list[str]]] = []  # line, stage index, title...
    seen_header = False
    skipped_acc = False
    for n, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("%%"):
            continue
        if "#" in line:  # Mermaid's lexer treats # as the start of a comment
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
        if not seen_header:
            if line.split()[0] != "journey":
                problems.add(f"line {n}", f"expected 'journey' (a Mermaid journey diagram "
                                          f"starts with it), found '{line[:40]}'")
                break
            seen_header = True
            if line != "journey":
                problems.add(f"line {n}", "unexpected text after 'journey'")
            continue
        for part in [p.strip() for p in line.split(";") if p.strip()]:
            low = part.lower()
            m_title = re.match(r"^title(\s+(.*))?$", part, re.IGNORECASE)
            m_section = re.match(r"^section(\s+(.*))?$", part, re.IGNORECASE)
            if m_title:
                if title:
                    problems.add(f"line {n}", "a second title")
                title = _unsafe(m_title.group(2) or "")
                if not title:
                    problems.add(f"line {n}", "the title is empty")
            elif m_section:
                name = _unsafe(m_section.group(2) or "")
                if not name:
                    problems.add(f"line {n}", "the section has no name")
                stages.append((n, name))
            elif low.startswith(("acctitle", "accdescr")):
                skipped_acc = True
            else:
                _task(part, n, len(stages) - 1, tasks, problems)
    if not seen_header and not problems:
        problems.add("line 1", "the file is empty (a Mermaid journey starts with 'journey')")
    if seen_header and not tasks and not problems:
        problems.add(f"line {len(lines)}", "no tasks (lines like 'Pay online: 3: Me')")
    problems.refuse_if_any(source)
    if skipped_acc:
        notes.append("accTitle/accDescr lines skipped (accessibility text is not part of a map)")

    lang = language if language in LANGUAGES else "en"
    if not title:
        title = re.sub(r"\.(mmd|mermaid|md|txt)$", "", source.rsplit("/", 1)[-1]) or \
            t("interchange.mermaid.untitled", lang)
        notes.append(f"no title line: the journey is named '{title}' after the file")
    try:
        j = Journey(title=title, language=lang)
    except ValidationError as e:
        raise ImportRefused(source, [f"title: {e.message}"]) from None
    j.source = {"format": "mermaid", "scale": "1..5", "rescale": FIVE_TO_EMOTION,
                "export": EMOTION_TO_FIVE}
    taken: set[str] = set()
    lead: str | None = None
    if any(si < 0 for _, si, *_ in tasks):
        lead = unique(slug(title, "journey"), taken)
        j.stages.append(Stage(lead, title[:200]))
        notes.append("tasks before the first section are put in a stage named after the title")
    section_keys: list[str | None] = []
    for n, name in stages:
        try:
            stage = Stage(unique(slug(name, "stage"), taken), name)
        except ValidationError as e:
            problems.add(f"line {n}", f"section {e.field} {e.message}")
            section_keys.append(None)
            continue
        j.stages.append(stage)
        section_keys.append(stage.key)
    people: dict[str, Participant] = {}
    step_taken: set[str] = set()
    no_actor = 0
    for i, (n, si, name, score, actors) in enumerate(tasks):
        stage_key = section_keys[si] if si >= 0 else lead
        if stage_key is None:
            continue
        key = unique(f"s{i + 1}", step_taken)
        try:
            j.steps.append(Step(key=key, stage=stage_key, title=name, lane=Lane.CUSTOMER))
        except ValidationError as e:
            problems.add(f"line {n}", f"task {e.field} {e.message}")
            continue
        if not actors:
            no_actor += 1
        for a in actors:
            if a not in people:
                try:
                    people[a] = Participant(key=unique(slug(a, "actor"),
                                                       {p.key for p in people.values()}),
                                            name=a, role=_role_of(a))
                except ValidationError as e:
                    problems.add(f"line {n}", f"actor '{a[:40]}': {e.message}")
                    continue
                j.participants.append(people[a])
            if a not in people:
                continue
            j.ratings.append(Rating(participant=people[a].key, step=key,
                                    emotion=five_to_emotion(score),
                                    perspective=Perspective.LIVED))
    problems.refuse_if_any(source)
    for a, b in zip(j.steps, j.steps[1:]):
        j.transitions.append(Transition(a.key, b.key))
    notes.append(f"scores 1..5 rescaled to -3..+3 as (score-3)*1.5 "
                 f"({len(j.ratings)} lived rating{'s' if len(j.ratings) != 1 else ''})")
    if j.participants:
        notes.append("actors became participants: " + ", ".join(
            f"{p.name} ({p.role.value})" for p in j.participants))
    if no_actor:
        notes.append(f"{no_actor} task{'s' if no_actor != 1 else ''} without actors: "
                     "their scores are dropped (nobody to hold them)")
    if len(j.steps) > 1:
        notes.append("consecutive tasks linked by transitions (a Mermaid journey is one sequence)")
    return j


def _task(part: str, n: int, stage_index: int, tasks: list, problems: Problems) -> None:
    if ":" not in part:
        problems.add(f"line {n}", f"'{part[:40]}' is not a task (expected 'Task name: score: "
                                  "actor, actor')")
        return
    name, data = part.split(":", 1)
    name = _unsafe(name)
    fields = data.split(":", 1)
    score_text = fields[0].strip()
    try:
        score = float(score_text)
    except ValueError:
        problems.add(f"line {n}", f"score '{score_text[:20]}' is not a whole number 1..5")
        return
    if not score.is_integer() or not 1 <= score <= 5:
        problems.add(f"line {n}", f"score {score_text} is outside 1..5 (whole numbers)")
        return
    actors: list[str] = []
    if len(fields) > 1:
        for a in fields[1].split(","):
            a = _unsafe(a)
            if a and a not in actors:
                actors.append(a)
    if not name:
        problems.add(f"line {n}", "the task has no name")
        return
    tasks.append((n, stage_index, name, score, actors))
