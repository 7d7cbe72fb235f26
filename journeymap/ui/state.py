"""What the UI keeps between reruns: the store (shared by all sessions) and ids, never rows."""

from __future__ import annotations

import streamlit as st

from journeymap.i18n import pick_language, t
from journeymap.services import Store


@st.cache_resource(show_spinner=False)
def get_store() -> Store:
    """One store per server process, migrated at start; thread-safe, shared by all sessions."""
    return Store.open()


def lang() -> str:
    # one lookup: every label of every page asks (a rating screen, a few dozen times a run)
    chosen = st.session_state.get("lang")
    if chosen is None:
        locale = None
        try:
            locale = st.context.locale
        except Exception:  # pragma: no cover - older Streamlit
            locale = None
        chosen = st.session_state["lang"] = pick_language(locale)
    return chosen


def tr(key: str, **values) -> str:
    """Translate ``key`` into the session's language."""
    return t(key, lang(), **values)
