"""Sign-in, first-run setup, joining by invitation, and the refusal page."""

from journeymap.services import Store
from journeymap.services import invitations as inv


def test_sign_in_page_for_nobody(ui):
    at = ui.app(None)
    assert "Sign in" in ui.texts(at)
    at.text_input(key="signin_username").set_value("fran")
    at.text_input(key="signin_password").set_value("wrong password")
    at.button[0].click().run()
    assert "Wrong username or password." in ui.texts(at)
    at.text_input(key="signin_password").set_value("a long password")
    at.button[0].click().run()
    assert at.session_state["auth"]["account_id"] == ui.facilitator.account_id


def test_setup_page_when_there_is_no_facilitator(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest
    from journeymap.ui import state
    db = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    monkeypatch.setenv("JOURNEYMAP_DATABASE_URL", db)
    state.get_store.clear()
    Store.open(db).close()
    from pathlib import Path
    app = Path(__file__).resolve().parents[2] / "journeymap" / "ui" / "app.py"
    at = AppTest.from_file(str(app), default_timeout=30)
    at.session_state["lang"] = "en"
    at.run()
    assert "Welcome to journeymap" in [t.value for t in at.title]
    state.get_store.clear()


def test_join_page_with_a_valid_link_and_refusal_with_a_bad_one(ui):
    _, token = inv.create_invitation(ui.store, ui.facilitator, ui.workshop_id, "customer")
    from streamlit.testing.v1 import AppTest
    from pathlib import Path
    app = Path(__file__).resolve().parents[2] / "journeymap" / "ui" / "app.py"
    at = AppTest.from_file(str(app), default_timeout=30)
    at.query_params["invite"] = token
    at.run()
    assert "Join the workshop" in ui.texts(at) and "Broadband workshop" in ui.texts(at)
    at.text_input(key="join_name").set_value("Ada")
    at.checkbox(key="join_consent").check()
    at.button[0].click().run()
    assert at.session_state["auth"]["role"] == "customer"
    assert at.session_state["just_joined"] is True
    bad = AppTest.from_file(str(app), default_timeout=30)
    bad.query_params["invite"] = "x" * 32
    bad.run()
    assert "This link is not valid" in ui.texts(bad)
    assert "Broadband workshop" not in ui.texts(bad)


def test_a_wrong_personal_link_shows_the_refusal_page(ui):
    from streamlit.testing.v1 import AppTest
    from pathlib import Path
    app = Path(__file__).resolve().parents[2] / "journeymap" / "ui" / "app.py"
    at = AppTest.from_file(str(app), default_timeout=30)
    at.query_params["me"] = "y" * 32
    at.run()
    assert "This link is not valid" in ui.texts(at)
