"""Transitions: the directed, optionally labelled edges between two steps of a journey."""

from __future__ import annotations

from sqlalchemy import delete, insert, select, update

from journeymap.store import schema as T

from .rows import Repository, journey_of_row, now


class TransitionRepository(Repository):
    def journey_of(self, transition_id: int) -> int:
        return journey_of_row(self.conn, T.transitions, transition_id, "transition")

    def exists(self, source_id: int, target_id: int) -> bool:
        return self.conn.execute(select(T.transitions.c.id).where(
            T.transitions.c.source_id == source_id, T.transitions.c.target_id == target_id)
        ).first() is not None

    def add(self, journey_id: int, source_id: int, target_id: int, label: str, by: str) -> int:
        return self.conn.execute(insert(T.transitions).values(
            journey_id=journey_id, source_id=source_id, target_id=target_id, label=label,
            created_at=now(), created_by=by[:120])).inserted_primary_key[0]

    def set_label(self, transition_id: int, label: str) -> None:
        self.conn.execute(update(T.transitions).where(T.transitions.c.id == transition_id)
                          .values(label=label))

    def delete(self, transition_id: int) -> None:
        self.conn.execute(delete(T.transitions).where(T.transitions.c.id == transition_id))
