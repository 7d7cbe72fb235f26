"""Opportunities (actions against pain points) and their links to pain points."""

from __future__ import annotations

from sqlalchemy import delete, insert, select

from journeymap.store import schema as T

from .rows import Repository, now, save_versioned


class OpportunityRepository(Repository):
    def add(self, journey_id: int, values: dict, by: str) -> int:
        t = now()
        return self.conn.execute(insert(T.opportunities).values(
            journey_id=journey_id, version=1, created_at=t, updated_at=t,
            updated_by=by[:120], **values)).inserted_primary_key[0]

    def journey_of(self, opportunity_id: int) -> int | None:
        return self.conn.execute(select(T.opportunities.c.journey_id)
                                 .where(T.opportunities.c.id == opportunity_id)).scalar()

    def save(self, opportunity_id: int, expected_version: int, changes: dict, by: str) -> dict:
        return save_versioned(self.conn, T.opportunities, opportunity_id, expected_version,
                              changes, "action", by)

    def delete(self, opportunity_id: int) -> None:
        self.conn.execute(delete(T.opportunities).where(T.opportunities.c.id == opportunity_id))

    def of_journey(self, journey_id: int) -> list:
        return self.conn.execute(select(T.opportunities)
                                 .where(T.opportunities.c.journey_id == journey_id)
                                 .order_by(T.opportunities.c.id)).all()

    def linked_pain_points(self, opportunity_ids: list[int]) -> list:
        """(opportunity_id, id, key, text) of the pain points linked to these opportunities."""
        if not opportunity_ids:
            return []
        return self.conn.execute(
            select(T.opportunity_pain_points.c.opportunity_id, T.pain_points.c.id,
                   T.pain_points.c.key, T.pain_points.c.text)
            .join(T.pain_points, T.pain_points.c.id == T.opportunity_pain_points.c.pain_point_id)
            .where(T.opportunity_pain_points.c.opportunity_id.in_(opportunity_ids))
            .order_by(T.pain_points.c.id)).all()

    def pain_points_in_journey(self, pain_point_ids: list[int], journey_id: int) -> set[int]:
        """Those of the ids that are pain points of the journey."""
        return set(self.conn.execute(
            select(T.pain_points.c.id).join(T.steps, T.steps.c.id == T.pain_points.c.step_id)
            .where(T.pain_points.c.id.in_(pain_point_ids),
                   T.steps.c.journey_id == journey_id)).scalars())

    def set_links(self, opportunity_id: int, pain_point_ids: list[int]) -> None:
        """The opportunity is linked to exactly these pain points."""
        c = self.conn
        c.execute(delete(T.opportunity_pain_points).where(
            T.opportunity_pain_points.c.opportunity_id == opportunity_id))
        for i in pain_point_ids:
            c.execute(insert(T.opportunity_pain_points).values(opportunity_id=opportunity_id,
                                                               pain_point_id=i))

    def relink(self, old_ids: list[int], new_id: int) -> None:
        """Opportunities linked to any of ``old_ids`` are linked to ``new_id`` instead (once
        each, however many of them they were linked to)."""
        c, links = self.conn, T.opportunity_pain_points
        found = c.execute(select(links).where(links.c.pain_point_id.in_(old_ids))).all()
        if not found:
            return
        c.execute(delete(links).where(links.c.pain_point_id.in_(old_ids)))
        have = set(c.execute(select(links.c.opportunity_id).where(
            links.c.pain_point_id == new_id)).scalars())
        for oid in {ln.opportunity_id for ln in found} - have:
            c.execute(insert(links).values(opportunity_id=oid, pain_point_id=new_id))
