"""Addresses people bookmark, reload or share lead where they should."""

from journeymap.interchange import native
from journeymap.services import SYSTEM, create_workshop, import_journey, set_phase
from journeymap.services.invitations import create_invitation, join

SAMPLE = "sample_journeys/bank-current-account.json"


def _text(page, wait_for: str) -> str:
    page.get_by_text(wait_for).first.wait_for(timeout=20000)
    return page.inner_text("body")


def test_a_signed_out_visitor_on_a_page_address_meets_the_sign_in_not_page_not_found(
        app, context_factory):
    page = context_factory(1440).new_page()
    page.goto(app.url + "/map")
    body = _text(page, "For facilitators.")
    assert "Page not found" not in body and "Error" not in body


def test_a_personal_link_to_any_page_brings_the_customer_back_as_themselves(
        app, context_factory):
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    ws = create_workshop(app.store, SYSTEM, "Links", "en",
                         owner_account_id=app.account.account_id)
    import_journey(app.store, SYSTEM, native.load_path(root / SAMPLE), workshop_id=ws)
    set_phase(app.store, SYSTEM, ws, "listen")
    _, token = create_invitation(app.store, app.account, ws, "customer")
    _, personal = join(app.store, token, "Sam", consent=True)
    page = context_factory(390, 844).new_page()
    page.goto(f"{app.url}/rate?me={personal}")
    body = _text(page, "How did you feel here?")
    assert "Signed in as Sam (Customer)" in body or "Step 1 of" in body
    other = context_factory(390, 844).new_page()
    other.goto(f"{app.url}/rate?me={personal[:-4]}abcd")
    assert "This link is not valid" in _text(other, "This link is not valid")
