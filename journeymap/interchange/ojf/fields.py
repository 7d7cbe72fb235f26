"""Typed access to an OpenJourney document's fields: each bad value is a problem at its field
path (``nodes[4].title: expected text, got a list``) and reads as nothing."""

from __future__ import annotations

from journeymap.interchange.native import type_name

from .._common import Problems, fmt_num
from .vocabulary import SEVERITY


class FieldReader:
    """Typed access to the document that records a problem (with its path) on a bad value."""

    def __init__(self, problems: Problems):
        self.problems = problems

    def text(self, d: dict, key: str, place: str, required: bool = False) -> str:
        v = d.get(key)
        where = f"{place}.{key}" if place else key
        if v is None or v == "":
            if required:
                self.problems.add(where, "missing (required)")
            return ""
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return fmt_num(v)
        if not isinstance(v, str):
            self.problems.add(where, f"expected text, got {type_name(v)}")
            return ""
        return v.strip()

    def listof(self, d: dict, key: str, place: str) -> list:
        v = d.get(key)
        if v is None:
            return []
        if not isinstance(v, list):
            self.problems.add(f"{place}.{key}" if place else key,
                              f"expected a list, got {type_name(v)}")
            return []
        return v


def blueprint_items(bp: dict, part: str, place: str, problems: Problems) -> list[dict]:
    """The entries of one part of a node's blueprint (``onstage``...) that are objects."""
    v = bp.get(part)
    if v is None:
        return []
    if not isinstance(v, list):
        problems.add(f"{place}.blueprint.{part}", f"expected a list, got {type_name(v)}")
        return []
    out = []
    for k, e in enumerate(v):
        if not isinstance(e, dict):
            problems.add(f"{place}.blueprint.{part}[{k}]",
                         f"expected an object, got {type_name(e)}")
            continue
        out.append(e)
    return out


def severity_of(d: dict, place: str, problems: Problems) -> int:
    """A node's severity low/medium/high as 1/2/3 (2 when not given)."""
    v = d.get("severity")
    if v is None or v == "":
        return 2
    if isinstance(v, str) and v.strip().lower() in SEVERITY:
        return SEVERITY[v.strip().lower()]
    problems.add(f"{place}.severity", f"'{v}' is not one of: low, medium, high")
    return 2
