"""The facilitator's screens fit a 1280 px laptop beside the sidebar: on the board, the map, the
invitations and the presentation nothing sticks out on the right (tables and the map's three
stages of a three-stage journey included: wider maps scroll sideways in their own box), and
the board names its workshop and journey. Screenshots in
``screenshots/fit-1280-*.png`` (looked at, not compared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.interchange import native
from journeymap.services import SYSTEM, create_workshop, import_journey, set_phase

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
GUASTO = ROOT / "sample_journeys" / "guasto-internet-casa.json"
PAGES = (("Board", "board"), ("Journey map", "map"), ("Invitations", "invitations"),
         ("Presentation", "present"))


@pytest.fixture
def workshop(app, small_journey):
    ws = create_workshop(app.store, SYSTEM, "Laptop workshop", "en",
                         owner_account_id=app.account.account_id)
    journey = native.load_path(GUASTO)
    import_journey(app.store, SYSTEM, journey, workshop_id=ws)
    import_journey(app.store, SYSTEM, small_journey(), workshop_id=ws)  # three stages
    set_phase(app.store, SYSTEM, ws, "listen")
    return ws, journey.title


def sticking_out(page, width: int) -> list[str]:
    """Elements of the main area whose right edge passes the window's."""
    return page.evaluate(
        """w => [...document.querySelectorAll(
                '[data-testid="stMain"] [data-testid="stDataFrame"],'
                + '[data-testid="stMain"] [data-testid="stPlotlyChart"],'
                + '[data-testid="stMain"] [data-testid="stVerticalBlockBorderWrapper"],'
                + '[data-testid="stMain"] [data-testid="stHorizontalBlock"]')]
              .filter(e => e.closest('.st-key-map_scroll') === null)
              .filter(e => e.getBoundingClientRect().right > w + 1)
              .map(e => e.getAttribute('data-testid'))""", width)


def test_every_facilitator_screen_fits_1280_px(app, workshop, context_factory,
                                               browser_helpers):
    h = browser_helpers
    ws, title = workshop
    page = context_factory(1280, 900).new_page()
    h.sign_in(page, app)
    for link, name in PAGES:
        if name == "present":
            page.get_by_role("link", name="Presentation", exact=True).first.click()
        else:
            page.locator("[data-testid='stSidebarNav'] a", has_text=link).first.click()
        h.wait_for_app(page)
        page.locator("h1").first.wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        assert sticking_out(page, 1280) == [], name
        if name == "board":
            body = page.inner_text("body")
            assert f"Workshop “Laptop workshop” · journey “{title}”" in body
        if name == "map":  # a journey of three stages shows whole, no sideways scrolling
            page.get_by_label("Journey").first.click()
            page.get_by_role("option", name="Fix my broadband").click()
            h.wait_for_app(page)
            page.locator(".st-key-map_scroll svg.main-svg").first.wait_for()
            box = page.locator(".st-key-map_scroll").bounding_box()
            drawn = page.locator(".st-key-map_scroll svg.main-svg").first.bounding_box()
            assert box["x"] + box["width"] <= 1280
            assert drawn["width"] <= box["width"] + 1, "the whole map shows, every stage"
        h.shot(page, f"fit-1280-{name}")
        if name == "present":
            page.get_by_role("link", name="Leave the presentation (back to the board)").click()
            h.wait_for_app(page)
