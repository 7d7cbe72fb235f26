"""The Insight page in a real browser: the facilitator opens the bank sample's insight on its
round in progress ("Round 2 of 2"), picks round 1 and sees the charts drawn
and the blind spots listed, on a projector-sized and a phone-sized screen; no table cell
reads "None" (screenshots in ``screenshots/insight-*.png``)."""

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


def pick_round(page, h, n: int, of: int = 2) -> None:
    page.get_by_role("radio", name=f"Round {n}", exact=True).click()
    page.get_by_text(f"Round {n} of {of}", exact=True).wait_for()
    h.wait_for_app(page)


def drawn_charts(page) -> int:
    page.locator("[data-testid='stPlotlyChart'] svg.main-svg").first.wait_for(timeout=60000)
    return page.locator("[data-testid='stPlotlyChart']").count()


def test_the_facilitator_sees_the_curve_and_the_blind_spots_on_a_projector(
        app, bank, context_factory, browser_helpers):
    h = browser_helpers
    page = context_factory(1440, 1800).new_page()
    open_insight(page, app, h)
    page.get_by_text("Round 2 of 2", exact=True).wait_for()
    pick_round(page, h, 1)
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
    pick_round(page, h, 1)
    assert drawn_charts(page) == 1
    h.shot(page, "insight-390-curve")
    page.get_by_role("tab", name="Blind spots").click()
    h.wait_for_app(page)
    page.locator("[role=gridcell]", has_text=BLIND_SPOT).first.wait_for(state="attached", timeout=60000)
    assert drawn_charts(page) == 1
    h.shot(page, "insight-390-blind-spots")


@pytest.mark.parametrize("width", [390, 1280, 1440, 1920])
def test_the_round_in_progress_and_tables_without_none_at_every_width(
        app, bank, context_factory, browser_helpers, width):
    h = browser_helpers
    page = context_factory(1440, 1600).new_page()
    open_insight(page, app, h)
    page.set_viewport_size({"width": width, "height": 1600})
    h.wait_for_app(page)
    page.get_by_text("Round 2 of 2", exact=True).wait_for()
    assert drawn_charts(page) == 1
    h.shot(page, f"insight-{width}-round-2")
    pick_round(page, h, 1)
    page.get_by_role("tab", name="Segments").click()
    h.wait_for_app(page)
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.locator("[role=gridcell]", has_text="Less than a year").first.wait_for(
        state="attached", timeout=60000)
    # the grid's accessible cells; a missing value is drawn on the canvas only (a dash, not
    # "None": see the screenshot, and tests/ui/test_insight_page.py for every table)
    texts = [t.strip() for t in page.locator("[role=gridcell]").all_inner_texts()]
    assert texts and not {"None", "nan", "NaN", "<NA>"} & set(texts)
    h.shot(page, f"insight-{width}-segments")
