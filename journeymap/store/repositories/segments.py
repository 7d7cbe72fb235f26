"""Segments: the workshop's questions at joining (``segments``, each with its options as
``[key, label]`` pairs) and the answers people gave (``participant_segments``: one option per
person and question, no row when skipped)."""

from __future__ import annotations

from sqlalchemy import delete, func, insert, select, update

from journeymap.store import schema as T

from .rows import Repository, now


class SegmentRepository(Repository):
    def of_workshop(self, workshop_id: int) -> list:
        """The workshop's questions in their order: ``(id, key, question, options)``."""
        return self.conn.execute(select(T.segments.c.id, T.segments.c.key,
                                        T.segments.c.question, T.segments.c.options)
                                 .where(T.segments.c.workshop_id == workshop_id)
                                 .order_by(T.segments.c.position, T.segments.c.id)).all()

    def answer_counts(self, segment_ids) -> dict[int, dict[str, int]]:
        """segment id -> {option key: how many people chose it}, for the options chosen."""
        out: dict[int, dict[str, int]] = {}
        if not segment_ids:
            return out
        ps = T.participant_segments
        for sid, option, n in self.conn.execute(
                select(ps.c.segment_id, ps.c.option, func.count())
                .where(ps.c.segment_id.in_(list(segment_ids)))
                .group_by(ps.c.segment_id, ps.c.option)):
            out.setdefault(sid, {})[option] = int(n)
        return out

    def add(self, workshop_id: int, key: str, question: str, options: list,
            position: int) -> None:
        self.conn.execute(insert(T.segments).values(workshop_id=workshop_id, key=key,
                                                    question=question, options=options,
                                                    position=position, created_at=now()))

    def update(self, segment_id: int, question: str, options: list) -> None:
        self.conn.execute(update(T.segments).where(T.segments.c.id == segment_id)
                          .values(question=question, options=options))

    def remove(self, segment_id: int) -> None:
        """Delete the question and every answer given to it."""
        self.conn.execute(delete(T.participant_segments)
                          .where(T.participant_segments.c.segment_id == segment_id))
        self.conn.execute(delete(T.segments).where(T.segments.c.id == segment_id))

    def set_answer(self, participant_id: int, segment_id: int, option: str | None) -> None:
        """The participant's answer to the question is ``option`` (None: no answer)."""
        ps = T.participant_segments
        self.conn.execute(delete(ps).where(ps.c.participant_id == participant_id,
                                           ps.c.segment_id == segment_id))
        if option is not None:
            self.conn.execute(insert(ps).values(participant_id=participant_id,
                                                segment_id=segment_id, option=option))
