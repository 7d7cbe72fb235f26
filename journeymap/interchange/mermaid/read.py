"""Reading a Mermaid ``journey``: the tokens of :mod:`.syntax` parsed as mermaid's grammar
does (a file mermaid refuses is refused, naming its line), then built into a journey: sections
as stages, tasks as steps in one sequence, actors as participants with lived ratings (see the
package's notes)."""

from __future__ import annotations

import re

from journeymap.domain.errors import ImportRefused, ValidationError
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

from .._common import (
    EMOTION_TO_FIVE,
    FIVE_TO_EMOTION,
    Note,
    Problems,
    decode,
    five_to_emotion,
    left_out,
    slug,
    unique,
)
from .syntax import NUMBER, Lexer, clean, decode_entities, preprocess

MAX_LINES = 100_000
NAME_MAX = 120  # journeymap's limit on a participant's name


def _role_of(name: str) -> Role:
    low = name.casefold()
    for role in Role:
        if low == role.value or any(low == t(f"role.{role.value}", lg).casefold()
                                    for lg in LANGUAGES):
            return role
    return Role.CUSTOMER



def loads(data: bytes | str, source: str = "journey.mmd", language: str | None = None,
          notes: list | None = None) -> Journey:
    """Read Mermaid ``journey`` text; refuse it whole, naming each problem's line."""
    notes = [] if notes is None else notes
    text = decode(data, source)
    if text.count("\n") + 1 > MAX_LINES:
        raise ImportRefused(source, [
            f"the file has {text.count(chr(10)) + 1} lines; at most {MAX_LINES}"])
    problems = Problems()
    meta: dict = {}
    body = preprocess(text, source, problems, notes, meta)
    problems.refuse_if_any(source)
    lexer = Lexer(body)
    titles: list[tuple[str, int]] = [meta["title"]] if "title" in meta else []
    acc_title = acc_descr = ""
    stages: list[tuple[int, str]] = []
    tasks: list[tuple[int, int, str, str, list[str], str]] = []
    seen_header = False
    toks = list(lexer.tokens())
    i = 0
    bad_line = 0

    def fail(line: int, message: str) -> None:
        nonlocal bad_line
        if line != bad_line:
            problems.add(f"line {line}", message)
        bad_line = line

    while i < len(toks):
        kind, value, n = toks[i]
        i += 1
        if kind == "newline" or n == bad_line:
            continue
        if not seen_header:
            if kind != "journey":
                found = (value or "").strip()[:40]
                fail(n, "expected 'journey' (a Mermaid journey diagram starts with it), "
                        f"found '{decode_entities(found)}'")
                break
            seen_header = True
            continue
        if kind == "journey":
            rest = toks[i][1].strip() if i < len(toks) and toks[i][0] == "task_name" else ""
            fail(n, "'journey' again: mermaid reads it as the diagram's keyword, so no task "
                    f"may be named '{('journey ' + rest).strip()[:40]}' (write it "
                    "#106;ourney… to keep the word)")
        elif kind == "title":
            titles.append((clean(value[6:]), n))
        elif kind == "acc_title":
            acc_title = value.split(":", 1)[1].strip()
        elif kind == "acc_descr":
            acc_descr = value.split(":", 1)[1].strip()
        elif kind == "acc_descr_block":
            acc_descr = value.strip()
        elif kind == "acc_descr_open":
            fail(n, "accDescr { is never closed with }")
        elif kind == "section":
            stages.append((n, clean(value[8:])))
        elif kind == "task_name":
            nxt = toks[i] if i < len(toks) else ("eof", "", n)
            if nxt[0] != "task_data":
                word = value.strip()
                if word.lower() == "title":
                    fail(n, "the title is empty")
                elif word.lower() == "section":
                    fail(n, "the section has no name")
                elif nxt[0] == ":":
                    fail(n, f"the task '{clean(word)[:40]}' has nothing after its ':' "
                            "(expected 'Task name: score: actor, actor')")
                elif nxt[0] == "invalid" and nxt[1] == ";":
                    fail(nxt[2], "';' is not allowed in a Mermaid journey (write #59; for a "
                                 "semicolon)")
                else:
                    fail(n, f"'{clean(word)[:40]}' is not a task (expected 'Task name: "
                            "score: actor, actor')")
                continue
            i += 1
            tasks.append((n, len(stages) - 1, clean(value), nxt[1], [], ""))
        elif kind == "task_data":
            if stages and stages[-1][0] == n:
                fail(n, "a section name may not hold ':' (mermaid reads the rest as a task "
                        "without a name)")
            else:
                fail(n, "the task has no name")
        elif kind == ":":
            fail(n, "a ':' with nothing after it (expected 'Task name: score: actor, actor')")
        elif value == ";":
            fail(n, "';' is not allowed in a Mermaid journey (write #59; for a semicolon)")
        else:
            fail(n, f"'{value}' is not allowed here")
    if not seen_header and not problems:
        problems.add("line 1", "the file is empty (a Mermaid journey starts with 'journey')")
    if seen_header and not tasks and not stages and not problems:
        problems.add(f"line {lexer.line(len(body.rstrip()))}", "no sections and no tasks: nothing to "
                                                      "import (lines like 'section Pay' and "
                                                      "'Pay online: 3: Me')")
    problems.refuse_if_any(source)
    return _build(source, language, notes, problems, titles, acc_title, acc_descr, stages,
                  tasks)


