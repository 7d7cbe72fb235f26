"""Replies: staff answering what a customer said (a rating's comment, a pain point, a
highlight), and the input they answer."""

from __future__ import annotations

from sqlalchemy import delete, insert, select

from journeymap.store import schema as T

from .rows import Repository, now

#: what a reply can answer -> the table holding it
REPLY_TABLES = {"rating": T.ratings, "pain_point": T.pain_points, "highlight": T.highlights}


class ReplyRepository(Repository):
    def target(self, kind: str, target_id: int):
        """The answered row with ``step_title``, ``workshop_id`` and its ``author_role``, or
        None when it is gone."""
        table = REPLY_TABLES[kind]
        return self.conn.execute(
            select(table, T.steps.c.title.label("step_title"), T.journeys.c.workshop_id,
                   T.participants.c.role.label("author_role"))
            .join(T.steps, T.steps.c.id == table.c.step_id)
            .join(T.journeys, T.journeys.c.id == T.steps.c.journey_id)
            .join(T.participants, T.participants.c.id == table.c.participant_id)
            .where(table.c.id == target_id)).first()

    def add(self, workshop_id: int, kind: str, target_id: int, participant_id: int,
            text: str) -> int:
        return self.conn.execute(insert(T.replies).values(
            workshop_id=workshop_id, target_kind=kind, target_id=target_id,
            participant_id=participant_id, text=text, created_at=now())).inserted_primary_key[0]

    def to_participant(self, kind: str, participant_id: int) -> list:
        """The replies to the participant's input of ``kind``: the reply, the answered text,
        the step, and the replier's name, role and anonymity."""
        table = REPLY_TABLES[kind]
        text_col = table.c.comment if kind == "rating" else table.c.text
        author = T.participants.alias("author")
        return self.conn.execute(
            select(T.replies.c.id, T.replies.c.text, T.replies.c.created_at,
                   T.replies.c.target_id, text_col.label("target_text"),
                   T.steps.c.title.label("step_title"),
                   author.c.name.label("by_name"), author.c.role.label("by_role"),
                   author.c.anonymous.label("by_anonymous"))
            .join(table, table.c.id == T.replies.c.target_id)
            .join(T.steps, T.steps.c.id == table.c.step_id)
            .join(author, author.c.id == T.replies.c.participant_id)
            .where(T.replies.c.target_kind == kind,
                   table.c.participant_id == participant_id)).all()

    def customer_input(self, kind: str, journey_id: int) -> list:
        """Customers' input of ``kind`` in the journey (ratings only with a comment), with
        ``step_title`` and the step's ``position``."""
        table = REPLY_TABLES[kind]
        q = (select(table, T.steps.c.title.label("step_title"),
                    T.steps.c.position.label("position"))
             .join(T.steps, T.steps.c.id == table.c.step_id)
             .join(T.participants, T.participants.c.id == table.c.participant_id)
             .where(T.steps.c.journey_id == journey_id,
                    T.participants.c.role == "customer"))
        if kind == "rating":
            q = q.where(table.c.comment != "")
        return self.conn.execute(q).all()

    def of_workshop(self, workshop_id: int) -> list:
        """Every reply in the workshop, oldest first, with the replier's name and anonymity."""
        author = T.participants.alias("author")
        return self.conn.execute(select(T.replies, author.c.name.label("by_name"),
                                        author.c.anonymous.label("by_anonymous"))
                                 .join(author, author.c.id == T.replies.c.participant_id)
                                 .where(T.replies.c.workshop_id == workshop_id)
                                 .order_by(T.replies.c.id)).all()

    def delete_to(self, kind: str, target_ids: list[int]) -> None:
        """Delete the replies to these rows of ``kind``."""
        self.conn.execute(delete(T.replies).where(T.replies.c.target_kind == kind,
                                                  T.replies.c.target_id.in_(target_ids)))

    def delete_by(self, participant_id: int) -> int:
        """Delete every reply the participant wrote; returns how many there were."""
        return self.conn.execute(delete(T.replies).where(
            T.replies.c.participant_id == participant_id)).rowcount
