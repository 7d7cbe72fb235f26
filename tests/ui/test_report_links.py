"""Report links: the ``/reports/...`` route serves the file a signed link names, builds it once
per workshop revision, refuses an expired or forged link in the workshop's language, and
never serves more than the link's owner may see now."""

from __future__ import annotations

import time
import urllib.parse

import pytest
from starlette.requests import Request

from journeymap.services import set_phase, update_journey
from journeymap.ui.routes import common
from journeymap.ui.routes import reports as R


@pytest.fixture
def route(ui):
    common.store.cache_clear()
    yield ui
    common.store.cache_clear()


def get(url: str):
    _, _, token, name = url.split("/")
    scope = {"type": "http", "method": "GET", "path": url, "headers": [],
             "query_string": b"", "path_params": {"token": token,
                                                  "filename": urllib.parse.unquote(name)}}
    return R.download(Request(scope))


def test_a_report_link_serves_the_pdf_under_the_journeys_name(route):
    url = R.link(route.store, route.facilitator, route.journey_id, "pdf", "en",
                 "fix-my-broadband-report.pdf")
    r = get(url)
    assert r.status_code == 200
    assert r.body[:5] == b"%PDF-"
    assert r.headers["content-type"] == "application/pdf"
    assert 'filename="fix-my-broadband-report.pdf"' in r.headers["content-disposition"]


def test_the_same_link_is_built_once_until_the_workshop_changes(route):
    url = R.link(route.store, route.facilitator, route.journey_id, "html", "en", "r.html")
    before = R.CACHE.builds
    first, again = get(url), get(url)
    assert first.body == again.body and R.CACHE.builds == before + 1
    update_journey(route.store, route.facilitator, route.journey_id, 1, title="New title")
    changed = get(url)
    assert R.CACHE.builds == before + 2
    assert b"New title" in changed.body and b"New title" not in first.body


def test_a_link_opened_after_its_expiry_is_refused_in_the_workshops_language(route):
    twelve_hours_and_more_ago = time.time() - R.LIFETIME - 2 * 3600
    url = R.link(route.store, route.facilitator, route.journey_id, "pdf", "it", "r.pdf",
                 now=twelve_hours_and_more_ago)
    r = get(url)
    assert r.status_code == 410
    assert "scaduto" in r.body.decode()


def test_a_link_made_now_keeps_working_for_twelve_hours(route):
    url = R.link(route.store, route.facilitator, route.journey_id, "pdf", "en", "r.pdf")
    info = R.read_token(route.store, url.split("/")[2], now=time.time() + R.LIFETIME - 1)
    assert not info["expired"]


def test_a_forged_link_is_refused_and_names_what_to_do(route):
    url = R.link(route.store, route.facilitator, route.journey_id, "pdf", "en", "r.pdf")
    _, _, token, name = url.split("/")
    forged = R.link(route.store, route.facilitator, route.journey_id + 1, "pdf", "en", "r.pdf")
    tampered = f"/reports/{forged.split('/')[2][:-2]}{token[-2:]}/{name}"
    r = get(tampered)
    assert r.status_code == 404
    assert "Open the page again" in r.body.decode()


def test_a_customers_link_before_the_reveal_holds_none_of_the_staffs_guesses(route):
    set_phase(route.store, route.facilitator, route.workshop_id, "listen")
    customer = route.people["customer"]
    url = R.link(route.store, customer, route.journey_id, "html", "en", "r.html")
    staff_url = R.link(route.store, route.people["staff"], route.journey_id, "html", "en",
                       "r.html")
    fac_url = R.link(route.store, route.facilitator, route.journey_id, "html", "en", "r.html")
    mine, theirs, everything = get(url).body, get(staff_url).body, get(fac_url).body
    assert mine != everything and theirs != everything


def test_a_report_is_of_the_round_shown_and_says_which_a_link_can_name_another(route):
    from journeymap.services import add_pain_point, map_rows, start_round

    set_phase(route.store, route.facilitator, route.workshop_id, "listen")
    start_round(route.store, route.facilitator, route.journey_id, expected_current=1)
    step = map_rows(route.store, route.facilitator, route.journey_id)["steps"][1]["id"]
    add_pain_point(route.store, route.people["customer"], step, "Still forty minutes")
    default = get(R.link(route.store, route.facilitator, route.journey_id, "html", "en",
                         "r.html")).body.decode()
    assert "<dt>Round</dt><dd>2 of 2" in default
    assert "Still forty minutes" in default and "Waited forever" not in default
    first = get(R.link(route.store, route.facilitator, route.journey_id, "html", "en", "r.html",
                       round_=1)).body.decode()
    assert "<dt>Round</dt><dd>1 of 2" in first
    assert "Waited forever" in first and "Still forty minutes" not in first
