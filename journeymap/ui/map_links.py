"""Links the app hands out: invitations (``?invite=``) and personal links (``?me=``).

They are built on the server's *public* address when one is known
(``JOURNEYMAP_PUBLIC_URL``, set by ``journeymap serve/demo --public-url`` or, when the server
listens on every interface, the machine's address on the local network), so that a QR code
on the projector opens on the phones in the room; otherwise on the address the facilitator's
own page was opened with.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

import streamlit as st

from journeymap.links import is_local_only, normalise_base
from journeymap.ui.state import tr

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


def public_base_url(url: str | None = None) -> str:
    """Where people in the room reach the app: the configured public URL, else the page's."""
    configured = os.environ.get("JOURNEYMAP_PUBLIC_URL", "").strip()
    return normalise_base(configured) if configured else app_base_url(url)


def links_only_open_here(url: str | None = None) -> bool:
    """True when the links handed out would open only on this computer (localhost)."""
    return is_local_only(public_base_url(url))


def invite_link(token: str, url: str | None = None) -> str:
    return f"{public_base_url(url)}?invite={token}"


def personal_link(token: str, url: str | None = None) -> str:
    return f"{public_base_url(url)}?me={token}"


def personal_link_box() -> None:
    """Right after joining: the participant's own link, until they say they have kept it."""
    token = st.session_state.get("personal_token")
    if not (st.session_state.get("just_joined") and token):
        return
    with st.container(border=True, key="personal_box"):
        st.subheader(tr("personal.title"), anchor=False)
        st.write(tr("personal.body"))
        st.code(personal_link(token), language=None, wrap_lines=True)
        if st.button(tr("map.personal_done"), key="personal_done"):
            st.session_state.pop("just_joined", None)
            st.rerun()
