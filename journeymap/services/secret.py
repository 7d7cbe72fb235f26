"""The server secret: one random value per database, shared by every server on it.

Signed links (a report's download address, an invitation link that can be shown again) must
verify on any server behind the same database, so the key cannot live in one process. The
first server that needs it writes 32 random bytes once into the change log under workshop 0
(no workshop has id 0, so no page ever counts that row as a change); every server then reads
the row with the lowest id, so two servers that raced to write one agree on the same value.
``JOURNEYMAP_SECRET`` (optional) is mixed in, for a deployment that wants the key to depend
on something outside the database as well.

>>> store = Store.open("sqlite://")
>>> key = signing_key(store)
>>> len(key), key == signing_key(store), key != derived_key(store, "reports")
(32, True, True)
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading

from .base import Store

ENV_VAR = "JOURNEYMAP_SECRET"
_WORKSHOP = 0  # no workshop has this id
_KIND = "server.secret"

_lock = threading.Lock()
_cache: dict[str, bytes] = {}


def _read(uow) -> str | None:
    return uow.changes.first_value(_WORKSHOP, _KIND)


def signing_key(store: Store) -> bytes:
    """The 32-byte key of this database (created on first use, then cached per process)."""
    url = store.engine.url.render_as_string(hide_password=False)
    with _lock:
        if url in _cache:
            return _cache[url]
        with store.read() as uow:
            value = _read(uow)
        if value is None:
            with store.write() as uow:
                value = _read(uow)
                if value is None:
                    uow.changes.add_value(_WORKSHOP, _KIND, secrets.token_hex(32))
                    uow.commit()
            with store.read() as uow:  # the lowest id wins if two servers wrote at once
                value = _read(uow)
        extra = os.environ.get(ENV_VAR, "").encode("utf-8")
        key = hmac.new(bytes.fromhex(value), extra, hashlib.sha256).digest()
        _cache[url] = key
        return key


def derived_key(store: Store, purpose: str) -> bytes:
    """A key of its own for one purpose ("reports", "invitations"), from :func:`signing_key`."""
    return hmac.new(signing_key(store), purpose.encode("utf-8"), hashlib.sha256).digest()


__all__ = ["derived_key", "signing_key"]
