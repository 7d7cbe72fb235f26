"""User text on screen: always shown as typed, never as Markdown or HTML.

Streamlit renders Markdown in ``st.markdown``, captions, titles, alerts, widget labels and
help texts. Every piece of user text (names, titles, comments, a workshop's name) that goes
into one of those passes through :func:`esc` (from :mod:`journeymap.text`, the project's one
escaping module); catalog messages that carry user text are filled with :func:`tr_text`.
"""

from __future__ import annotations

from journeymap.text import esc

__all__ = ["esc", "tr_text"]


def tr_text(tr, key: str, **values) -> str:
    """A catalog message (translated by ``tr``) with its user-text values escaped."""
    return tr(key, **{k: esc(v) if isinstance(v, str) else v for k, v in values.items()})
