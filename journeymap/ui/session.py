"""Who is using this browser session, and what they are looking at. Ids only, never rows."""

from __future__ import annotations

import streamlit as st

from journeymap.domain.errors import InvalidToken
from journeymap.domain.model import Role
from journeymap.services import Actor
from journeymap.services import invitations as inv
from journeymap.ui.state import get_store

AUTH = "auth"


def actor() -> Actor | None:
    data = st.session_state.get(AUTH)
    if not data:
        return None
    data = dict(data)
    if data.get("role"):
        data["role"] = Role(data["role"])  # kept as text in session state, an enum here
    return Actor(**data)


def sign_in(a: Actor) -> None:
    st.session_state[AUTH] = {
        "kind": a.kind, "name": a.name, "account_id": a.account_id,
        "participant_id": a.participant_id, "workshop_id": a.workshop_id,
        "role": a.role.value if a.role else None}
    if a.workshop_id:
        st.session_state["workshop_id"] = a.workshop_id


def sign_out() -> None:
    for k in (AUTH, "workshop_id", "journey_id", "personal_token"):
        st.session_state.pop(k, None)
    st.query_params.clear()


def resume_from_link() -> str | None:
    """Sign in from a personal link (``?me=TOKEN``). Returns None, or "refused"."""
    token = st.query_params.get("me")
    if not token:
        return None
    current = actor()
    if current is not None and st.session_state.get("personal_token") == token:
        return None
    try:
        a = inv.resume(get_store(), token)
    except InvalidToken:
        return "refused"
    sign_in(a)
    st.session_state["personal_token"] = token
    return None


def workshop_id() -> int | None:
    a = actor()
    if a is not None and a.kind == "participant":
        return a.workshop_id
    return st.session_state.get("workshop_id")


def journey_id() -> int | None:
    return st.session_state.get("journey_id")


def choose(workshop: int | None = None, journey: int | None = None) -> None:
    if workshop is not None:
        if st.session_state.get("workshop_id") != workshop:
            st.session_state.pop("journey_id", None)
        st.session_state["workshop_id"] = workshop
    if journey is not None:
        st.session_state["journey_id"] = journey
