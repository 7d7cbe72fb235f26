"""Presentation mode on a 1920×1080 projector: no sidebar, the question of the moment, one chart
at full width with labels of at least 28 px and numbers of at least 40 px, the ← → keys move
through the reveal's slides (largest blind spots, then the curve with peak and end, then pain
points and votes), and a link leads back to the board. Screenshots in
``screenshots/present-*.png`` (looked at, not compared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.interchange import native
from journeymap.services import SYSTEM, create_workshop, import_journey, set_phase

pytestmark = pytest.mark.browser

BANK = Path(__file__).resolve().parents[2] / "sample_journeys" / "bank-current-account.json"


@pytest.fixture(scope="module")
def bank(app):
    ws = create_workshop(app.store, SYSTEM, "Projector workshop", "en",
                         owner_account_id=app.account.account_id)
    _, jid = import_journey(app.store, SYSTEM, native.load_path(BANK), workshop_id=ws)
    set_phase(app.store, SYSTEM, ws, "reveal")
    return ws, jid


def font_sizes(page, selector: str) -> list[float]:
    return page.locator(selector).evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")


def chart_width(page) -> float:
    return page.locator("[data-testid='stPlotlyChart']").first.bounding_box()["width"]


def slide_title(page) -> str:
    return page.locator("h2", has_text=" / 3 · ").first.inner_text()


def no_two_labels_overlap(page, selector: str) -> bool:
    boxes = [b for b in (e.bounding_box() for e in page.locator(selector).all()) if b
             and b["width"] > 0]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
                    and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]):
                return False
    return True


def test_the_reveal_reads_from_the_back_of_the_room_and_the_arrow_keys_move_the_slides(
        app, bank, context_factory, browser_helpers):
    h = browser_helpers
    page = context_factory(1920, 1080).new_page()
    h.sign_in(page, app)
    h.go(page, "Presentation")
    page.get_by_role("heading", name="Where were we wrong, and by how much?").wait_for()
    page.locator("section[data-testid='stSidebar']").wait_for(state="hidden")

    page.locator(".ytick text").first.wait_for()
    assert "1 / 3 · Largest blind spots" in slide_title(page)
    assert chart_width(page) > 1700, "one chart, the whole width of the screen"
    assert min(font_sizes(page, ".ytick text")) >= 28
    assert min(font_sizes(page, "text.bartext")) >= 40
    h.shot(page, "present-1920-1-blind-spots")

    page.keyboard.press("ArrowRight")
    page.locator("h2", has_text="2 / 3").wait_for()
    page.locator(".legendtext").first.wait_for()
    h.wait_for_app(page)
    assert "2 / 3 · The curve: peak and end" in slide_title(page)
    marker_texts = page.locator(".scatterlayer .textpoint text").evaluate_all(
        "els => els.map(e => [e.textContent, parseFloat(getComputedStyle(e).fontSize)])")
    assert any("Peak" in t for t, _ in marker_texts) and any("End" in t or "end" in t
                                                              for t, _ in marker_texts)
    assert min(size for _, size in marker_texts) >= 40
    assert min(font_sizes(page, ".xtick text")) >= 28
    assert no_two_labels_overlap(page, ".xtick text")
    h.shot(page, "present-1920-2-curve")

    page.keyboard.press("ArrowRight")
    page.locator("h2", has_text="3 / 3").wait_for()
    h.wait_for_app(page)
    assert "3 / 3 · Pain points and votes" in slide_title(page)
    h.shot(page, "present-1920-3-votes")
    page.keyboard.press("ArrowLeft")
    page.locator("h2", has_text="2 / 3").wait_for()
    h.wait_for_app(page)
    assert "2 / 3" in slide_title(page)

    page.get_by_role("link", name="Leave the presentation (back to the board)").click()
    h.wait_for_app(page)
    page.get_by_role("heading", name="Board").first.wait_for()
