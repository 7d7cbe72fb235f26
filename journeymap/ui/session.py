"""Who is using this browser session, and what they are looking at. Ids only, never rows.

A person survives a reload, a phone waking a sleeping tab and a change of page:
- a participant through their personal link, kept in the address (``?me=TOKEN``) on every
  page — the link is theirs to keep, and reopening it anywhere brings them back;
- a facilitator through an HttpOnly session cookie (``services/sessions.py``): after signing
  in, the page hands a one-time code to ``/auth/cookie`` (a tiny script, below), and a new
  browser session resumes from the cookie. A token in the address would show on the
  projector; a cookie does not. Sign-out deletes the session on the server.
The workshop and journey a facilitator is working on ride in the address too (``?ws=``,
``?j=``), so a reload comes back to the same workshop and Back/Forward keep their place.
"""

from __future__ import annotations

import streamlit as st

from journeymap.domain.errors import InvalidToken
from journeymap.domain.model import Role
from journeymap.services import Actor
from journeymap.services import invitations as inv
from journeymap.services import sessions as S
from journeymap.ui.state import get_store

AUTH = "auth"
_CODE = "session_code"        # the one-time code waiting to become the cookie
_ORIGIN = "session_origin"    # the code this browser session's sign-in began with
_SIGNOUT = "signout_pending"  # the cookie still to be cleared in the browser

_COOKIE_JS = """
const sent = new Set();
export default function (component) {
  const { data, setTriggerValue } = component;
  if (!data || !data.url || sent.has(data.url + (data.code || ""))) return;
  sent.add(data.url + (data.code || ""));
  fetch(data.url, {method: "POST", credentials: "same-origin",
                   headers: {"Content-Type": "application/json"},
                   body: JSON.stringify({code: data.code || ""})})
    .then((r) => setTriggerValue("done", r.status))
    .catch(() => setTriggerValue("done", 0));
}
"""


@st.cache_resource(show_spinner=False)
def _cookie_component():
    return st.components.v2.component("journeymap_session_cookie", js=_COOKIE_JS)


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


def sign_in_facilitator(a: Actor) -> None:
    """Sign a facilitator in and start the session that keeps them signed in on reload."""
    sign_in(a)
    code = S.start_session(get_store(), a)
    st.session_state[_CODE] = code
    st.session_state[_ORIGIN] = code


def sign_out() -> None:
    store = get_store()
    S.end_session_of_code(store, st.session_state.get(_ORIGIN))
    S.end_session(store, _cookies().get(S.COOKIE))
    was_facilitator = (actor() or Actor.account(0, "")).kind == "account"
    for k in (AUTH, "workshop_id", "journey_id", "personal_token", _CODE, _ORIGIN):
        st.session_state.pop(k, None)
    st.query_params.clear()
    if was_facilitator:
        st.session_state[_SIGNOUT] = True
    st.session_state["signed_out"] = True


def _cookies() -> dict:
    try:
        return dict(st.context.cookies or {})
    except Exception:  # pragma: no cover - outside a server (AppTest)
        return {}


def hand_over_cookie() -> None:
    """Render the tiny script that turns a fresh sign-in into the session cookie (or clears
    the cookie after signing out). Call on every run; it shows nothing."""
    code, clearing = st.session_state.get(_CODE), st.session_state.get(_SIGNOUT)
    if not code and not clearing:
        return

    def _done():
        st.session_state.pop(_CODE if code else _SIGNOUT, None)

    data = {"url": "auth/cookie", "code": code} if code else {"url": "auth/signout"}
    with st.sidebar:
        _cookie_component()(data=data, key="session_cookie_" + ("in" if code else "out"),
                            on_done_change=_done, height=0)


def restore() -> str | None:
    """Bring back whoever this browser is: a personal link (``?me=TOKEN``), or else a
    facilitator's session cookie. Returns "refused" for a personal link that is not valid."""
    token = st.query_params.get("me")
    if token:
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
    if actor() is None and not st.session_state.get("signed_out"):
        a = S.resume_session(get_store(), _cookies().get(S.COOKIE))
        if a is not None:
            sign_in(a)
            _place_from_address()
    return None


def _place_from_address() -> None:
    for param, key in (("ws", "workshop_id"), ("j", "journey_id")):
        value = st.query_params.get(param)
        if value and value.isdigit():
            st.session_state[key] = int(value)


def keep_in_address() -> None:
    """Write who and where into the address, so a reload returns here (and Back/Forward
    move between pages with their place)."""
    a = actor()
    if a is None:
        return
    wanted: dict[str, str] = {}
    if a.kind == "participant":
        token = st.session_state.get("personal_token")
        if token:
            wanted["me"] = token
    else:
        for param, key in (("ws", "workshop_id"), ("j", "journey_id")):
            if st.session_state.get(key) is not None:
                wanted[param] = str(st.session_state[key])
    for param, value in wanted.items():
        if st.query_params.get(param) != value:
            st.query_params[param] = value


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
            st.query_params.pop("j", None)
        st.session_state["workshop_id"] = workshop
    if journey is not None:
        st.session_state["journey_id"] = journey
