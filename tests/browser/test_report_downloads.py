"""Reports and exports as addresses: the facilitator's first click on "PDF report" downloads the
PDF under the journey's name; after someone else's change has rerun the page (a live update)
the first click on "HTML report" downloads the new version; the same address opened later,
by a plain request without any browser session, still gives the file until it expires; a
tampered address is refused in words. The HTML report shows a step called ``<b>prima</b>``
literally in its charts."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from journeymap.interchange import native
from journeymap.services import (
    SYSTEM,
    create_workshop,
    import_journey,
    list_journeys,
    map_rows,
    set_phase,
    update_step,
)

from waits import server_messages, wait_for_server_run

pytestmark = pytest.mark.browser

BANK = Path(__file__).resolve().parents[2] / "sample_journeys" / "bank-current-account.json"
BOLD = "<b>prima</b>"


@pytest.fixture(scope="module")
def bank(app):
    ws = create_workshop(app.store, SYSTEM, "Report workshop", "en",
                         owner_account_id=app.account.account_id)
    journey = native.load_path(BANK)
    _, jid = import_journey(app.store, SYSTEM, journey, workshop_id=ws)
    set_phase(app.store, SYSTEM, ws, "reveal")
    return ws, jid, journey.title


def open_page(page, app, h, name: str, heading: str | None = None) -> None:
    h.sign_in(page, app)
    h.go(page, name)
    page.get_by_role("heading", name=heading or name).first.wait_for()


def report_link(page, label: str):
    popover = page.get_by_role("button", name="Workshop report")
    link = page.get_by_role("link", name=label)
    if not link.is_visible():
        popover.click()
    link.wait_for()
    return link


def first_step(app, jid):
    return map_rows(app.store, SYSTEM, jid)["steps"][0]


def test_the_first_click_on_the_pdf_report_downloads_it_under_the_journeys_name(
        app, bank, context_factory, browser_helpers):
    ws, jid, title = bank
    page = context_factory(1440, 1000).new_page()
    open_page(page, app, browser_helpers, "Insight")
    with page.expect_download() as info:
        report_link(page, "PDF report").click()
    download = info.value
    assert download.failure() is None
    assert download.suggested_filename == "opening-a-current-account-online-report.pdf"
    assert Path(download.path()).read_bytes()[:5] == b"%PDF-"


def test_after_a_live_update_the_first_click_on_the_html_report_gets_the_new_version(
        app, bank, context_factory, browser_helpers, tmp_path):
    ws, jid, title = bank
    page = context_factory(1440, 1000).new_page()
    open_page(page, app, browser_helpers, "Actions", "Actions")
    step = first_step(app, jid)
    before = server_messages(page)
    update_step(app.store, SYSTEM, step["id"], step["version"], title=BOLD)
    # the live update reruns the page: wait until the server has run it and it has settled
    wait_for_server_run(page, before)
    with page.expect_download() as info:
        report_link(page, "HTML report").click()
    download = info.value
    assert download.failure() is None
    assert download.suggested_filename == "opening-a-current-account-online-report.html"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert "&lt;b&gt;prima&lt;/b&gt;" in text and "&amp;lt;b&amp;gt;" not in text

    # the report's chart shows the step name literally, once
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    report = context_factory(1440, 1000).new_page()
    report.goto(saved.as_uri())
    report.locator(".xtick text").first.wait_for()
    ticks = report.locator("#curve .xtick text").evaluate_all("els => els.map(e => e.textContent)")
    assert BOLD in ticks
    assert not any("&lt;" in x or "&amp;" in x for x in ticks)


def test_a_saved_link_downloads_later_without_a_session_and_a_tampered_one_is_refused(
        app, bank, context_factory, browser_helpers):
    ws, jid, title = bank
    page = context_factory(1440, 1000).new_page()
    open_page(page, app, browser_helpers, "Insight")
    href = report_link(page, "HTML report").get_attribute("href")
    page.context.close()  # the page and its Streamlit session are gone

    with urllib.request.urlopen(app.url + href, timeout=60) as r:
        assert r.status == 200
        assert r.headers["Content-Type"].startswith("text/html")
        assert ('filename="opening-a-current-account-online-report.html"'
                in r.headers["Content-Disposition"])
        assert b"<!DOCTYPE html>" in r.read(200)

    _, _, token, name = href.split("/")
    forged = f"/reports/{token[:-3]}abc/{name}"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(app.url + forged, timeout=30)
    assert refused.value.code == 404
    assert "not valid" in refused.value.read().decode()


def test_the_journey_exports_download_on_the_first_click(app, bank, context_factory,
                                                          browser_helpers):
    ws, jid, title = bank
    page = context_factory(1440, 1000).new_page()
    open_page(page, app, browser_helpers, "Workshops")
    page.get_by_role("tab", name="Open, export, copy, delete").click()
    for label, name, start in (("JSON", ".json", b"{"), ("Excel", ".xlsx", b"PK"),
                               ("Mermaid", ".mmd", b"journey")):
        with page.expect_download() as info:
            page.get_by_role("link", name=label, exact=True).click()
        d = info.value
        assert d.failure() is None
        assert d.suggested_filename == "opening-a-current-account-online" + name
        assert Path(d.path()).read_bytes().lstrip()[:len(start)] == start


def test_after_a_live_update_the_first_click_on_a_tables_csv_downloads_the_new_numbers(
        app, bank, context_factory, browser_helpers):
    ws, jid, title = bank
    page = context_factory(1440, 1000).new_page()
    open_page(page, app, browser_helpers, "Insight")
    page.get_by_text("The numbers behind this chart").first.click()
    csv_link = page.get_by_role("link", name="Download the table (CSV)").first
    csv_link.wait_for()
    step = map_rows(app.store, SYSTEM, jid)["steps"][1]
    renamed = "=Fill in the form, renamed during the workshop"
    update_step(app.store, SYSTEM, step["id"], step["version"], title=renamed)
    set_phase(app.store, SYSTEM, ws, "prioritise")
    try:
        # the live update reruns the page: it now names the new phase
        page.get_by_text("phase: Prioritise").first.wait_for()
        browser_helpers.wait_for_app(page)
        with page.expect_download() as info:
            csv_link.click()
        download = info.value
        assert download.failure() is None
        assert download.suggested_filename == "comparison.csv"
        text = Path(download.path()).read_text(encoding="utf-8-sig")
        # the renamed step, as a spreadsheet shows it: text, not a formula
        assert "'" + renamed in text
        assert "\n" + step["title"] + "," not in text
    finally:
        set_phase(app.store, SYSTEM, ws, "reveal")
