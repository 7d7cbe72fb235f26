"""Mermaid ``journey`` diagrams: a map pasted into a README or a wiki, and back.

The reference is mermaid itself: the ``journey`` grammar
(``packages/mermaid/src/diagrams/user-journey/parser/journey.jison``), its parser tests, and
what mermaid does to a diagram's text before parsing it (front matter, ``%%{...}%%``
directives, ``%%`` comment lines, ``#name;`` entity codes). A file mermaid draws imports; a
file mermaid refuses is refused here too, naming its line.

**Import** (all or nothing; each problem named by its line)::

    ---
    title: My working day          ← the journey's title (a later ``title`` line wins, as in
    config: {theme: forest}           mermaid); config is drawing only: noted as left out
    ---
    journey
      accTitle: Work day            ← kept in ``journey.source`` and written back on export
      accDescr { Two sections … }   ← likewise (one line, or several between braces)
      section Go to work            ← a stage (the same name twice gives two stages)
        Make tea: 5: Me, Cat        ← a step; each actor a participant with a lived rating
        Sit down: 3                 ← no actors: the score is kept as the rating of one
                                      anonymous participant ('Anonymous'), noted

* Mermaid's lexer rules are followed: keywords in any case; ``journey title T`` on one line;
  ``#`` starts a comment to the end of the line; ``;`` is refused (mermaid has no token for
  it), and so are ``section A: B`` (a section name may not hold ``:``) and a task named
  ``journey …``; ``#35;``/``#quot;`` entity codes are decoded; ``<br>`` in a name becomes a
  space; text after a third ``:`` is ignored by mermaid and noted here.
* Scores: mermaid's docs say "a number between 1 and 5, inclusive". They are rescaled to
  −3..+3 as ``emotion = (score − 3) × 1.5`` (1→−3, 2→−1.5, 3→0, 4→1.5, 5→3; 2.5→−0.75); the
  original scale is kept in ``journey.source``. A score mermaid draws but that is not 1..5
  (``7``, ``2rem``) keeps the task as a step without a rating, noted with its line.
* Tasks before any section go to a stage named after the title; consecutive tasks are linked
  by transitions, since a Mermaid journey is one sequence. Actors are participants (role
  customer, or the role their name says in English or Italian: ``Staff``, ``Personale``…);
  a name longer than journeymap's 120 characters is shortened and noted, never refused.

**Export**::

    journey
      title Sam, getting a broken router fixed
      section Discover
        Notice the outage: 2: Ada, Bo

* One ``section`` per stage (stage order); one task per step in canonical order.
* The score is the mean *lived* emotion of the step as ``round_half_up((e + 3) * 4 / 6 + 1)``
  (−3→1, −1.5→2, 0→3, +1.5→4, +3→5); a step nobody lived gets 3 and no actors.
* Actors are the named participants with a lived rating of the step, in the order of their
  ratings; anonymous participants are counted in the score but never named. Two people with
  the same name are told apart as ``Ada (2)``.
* Characters mermaid reserves are written as its entity codes (``:`` → ``#58;``, ``#`` →
  ``#35;``, ``;`` → ``#59;``, ``<`` → ``#60;``, ``,`` in an actor → ``#44;``), which mermaid
  draws as the character itself; a task that would read as a keyword gets its first letter
  as a code. Runs of white space become one space.

**What a round trip keeps**: title, accessibility title and description, stage names and
order, step titles and order, every named lived rater per step and the 1..5 score (so 4
actors and 20 ratings come back as 4 and 20). Not carried: ids, lanes, channels,
descriptions, moments of truth, branches, effort, success, comments, pain points, assumed
and employee ratings. Export → import → export gives the identical text.

>>> j = loads("journey\\n title Buy\\n section Pay\\n  Enter card: 2: Me\\n")
>>> [(s.title, r.emotion) for s in j.steps for r in j.ratings]
[('Enter card', -1.5)]
>>> print(dumps(j), end="")
journey
  title Buy
  section Pay
    Enter card: 2: Me
"""

from __future__ import annotations

