"""The workshop app in a real browser: a facilitator builds a map and invites a customer, who
joins on a phone-sized screen and sees the facilitator's changes live; a revoked link is
refused; user text is shown literally. Screenshots of each page go to ``screenshots/``."""

from __future__ import annotations

import re
import time

import pytest

from journeymap.services import invitations as inv
from journeymap.services import list_journeys, list_workshops
from waits import settle

pytestmark = pytest.mark.browser

PHONE, DESKTOP = 390, 1440
NASTY = "<script>alert(1)</script> **markdown**"


def login(page, app) -> None:
    page.goto(app.url)
    page.get_by_role("textbox", name="Username", exact=True).fill("facilitator")
    page.get_by_role("textbox", name="Password", exact=True).fill("correct horse battery")
    # signing in also hands the session cookie to the server (so a reload keeps it)
    with page.expect_response(lambda r: r.url.endswith("/auth/cookie")):
        page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as Fran Facilitator").first.wait_for()
    settle(page)


def snap(page, name: str) -> None:
    from pathlib import Path
    shots = Path(__file__).resolve().parents[2] / "screenshots"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / f"{name}.png"))


NAV = {"workshops": "Workshops", "map": "Journey map", "invitations": "Invitations"}


def go(page, app, path: str) -> None:
    """Move to a page through the sidebar (a fresh page load would be a new session)."""
    link = page.locator("[data-testid='stSidebarNav'] a", has_text=NAV[path])
    phone = page.viewport_size["width"] < 700
    if phone:
        # on a phone the menu hides behind a button: open the page's address instead (a
        # facilitator's session cookie and a participant's personal link both survive it)
        me = re.search(r"[?&]me=([\w-]+)", page.url)
        page.goto(link.first.get_attribute("href") + (f"?me={me.group(1)}" if me else ""))
        page.locator("[data-testid='stSidebarNav'] a[aria-current='page']",
                     has_text=NAV[path]).first.wait_for(state="attached")
        settle(page)
        return
    if link.get_attribute("aria-current") != "page":
        link.click()
        page.locator("[data-testid='stSidebarNav'] a[aria-current='page']",
                     has_text=NAV[path]).wait_for(state="attached")
    settle(page)


#: what each editing panel shows once it is open
PANELS = {"Add step": "Add the step", "Connections": "Connect", "Edit step": "Save the step"}


def open_tab(page, name: str) -> None:
    """Choose an editing panel (a segmented control above the editors), and wait until
    the panel is on screen."""
    page.locator("[data-testid='stRadio'] label", has_text=name).first.click()
    if name in PANELS:
        page.get_by_role("button", name=PANELS[name]).first.wait_for()
    else:  # the table of many steps
        page.locator("[data-testid='stDataFrame']").first.wait_for()
    settle(page)


def choose(page, form, label: str, option: str) -> None:
    """Pick an option in a select box: open it, tap the option, see it chosen."""
    form.get_by_label(label).click()
    page.get_by_role("option", name=option).click()
    page.get_by_role("listbox").wait_for(state="detached")


def add_step(page, title: str, stage: str | None = None, lane: str | None = None) -> None:
    open_tab(page, "Add step")
    form = page.locator("[data-testid='stForm']").filter(
        has=page.get_by_role("button", name="Add the step"))
    form.get_by_role("textbox", name="Title", exact=True).fill(title)
    if stage:
        choose(page, form, "Stage", stage)
    if lane:
        choose(page, form, "Lane", lane)
    counted = page.get_by_text(re.compile(r"^Checks · \d+ steps?")).first
    before = int(re.search(r"(\d+) step", counted.inner_text()).group(1))
    form.get_by_role("button", name="Add the step").click()
    # the checks above the editors count one step more
    page.get_by_text(re.compile(rf"^Checks · {before + 1} steps?")).first.wait_for()
    settle(page)


@pytest.fixture(scope="module")
def shared(browser):
    """State the tests of this module pass on, and the facilitator's own browser context
    (kept open across the tests: they are one workshop, told in order)."""
    ctx = browser.new_context(viewport={"width": DESKTOP, "height": 1100}, locale="en-GB")
    ctx.set_default_timeout(15000)
    data = {"page": ctx.new_page()}
    yield data
    ctx.close()


