"""Pieces the workshop-flow pages share: which workshop, following the phase, the faces,
calling a service with a friendly error, and static CSS (never with user text in it)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from journeymap.domain.errors import JourneymapError
from journeymap.domain.model import Phase, Role
from journeymap.services import list_workshops, touch
from journeymap.ui import components, session
from journeymap.ui import live as live_mod
from journeymap.ui.state import get_store, tr
from journeymap.ui.text import esc  # noqa: F401 - the one escaping helper, as F.esc

#: a face for each point of the emotion scale
FACES = {-3: "😡", -2: "😠", -1: "🙁", 0: "😐", 1: "🙂", 2: "😊", 3: "😍"}
EMOTIONS = list(range(-3, 4))
TOUCH_EVERY = dt.timedelta(seconds=20)
POLL_SECONDS = components.POLL_SECONDS

#: bigger, thumb-sized choice chips and buttons on the rating screen (static CSS only)
RATE_CSS = """
<style>
div[data-testid="stButtonGroup"] button { min-height: 2.9rem; padding: 0.35rem 0.8rem;
  font-size: 1.05rem; }
.st-key-rate_emotion div[data-testid="stButtonGroup"] button { min-height: 3.6rem;
  font-size: 1.15rem; }
.st-key-rate_emotion [data-testid="stIconEmoji"] { font-size: 1.7rem; }
div[data-testid="stMainBlockContainer"] { max-width: 48rem; }
div[data-testid="stButton"] button { min-height: 2.9rem; }
</style>
"""

#: the projector: no sidebar, no header bar, large type (static CSS only)
PRESENT_CSS = """
<style>
section[data-testid="stSidebar"], div[data-testid="stSidebarCollapsedControl"],
button[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"] { display: none; }
div[data-testid="stMainBlockContainer"], .block-container { padding-top: 1.2rem;
  max-width: 100%; }
div[data-testid="stMarkdownContainer"] p, div[data-testid="stMarkdownContainer"] li {
  font-size: 1.6rem; line-height: 1.35; }
div[data-testid="stMarkdownContainer"] h1 { font-size: 3.2rem; }
div[data-testid="stMarkdownContainer"] h2 { font-size: 2.4rem; }
div[data-testid="stMetricValue"] { font-size: 3.4rem; }
div[data-testid="stMetricLabel"] p { font-size: 1.4rem; }
div[data-testid="stCaptionContainer"] p { font-size: 1.25rem; }
</style>
"""


def role_of(actor) -> Role:
    return Role(actor.role) if actor is not None and actor.role else Role.FACILITATOR


def is_facilitator(actor) -> bool:
    return actor is not None and actor.kind != "participant"


def workshop() -> int | None:
    """The workshop the page is about: the participant's own, or the facilitator's choice
    (a picker when none is chosen yet)."""
    ws_id = session.workshop_id()
    a = session.actor()
    if ws_id is not None or a is None or a.kind == "participant":
        return ws_id
    workshops = list_workshops(get_store(), a)
    if not workshops:
        st.info(tr("flow.no_workshop"))
        return None
    names = {w["id"]: w["name"] for w in workshops}
    chosen = st.selectbox(tr("common.workshop"), list(names), format_func=names.get,
                          key="flow_ws_pick")
    session.choose(workshop=chosen)
    return chosen


def call(fn, *args, **kwargs):
    """Run a service as the signed-in person; when it refuses, keep its error to show (in
    plain words) at the top of the page's next run, and return None."""
    try:
        return fn(get_store(), session.actor(), *args, **kwargs)
    except JourneymapError as e:
        remember_error(e)
        return None


def remember_error(e: JourneymapError) -> None:
    """From a widget callback: keep the error to show on the page that follows."""
    st.session_state["flow_error"] = e


def show_remembered_error() -> None:
    e = st.session_state.pop("flow_error", None)
    if e is not None:
        components.show_error(e)


def follow_phase(workshop_id: int, journey_id: int | None, key: str = "phase_sig") -> None:
    """Rerun when the phase or the map changes (not when someone else rates): what a
    rating screen follows, so a hundred people rating never rerun each other."""
    live_mod.follow(workshop_id, ("phase", "map", "workshop"))


def live(workshop_id: int | None, topics=None) -> None:
    """Follow the workshop's changes in ``topics`` (all by default; see
    :func:`components.live_updates`)."""
    if topics is None:
        components.live_updates(workshop_id)
    else:
        components.live_updates(workshop_id, topics)


def note_presence() -> None:
    """Keep the participant's "last seen" fresh for the board (at most every 20 s)."""
    a = session.actor()
    if a is None or a.kind != "participant":
        return
    last = st.session_state.get("flow_touched")
    now = dt.datetime.now(dt.timezone.utc)
    if last is None or now - last > TOUCH_EVERY:
        touch(get_store(), a)
        st.session_state["flow_touched"] = now


def date_format() -> str:
    """How a date input shows dates in the reader's language (Italians read 31/12/2026)."""
    from journeymap.ui.state import lang

    return "DD/MM/YYYY" if lang() == "it" else "YYYY-MM-DD"


def phase_name(phase) -> str:
    return tr(f"phase.{Phase(phase).value}")


def ago(ts) -> str:
    """"just now", "3 min ago", "2 h ago" for a time stamp (or "—")."""
    if ts is None:
        return "—"
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=dt.timezone.utc)
    s = (dt.datetime.now(dt.timezone.utc) - ts).total_seconds()
    if s < 60:
        return tr("flow.ago.now")
    if s < 3600:
        return tr("flow.ago.min", n=int(s // 60))
    if s < 86400:
        return tr("flow.ago.hours", n=int(s // 3600))
    return tr("flow.ago.days", n=int(s // 86400))


def emotion_label(v) -> str:
    v = int(round(v))
    return f"{FACES[v]} {tr(f'emotion.{v}')}"


def person(name: str, anonymous: bool = False) -> str:
    return name if name and not anonymous else tr("common.anonymous")


def page_link(file: str, label_key: str, icon: str | None = None) -> None:
    """A link to another page of the app, when that page exists and is in the menu."""
    from journeymap.ui.router import PAGE_DIR

    if not (PAGE_DIR / file).exists():
        return
    try:
        st.page_link(str(PAGE_DIR / file), label=tr(label_key), icon=icon)
    except Exception:  # the page is not in this session's navigation (e.g. a single page run)
        pass


def workshop_and_journey(picker_key: str, topics=None):
    """The prelude of a flow page: its workshop (followed live: ``topics``, all by default),
    the journey picked, the workshop row and phase. Stops the page when either is missing."""
    from journeymap.services import get_workshop

    ws_id = workshop()
    if ws_id is None:
        st.stop()
    live(ws_id, topics)
    show_remembered_error()
    journey_id = components.journey_picker(ws_id, key=picker_key)
    if journey_id is None:
        st.info(tr("rate.no_journey"))
        st.stop()
    ws = get_workshop(get_store(), session.actor(), ws_id)
    return ws_id, journey_id, ws, Phase(ws["phase"])


def opportunity_caption(o: dict) -> str:
    """Status · owner · due date of an action, escaped for markdown."""
    return esc(" · ".join(x for x in (
        tr(f"opportunity.{o['status']}"), o["owner"],
        tr("act.due", date=o["due"].isoformat()) if o["due"] else "") if x))
