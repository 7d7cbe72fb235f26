"""Facilitator accounts (only the password's hash is ever stored)."""

from __future__ import annotations

from sqlalchemy import func, insert, select, update

from journeymap.store import schema as T

from .rows import Repository, now


class AccountRepository(Repository):
    def any(self) -> bool:
        return self.conn.execute(select(func.count()).select_from(T.accounts)).scalar_one() > 0

    def by_username(self, username: str):
        return self.conn.execute(select(T.accounts)
                                 .where(T.accounts.c.username == username)).first()

    def add(self, username: str, display_name: str, password_hash: str) -> int:
        return self.conn.execute(insert(T.accounts).values(
            username=username, display_name=display_name, password_hash=password_hash,
            created_at=now())).inserted_primary_key[0]

    def set_password_hash(self, account_id: int, password_hash: str) -> None:
        self.conn.execute(update(T.accounts).where(T.accounts.c.id == account_id)
                          .values(password_hash=password_hash))
