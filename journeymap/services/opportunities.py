"""Opportunities: actions against pain points, with an owner, a date and a status, and their CSV."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from journeymap.csv_safe import rows_csv
from journeymap.domain.errors import NotFound, ValidationError
from journeymap.domain.model import Opportunity, OpportunityStatus, clean_text

from .base import Actor, Store, record_change
from .visibility import journey_workshop_row


def _clean_opportunity(changes: dict) -> dict:
    out = {}
    for k, v in changes.items():
        if k == "title":
            out[k] = clean_text(v, "title", required=True, max_len=300)
        elif k == "owner":
            out[k] = clean_text(v, "owner", max_len=120)
        elif k == "status":
            out[k] = OpportunityStatus.parse(v, "status").value
        elif k == "due":
            out[k] = Opportunity(title="x", due=v).due if v not in (None, "") else None
            if out[k] is not None and not isinstance(out[k], dt.date):
                raise ValidationError("expected a date like 2026-12-31", "due",
                                      key="error.expected_date")
        elif k != "pain_point_ids":
            raise NotFound(f"an opportunity has no field {k}", key="error.no_field.opportunity",
                           what="field", field=k)
    return out


def _link(uow, journey_id: int, opportunity_id: int, pain_point_ids) -> None:
    """Link the opportunity to these pain points of the journey (a merged one: to the pain
    point it was merged into)."""
    ids = [int(i) for i in dict.fromkeys(pain_point_ids or [])]
    if ids:
        found = uow.opportunities.pain_points_in_journey(ids, journey_id)
        missing = [i for i in ids if i not in found]
        if missing:
            raise ValidationError(f"no pain point {missing[0]} in this journey", "pain_points",
                                  key="error.no_pain_point", id=missing[0])
        ids = list(dict.fromkeys(uow.pain_points.merge_root(i) for i in ids))
    uow.opportunities.set_links(opportunity_id, ids)


def create_opportunity(store: Store, actor: Actor, journey_id: int, title: str, *,
                       owner: str = "", due=None, status: str = "open",
                       pain_point_ids=()) -> int:
    values = _clean_opportunity(dict(title=title, owner=owner, due=due, status=status))
    with store.write() as uow:
        c = uow.conn
        ws = journey_workshop_row(c, actor, journey_id, "manage_actions")
        oid = uow.opportunities.add(journey_id, values, actor.name)
        _link(uow, journey_id, oid, pain_point_ids)
        record_change(c, ws.id, "opportunity.add", actor)
        uow.commit()
    return oid


def update_opportunity(store: Store, actor: Actor, opportunity_id: int, expected_version: int,
                       **changes) -> dict:
    """Change title, owner, due, status or ``pain_point_ids`` of an opportunity saved at
    ``expected_version``; a stale save raises StaleEdit with what it says now."""
    values = _clean_opportunity(changes)
    with store.write() as uow:
        c = uow.conn
        jid = uow.opportunities.journey_of(opportunity_id)
        if jid is None:
            raise NotFound("this action was deleted by someone else", key="error.gone.action",
                           what="action")
        ws = journey_workshop_row(c, actor, jid, "manage_actions")
        row = uow.opportunities.save(opportunity_id, expected_version, values, actor.name)
        if "pain_point_ids" in changes:
            _link(uow, jid, opportunity_id, changes["pain_point_ids"])
        record_change(c, ws.id, "opportunity.update", actor)
        uow.commit()
    return row


def delete_opportunity(store: Store, actor: Actor, opportunity_id: int) -> None:
    with store.write() as uow:
        c = uow.conn
        jid = uow.opportunities.journey_of(opportunity_id)
        if jid is None:
            raise NotFound("this action was already deleted", key="error.gone.action",
                           what="action")
        ws = journey_workshop_row(c, actor, jid, "manage_actions")
        uow.opportunities.delete(opportunity_id)
        record_change(c, ws.id, "opportunity.delete", actor)
        uow.commit()


def list_opportunities(store: Store, actor: Actor, journey_id: int) -> list[dict]:
    """The journey's opportunities with their linked pain points (id, key, text, votes)."""
    with store.read() as uow:
        c = uow.conn
        journey_workshop_row(c, actor, journey_id, "view_map")
        rows = uow.opportunities.of_journey(journey_id)
        links = defaultdict(list)
        for r in uow.opportunities.linked_pain_points([r.id for r in rows]):
            links[r.opportunity_id].append({"id": r.id, "key": r.key, "text": r.text})
    return [dict(r._mapping, pain_points=links[r.id]) for r in rows]


def opportunities_csv(store: Store, actor: Actor, journey_id: int) -> str:
    """The opportunities as CSV (title, owner, due, status, pain points), formula-safe."""
    return rows_csv(
        ["title", "owner", "due", "status", "pain_points", "pain_point_texts", "version",
         "updated_by"],
        ([o["title"], o["owner"], o["due"].isoformat() if o["due"] else "", o["status"],
          " ".join(p["key"] for p in o["pain_points"]),
          " | ".join(p["text"] for p in o["pain_points"]), o["version"], o["updated_by"]]
         for o in list_opportunities(store, actor, journey_id)))
