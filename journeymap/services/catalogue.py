"""Finding workshops and journeys: the list a person may see, and one by id or by name."""

from __future__ import annotations

import re

from journeymap.domain.errors import AmbiguousName, NotFound

from .base import Actor, Store
from .workshops import list_workshops


def list_journeys(store: Store, actor: Actor, workshop_id: int | None = None, *,
                  counts: bool = True) -> list[dict]:
    """Journeys the actor may see, with their workshop's name and (unless ``counts`` is
    False: a picker needs only the titles, and counting a million ratings takes ~40 ms)
    how many steps and ratings each holds."""
    with store.read() as uow:
        if actor.kind == "participant":
            if workshop_id is not None and workshop_id != actor.workshop_id:
                return []
            return uow.journeys.list(workshop_id=actor.workshop_id, counts=counts)
        owner = actor.account_id if actor.kind == "account" else None
        return uow.journeys.list(workshop_id=workshop_id, owner_account_id=owner,
                                 counts=counts)


def _by_name(rows: list[dict], ref: str | int, field: str) -> tuple[int | None, list, str]:
    """The row ``ref`` names among ``rows``: by id, by ``field`` exactly (case-insensitive),
    or by a unique part of it. Returns (id or None, the candidates, the text looked for)."""
    text = str(ref).strip()
    if re.fullmatch(r"\d+", text):
        for r in rows:
            if r["id"] == int(text):
                return r["id"], [r], text
    exact = [r for r in rows if r[field].lower() == text.lower()]
    part = exact or [r for r in rows if text.lower() in r[field].lower()]
    return (part[0]["id"] if len(part) == 1 else None), part, text


def find_workshop(store: Store, actor: Actor, ref: str | int) -> int:
    """A workshop by id or by unique name (case-insensitive; a unique part of it will do)."""
    found, part, text = _by_name(list_workshops(store, actor, include_archived=True), ref,
                                 "name")
    if found is not None:
        return found
    if not part:
        raise NotFound(f"no workshop '{text}'; `journeymap list` shows ids and names",
                       key="error.no_workshop_named", what="workshop", text=text)
    ids = ", ".join(f"{w['id']} ({w['name']})" for w in part[:5])
    raise AmbiguousName(f"'{text}' matches {len(part)} workshops: {ids}; give the id",
                        key="error.ambiguous_workshop", text=text, count=len(part), ids=ids)


def find_journey(store: Store, actor: Actor, ref: str | int) -> int:
    """A journey by id or by unique title (case-insensitive; a unique part of it will do)."""
    found, part, text = _by_name(list_journeys(store, actor), ref, "title")
    if found is not None:
        return found
    if not part:
        raise NotFound(f"no journey '{text}'; `journeymap list` shows ids and titles",
                       key="error.no_journey_named", what="journey", text=text)
    ids = ", ".join(f"{j['id']} ({j['title']})" for j in part[:5])
    raise AmbiguousName(f"'{text}' matches {len(part)} journeys: {ids}; give the id instead",
                        key="error.ambiguous_journey", text=text, count=len(part), ids=ids)
