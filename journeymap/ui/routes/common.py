"""What the routes share: the store of this server process."""

from __future__ import annotations

import functools

from journeymap.services import Store


@functools.lru_cache(maxsize=1)
def store() -> Store:
    """The store for plain HTTP routes (the database named by JOURNEYMAP_DATABASE_URL)."""
    return Store.open()
