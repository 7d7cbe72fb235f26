"""Builds the navigation for whoever is using the session, then runs the chosen page.

- nobody signed in: the facilitator's sign-in (or first-run setup), the join page for an
  invitation link (``?invite=TOKEN``), the personal link (``?me=TOKEN``) signs a participant
  back in; a bad link gets the refusal page and nothing else.
- facilitator, staff, customer: the pages of ``PAGES`` open to their role.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from journeymap.services import has_accounts
from journeymap.ui import live, outage, session
from journeymap.ui.components import language_switch
from journeymap.ui.state import get_store, tr
from journeymap.ui.text import esc

#: The page scripts. Not called ``pages/``: Streamlit would also find a folder of that name
#: beside app.py and run its files directly on a deep link, before the router decides.
PAGE_DIR = Path(__file__).parent / "screens"


@dataclass(frozen=True)
class PageSpec:
    file: str
    title_key: str
    url: str
    icon: str
    roles: tuple[str, ...]


#: Every page of the app, in menu order, with the roles that see it.
PAGES = (
    PageSpec("home.py", "nav.home", "home", "🏠", ("staff", "customer")),
    PageSpec("workshops.py", "nav.workshops", "workshops", "🗂️", ("facilitator",)),
    PageSpec("board.py", "nav.board", "board", "📋", ("facilitator",)),
    PageSpec("map.py", "nav.map", "map", "🗺️", ("facilitator", "staff", "customer")),
    PageSpec("rate.py", "nav.rate", "rate", "🙂", ("staff", "customer")),
    PageSpec("insight.py", "nav.insight", "insight", "📊", ("facilitator", "staff", "customer")),
    PageSpec("vote.py", "nav.vote", "vote", "🔴", ("facilitator", "staff", "customer")),
    PageSpec("act.py", "nav.act", "act", "✅", ("facilitator", "staff")),
    PageSpec("mine.py", "nav.mine", "mine", "💬", ("staff", "customer")),
    PageSpec("invitations.py", "nav.invitations", "invitations", "🔗", ("facilitator",)),
    PageSpec("present.py", "nav.present", "present", "📽️", ("facilitator",)),
)


def _page(spec: PageSpec, default: bool = False) -> st.Page:
    return st.Page(str(PAGE_DIR / spec.file), title=tr(spec.title_key), icon=spec.icon,
                   url_path=spec.url, default=default)


def _runner(path: Path):
    """A page function that runs the script at ``path`` (one function per address)."""
    def run() -> None:
        code = compile(path.read_text(encoding="utf-8"), str(path), "exec")
        exec(code, {"__name__": "__main__", "__file__": str(path)})
    run.__name__ = f"gate_{path.stem}"
    return run


def _public(file: str, title_key: str, url: str) -> st.Page:
    return st.Page(str(PAGE_DIR / file), title=tr(title_key), url_path=url, default=True)


#: Streamlit's own English keyboard hints ("Press Enter to apply") would be the only English
#: words in an Italian screen; the app's buttons say what to do instead (static CSS only)
APP_CSS = "<style>[data-testid='InputInstructions'] { display: none; }</style>"


def run() -> None:
    st.set_page_config(page_title="journeymap", page_icon="🗺️", layout="wide",
                       initial_sidebar_state="auto")
    with live.run_gate():  # a few page runs at a time, the rest wait their turn
        live.begin_run()
        st.markdown(APP_CSS, unsafe_allow_html=True)
        language_switch()
        # while the database is away: "reconnecting" instead of an error, and a person's
        # taps kept to be saved when it is back (see ui/outage.py)
        outage.guard(_run)


def _run() -> None:
    store = get_store()
    if session.restore() == "refused":
        st.navigation([_public("refused.py", "nav.refused", "refused")],
                      position="hidden").run()
        return
    session.hand_over_cookie()
    actor = session.actor()
    if actor is None:
        if st.query_params.get("invite"):
            file, key, url = "join.py", "nav.join", "join"
        elif not has_accounts(store):
            file, key, url = "setup.py", "nav.setup", "setup"
        else:
            file, key, url = "signin.py", "nav.signin", "signin"
        # every page's address leads here too (a bookmark, a reload, a shared link), so a
        # signed-out visitor meets the way in rather than "page not found"
        gates = [st.Page(_runner(PAGE_DIR / file), title=tr(key), url_path=spec.url)
                 for spec in PAGES]
        st.navigation([_public(file, key, url), *gates], position="hidden").run()
        return
    role = actor.role.value if actor.role else "facilitator"
    specs = [s for s in PAGES if role in s.roles and (PAGE_DIR / s.file).exists()]
    pages = [_page(s, default=(i == 0)) for i, s in enumerate(specs)]
    with st.sidebar:
        st.caption(esc(tr("nav.signed_in_as", name=actor.name or tr("common.anonymous"),
                          role=tr(f"role.{role}"))))
        st.button(tr("nav.sign_out"), key="sign_out", on_click=session.sign_out)
    page = st.navigation(pages)
    session.keep_in_address()
    page.run()
