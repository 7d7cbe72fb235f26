"""What the facilitator's live progress and the screens' signatures read: who answered what
in a journey, and a cheap fingerprint of its steps."""

from __future__ import annotations

from sqlalchemy import func, select

from journeymap.store import schema as T

from .rows import Repository


class ProgressRepository(Repository):
    def steps(self, journey_id: int) -> list:
        """(id, key, title, lane) of the journey's steps in map order."""
        return self.conn.execute(select(T.steps.c.id, T.steps.c.key, T.steps.c.title,
                                        T.steps.c.lane)
                                 .where(T.steps.c.journey_id == journey_id)
                                 .order_by(T.steps.c.position, T.steps.c.id)).all()

    def people(self, workshop_id: int) -> list:
        """The workshop's staff and customers (not facilitators), in joining order."""
        return self.conn.execute(select(T.participants).where(
            T.participants.c.workshop_id == workshop_id,
            T.participants.c.role != "facilitator").order_by(T.participants.c.id)).all()

    def ratings(self, journey_id: int, round: int) -> list:
        """(participant_id, step_id, perspective) of every rating in the journey's round."""
        return self._in_journey(T.ratings, T.ratings.c.perspective, journey_id, round)

    def skips(self, journey_id: int, round: int) -> list:
        """(participant_id, step_id) of every skip in the journey's round."""
        return self._in_journey(T.skips, None, journey_id, round)

    def pain_points(self, journey_id: int, round: int) -> list:
        """(participant_id, step_id) of every pain point in the journey's round."""
        return self._in_journey(T.pain_points, None, journey_id, round)

    def _in_journey(self, table, extra, journey_id: int, round: int) -> list:
        cols = [table.c.participant_id, table.c.step_id] + ([extra] if extra is not None else [])
        return self.conn.execute(select(*cols).join(T.steps, T.steps.c.id == table.c.step_id)
                                 .where(T.steps.c.journey_id == journey_id,
                                        table.c["round"] == round)).all()

    def map_signature(self, journey_id: int) -> tuple:
        """(number of steps, sum of their versions, a checksum of their order)."""
        c = self.conn
        n, v = c.execute(select(func.count(), func.coalesce(func.sum(T.steps.c.version), 0))
                         .where(T.steps.c.journey_id == journey_id)).one()
        pos = c.execute(select(func.coalesce(func.sum(T.steps.c.position * T.steps.c.id), 0))
                        .where(T.steps.c.journey_id == journey_id)).scalar_one()
        return n, v, pos
