"""Facilitators' sign-in sessions, by the hashes of their one-time code and token."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, select, update

from journeymap.store import schema as T

from .rows import Repository


class SessionRepository(Repository):
    def add(self, account_id: int, code_hash: str, created_at: dt.datetime,
            expires_at: dt.datetime) -> None:
        self.conn.execute(insert(T.sessions).values(
            account_id=account_id, code_hash=code_hash, origin_hash=code_hash,
            token_hash=None, created_at=created_at, expires_at=expires_at))

    def by_code_hash(self, code_hash: str):
        return self.conn.execute(select(T.sessions)
                                 .where(T.sessions.c.code_hash == code_hash)).first()

    def exchange_code(self, session_id: int, token_hash: str) -> None:
        """The code is spent; the token is what the cookie carries from now on."""
        self.conn.execute(update(T.sessions).where(T.sessions.c.id == session_id)
                          .values(code_hash=None, token_hash=token_hash))

    def account_of_token(self, token_hash: str):
        """(expires_at, id, display_name) of the token's account, or None."""
        return self.conn.execute(
            select(T.sessions.c.expires_at, T.accounts.c.id, T.accounts.c.display_name)
            .join(T.accounts, T.accounts.c.id == T.sessions.c.account_id)
            .where(T.sessions.c.token_hash == token_hash)).first()

    def delete_by_origin(self, code_hash: str) -> None:
        self.conn.execute(delete(T.sessions).where(T.sessions.c.origin_hash == code_hash))

    def delete_by_token(self, token_hash: str) -> None:
        self.conn.execute(delete(T.sessions).where(T.sessions.c.token_hash == token_hash))

    def delete_expired(self, at: dt.datetime) -> None:
        self.conn.execute(delete(T.sessions).where(T.sessions.c.expires_at < at))
