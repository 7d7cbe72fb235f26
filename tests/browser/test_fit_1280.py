"""The facilitator's screens fit a 1280 px laptop beside the sidebar: on the board, the map, the
invitations and the presentation nothing sticks out on the right (tables included), the map
shows every stage of a three-stage and of a six-stage, 30-step journey whole (no stage name,
no card cut at the side, no sideways scrolling), and the board names its workshop and
journey. Screenshots in ``screenshots/fit-1280-*.png`` (looked at, not compared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.domain.model import Journey, Stage, Step, Transition
from journeymap.interchange import native
from journeymap.services import SYSTEM, create_workshop, import_journey, set_phase

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
GUASTO = ROOT / "sample_journeys" / "guasto-internet-casa.json"
PAGES = (("Board", "board"), ("Journey map", "map"), ("Invitations", "invitations"),
         ("Presentation", "present"))


SIX_STAGES = ("Plan the move", "Tell the providers", "Pack and book", "Moving day",
              "Settle in", "First bills")


def six_stage_journey() -> Journey:
    """Six stages of five steps each, over all four lanes, with long step titles."""
    j = Journey(title="Move house with one phone call", persona="Alex, moving in May",
                goal="Power, water and broadband on moving day", language="en")
    lanes = ("customer", "frontstage", "customer", "backstage", "support")
    keys = []
    for i, name in enumerate(SIX_STAGES):
        j.add_stage(Stage(f"st{i}", name))
        for k, lane in enumerate(lanes):
            keys.append(f"s{i}_{k}")
            j.add_step(Step(key=keys[-1], stage=f"st{i}", lane=lane,
                            title=f"Step {i + 1}.{k + 1}: confirm the new address with the "
                                  "provider's app", channel="app" if k % 2 else "phone"))
    for a, b in zip(keys, keys[1:]):
        j.add_transition(Transition(a, b, ""))
    return j


def map_parts_outside_its_box(page) -> dict:
    """The map's stage names and card titles, and those of them drawn outside the map's box
    (cut at its side)."""
    return page.evaluate(
        """() => {
            const box = document.querySelector('.st-key-map_scroll').getBoundingClientRect();
            const svg = document.querySelector('.st-key-map_scroll svg.main-svg');
            const stages = [...svg.parentElement.querySelectorAll('g.annotation')];
            const cards = [...svg.parentElement.querySelectorAll('g.textpoint')];
            const out = e => { const r = e.getBoundingClientRect();
                               return r.left < box.left - 1 || r.right > box.right + 1; };
            return {stages: stages.length, cards: cards.length,
                    cut: [...stages, ...cards].filter(out).map(e => e.textContent),
                    scrolls: document.querySelector('.st-key-map_scroll').scrollWidth
                             > document.querySelector('.st-key-map_scroll').clientWidth + 1,
                    box_right: box.right};
        }""")


@pytest.fixture
def workshop(app, small_journey):
    ws = create_workshop(app.store, SYSTEM, "Laptop workshop", "en",
                         owner_account_id=app.account.account_id)
    journey = native.load_path(GUASTO)
    import_journey(app.store, SYSTEM, journey, workshop_id=ws)
    import_journey(app.store, SYSTEM, small_journey(), workshop_id=ws)  # three stages
    import_journey(app.store, SYSTEM, six_stage_journey(), workshop_id=ws)
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
        if name == "map":  # journeys of three and of six stages show whole
            # texts drawn on the map: step titles, and the labels of labelled arrows (the
            # broadband journey has two: "line test fails", "fault confirmed")
            for journey, stages, cards, texts in (("Fix my broadband", 3, 5, 7),
                                                  ("Move house with one phone call", 6, 30, 30)):
                page.get_by_label("Journey").first.click()
                page.get_by_role("option", name=journey).click()
                page.get_by_text(f"{cards} steps in {stages} stages").first.wait_for()
                h.wait_for_app(page)
                page.locator(".st-key-map_scroll svg.main-svg").first.wait_for()
                drawn = map_parts_outside_its_box(page)
                assert (drawn["stages"], drawn["cards"]) == (stages, texts), journey
                assert drawn["cut"] == [], f"{journey}: cut at the side"
                assert not drawn["scrolls"], f"{journey}: the map scrolls sideways"
                assert drawn["box_right"] <= 1280
                if stages == 6:
                    h.shot(page, "fit-1280-map-six-stages")
        h.shot(page, f"fit-1280-{name}")
        if name == "present":
            page.get_by_role("link", name="Leave the presentation (back to the board)").click()
            h.wait_for_app(page)
