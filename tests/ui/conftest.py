"""AppTest fixtures: the app over a fresh SQLite file, and people signed in by session state.

``ui`` gives a :class:`UI` with ``store`` (services on the same database), ``facilitator``
(an Actor), ``workshop_id``, ``journey_id`` (a small journey: three stages, five steps) and
``app(role, page=None)`` which returns an AppTest signed in as that role (``facilitator``,
``staff``, ``customer`` or ``None`` for nobody), switched to ``page`` when given.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from journeymap.services import Actor, Store, create_account, create_workshop, import_journey
from journeymap.services import invitations as inv

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "journeymap" / "ui" / "app.py"
PAGES = ROOT / "journeymap" / "ui" / "screens"


def auth(a: Actor) -> dict:
    return {"kind": a.kind, "name": a.name, "account_id": a.account_id,
            "participant_id": a.participant_id, "workshop_id": a.workshop_id,
            "role": a.role.value if a.role else None}


@dataclass
class UI:
    store: Store
    facilitator: Actor
    workshop_id: int
    journey_id: int
    people: dict

    @staticmethod
    def texts(at: AppTest) -> str:
        """Everything the page shows as text, in one string (to search in)."""
        return _texts(at)

    @staticmethod
    def buttons(at: AppTest) -> set[str]:
        return _button_labels(at)

    def app(self, role: str | None = "facilitator", page: str | None = None,
            lang: str = "en", **state) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=30)
        at.session_state["lang"] = lang
        if role == "facilitator":
            at.session_state["auth"] = auth(self.facilitator)
            at.session_state["workshop_id"] = self.workshop_id
        elif role is not None:
            at.session_state["auth"] = auth(self.people[role])
        for k, v in state.items():
            at.session_state[k] = v
        at.run()
        if page:
            at.switch_page(str(PAGES / page))
            at.run()
        return at


def _clear_store_cache():
    from journeymap.ui import map_data, state
    state.get_store.clear()
    map_data.map_view.clear()


@pytest.fixture
def ui(tmp_path, monkeypatch, small_journey):
    db = f"sqlite:///{tmp_path / 'ui.sqlite'}"
    monkeypatch.setenv("JOURNEYMAP_DATABASE_URL", db)
    _clear_store_cache()
    store = Store.open(db)
    fac = create_account(store, "fran", "a long password", "Fran Facilitator")
    ws = create_workshop(store, fac, "Broadband workshop", "en")
    _, jid = import_journey(store, fac, small_journey(), ws)
    people = {}
    for role, name in (("staff", "Giulia"), ("customer", "Sam")):
        _, token = inv.create_invitation(store, fac, ws, role)
        people[role], _ = inv.join(store, token, name=name, consent=True)
    yield UI(store, fac, ws, jid, people)
    _clear_store_cache()
    store.close()


def _texts(at: AppTest) -> str:
    """Everything the page shows as text, in one string (to search in)."""
    parts = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "text", "info",
                 "warning", "error", "success", "code"):
        for el in getattr(at, kind):
            parts.append(str(el.value))
    return "\n".join(parts)


def _button_labels(at: AppTest) -> set[str]:
    return {b.label for b in at.button}
