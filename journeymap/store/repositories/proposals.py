"""Proposed steps ("something is missing here") and the facilitator's decision on them."""

from __future__ import annotations

from sqlalchemy import delete, insert, select, update

from journeymap.store import schema as T

from .rows import Repository, now


class ProposalRepository(Repository):
    def add(self, journey_id: int, participant_id: int, stage_id: int,
            after_step_id: int | None, title: str, description: str, status: str) -> int:
        return self.conn.execute(insert(T.proposals).values(
            journey_id=journey_id, participant_id=participant_id, stage_id=stage_id,
            after_step_id=after_step_id, title=title, description=description,
            status=status, decided_by="", created_at=now())).inserted_primary_key[0]

    def get(self, proposal_id: int):
        return self.conn.execute(select(T.proposals)
                                 .where(T.proposals.c.id == proposal_id)).first()

    def of_journey(self, journey_id: int, status: str | None = None,
                   participant_id: int | None = None) -> list:
        """With the stage's name, the title of the step it goes after, and the author's
        name, anonymity and role; only ``status`` / ``participant_id``'s when given."""
        q = (select(T.proposals, T.stages.c.name.label("stage"),
                    T.steps.c.title.label("after_title"),
                    T.participants.c.name.label("by_name"),
                    T.participants.c.anonymous.label("by_anonymous"),
                    T.participants.c.role.label("by_role"))
             .join(T.stages, T.stages.c.id == T.proposals.c.stage_id)
             .join(T.participants, T.participants.c.id == T.proposals.c.participant_id)
             .outerjoin(T.steps, T.steps.c.id == T.proposals.c.after_step_id)
             .where(T.proposals.c.journey_id == journey_id).order_by(T.proposals.c.id))
        if status is not None:
            q = q.where(T.proposals.c.status == status)
        if participant_id is not None:
            q = q.where(T.proposals.c.participant_id == participant_id)
        return self.conn.execute(q).all()

    def decide(self, proposal_id: int, status: str, by: str) -> None:
        self.conn.execute(update(T.proposals).where(T.proposals.c.id == proposal_id)
                          .values(status=status, decided_by=by[:120]))

    def of_participant(self, journey_id: int, participant_id: int) -> list:
        """The participant's proposals in the journey, oldest first (the rows alone)."""
        return self.conn.execute(select(T.proposals).where(
            T.proposals.c.journey_id == journey_id,
            T.proposals.c.participant_id == participant_id).order_by(T.proposals.c.id)).all()

    def delete_by(self, participant_id: int) -> int:
        """Delete every proposal of the participant; returns how many there were."""
        return self.conn.execute(delete(T.proposals).where(
            T.proposals.c.participant_id == participant_id)).rowcount
