"""The CSV of a table (on the Insight page and under the Reveal) is a plain link to the
``/reports/...`` route, not a download button: the file is made when the link is opened, as
the reader sees the table at that moment (with the filters they chose), and a cell a
spreadsheet would run as a formula gets a leading apostrophe."""

from __future__ import annotations

import csv
import io
import urllib.parse

import pytest
from starlette.requests import Request

from journeymap.services import map_rows, rate_step, set_phase, update_step
from journeymap.ui.routes import common
from journeymap.ui.routes import reports as R


def _clear_caches():
    from journeymap.ui import insight, reveal_data

    common.store.cache_clear()
    reveal_data.clear_cache()
    insight.clear_cache()


@pytest.fixture
def route(ui):
    _clear_caches()
    yield ui
    _clear_caches()


def fetch(url: str) -> list[list[str]]:
    """Open a link as a browser would (through the route) and read the CSV it serves."""
    _, _, token, name = url.split("/")
    scope = {"type": "http", "method": "GET", "path": url, "headers": [],
             "query_string": b"", "path_params": {"token": token,
                                                  "filename": urllib.parse.unquote(name)}}
    r = R.download(Request(scope))
    assert r.status_code == 200, r.body
    assert r.headers["content-type"].startswith("text/csv")
    assert f'filename="{name}"' in r.headers["content-disposition"]
    return list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"))))


def csv_links(at) -> dict[str, str]:
    """The page's CSV links by file name."""
    return {b.proto.url.rsplit("/", 1)[1]: b.proto.url for b in at.get("link_button")
            if b.proto.url.endswith(".csv")}


def test_the_reveal_csv_is_a_link_that_serves_the_numbers_under_the_reveal(route):
    set_phase(route.store, route.facilitator, route.workshop_id, "reveal")
    at = route.app("facilitator", "board.py")
    assert not at.get("download_button")
    rows = fetch(csv_links(at)["comparison.csv"])
    assert rows[0][:6] == ["Step", "n assumed", "Mean assumed", "n lived", "Mean lived",
                           "Gap"]
    # only "Call support" was rated by both sides: Giulia assumed +2, Sam and an anonymous
    # customer lived -2.5 and -3 (mean -2.75); the gap is 2 - (-2.75) = 4.75
    assert len(rows) == 2
    step, n_assumed, mean_assumed, n_lived, mean_lived, gap = rows[1][:6]
    assert (step, n_assumed, n_lived) == ("Call support", "1", "2")
    assert float(mean_assumed) == 2 and float(mean_lived) == -2.75 and float(gap) == 4.75


def test_the_link_made_before_a_new_rating_serves_the_new_numbers(route):
    set_phase(route.store, route.facilitator, route.workshop_id, "listen")
    at = route.app("facilitator", "board.py")
    set_phase(route.store, route.facilitator, route.workshop_id, "reveal")
    at.run()
    url = csv_links(at)["comparison.csv"]
    assert fetch(url)[1][3] == "2"
    set_phase(route.store, route.facilitator, route.workshop_id, "listen")
    step = map_rows(route.store, route.facilitator, route.journey_id)["steps"][1]["id"]
    rate_step(route.store, route.people["customer"], step, -1)
    set_phase(route.store, route.facilitator, route.workshop_id, "reveal")
    # the same address, opened after the page it came from went stale: three lived ratings
    # now, mean (-2.5 - 3 - 1) / 3 = -2.1667
    row = fetch(url)[1]
    assert row[3] == "3" and abs(float(row[4]) - (-6.5 / 3)) < 1e-9


def test_an_insight_table_csv_keeps_only_what_the_readers_filters_keep(route):
    set_phase(route.store, route.facilitator, route.workshop_id, "reveal")
    at = route.app("facilitator", "insight.py")
    whole = fetch(csv_links(at)["comparison.csv"])
    titles = {r[0] for r in whole[1:]}
    assert {"Connection drops", "Call support"} <= titles
    at.multiselect(key="insight_f_stage").set_value(["help"]).run()
    assert not at.exception
    kept = {r[0] for r in fetch(csv_links(at)["comparison.csv"])[1:]}
    # the stage "Get help" holds s2, s3, s4
    assert kept == {"Call support", "Agent runs a line test", "Ticket routed to field team"}


def test_text_a_spreadsheet_would_run_as_a_formula_gets_a_leading_apostrophe(route):
    step = map_rows(route.store, route.facilitator, route.journey_id)["steps"][1]
    update_step(route.store, route.facilitator, step["id"], step["version"],
                title='=HYPERLINK("http://x.example","Call support")')
    set_phase(route.store, route.facilitator, route.workshop_id, "reveal")
    at = route.app("facilitator", "board.py")
    row = fetch(csv_links(at)["comparison.csv"])[1]
    assert row[0] == '\'=HYPERLINK("http://x.example","Call support")'
    assert row[1] == "1"  # numbers stay numbers
    assert float(row[4]) == -2.75  # a negative number is not text: no apostrophe


def test_an_insight_table_csv_is_of_the_round_on_the_screen(route):
    from journeymap.services import start_round

    set_phase(route.store, route.facilitator, route.workshop_id, "listen")
    start_round(route.store, route.facilitator, route.journey_id, expected_current=1)
    call = map_rows(route.store, route.facilitator, route.journey_id)["steps"][1]["id"]
    rate_step(route.store, route.people["customer"], call, 2)
    at = route.app("facilitator", "insight.py")

    def call_support(url):
        rows = fetch(url)
        head = rows[0]
        row = next(r for r in rows[1:] if r[0] == "Call support")
        return int(row[head.index("n lived")]), float(row[head.index("Mean lived")])

    # round 2: Sam's +2 only
    assert call_support(csv_links(at)["comparison.csv"]) == (1, 2.0)
    at.segmented_control(key="insight_round").set_value(1).run()
    # round 1: Sam -2.5 and an anonymous customer -3
    url = csv_links(at)["comparison.csv"]
    assert call_support(url) == (2, -2.75)
    # the link keeps naming round 1 after round 2 gets another answer
    rate_step(route.store, route.people["customer"],
              map_rows(route.store, route.facilitator, route.journey_id)["steps"][0]["id"], 1)
    assert call_support(url) == (2, -2.75)
