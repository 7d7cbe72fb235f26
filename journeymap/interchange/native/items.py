"""The shape of a native document and its item builders: the format name, the sections, and
the code that makes one item (a stage, a rating...) from its object, recording each problem at
its place (``ratings[12].emotion: 7 is outside -3..3``). The object path (:mod:`.read`) and the
column path (:mod:`.columns`) build items with the same code, so a problem reads the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from journeymap.domain.errors import ImportRefused, JourneymapError, ValidationError
from journeymap.domain.model import Rating

FORMAT = "journeymap/1"
#: a refused file lists at most this many problems
MAX_PROBLEMS = 200
#: the JSON Schema of this format, shipped in the package
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "journeymap.schema.json"

SECTIONS = ("segments", "rounds", "stages", "steps", "transitions", "participants", "ratings",
            "pain_points", "highlights", "skips", "proposals", "opportunities")


class Problems:
    """An ordered list of problems, each ``"place: message"``; capped to stay readable."""

    def __init__(self):
        self.items: list[str] = []

    def add(self, place: str, message: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(f"{place}: {message}" if place else message)
        elif len(self.items) == MAX_PROBLEMS:
            self.items.append("... more problems not listed")

    def refuse_if_any(self, source: str) -> None:
        if self.items:
            raise ImportRefused(source, self.items)

    def __bool__(self):
        return bool(self.items)


#: the fields a rating object may have
RATING_FIELDS = {"participant", "step", "emotion", "effort", "success", "perspective",
                 "emotion_word", "comment", "round"}


def make_rating(d: dict) -> Rating:
    """The rating of one object of the ``ratings`` section (round 1 when not given)."""
    rnd = d.get("round")
    return Rating(participant=required(d, "participant"), step=required(d, "step"),
                  emotion=required(d, "emotion"), perspective=d.get("perspective"),
                  emotion_word=d.get("emotion_word", ""), effort=d.get("effort"),
                  success=d.get("success"), comment=d.get("comment", ""),
                  round=1 if rnd is None else rnd)


def build_item(problems: Problems, place: str, d: dict, make: Callable[[dict], Any],
               fields: set[str]):
    """``make(d)``, or None with its problems recorded at ``place`` (unknown fields too)."""
    for k in d:
        if k not in fields:
            problems.add(f"{place}.{k}", f"unknown field (known: {', '.join(sorted(fields))})")
    try:
        return make(d)
    except ValidationError as e:
        problems.add(f"{place}.{e.field}" if e.field else place, e.message)
    except JourneymapError as e:
        problems.add(place, e.message)
    return None


class _Missing(ValidationError):
    pass


def required(d: dict, key: str):
    """``d[key]``, which must be given and not a list or an object."""
    if key not in d or d[key] is None:
        raise _Missing("missing (required)", key)
    if isinstance(d[key], (list, dict)):  # ids and references are text, never containers
        raise ValidationError(f"expected text, got {type_name(d[key])}", key)
    return d[key]


def as_object(value, field: str) -> dict:
    """``value`` when it is an object."""
    if not isinstance(value, dict):
        raise ValidationError(f"expected an object, got {type_name(value)}", field)
    return value


def id_list(value, field: str) -> list[str]:
    """``value`` as a list of ids, when it is a list of text."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError("expected a list of ids", field)
    return list(value)


def type_name(value) -> str:
    """What a JSON value is, as a problem names it (``an object``, ``text``...)."""
    return {dict: "an object", list: "a list", str: "text", bool: "true/false",
            type(None): "null"}.get(type(value), "a number")
