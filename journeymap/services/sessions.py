"""A facilitator's sign-in that survives a reload, a sleeping laptop and a second server.

Streamlit keeps who is signed in per browser session, and a reload starts a new one. So a
sign-in also starts a *session* here: the page hands a one-time code (valid two minutes) to
the server's ``/auth/cookie`` route, which exchanges it for a random token set as an
HttpOnly, SameSite=Lax cookie; only hashes are stored. A new browser session reads the
cookie and resumes the account. Sign-out deletes the row, so a copied cookie stops working
too. Stored in the database, so every server behind a proxy honours it.

>>> store = Store.open("sqlite://")
>>> from journeymap.services.accounts import create_account
>>> fran = create_account(store, "fran", "correct horse battery", "Fran")
>>> token = claim_session(store, start_session(store, fran))
>>> resume_session(store, token).name
'Fran'
>>> end_session(store, token); resume_session(store, token) is None
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from journeymap.domain.errors import InvalidToken, PermissionDenied

from .base import Actor, Store, now

#: how long a sign-in lasts without signing in again (a long workshop day)
SESSION_HOURS = 14
#: how long the one-time code may wait for the browser to exchange it
CODE_SECONDS = 120
COOKIE = "journeymap_session"


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def _aware(ts: dt.datetime) -> dt.datetime:
    return ts if ts.tzinfo else ts.replace(tzinfo=dt.timezone.utc)


def start_session(store: Store, actor: Actor) -> str:
    """Begin a session for a signed-in facilitator; returns the one-time code to exchange
    (which also names the session for :func:`end_session_of_code`)."""
    if actor.kind != "account" or actor.account_id is None:
        raise PermissionDenied("only a facilitator's sign-in is kept across reloads",
                               key="error.denied.session_facilitator_only")
    code = secrets.token_urlsafe(24)
    t = now()
    with store.write() as uow:
        uow.sessions.add(actor.account_id, _hash(code), created_at=t,
                         expires_at=t + dt.timedelta(hours=SESSION_HOURS))
        uow.commit()
    return code


def claim_session(store: Store, code: str) -> str:
    """Exchange a fresh one-time code for the session's token (once; within two minutes)."""
    if not isinstance(code, str) or not code:
        raise InvalidToken()
    token = secrets.token_urlsafe(32)
    with store.write() as uow:
        row = uow.sessions.by_code_hash(_hash(code))
        if row is None or now() - _aware(row.created_at) > dt.timedelta(seconds=CODE_SECONDS):
            raise InvalidToken()
        uow.sessions.exchange_code(row.id, _hash(token))
        uow.commit()
    return token


def resume_session(store: Store, token: str | None) -> Actor | None:
    """The facilitator a session cookie belongs to, or None (unknown, expired, signed out)."""
    if not token:
        return None
    with store.read() as uow:
        row = uow.sessions.account_of_token(_hash(token))
    if row is None or _aware(row.expires_at) <= now():
        return None
    return Actor.account(row.id, row.display_name)


def end_session_of_code(store: Store, code: str | None) -> None:
    """Sign out the session begun with ``code`` (whether or not its cookie was set yet)."""
    if not code:
        return
    with store.write() as uow:
        uow.sessions.delete_by_origin(_hash(code))
        uow.commit()


def end_session(store: Store, token: str | None) -> None:
    """Sign out: the session is gone, on this browser and wherever its cookie was copied.
    Expired sessions are swept at the same time."""
    with store.write() as uow:
        if token:
            uow.sessions.delete_by_token(_hash(token))
        uow.sessions.delete_expired(now())
        uow.commit()