import bisect
import html
import re
import textwrap
from statistics import mean

import yaml

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
    Note,
    Problems,
    decode,
    emotion_to_five,
    five_to_emotion,
    left_out,
    slug,
    unique,
)

MIME = "text/vnd.mermaid"
MAX_LINES = 100_000
NAME_MAX = 120  # journeymap's limit on a participant's name
#: the characters mermaid's journey lexer reserves in names, as mermaid entity codes
_CODES = {":": "#58;", "#": "#35;", ";": "#59;", "<": "#60;"}
_KEYWORD = re.compile(r"^(journey(?![A-Za-z0-9_])|title\s|section\s|acctitle\s*:"
                      r"|accdescr\s*[:{]|%)", re.IGNORECASE)
_ROLE_ORDER = (Role.CUSTOMER, Role.STAFF, Role.FACILITATOR)

# mermaid's lexer (journey.jison), rule by rule and in its order; jison appends \b to a
# literal ending in a word character ("journey"). ``title`` and ``section`` take their text
# up to the end of the line (mermaid's \s would also swallow a line break: a bare ``title``
# is refused here instead of eating the next line).
_LEX = [(name, re.compile(rx, re.IGNORECASE)) for name, rx in (
    ("skip", r"%%(?!\{)[^\n]*"),
    ("skip", r"[^}\n]%%[^\n]*"),
    ("newline", r"\n+"),
    ("skip", r"\s+"),
    ("skip", r"#[^\n]*"),
    ("journey", r"journey(?![A-Za-z0-9_])"),
    ("title", r"title[^\S\n][^#\n;]+"),
    ("acc_title", r"accTitle\s*:\s*[^\n]*"),
    ("acc_descr", r"accDescr\s*:\s*[^\n]*"),
    ("acc_descr_multi", r"accDescr\s*\{\s*"),
    ("section", r"section[^\S\n][^#:\n;]+"),
    ("task_name", r"[^#:\n;]+"),
    ("task_data", r":[^#\n;]+"),
    (":", r":"),
    ("invalid", r"."),
)]
_ENTITY = re.compile(r"#([A-Za-z0-9_]+);")
_PLACE = re.compile("\ue000([A-Za-z0-9_]+)\ue001")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


# export -----------------------------------------------------------------------------------

def _code(text: str, extra: str = "") -> str:
    """Text with the characters mermaid reserves written as its entity codes."""
    s = " ".join(str(text).split())
    out = []
    for ch in s:
        if ch in _CODES:
            out.append(_CODES[ch])
        elif ch in extra:
            out.append(f"#{ord(ch)};")
        else:
            out.append(ch)
    s = re.sub(r"%(?=%)|(?<=%)%", "#37;", "".join(out))
    if _KEYWORD.match(s):
        s = f"#{ord(s[0])};" + s[1:]
    return s


def _acc(text: str) -> str:
    return str(text).replace("#", "#35;")


def dumps(j: Journey) -> str:
    """The journey as Mermaid ``journey`` text (see the module's notes)."""
    lines = ["journey", f"  title {_code(j.title)}"]
    acc_title = str(j.source.get("acc_title") or "").strip()
    acc_descr = str(j.source.get("acc_descr") or "").strip()
    if acc_title:
        lines.append(f"  accTitle: {_acc(' '.join(acc_title.split()))}")
    if acc_descr:
        if "\n" in acc_descr and "}" not in acc_descr:
            lines.append("  accDescr {")
            lines.extend(f"    {_acc(x.strip())}" for x in acc_descr.splitlines() if x.strip())
            lines.append("  }")
        else:
            lines.append(f"  accDescr: {_acc(' '.join(acc_descr.split()))}")
    people = {p.key: p for p in j.participants}
    names: dict[str, str] = {}
    used: set[str] = set()
    for p in j.participants:
        if p.anonymous or not p.name.strip():
            continue
        base = " ".join(p.name.split())
        name, k = base, 1
        while name.casefold() in used:
            k += 1
            name = f"{base} ({k})"
        used.add(name.casefold())
        names[p.key] = _code(name, ",")
    order = JourneyGraph.of(j).order()
    steps = {s.key: s for s in j.steps}
    lived: dict[str, list[Rating]] = {}
    for r in j.ratings:
        if r.perspective is Perspective.LIVED or (
                r.perspective is None and r.participant in people
                and people[r.participant].role is Role.CUSTOMER):
            lived.setdefault(r.step, []).append(r)
    by_stage: dict[str, list[str]] = {}
    for k in order:
        by_stage.setdefault(steps[k].stage, []).append(k)
    for stage in j.stages:
        lines.append(f"  section {_code(stage.name)}")
        for k in by_stage.get(stage.key, []):
            rs = lived.get(k, [])
            score = emotion_to_five(mean(r.emotion for r in rs)) if rs else 3
            actors: list[str] = []
            for r in rs:
                n = names.get(r.participant)
                if n and n not in actors:
                    actors.append(n)
            tail = f": {', '.join(actors)}" if actors else ""
            lines.append(f"    {_code(steps[k].title)}: {score}{tail}")
    return "\n".join(lines) + "\n"


