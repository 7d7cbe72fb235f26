"""Charts read at 390, 1280, 1440 and 1920 px: on the Insight page and in the HTML report, the
step names under the emotion curve never print on each other, the legend sits outside the
plot area, and neither the title nor the y-axis is cut at the left edge. Screenshots in
``screenshots/charts-*.png`` (looked at, not compared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.interchange import native
from journeymap.report import build_html
from journeymap.services import SYSTEM, create_workshop, import_journey, set_phase

pytestmark = pytest.mark.browser

BANK = Path(__file__).resolve().parents[2] / "sample_journeys" / "bank-current-account.json"
WIDTHS = (390, 1280, 1440, 1920)


@pytest.fixture(scope="module")
def bank(app):
    ws = create_workshop(app.store, SYSTEM, "Widths workshop", "en",
                         owner_account_id=app.account.account_id)
    _, jid = import_journey(app.store, SYSTEM, native.load_path(BANK), workshop_id=ws)
    set_phase(app.store, SYSTEM, ws, "reveal")
    return ws, jid


def boxes(chart, selector: str) -> list[dict]:
    return [b for b in (e.bounding_box() for e in chart.locator(selector).all())
            if b and b["width"] > 0]


_CORNERS = """els => els.filter(e => e.getBBox().width > 0).map(e => {
    const b = e.getBBox(), m = e.getScreenCTM();
    return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height],
            [b.x, b.y + b.height]].map(([x, y]) => [m.a * x + m.c * y + m.e,
                                                    m.b * x + m.d * y + m.f]);
})"""


def glyph_boxes(chart, selector: str) -> list[list]:
    """Each text's own box, turned as it is drawn (four corners on the screen)."""
    return chart.locator(selector).evaluate_all(_CORNERS)


def quads_overlap(p: list, q: list, slack: float = 1.0) -> bool:
    """Separating axis test of two convex quadrilaterals (shrunk by ``slack`` px)."""
    for poly in (p, q):
        for i in range(4):
            (x1, y1), (x2, y2) = poly[i], poly[(i + 1) % 4]
            nx, ny = y2 - y1, x1 - x2
            norm = (nx * nx + ny * ny) ** 0.5 or 1.0
            nx, ny = nx / norm, ny / norm
            a = [nx * x + ny * y for x, y in p]
            b = [nx * x + ny * y for x, y in q]
            if max(a) - slack <= min(b) or max(b) - slack <= min(a):
                return False
    return True


def overlap(a: dict, b: dict, slack: float = 1.0) -> bool:
    return (a["x"] + slack < b["x"] + b["width"] and b["x"] + slack < a["x"] + a["width"]
            and a["y"] + slack < b["y"] + b["height"] and b["y"] + slack < a["y"] + a["height"])


def check_curve(chart, page_width: int) -> None:
    chart.locator(".xtick text").first.wait_for(state="attached")
    ticks = boxes(chart, ".xtick text")
    assert ticks, "the steps are named under the curve"
    glyphs = glyph_boxes(chart, ".xtick text")
    for i, a in enumerate(glyphs):
        for b in glyphs[i + 1:]:
            assert not quads_overlap(a, b), "two step names print on each other"
    plot = boxes(chart, ".nsewdrag")[0]
    for legend in boxes(chart, ".legend .traces"):
        assert not overlap(legend, plot), "the legend covers the plot"
        for tick in ticks:
            assert not overlap(legend, tick), "the legend covers a step name"
    for selector in (".ytitle", ".ytick text", ".gtitle"):
        for b in boxes(chart, selector):
            assert b["x"] >= 0 and b["x"] + b["width"] <= page_width, f"{selector} is cut"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_insight_curve_reads_at_every_width(app, bank, context_factory, browser_helpers,
                                                width):
    h = browser_helpers
    page = context_factory(1440, 1100).new_page()
    h.sign_in(page, app)
    h.go(page, "Insight")
    page.set_viewport_size({"width": width, "height": 1400})
    h.wait_for_app(page)
    chart = page.locator("[data-testid='stPlotlyChart']").first
    chart.scroll_into_view_if_needed()
    h.shot(page, f"charts-{width}-insight")
    check_curve(chart, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_html_report_curve_reads_at_every_width(context_factory, tmp_path, browser_helpers,
                                                    width):
    path = tmp_path / "report.html"
    path.write_text(build_html(native.load_path(BANK)), encoding="utf-8")
    page = context_factory(width, 1000).new_page()
    page.goto(path.as_uri())
    chart = page.locator("#curve .js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    browser_helpers.shot(page, f"charts-{width}-report")
    check_curve(chart, width)