def _build(source, language, notes, problems, titles, acc_title, acc_descr, stages, tasks):
    lang = language if language in LANGUAGES else "en"
    titles = [(x, n) for x, n in titles if x]
    title = titles[-1][0] if titles else ""
    for (old, n_old), (new, n_new) in zip(titles, titles[1:]):
        notes.append(left_out("mermaid.title_replaced", old=old[:80], line=n_old,
                              new=new[:80], line_new=n_new))
    if not title:
        title = re.sub(r"\.(mmd|mermaid|md|txt)$", "", source.rsplit("/", 1)[-1]) or \
            t("interchange.mermaid.untitled", lang)
        notes.append(Note("mermaid.title_from_file", title=title[:80]))
    if len(title) > 300:
        notes.append(left_out("mermaid.title_shortened", n=len(title)))
        title = title[:299] + "…"
    try:
        j = Journey(title=title, language=lang)
    except ValidationError as e:
        raise ImportRefused(source, [f"title: {e.message}"]) from None
    j.source = {"format": "mermaid", "scale": "1..5", "rescale": FIVE_TO_EMOTION,
                "export": EMOTION_TO_FIVE}
    if acc_title:
        j.source["acc_title"] = decode_entities(acc_title)
        notes.append(Note("mermaid.acc_title_kept"))
    if acc_descr:
        j.source["acc_descr"] = "\n".join(x.strip() for x in
                                          decode_entities(acc_descr).splitlines()).strip()
        notes.append(Note("mermaid.acc_descr_kept"))
    taken: set[str] = set()
    lead: str | None = None
    if any(si < 0 for _, si, *_ in tasks):
        lead = unique(slug(title, "journey"), taken)
        j.stages.append(Stage(lead, title[:200]))
        notes.append(Note("mermaid.lead_stage", name=title[:80]))
    section_keys: list[str | None] = []
    for n, name in stages:
        if not name:
            problems.add(f"line {n}", "the section has no name")
            section_keys.append(None)
            continue
        if len(name) > 200:
            notes.append(left_out("mermaid.name_shortened", line=n, n=len(name), max=200))
            name = name[:199] + "…"
        stage = Stage(unique(slug(name, "stage"), taken), name)
        j.stages.append(stage)
        section_keys.append(stage.key)
    people: dict[str, Participant] = {}
    person_keys: set[str] = set()
    step_taken: set[str] = set()
    anonymous: Participant | None = None
    no_actor: list[int] = []
    unscored: list[tuple[int, str]] = []
    ignored: list[int] = []

    def person(a: str, n: int) -> Participant:
        if a not in people:
            name = a
            if len(a) > NAME_MAX:
                name = a[:NAME_MAX - 1] + "…"
                notes.append(left_out("mermaid.actor_shortened", line=n, n=len(a),
                                      max=NAME_MAX, name=_short(a)))
            people[a] = Participant(key=unique(slug(a, "actor"), person_keys), name=name,
                                    role=_role_of(a))
            j.participants.append(people[a])
        return people[a]

    for i, (n, si, name, data, _, _) in enumerate(tasks):
        stage_key = section_keys[si] if si >= 0 else lead
        if stage_key is None:
            continue
        if not name:
            problems.add(f"line {n}", "the task has no name")
            continue
        if len(name) > 300:
            notes.append(left_out("mermaid.name_shortened", line=n, n=len(name), max=300))
            name = name[:299] + "…"
        pieces = data[1:].split(":")
        score_text = decode_entities(pieces[0]).strip()
        actors: list[str] = []
        if len(pieces) > 1:
            for a in pieces[1].split(","):
                a = clean(a)
                if a and a not in actors:
                    actors.append(a)
        if len(pieces) > 2 and ":".join(pieces[2:]).strip():
            ignored.append(n)
        key = unique(f"s{i + 1}", step_taken)
        j.steps.append(Step(key=key, stage=stage_key, title=name, lane=Lane.CUSTOMER))
        score = float(score_text) if NUMBER.match(score_text) else None
        if score is None or not 1 <= score <= 5:
            unscored.append((n, score_text))
            continue
        emotion = five_to_emotion(score)
        if not actors:
            no_actor.append(n)
            if anonymous is None:
                anonymous = Participant(key=unique("anonymous", person_keys),
                                        name=t("interchange.mermaid.anonymous", lang),
                                        role=Role.CUSTOMER, anonymous=True)
                j.participants.append(anonymous)
            raters = [anonymous]
        else:
            raters = [person(a, n) for a in actors]
        for p in raters:
            j.ratings.append(Rating(participant=p.key, step=key, emotion=emotion,
                                    perspective=Perspective.LIVED))
    problems.refuse_if_any(source)
    for a, b in zip(j.steps, j.steps[1:]):
        j.transitions.append(Transition(a.key, b.key))
    if not j.steps:
        notes.append(Note("mermaid.no_tasks"))
    if j.ratings:
        notes.append(Note("mermaid.rescaled", n=len(j.ratings)))
    named = [p for p in j.participants if not p.anonymous]
    if named:
        notes.append(Note("mermaid.actors", n=len(named),
                          names=", ".join(_short(p.name) for p in named[:12])
                          + (" …" if len(named) > 12 else "")))
    for p in named:
        if p.role is not Role.CUSTOMER:
            notes.append(Note(f"mermaid.actor_{p.role.value}", name=_short(p.name)))
    if no_actor:
        notes.append(Note("mermaid.no_actors", n=len(no_actor), lines=_lines(no_actor),
                          name=anonymous.name if anonymous else ""))
    for n, s in unscored:
        notes.append(left_out("mermaid.bad_score", line=n, score=s[:20]))
    if ignored:
        notes.append(left_out("mermaid.extra_fields", lines=_lines(ignored)))
    if len(j.steps) > 1:
        notes.append(Note("mermaid.sequence"))
    return j


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"


def _lines(ns: list[int]) -> str:
    shown = ", ".join(str(n) for n in ns[:10])
    return shown + (f" … (+{len(ns) - 10})" if len(ns) > 10 else "")
