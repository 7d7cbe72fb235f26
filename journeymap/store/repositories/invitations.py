"""Invitation links (only their token's hash is stored)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select, update

from journeymap.store import schema as T

from .rows import Repository, now


class InvitationRepository(Repository):
    def add(self, workshop_id: int, role: str, token_hash: str, created_at: dt.datetime,
            expires_at: dt.datetime, max_uses: int | None) -> int:
        return self.conn.execute(insert(T.invitations).values(
            workshop_id=workshop_id, role=role, token_hash=token_hash, expires_at=expires_at,
            max_uses=max_uses, uses=0, created_at=created_at)).inserted_primary_key[0]

    def set_token_hash(self, invitation_id: int, token_hash: str) -> None:
        self.conn.execute(update(T.invitations).where(T.invitations.c.id == invitation_id)
                          .values(token_hash=token_hash))

    def get(self, invitation_id: int):
        return self.conn.execute(select(T.invitations)
                                 .where(T.invitations.c.id == invitation_id)).first()

    def by_token_hash(self, token_hash: str):
        return self.conn.execute(select(T.invitations)
                                 .where(T.invitations.c.token_hash == token_hash)).first()

    def of_workshop(self, workshop_id: int) -> list:
        return self.conn.execute(select(T.invitations).where(
            T.invitations.c.workshop_id == workshop_id).order_by(T.invitations.c.id)).all()

    def revoke(self, invitation_id: int) -> None:
        self.conn.execute(update(T.invitations).where(T.invitations.c.id == invitation_id)
                          .values(revoked_at=now()))

    def count_use(self, invitation_id: int) -> bool:
        """Count one use, atomically within the limit; False when the link is used up."""
        inv = T.invitations.c
        res = self.conn.execute(update(T.invitations).where(
            inv.id == invitation_id, (inv.max_uses.is_(None)) | (inv.uses < inv.max_uses)
        ).values(uses=inv.uses + 1))
        return res.rowcount > 0
