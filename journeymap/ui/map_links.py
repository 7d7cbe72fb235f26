"""Links the app hands out: invitations (``?invite=``) and personal links (``?me=``)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import streamlit as st

#: page url paths the app uses (the last path segment is dropped when it is one of these)
_PAGE_PATHS = {"workshops", "board", "map", "rate", "insight", "vote", "act", "mine",
               "invitations", "present", "join", "signin", "setup", "refused"}


def app_base_url(url: str | None = None) -> str:
    """The app's root URL from the page's URL, e.g. ``http://host:8501/``.

    >>> app_base_url("http://h:8501/invitations?x=1")
    'http://h:8501/'
    >>> app_base_url("https://h/jm/map")
    'https://h/jm/'
    """
    if url is None:
        try:
            url = st.context.url or ""
        except Exception:  # pragma: no cover - outside a server (AppTest)
            url = ""
    if not url:
        url = "http://localhost:8501/"
    parts = urlsplit(url)
    segments = [p for p in parts.path.split("/") if p]
    if segments and segments[-1] in _PAGE_PATHS:
        segments = segments[:-1]
    path = "/" + "/".join(segments) + ("/" if segments else "")
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def invite_link(token: str, url: str | None = None) -> str:
    return f"{app_base_url(url)}?invite={token}"


def personal_link(token: str, url: str | None = None) -> str:
    return f"{app_base_url(url)}?me={token}"
