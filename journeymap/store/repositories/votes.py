"""Votes: the dots people put on pain points while prioritising (one row per dot)."""

from __future__ import annotations

from sqlalchemy import delete, func, insert, select, update

from journeymap.store import schema as T

from .rows import Repository, now


class VoteRepository(Repository):
    def count_of(self, participant_id: int) -> int:
        """How many dots the participant has put, on any pain point."""
        return self.conn.execute(select(func.count()).select_from(T.votes)
                                 .where(T.votes.c.participant_id == participant_id)
                                 ).scalar_one()

    def count_on(self, participant_id: int, pain_point_id: int) -> int:
        """How many dots the participant has put on this pain point."""
        return self.conn.execute(select(func.count()).select_from(T.votes).where(
            T.votes.c.participant_id == participant_id,
            T.votes.c.pain_point_id == pain_point_id)).scalar_one()

    def add(self, pain_point_id: int, participant_id: int) -> None:
        self.conn.execute(insert(T.votes).values(pain_point_id=pain_point_id,
                                                 participant_id=participant_id,
                                                 created_at=now()))

    def remove_latest(self, participant_id: int, pain_point_id: int) -> bool:
        """Take away the participant's latest dot on the pain point (False when there is
        none)."""
        vid = self.conn.execute(select(T.votes.c.id).where(
            T.votes.c.participant_id == participant_id,
            T.votes.c.pain_point_id == pain_point_id)
            .order_by(T.votes.c.id.desc()).limit(1)).scalar()
        if vid is None:
            return False
        self.conn.execute(delete(T.votes).where(T.votes.c.id == vid))
        return True

    def on(self, pain_point_ids: list[int]) -> list:
        """``(pain_point_id, participant_id)`` of every dot on these pain points."""
        if not pain_point_ids:
            return []
        return self.conn.execute(select(T.votes.c.pain_point_id, T.votes.c.participant_id)
                                 .where(T.votes.c.pain_point_id.in_(pain_point_ids))).all()

    def per_pain_point(self, journey_id: int) -> dict[int, int]:
        """pain point id -> how many dots it holds, for the journey's pain points that hold
        any."""
        return dict(self.conn.execute(
            select(T.votes.c.pain_point_id, func.count())
            .join(T.pain_points, T.pain_points.c.id == T.votes.c.pain_point_id)
            .join(T.steps, T.steps.c.id == T.pain_points.c.step_id)
            .where(T.steps.c.journey_id == journey_id)
            .group_by(T.votes.c.pain_point_id)).all())

    def move(self, from_ids: list[int], to_id: int,
             except_participant: int | None = None) -> None:
        """The dots on ``from_ids`` go to ``to_id`` (those of ``except_participant`` stay)."""
        q = update(T.votes).where(T.votes.c.pain_point_id.in_(from_ids))
        if except_participant is not None:
            q = q.where(T.votes.c.participant_id != except_participant)
        self.conn.execute(q.values(pain_point_id=to_id))

    def delete_by(self, participant_id: int) -> int:
        """Delete every dot of the participant; returns how many there were."""
        return self.conn.execute(delete(T.votes).where(
            T.votes.c.participant_id == participant_id)).rowcount
