"""Reading a native file: its bytes decoded and parsed, every section checked, the journey
built, or the file refused whole with every problem at its place (see the package's notes)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable

from journeymap.domain.errors import ImportRefused, ValidationError
from journeymap.domain.model import (
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
    Skip,
    Stage,
    Step,
    Transition,
)

from .items import (
    FORMAT,
    RATING_FIELDS,
    SECTIONS,
    Problems,
    as_object,
    build_item,
    id_list,
    make_rating,
    required,
    type_name,
)

#: files over this size are refused by their size (JOURNEYMAP_MAX_FILE_MB raises it, e.g. for
#: a survey export of a million ratings, about 110 MB)
MAX_FILE_BYTES = int(os.environ.get("JOURNEYMAP_MAX_FILE_MB", "64")) * 1024 * 1024


def read_text(data: bytes | str, source: str) -> str:
    """Decode a file's bytes, refusing files over the size limit or not in UTF-8."""
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > MAX_FILE_BYTES:
        raise ImportRefused(source, [
            f"the file is {size / 1048576:.1f} MB; at most {MAX_FILE_BYTES // 1048576} MB"])
    if isinstance(data, bytes):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise ImportRefused(source, [
                f"byte {e.start}: not UTF-8 text (save the file as UTF-8)"]) from None
    return data


def parse_json(data: bytes | str, source: str) -> Any:
    text = read_text(data, source)
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as e:
        raise ImportRefused(source, [
            f"line {e.lineno}, column {e.colno}: not valid JSON ({e.msg})"]) from None
    except ValueError as e:
        raise ImportRefused(source, [str(e)]) from None


def _reject_constant(name: str):
    raise ValueError(f"{name} is not a number JSON files may hold")


def load_path(path: str | Path) -> Journey:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ImportRefused(str(path), [f"cannot read the file ({e.strerror})"]) from None
    if size > MAX_FILE_BYTES:
        raise ImportRefused(str(path), [
            f"the file is {size / 1048576:.1f} MB; at most {MAX_FILE_BYTES // 1048576} MB"])
    return loads(path.read_bytes(), source=path.name)


def loads(data: bytes | str, source: str = "file") -> Journey:
    """Parse and check a whole file; raise :class:`ImportRefused` listing every problem."""
    doc = parse_json(data, source)
    return from_document(doc, source)



def loads_columns(data: bytes | str, source: str = "file"):
    """Like :func:`loads`, but the ratings come back as columns, not one object each:
    ``(journey without ratings, ratings DataFrame)`` — the same checks and the same problems,
    each at its place (see :mod:`.columns`)."""
    out: list = []
    journey = from_document(parse_json(data, source), source, ratings_out=out)
    return journey, out[0]


