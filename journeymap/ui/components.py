"""Small pieces every page uses: live updates, errors in plain words, labels."""

from __future__ import annotations

import streamlit as st

from journeymap.domain.errors import JourneymapError, PhaseClosed, StaleEdit
from journeymap.services import list_journeys
from journeymap.services.feed import ALL
from journeymap.ui import live, session
from journeymap.ui.state import get_store, lang, tr

#: The fallback poll's period (see :mod:`journeymap.ui.live`; push is the default).
POLL_SECONDS = live.POLL_SECONDS


def live_updates(workshop_id: int | None, topics=ALL) -> None:
    """Rerun the page when something it shows (``topics`` of the workshop) changed.

    The server pushes the rerun (see :mod:`journeymap.ui.live`): an idle page costs nothing,
    and a change in a topic the page does not show (someone rating, for a page without the
    ratings) does not rerun it."""
    live.follow(workshop_id, topics)


def mark_seen(workshop_id: int | None) -> None:
    """After our own change, note it as shown so the feed does not rerun the page again."""
    live.mark_seen(workshop_id)


def show_error(err: Exception) -> None:
    """A domain error in the user's language, naming the field, as text (never Markdown)."""
    from journeymap.i18n.errors import describe
    from journeymap.ui.text import esc

    if isinstance(err, StaleEdit):
        st.warning(tr("error.stale", who=esc(err.changed_by or tr("error.someone"))))
        return
    if isinstance(err, JourneymapError):
        shown = esc(describe(err, lang()))
        (st.warning if isinstance(err, PhaseClosed) else st.error)(shown)
        return
    raise err


def journey_picker(workshop_id: int, key: str = "journey_picker") -> int | None:
    """A select box of the workshop's journeys, remembering the choice for the session."""
    a = session.actor()
    journeys = list_journeys(get_store(), a, workshop_id, counts=False)
    if not journeys:
        return None
    ids = [j["id"] for j in journeys]
    current = session.journey_id()
    index = ids.index(current) if current in ids else 0
    if len(ids) == 1:
        session.choose(journey=ids[0])
        return ids[0]
    titles = {j["id"]: j["title"] for j in journeys}
    chosen = st.selectbox(tr("common.journey"), ids, index=index,
                          format_func=lambda i: titles[i], key=key)
    session.choose(journey=chosen)
    return chosen


def label(prefix: str, value) -> str:
    """A catalog label such as ``lane.backstage`` for an enum value."""
    return tr(f"{prefix}.{getattr(value, 'value', value)}")


def language_switch() -> None:
    current = lang()
    options = ["it", "en"]
    choice = st.sidebar.segmented_control(
        tr("common.language"), options, default=current, key="lang_switch",
        format_func=lambda c: {"it": "Italiano", "en": "English"}[c])
    if choice and choice != current:
        st.session_state["lang"] = choice
        st.rerun()


def page_workshop(title_key: str, empty_key: str):
    """The workshop a page is about, with its row: the participant's own, or for a
    facilitator the one chosen (their first by default). Stops the page with a message when
    there is none or it cannot be read. Also starts following its changes live."""
    from journeymap.services import get_workshop, list_workshops

    a, store = session.actor(), get_store()
    ws_id = session.workshop_id()
    if a.kind == "account":
        ids = [w["id"] for w in list_workshops(store, a)]
        if not ids:
            st.title(tr(title_key), anchor=False)
            st.info(tr(empty_key))
            st.stop()
        if ws_id not in ids:
            ws_id = ids[0]
            session.choose(workshop=ws_id)
    try:
        ws = get_workshop(store, a, ws_id)
    except JourneymapError as e:
        show_error(e)
        st.stop()
    live_updates(ws_id)
    return ws_id, ws
