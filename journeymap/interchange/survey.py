"""Survey exports: one row per respondent, one column per step, a score on any scale.

What facilitators hold after a survey (Google Forms, Microsoft Forms, SurveyMonkey, Qualtrics,
a hand-made sheet), as CSV or as an Excel workbook (the first sheet that looks like one)::

    Respondent, Segment,  Date,       Find the shop, Pay, Get help, Comment
    Ada,        Business, 2026-03-02, 4,             2,   1,        Slow answer on the phone
    Bo,         Home,     2026-03-03, 5,             4,   ,         -

* Columns are told apart by their header, in English or Italian: the respondent (respondent,
  name, id, email…), segment (segment, group, persona…), comment (comment, feedback, note…),
  date (date, timestamp, submitted…). Every other column whose cells are numbers is a step;
  a header ``Stage: Step`` (or ``Stage - Step``, ``Stage / Step``) names its stage too,
  otherwise the steps go to one stage named after the file. Columns of text that are none of
  these are listed as not kept.
* The scale is the one stated (``scale="1..7"``) or detected from the values: the smallest
  usual scale that holds them all (−2..2, −3..3, −5..5, 1..5, 1..7, 0..10, 1..10, 0..100);
  the detected one is said in the preview so a wrong guess can be corrected. Scores are
  rescaled linearly to −3..+3: ``emotion = −3 + (x − low) × 6 / (high − low)`` (on 1..5:
  1→−3, 2→−1.5, 3→0, 4→1.5, 5→3); ``journey.source`` keeps the scale and the formula.
* Each respondent is a customer participant (named by the respondent column, else anonymous)
  with one lived rating per answered step; empty cells and ``n/a``/``-`` are no answer.
  Segment, date and comment are kept per respondent in ``journey.source["respondents"]``.
* Steps are linked in column order (a survey is one sequence).

All or nothing: a score that is not a number or is outside the scale is refused naming its
row and column (``survey.csv row 5, column 'Pay': 'abc' is not a number``).

>>> j = load(b"Name,Find,Pay\\nAda,4,2\\nBo,5,\\n", "visit.csv")
>>> [(r.participant, r.step, r.emotion) for r in j.ratings]
[('r2', 'find', 1.5), ('r2', 'pay', -1.5), ('r3', 'find', 3.0)]
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

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

from ._common import Note, Problems, check_size, decode, fmt_num, left_out, slug, unique
from .tabular.columns import norm as _norm
from .tabular.read import RawTable, kind_of, read_csv, read_xlsx

#: the usual scales, smallest first within each sign
SCALES = ((-2, 2), (-3, 3), (-5, 5), (-10, 10), (1, 5), (1, 7), (0, 10), (1, 10), (0, 100))
#: the scales offered where a person states one
SCALE_CHOICES = tuple(f"{a}..{b}" for a, b in SCALES)
_ROLES = {
    "respondent": ("respondent", "respondent id", "response id", "name", "id", "email",
                   "e mail", "participant", "rispondente", "nome", "partecipante", "utente",
                   "user"),
    "segment": ("segment", "segmento", "group", "gruppo", "persona", "customer type",
                "tipo cliente", "cluster"),
    "comment": ("comment", "comments", "commento", "commenti", "feedback", "note", "notes",
                "remarks", "osservazioni", "suggerimenti", "anything else", "anything else?",
                "other comments", "altro"),
    "date": ("date", "data", "timestamp", "submitted", "submitted at", "start date",
             "end date", "informazioni cronologiche", "completion time", "ora di completamento"),
}
_NO_ANSWER = {"", "-", "n/a", "na", "n.a.", "none", "nessuna", "non so", "don't know", "?"}
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_STAGE_SPLIT = re.compile(r"^(.{1,80}?)\s*(?::|\s-\s|\s/\s|\s–\s)\s*(.+)$")


def parse_scale(text: str) -> tuple[float, float]:
    """``"1..7"``, ``"1-7"``, ``"-3..3"`` → ``(1, 7)``; ValidationError otherwise."""
    m = re.fullmatch(r"\s*([+-]?\d+(?:\.\d+)?)\s*(?:\.\.|to|-|–|:)\s*([+-]?\d+(?:\.\d+)?)\s*",
                     str(text))
    if not m or float(m.group(1)) >= float(m.group(2)):
        raise ValidationError(f"'{text}' is not a scale like 1..5 or -3..3", "scale")
    return float(m.group(1)), float(m.group(2))


def _num(cell: str) -> float | None:
    c = cell.strip().replace("\u2212", "-")
    if not _NUMBER.match(c):
        return None
    return float(c.replace(",", "."))


def _role_of(header: str) -> str | None:
    n = _norm(header).rstrip("?:.! ")
    for role, names in _ROLES.items():
        if n in names:
            return role
    return None


def is_survey(raw: bytes, source: str, kind: str) -> bool:
    """Whether a CSV or workbook is a survey export rather than the map template: no table
    of the template (stages, steps, transitions — by sheet name, or a stage/title column) and
    at least one column of scores."""
    problems = Problems()
    try:
        tables = read_tables(raw, source, kind, problems)
    except ImportRefused:
        return False
    if problems or not tables:
        return False
    for tb in tables:
        heads = {_norm(h) for h in tb.header}
        if (kind == "xlsx" and kind_of(tb) in ("stages", "steps", "transitions")) or \
                heads & {"stage", "fase", "title", "titolo"}:
            return False
    return any(_step_columns(tb) for tb in tables)


def _step_columns(table: RawTable) -> list[int]:
    out = []
    for i, h in enumerate(table.header):
        if not h.strip() or _role_of(h):
            continue
        cells = [row[i].strip() for _, row in table.rows if i < len(row)]
        answered = [c for c in cells if c.lower() not in _NO_ANSWER]
        if answered and sum(_num(c) is not None for c in answered) >= max(1, len(answered) * 0.6):
            out.append(i)
    return out


def read_tables(raw: bytes, source: str, kind: str, problems: Problems) -> list[RawTable]:
    if kind == "xlsx":
        return read_xlsx(raw, source, problems)
    text = decode(raw, source)
    stem = PurePosixPath(source.replace("\\", "/")).name
    tb = read_csv(text, PurePosixPath(stem).stem, stem, problems)
    return [tb] if tb else []


def detect_scale(values: list[float]) -> tuple[float, float] | None:
    if not values:
        return None
    lo, hi = min(values), max(values)
    for a, b in SCALES:
        if a <= lo and hi <= b and (lo < 0) == (a < 0):
            return float(a), float(b)
    return None


def load(data: bytes | str, source: str = "survey.csv", language: str | None = None,
         kind: str = "csv", scale: str | tuple | None = None,
         notes: list | None = None) -> Journey:
    """Read a survey export (see the module's notes); refuse it whole naming row and column."""
    notes = [] if notes is None else notes
    check_size(data, source)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    problems = Problems()
    tables = read_tables(raw, source, kind, problems)
    problems.refuse_if_any(source)
    table = next((tb for tb in tables if _step_columns(tb)), None)
    if table is None:
        raise ImportRefused(source, [f"{tables[0].place if tables else source}: no column of "
                                     "scores (a survey export has one column per step, one "
                                     "row per respondent)"])
    for tb in tables:
        if tb is not table:
            notes.append(left_out("survey.other_sheet", place=tb.place))
    steps_at = _step_columns(table)
    roles: dict[str, int] = {}
    for i, h in enumerate(table.header):
        r = _role_of(h)
        if r and r not in roles:
            roles[r] = i
    for i, h in enumerate(table.header):
        if h.strip() and i not in steps_at and i not in roles.values():
            notes.append(left_out("survey.column_ignored", place=table.place, column=h[:60]))

    # scores, every problem named by row and column ---------------------------------------
    answers: list[tuple[int, list[str], dict[int, float]]] = []
    values: list[float] = []
    for n, cells in table.rows:
        got: dict[int, float] = {}
        for i in steps_at:
            cell = cells[i].strip() if i < len(cells) else ""
            if cell.lower() in _NO_ANSWER:
                continue
            v = _num(cell)
            if v is None:
                problems.add(f"{table.place} row {n}, column '{table.header[i][:60]}'",
                             f"'{cell[:30]}' is not a number")
                continue
            got[i] = v
            values.append(v)
        answers.append((n, cells, got))
    if scale:
        lo, hi = scale if isinstance(scale, tuple) else parse_scale(scale)
        stated = True
    else:
        found = detect_scale(values)
        if found is None:
            problems.add(table.place, f"the scores run from {fmt_num(min(values))} to "
                                      f"{fmt_num(max(values))}, which no usual scale holds; "
                                      "state the scale (for example 1..5)")
            problems.refuse_if_any(source)
        lo, hi = found
        stated = False
    for n, cells, got in answers:
        for i, v in got.items():
            if not lo <= v <= hi:
                problems.add(f"{table.place} row {n}, column '{table.header[i][:60]}'",
                             f"{fmt_num(v)} is outside the scale {fmt_num(lo)}..{fmt_num(hi)}")
    problems.refuse_if_any(source)

    # the map: one step per score column --------------------------------------------------
    lang = language if language in LANGUAGES else "en"
    title = PurePosixPath(source.replace("\\", "/")).stem or "Survey"
    j = Journey(title=title[:300], language=lang)
    formula = f"-3+(x-{fmt_num(lo)})*6/{fmt_num(hi - lo)}"
    j.source = {"format": "survey", "scale": f"{fmt_num(lo)}..{fmt_num(hi)}",
                "rescale": formula}
    stage_keys: dict[str, str] = {}
    taken_stage: set[str] = set()
    taken_step: set[str] = set()
    step_of: dict[int, str] = {}
    for i in steps_at:
        header = " ".join(table.header[i].split())
        m = _STAGE_SPLIT.match(header)
        stage_name, step_title = (m.group(1), m.group(2)) if m else (title, header)
        stage_name = stage_name[:200]
        if stage_name not in stage_keys:
            key = unique(slug(stage_name, "stage"), taken_stage)
            j.stages.append(Stage(key, stage_name))
            stage_keys[stage_name] = key
        key = unique(slug(step_title, "step"), taken_step)
        j.steps.append(Step(key=key, stage=stage_keys[stage_name], title=step_title[:300],
                            lane=Lane.CUSTOMER))
        step_of[i] = key
        notes.append(Note("survey.column_step", column=header[:60], step=step_title[:60],
                          stage=stage_name[:60]))
    for a, b in zip(j.steps, j.steps[1:]):
        j.transitions.append(Transition(a.key, b.key))

    # respondents -------------------------------------------------------------------------
    respondents: dict[str, dict] = {}
    taken_p: set[str] = set()
    names_seen: set[str] = set()
    for n, cells, got in answers:
        def cell(role: str) -> str:
            i = roles.get(role)
            return cells[i].strip() if i is not None and i < len(cells) else ""
        name = cell("respondent")[:120]
        if name.casefold() in names_seen:
            name = f"{name} ({n})"[:120]
        names_seen.add(name.casefold())
        key = unique(f"r{n}", taken_p)
        try:
            j.participants.append(Participant(key=key, name=name, role=Role.CUSTOMER,
                                              anonymous=not name))
        except ValidationError as e:
            problems.add(f"{table.place} row {n}", e.message)
            continue
        extra = {k: cell(k) for k in ("segment", "date", "comment")
                 if cell(k) and cell(k).lower() not in _NO_ANSWER}
        if extra:
            respondents[key] = extra
        for i, v in got.items():
            emotion = round(-3 + (v - lo) * 6 / (hi - lo), 6)
            j.ratings.append(Rating(participant=key, step=step_of[i], emotion=emotion,
                                    perspective=Perspective.LIVED))
    problems.refuse_if_any(source)
    if respondents:
        j.source["respondents"] = respondents
        kept = sorted({k for r in respondents.values() for k in r})
        notes.append(Note("survey.respondent_fields", fields=", ".join(kept)))
    notes.append(Note("survey.scale_stated" if stated else "survey.scale_detected",
                      scale=f"{fmt_num(lo)}..{fmt_num(hi)}", formula=formula,
                      low=fmt_num(min(values)) if values else "-",
                      high=fmt_num(max(values)) if values else "-"))
    notes.append(Note("survey.respondents", n=len(j.participants), ratings=len(j.ratings)))
    if not j.ratings:
        raise ImportRefused(source, [f"{table.place}: no scores in any row"])
    return j