# import -----------------------------------------------------------------------------------

def _role_of(name: str) -> Role:
    low = name.casefold()
    for role in Role:
        if low == role.value or any(low == t(f"role.{role.value}", lg).casefold()
                                    for lg in LANGUAGES):
            return role
    return Role.CUSTOMER


def _decode_entities(text: str) -> str:
    """Mermaid's entity codes (``#35;``, ``#quot;``), hidden before lexing, as characters."""
    def one(m: re.Match) -> str:
        name = m.group(1)
        if name.isdigit() or (name[:1] == "+" and name[1:].isdigit()):
            n = int(name)
            if 0 < n <= 0x10FFFF and not 0xD800 <= n <= 0xDFFF:
                return chr(n)
            return f"#{name};"
        out = html.unescape(f"&{name};")
        return f"#{name};" if out == f"&{name};" else out
    return _PLACE.sub(one, text)


def _clean(text: str) -> str:
    return " ".join(_BR.sub(" ", _decode_entities(text)).split())


class _Lexer:
    """Tokens of a preprocessed diagram, each with its line number in the original file."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos)

    def tokens(self):
        text, pos, end = self.text, 0, len(self.text)
        while pos < end:
            for name, rx in _LEX:
                m = rx.match(text, pos)
                if m and m.end() > pos:
                    break
            else:  # pragma: no cover - "." always matches
                break
            if name == "acc_descr_multi":
                close = text.find("}", m.end())
                if close < 0:
                    yield "acc_descr_open", None, self.line(pos)
                    return
                yield "acc_descr_block", text[m.end():close], self.line(pos)
                pos = close + 1
                continue
            if name != "skip":
                yield name, m.group(0), self.line(pos)
            pos = m.end()


def _preprocess(text: str, source: str, problems: Problems, notes: list, meta: dict) -> str:
    """What mermaid does before parsing: line ends, front matter, directives, comment lines.

    Removed parts are blanked, not cut, so every line keeps its number."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is not None and re.match(r"^\s*```\s*mermaid\s*$", lines[first], re.I):
        lines[first] = ""
        for i in range(len(lines) - 1, first, -1):
            if re.match(r"^\s*```\s*$", lines[i]):
                lines[i] = ""
                break
        notes.append(Note("mermaid.fence"))
        first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    text = textwrap.dedent("\n".join(lines))  # mermaid dedents a diagram taken from a page
    lines = text.split("\n")
    if first is not None and re.match(r"^-{3}\s*$", lines[first]):
        close = next((i for i in range(first + 1, len(lines))
                      if re.match(r"^-{3}\s*$", lines[i])), None)
        if close is None:
            problems.add(f"line {first + 1}", "the front matter opened here with '---' is "
                                              "never closed by a second '---' line")
            return ""
        body = "\n".join(lines[first + 1:close])
        try:
            data = yaml.safe_load(body) if body.strip() else {}
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            where = first + 2 + mark.line if mark is not None else first + 1
            problems.add(f"line {where}", "the front matter is not valid YAML "
                                          f"({getattr(e, 'problem', None) or 'unreadable'})")
            return ""
        if not isinstance(data, dict):
            data = {}
        if data.get("title") not in (None, ""):
            meta["title"] = (str(data["title"]), first + 1)
        if "config" in data:
            notes.append(left_out("mermaid.config", line=first + 1))
        for key in sorted(str(k) for k in data if k not in ("title", "config")):
            notes.append(left_out("mermaid.front_matter_key", field=key, line=first + 1))
        for i in range(first, close + 1):
            lines[i] = ""
        text = "\n".join(lines)

    def blank(m: re.Match) -> str:
        notes.append(left_out("mermaid.directive", line=text.count("\n", 0, m.start()) + 1))
        return "\n" * m.group(0).count("\n")
    text = re.sub(r"%%\{.*?\}%%", blank, text, flags=re.DOTALL)
    text = re.sub(r"(?m)^[ \t]*%%(?!\{)[^\n]*$", "", text)
    return _ENTITY.sub(lambda m: f"\ue000{m.group(1)}\ue001", text)


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
    body = _preprocess(text, source, problems, notes, meta)
    problems.refuse_if_any(source)
    lexer = _Lexer(body)
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
                        f"found '{_decode_entities(found)}'")
                break
            seen_header = True
            continue
        if kind == "journey":
            rest = toks[i][1].strip() if i < len(toks) and toks[i][0] == "task_name" else ""
            fail(n, "'journey' again: mermaid reads it as the diagram's keyword, so no task "
                    f"may be named '{('journey ' + rest).strip()[:40]}' (write it "
                    "#106;ourney… to keep the word)")
        elif kind == "title":
            titles.append((_clean(value[6:]), n))
        elif kind == "acc_title":
            acc_title = value.split(":", 1)[1].strip()
        elif kind == "acc_descr":
            acc_descr = value.split(":", 1)[1].strip()
        elif kind == "acc_descr_block":
            acc_descr = value.strip()
        elif kind == "acc_descr_open":
            fail(n, "accDescr { is never closed with }")
        elif kind == "section":
            stages.append((n, _clean(value[8:])))
        elif kind == "task_name":
            nxt = toks[i] if i < len(toks) else ("eof", "", n)
            if nxt[0] != "task_data":
                word = value.strip()
                if word.lower() == "title":
                    fail(n, "the title is empty")
                elif word.lower() == "section":
                    fail(n, "the section has no name")
                elif nxt[0] == ":":
                    fail(n, f"the task '{_clean(word)[:40]}' has nothing after its ':' "
                            "(expected 'Task name: score: actor, actor')")
                elif nxt[0] == "invalid" and nxt[1] == ";":
                    fail(nxt[2], "';' is not allowed in a Mermaid journey (write #59; for a "
                                 "semicolon)")
                else:
                    fail(n, f"'{_clean(word)[:40]}' is not a task (expected 'Task name: "
                            "score: actor, actor')")
                continue
            i += 1
            tasks.append((n, len(stages) - 1, _clean(value), nxt[1], [], ""))
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
        j.source["acc_title"] = _decode_entities(acc_title)
        notes.append(Note("mermaid.acc_title_kept"))
    if acc_descr:
        j.source["acc_descr"] = "\n".join(x.strip() for x in
                                          _decode_entities(acc_descr).splitlines()).strip()
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
        score_text = _decode_entities(pieces[0]).strip()
        actors: list[str] = []
        if len(pieces) > 1:
            for a in pieces[1].split(","):
                a = _clean(a)
                if a and a not in actors:
                    actors.append(a)
        if len(pieces) > 2 and ":".join(pieces[2:]).strip():
            ignored.append(n)
        key = unique(f"s{i + 1}", step_taken)
        j.steps.append(Step(key=key, stage=stage_key, title=name, lane=Lane.CUSTOMER))
        score = float(score_text) if _NUMBER.match(score_text) else None
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


__all__ = ["MIME", "dumps", "loads"]
