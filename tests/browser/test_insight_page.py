"""The Insight page in a real browser: the facilitator opens the bank sample's insight, sees
the charts drawn and the blind spots listed, on a projector-sized and a phone-sized screen
(screenshots in ``screenshots/insight-*.png``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.interchange import native
from journeymap.services import SYSTEM, create_workshop, import_journey, set_phase

pytestmark = pytest.mark.browser

BANK = Path(__file__).resolve().parents[2] / "sample_journeys" / "bank-current-account.json"
BLIND_SPOT = "Photograph your ID and take a selfie in the app"


@pytest.fixture(scope="module")
def bank(app):
    ws = create_workshop(app.store, SYSTEM, "Bank workshop", "en",
                         owner_account_id=app.account.account_id)
    _, jid = import_journey(app.store, SYSTEM, native.load_path(BANK), workshop_id=ws)
    set_phase(app.store, SYSTEM, ws, "reveal")
    return ws, jid


def open_insight(page, app, h) -> None:
    h.sign_in(page, app)
    h.go(page, "Insight")
    page.get_by_role("heading", name="Insight").wait_for()


def drawn_charts(page) -> int:
    page.locator("[data-testid='stPlotlyChart'] svg.main-svg").first.wait_for(timeout=60000)
    return page.locator("[data-testid='stPlotlyChart']").count()


def test_the_facilitator_sees_the_curve_and_the_blind_spots_on_a_projector(
        app, bank, context_factory, browser_helpers):
    h = browser_helpers
    page = context_factory(1440, 1800).new_page()
    open_insight(page, app, h)
    assert drawn_charts(page) == 1
    assert page.get_by_text("Blind spots / steps compared").is_visible()
    h.shot(page, "insight-1440-curve")
    page.get_by_role("tab", name="Blind spots").click()
    h.wait_for_app(page)
    page.get_by_role("heading", name="Blind spots, largest gap first").wait_for()
    page.locator("[role=gridcell]", has_text=BLIND_SPOT).first.wait_for(state="attached", timeout=60000)
    assert drawn_charts(page) == 1
    # the table's CSV is a plain link (made when opened), not a button that expires
    assert page.get_by_role("link", name="Download the table (CSV)").count() >= 1
    h.shot(page, "insight-1440-blind-spots")
    page.get_by_role("tab", name="Pain points").click()
    h.wait_for_app(page)
    assert drawn_charts(page) == 1
    h.shot(page, "insight-1440-pain-points")


def test_the_insight_page_reads_on_a_phone(app, bank, context_factory, browser_helpers):
    h = browser_helpers
    page = context_factory(1440, 1100).new_page()
    open_insight(page, app, h)
    page.set_viewport_size({"width": 390, "height": 2400})
    h.wait_for_app(page)
    assert drawn_charts(page) == 1
    h.shot(page, "insight-390-curve")
    page.get_by_role("tab", name="Blind spots").click()
    h.wait_for_app(page)
    page.locator("[role=gridcell]", has_text=BLIND_SPOT).first.wait_for(state="attached", timeout=60000)
    assert drawn_charts(page) == 1
    h.shot(page, "insight-390-blind-spots")
