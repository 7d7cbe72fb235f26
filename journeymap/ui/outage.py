"""When the database cannot be reached for a while: a calm message instead of an error, and
what the person just did kept in their session and saved as soon as the database is back.

- :func:`attempt` runs a write (from a tap's callback); if the database is away, the write
  is kept, in order, to be retried, and the page will say so.
- :func:`retry_pending` (at the start of every run) saves what was kept, oldest first.
- :func:`guard` runs the page; if the database is away it shows "reconnecting" in the
  person's language, with what waits to be saved, and follows the change feed, which reruns
  the page by itself when the database answers again (see :mod:`journeymap.ui.live`).
"""

from __future__ import annotations

import logging

import streamlit as st

from journeymap.domain.errors import JourneymapError
from journeymap.services import Store
from journeymap.ui.state import tr
from journeymap.ui.text import esc

_LOG = logging.getLogger(__name__)
PENDING = "outage_pending"


def is_outage(e: BaseException) -> bool:
    """An error that means "the database is not reachable now" (not a bad request)."""
    return Store.is_outage(e)


def attempt(fn, *args, what: str = "", **kwargs):
    """``fn(*args, **kwargs)``; when the database is away, keep the call to retry (``what``
    names it for the person) and return None."""
    try:
        return fn(*args, **kwargs)
    except Exception as e:
        if not is_outage(e):
            raise
        _LOG.warning("database unreachable; a write waits in the session: %s", e)
        st.session_state.setdefault(PENDING, []).append((fn, args, kwargs, what))
        return None


def pending() -> list[str]:
    return [w for *_, w in st.session_state.get(PENDING) or []]


def retry_pending() -> None:
    """Save what was kept while the database was away, oldest first; stop at the first that
    still cannot reach it. A write the services now refuse is dropped with its message."""
    queue = st.session_state.get(PENDING)
    while queue:
        fn, args, kwargs, _ = queue[0]
        try:
            fn(*args, **kwargs)
        except JourneymapError as e:
            st.session_state["flow_error"] = e
        except Exception as e:
            if is_outage(e):
                return
            raise
        queue.pop(0)


def guard(run) -> None:
    """Run the page; show "reconnecting" instead of an error while the database is away."""
    try:
        retry_pending()
        run()
    except Exception as e:
        if not is_outage(e):
            raise
        reconnecting()


def reconnecting() -> None:
    from journeymap.ui import live

    st.info(tr("live.reconnecting"), icon="🔄")
    waiting = [w for w in pending() if w]
    if waiting:
        st.caption(esc(tr("live.pending", what="; ".join(dict.fromkeys(waiting)))))
    live.follow_database()
