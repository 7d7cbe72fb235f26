"""Participants of a workshop (their personal link's token only as a hash)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, insert, select, update

from journeymap.store import schema as T

from .rows import Repository, now


class ParticipantRepository(Repository):
    def free_key(self, workshop_id: int, prefix: str) -> str:
        """``prefix<n>`` for the next n not yet taken in the workshop."""
        c = self.conn
        n = c.execute(select(func.count()).select_from(T.participants)
                      .where(T.participants.c.workshop_id == workshop_id)).scalar_one()
        key = f"{prefix}{n + 1}"
        while c.execute(select(T.participants.c.id).where(
                T.participants.c.workshop_id == workshop_id,
                T.participants.c.key == key)).first():
            n += 1
            key = f"{prefix}{n + 1}"
        return key

    def add(self, workshop_id: int, key: str, name: str, role: str, anonymous: bool,
            token_hash: str, at: dt.datetime) -> int:
        return self.conn.execute(insert(T.participants).values(
            workshop_id=workshop_id, key=key, name=name, role=role, anonymous=anonymous,
            token_hash=token_hash, consent_at=at, last_seen=at, created_at=at)
        ).inserted_primary_key[0]

    def by_token_hash(self, token_hash: str):
        """The participant's row with its workshop's ``archived``, or None."""
        return self.conn.execute(
            select(T.participants, T.workshops.c.archived)
            .join(T.workshops, T.workshops.c.id == T.participants.c.workshop_id)
            .where(T.participants.c.token_hash == token_hash)).first()

    def touch(self, participant_id: int) -> None:
        self.conn.execute(update(T.participants).where(T.participants.c.id == participant_id)
                          .values(last_seen=now()))

    def role_in(self, participant_id: int, workshop_id: int) -> str | None:
        """The participant's role in the workshop, or None when they are not in it."""
        return self.conn.execute(select(T.participants.c.role).where(
            T.participants.c.id == participant_id,
            T.participants.c.workshop_id == workshop_id)).scalar()

    def facilitator_row(self, workshop_id: int, account_id: int | None, name: str) -> int:
        """The facilitator's own participant row in the workshop (made on first use, so
        their replies and votes can be attributed)."""
        c = self.conn
        key = f"f{account_id or 0}"
        pid = c.execute(select(T.participants.c.id).where(
            T.participants.c.workshop_id == workshop_id, T.participants.c.key == key)).scalar()
        if pid is None:
            t = now()
            pid = c.execute(insert(T.participants).values(
                workshop_id=workshop_id, key=key, name=(name or "facilitator")[:120],
                role="facilitator", anonymous=False, account_id=account_id,
                consent_at=t, last_seen=t, created_at=t)).inserted_primary_key[0]
        return pid

    def of_workshop(self, workshop_id: int) -> list:
        return self.conn.execute(select(T.participants).where(
            T.participants.c.workshop_id == workshop_id).order_by(T.participants.c.id)).all()

    def get(self, participant_id: int):
        """The participant's row, or None."""
        return self.conn.execute(select(T.participants)
                                 .where(T.participants.c.id == participant_id)).first()

    def workshop_of(self, participant_id: int) -> int | None:
        """The workshop the participant is in (None when there is no such participant)."""
        return self.conn.execute(select(T.participants.c.workshop_id)
                                 .where(T.participants.c.id == participant_id)).scalar()

    def lock(self, participant_id: int) -> None:
        """Hold the participant's row until the transaction ends, so that two writes for one
        person run one after the other (a row lock on PostgreSQL; SQLite writes one at a
        time anyway)."""
        self.conn.execute(select(T.participants.c.id)
                          .where(T.participants.c.id == participant_id).with_for_update())

    def delete(self, participant_id: int) -> None:
        """Delete the participant (what the database's cascade takes with them goes too)."""
        self.conn.execute(delete(T.participants).where(T.participants.c.id == participant_id))
