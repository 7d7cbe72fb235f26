"""Facilitator accounts: passwords hashed with Argon2id (argon2-cffi), never kept in clear."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from journeymap.domain.errors import PermissionDenied, ValidationError
from journeymap.domain.model import clean_text

from .base import Actor, Store

_hasher = PasswordHasher()
MIN_PASSWORD = 8


def has_accounts(store: Store) -> bool:
    with store.read() as uow:
        return uow.accounts.any()


def create_account(store: Store, username: str, password: str, display_name: str = "") -> Actor:
    """Create a facilitator account and return it as an actor."""
    username = clean_text(username, "username", required=True, max_len=120).lower()
    display_name = clean_text(display_name, "display_name", max_len=120) or username
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise ValidationError(f"must be at least {MIN_PASSWORD} characters long", "password",
                              key="error.password_too_short", min=MIN_PASSWORD)
    hashed = _hasher.hash(password)
    with store.write() as uow:
        if uow.accounts.by_username(username) is not None:
            raise ValidationError(f"the username '{username}' is taken", "username",
                                  key="error.username_taken", username=username)
        account_id = uow.accounts.add(username, display_name, hashed)
        uow.commit()
    return Actor.account(account_id, display_name)


def authenticate(store: Store, username: str, password: str) -> Actor:
    """The account for these credentials, or PermissionDenied with one message for all cases."""
    refused = PermissionDenied("wrong username or password", key="error.denied.credentials")
    username = (username or "").strip().lower()
    with store.read() as uow:
        row = uow.accounts.by_username(username)
    if row is None:
        _hasher.hash(password or "x")  # same cost whether or not the account exists
        raise refused
    try:
        _hasher.verify(row.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        raise refused from None
    if _hasher.check_needs_rehash(row.password_hash):
        with store.write() as uow:
            uow.accounts.set_password_hash(row.id, _hasher.hash(password))
            uow.commit()
    return Actor.account(row.id, row.display_name)


def ensure_demo_account(store: Store, username: str = "facilitator") -> tuple[Actor, str | None]:
    """The demo facilitator: created with a fresh random password on first use.

    Returns the actor and the new password (None when the account already existed)."""
    with store.read() as uow:
        row = uow.accounts.by_username(username)
    if row is not None:
        return Actor.account(row.id, row.display_name), None
    password = secrets.token_urlsafe(12)
    return create_account(store, username, password, "Demo facilitator"), password