def test_facilitator_builds_a_journey_and_opens_the_customer_invitation(app, context_factory,
                                                                         shared):
    page = shared["page"]
    login(page, app)
    go(page, app, "workshops")
    page.get_by_role("textbox", name="Name", exact=True).first.fill("Broadband workshop")
    page.get_by_role("button", name="Create the workshop").click()
    page.wait_for_url(re.compile(r"[?&]ws=\d+"))  # the workshop being run, in the address
    settle(page)
    assert [w["name"] for w in list_workshops(app.store, app.account)] == ["Broadband workshop"]
    page.get_by_role("textbox", name="Title", exact=True).fill("Fix my broadband")
    page.get_by_role("textbox", name="Persona", exact=True).fill("Sam, working from home")
    page.get_by_role("textbox", name="Stages (comma-separated)", exact=True).fill("Notice, Get help")
    page.get_by_role("button", name="Create the journey").click()
    page.wait_for_url(re.compile(r"[?&]j=\d+"))
    settle(page)
    snap(page, "workshops-1440")

    go(page, app, "map")
    add_step(page, "Connection drops")
    add_step(page, "Call support", stage="Get help")
    add_step(page, "Agent runs a line test", stage="Get help", lane="Frontstage")
    open_tab(page, "Connections")
    form = page.locator("[data-testid='stForm']").filter(
        has=page.get_by_role("button", name="Connect"))
    choose(page, form, "From step", "Connection drops")
    choose(page, form, "To step", "Call support")
    form.get_by_role("textbox", name=re.compile("^Label")).fill("no internet")
    form.get_by_role("button", name="Connect").click()
    page.locator(".js-plotly-plot").get_by_text("internet").first.wait_for()
    settle(page)
    ws = list_workshops(app.store, app.account)[0]["id"]
    (journey,) = list_journeys(app.store, app.account, ws)
    assert journey["steps"] == 3
    snap(page, "map-1440")
    svg = page.locator(".js-plotly-plot")
    for title in ("Connection drops", "Call support", "internet"):
        assert svg.get_by_text(title).count() >= 1, title
    snap(page, "map-1440")

    go(page, app, "invitations")
    page.get_by_role("button", name="Create the link").click()
    settle(page)
    code = page.locator("[data-testid='stCode']").first.inner_text().strip()
    assert "?invite=" in code
    assert page.locator("[data-testid='stImage'] img").count() == 1  # the QR code
    snap(page, "invitations-1440")
    shared.update(link=code, ws=ws)


def test_customer_joins_on_a_phone_and_sees_new_steps_live(app, context_factory, shared):
    fac = shared["page"]
    phone = context_factory(PHONE, 844).new_page()
    phone.goto(shared["link"])
    settle(phone)
    snap(phone, "join-390")
    phone.get_by_role("textbox", name="Your name (shown to the workshop)", exact=True).fill("Sam")
    phone.get_by_text("I have read the privacy note").click()
    phone.get_by_role("button", name="Join").click()
    phone.get_by_text("Your personal link").wait_for()
    settle(phone)
    assert "/?me=" in phone.locator("[data-testid='stCode']").first.inner_text()
    phone.get_by_role("button", name="I have kept my link").click()
    phone.get_by_text("Your personal link").wait_for(state="detached")
    settle(phone)
    go(phone, app, "map")
    # on a phone a customer reads the journey as a list of stages and steps
    phone.get_by_text("Call support").first.wait_for()
    assert phone.locator(".js-plotly-plot").count() == 0
    snap(phone, "map-390")

    go(fac, app, "map")
    add_step(fac, "Technician visit", stage="Get help")
    saved = time.monotonic()
    phone.get_by_text("Technician visit").first.wait_for(timeout=3000)
    assert time.monotonic() - saved < 3.0
    # the participant list (a canvas grid, so read through the services) holds the customer
    people = inv.list_participants(app.store, app.account, shared["ws"])
    assert [(p["name"], p["role"]) for p in people] == [("Sam", "customer")]


def test_a_step_title_with_script_and_markdown_is_shown_literally(app, shared):
    page = shared["page"]
    alerts = []
    page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
    go(page, app, "map")
    add_step(page, NASTY)
    open_tab(page, "Edit step")
    snap(page, "map-edit-1440")
    assert page.get_by_text(NASTY, exact=False).count() >= 1
    assert page.get_by_label("Title").first.input_value() == NASTY
    open_tab(page, "Table (many steps)")
    assert alerts == []
    assert page.locator("strong", has_text="markdown").count() == 0
    assert page.locator("script", has_text="alert(1)").count() == 0


def test_a_revoked_link_shows_the_refusal_page(app, context_factory, shared):
    page = shared["page"]
    go(page, app, "invitations")
    page.get_by_role("button", name="Revoke").first.click()
    page.get_by_text("revoked").first.wait_for()  # the list shows the link's new state
    settle(page)
    assert all(i["revoked_at"] is not None
               for i in inv.list_invitations(app.store, app.account, shared["ws"]))
    other = context_factory(PHONE, 844).new_page()
    other.goto(shared["link"])
    other.get_by_text("This link is not valid").wait_for()
    settle(other)
    assert other.get_by_text("This link is not valid").count() == 1
    assert other.get_by_text("Broadband workshop").count() == 0
    snap(other, "refused-390")


def test_screenshots_of_every_page_at_both_widths(app, context_factory, shared):
    for width in (DESKTOP, PHONE):
        page = context_factory(width, 1100 if width == DESKTOP else 844).new_page()
        page.goto(app.url)
        settle(page)
        snap(page, f"signin-{width}")
        login(page, app)
        for path in ("workshops", "map", "invitations"):
            go(page, app, path)
            snap(page, f"{path}-{width}")