def from_document(doc: Any, source: str = "file", *, ratings_out: list | None = None) -> Journey:
    """The journey of a parsed document; with ``ratings_out`` (a list) the ratings are checked
    whole columns at once and their DataFrame is appended to it instead of
    ``journey.ratings``."""
    problems = Problems()
    if not isinstance(doc, dict):
        raise ImportRefused(source, [f"expected a JSON object at the top, got {type_name(doc)}"])
    fmt = doc.get("format")
    if fmt != FORMAT:
        if fmt is None:
            problems.add("format", f"missing; a journeymap file says \"format\": \"{FORMAT}\"")
        else:
            problems.add("format", f"'{fmt}' is not a version this journeymap reads "
                                   f"(expected '{FORMAT}')")
        raise ImportRefused(source, problems.items)
    known = {"format", "journey", *SECTIONS}
    for k in doc:
        if k not in known:
            problems.add(k, "unknown section")

    head = doc.get("journey")
    journey: Journey | None = None
    if not isinstance(head, dict):
        problems.add("journey", "missing; give at least {\"title\": ..., \"language\": ...}"
                     if head is None else f"expected an object, got {type_name(head)}")
    else:
        journey = build_item(problems, "journey", head, lambda d: Journey(
            title=d.get("title"), persona=d.get("persona", ""), goal=d.get("goal", ""),
            language=d.get("language", "en"), owner=d.get("owner", ""),
            status=d.get("status", "current"), evidence=d.get("evidence", "assumed"),
            source=as_object(d.get("source", {}), "source")),
            {"title", "persona", "goal", "language", "owner", "status", "evidence", "source"})
    if journey is None:
        journey = Journey(title="(refused)")

    lists = {}
    for name in SECTIONS:
        value = doc.get(name, [])
        if not isinstance(value, list):
            problems.add(name, f"expected a list, got {type_name(value)}")
            value = []
        lists[name] = value

    def each(name: str, fields: set[str], make: Callable[[dict], Any], add: Callable[[Any], Any]):
        for i, item in enumerate(lists[name]):
            place = f"{name}[{i}]"
            if not isinstance(item, dict):
                problems.add(place, f"expected an object, got {type_name(item)}")
                continue
            obj = build_item(problems, place, item, make, fields)
            if obj is None:
                continue
            try:
                add(obj)
            except ValidationError as e:
                problems.add(f"{place}.{e.field}" if e.field else place, e.message)

    def add_segment(g: Segment):
        if g.key in {x.key for x in journey.segments}:
            raise ValidationError(f"the segment id '{g.key}' is used twice", "id")
        journey.segments.append(g)

    each("segments", {"id", "question", "options"},
         lambda d: Segment(required(d, "id"), required(d, "question"), d.get("options")),
         add_segment)

    def add_round(r: Round):
        if r.number in {x.number for x in journey.rounds}:
            raise ValidationError(f"round {r.number} is listed twice", "round")
        journey.rounds.append(r)

    each("rounds", {"round", "date"}, lambda d: Round(required(d, "round"), d.get("date")),
         add_round)
    each("stages", {"id", "name"}, lambda d: Stage(required(d, "id"), required(d, "name")),
         journey.add_stage)
    each("steps", {"id", "stage", "title", "lane", "channel", "description", "moment_of_truth"},
         lambda d: Step(key=required(d, "id"), stage=required(d, "stage"),
                        title=required(d, "title"),
                        lane=d.get("lane", "customer"), channel=d.get("channel", ""),
                        description=d.get("description", ""),
                        moment_of_truth=d.get("moment_of_truth", False)),
         journey.add_step)
    step_keys = {s.key for s in journey.steps}

    def add_transition(t: Transition, place: str):
        ok = True
        for f, k in (("from", t.source), ("to", t.target)):
            if k not in step_keys:
                problems.add(f"{place}.{f}", f"no step '{k}' in this journey")
                ok = False
        if ok:
            journey.transitions.append(t)

    for i, item in enumerate(lists["transitions"]):
        place = f"transitions[{i}]"
        if not isinstance(item, dict):
            problems.add(place, f"expected an object, got {type_name(item)}")
            continue
        t = build_item(problems, place, item,
                   lambda d: Transition(required(d, "from"), required(d, "to"), d.get("label", "")),
                   {"from", "to", "label"})
        if t is not None:
            add_transition(t, place)
    segment_options = {g.key: set(g.option_keys()) for g in journey.segments}

    def add_participant(p: Participant):
        for k, v in p.segments.items():
            if k not in segment_options:
                raise ValidationError(f"no segment '{k}' in this file", f"segments.{k}")
            if v not in segment_options[k]:
                raise ValidationError(f"'{v}' is not one of: "
                                      f"{', '.join(sorted(segment_options[k]))}",
                                      f"segments.{k}")
        journey.add_participant(p)

    each("participants", {"id", "name", "role", "anonymous", "segments"},
         lambda d: Participant(key=required(d, "id"), name=d.get("name", ""),
                               role=d.get("role", "customer"),
                               anonymous=d.get("anonymous", False),
                               segments=d.get("segments", {})),
         add_participant)
    people = {p.key: p for p in journey.participants}

    def check_refs(obj):
        if obj.participant not in people:
            raise ValidationError(f"no participant '{obj.participant}' in this file", "participant")
        if obj.step not in step_keys:
            raise ValidationError(f"no step '{obj.step}' in this journey", "step")

    seen_ratings: dict[tuple, int] = {}

    def add_rating(r: Rating):
        check_refs(r)
        if r.perspective is None:
            r.perspective = Perspective.default_for(people[r.participant].role)
        k = (r.participant, r.step, r.perspective, r.round)
        if k in seen_ratings:
            in_round = f" in round {r.round}" if r.round != 1 else ""
            raise ValidationError(
                f"a second {r.perspective} rating by '{r.participant}' of step '{r.step}'"
                f"{in_round} (the first is ratings[{seen_ratings[k]}])", "")
        seen_ratings[k] = len(journey.ratings)
        journey.ratings.append(r)

    if ratings_out is None:
        each("ratings", RATING_FIELDS, make_rating, add_rating)
    else:
        from .columns import rating_columns

        ratings_out.append(rating_columns(lists["ratings"], people,
                                          [s.key for s in journey.steps], problems))

    pain_ids: set[str] = set()
    explicit_ids = {d.get("id") for d in lists["pain_points"]
                    if isinstance(d, dict) and isinstance(d.get("id"), str) and d.get("id")}

    def add_pain(p: PainPoint):
        check_refs(p)
        if not p.key:
            n = len(journey.pain_points) + 1
            while f"pp{n}" in explicit_ids or f"pp{n}" in pain_ids:
                n += 1
            p.key = f"pp{n}"
        if p.key in pain_ids:
            raise ValidationError(f"the pain point id '{p.key}' is used twice", "id")
        pain_ids.add(p.key)
        if p.perspective is None:
            p.perspective = Perspective.default_for(people[p.participant].role)
        journey.pain_points.append(p)

    each("pain_points", {"id", "participant", "step", "text", "severity", "pillar", "votes",
                         "perspective"},
         lambda d: PainPoint(participant=required(d, "participant"), step=required(d, "step"),
                             text=required(d, "text"), severity=d.get("severity", 2),
                             pillar=d.get("pillar"), votes=d.get("votes", 0),
                             perspective=d.get("perspective"), key=d.get("id", "")),
         add_pain)

    def add_highlight(h: Highlight):
        check_refs(h)
        if h.perspective is None:
            h.perspective = Perspective.default_for(people[h.participant].role)
        journey.highlights.append(h)

    each("highlights", {"participant", "step", "text", "perspective"},
         lambda d: Highlight(required(d, "participant"), required(d, "step"), required(d, "text"),
                             d.get("perspective")),
         add_highlight)

    def add_skip(s: Skip):
        check_refs(s)
        journey.skips.append(s)

    each("skips", {"participant", "step"},
         lambda d: Skip(required(d, "participant"), required(d, "step")), add_skip)

    stage_keys = set(journey.stage_keys())

    def add_proposal(p: Proposal):
        if p.participant not in people:
            raise ValidationError(f"no participant '{p.participant}' in this file", "participant")
        if p.stage not in stage_keys:
            raise ValidationError(f"no stage '{p.stage}' in this journey", "stage")
        if p.after and p.after not in step_keys:
            raise ValidationError(f"no step '{p.after}' in this journey", "after")
        journey.proposals.append(p)

    each("proposals", {"participant", "stage", "after", "title", "description", "status"},
         lambda d: Proposal(participant=required(d, "participant"), title=required(d, "title"),
                            stage=required(d, "stage"), after=d.get("after", ""),
                            description=d.get("description", ""),
                            status=d.get("status", "pending")),
         add_proposal)

    def add_opportunity(o: Opportunity):
        for k in o.pain_points:
            if k not in pain_ids:
                raise ValidationError(f"no pain point '{k}' in this file", "pain_points")
        journey.opportunities.append(o)

    each("opportunities", {"title", "owner", "due", "status", "pain_points"},
         lambda d: Opportunity(title=required(d, "title"), owner=d.get("owner", ""),
                               due=d.get("due"), status=d.get("status", "open"),
                               pain_points=id_list(d.get("pain_points", []), "pain_points")),
         add_opportunity)

    if problems:
        raise ImportRefused(source, problems.items)
    return journey
