"""The server log stays clean: a facilitator walks every page of a workshop in the Reveal
(and downloads its report), then the server's log holds no deprecation warning and no
traceback (a deprecated argument once filled it with a thousand warnings in half an hour)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeymap.interchange import native
from journeymap.services import SYSTEM, create_workshop, import_journey, set_phase

pytestmark = pytest.mark.browser

BANK = Path(__file__).resolve().parents[2] / "sample_journeys" / "bank-current-account.json"
PAGES = ("Board", "Journey map", "Insight", "Vote", "Actions", "Invitations", "Workshops",
         "Presentation")
BAD = re.compile(r"deprecat|Traceback|missing ScriptRunContext", re.IGNORECASE)


def test_walking_every_page_leaves_no_deprecation_warning_in_the_server_log(
        fresh_app, tmp_path, context_factory, browser_helpers):
    app, h = fresh_app, browser_helpers
    ws = create_workshop(app.store, SYSTEM, "Log workshop", "en",
                         owner_account_id=app.account.account_id)
    import_journey(app.store, SYSTEM, native.load_path(BANK), workshop_id=ws)
    set_phase(app.store, SYSTEM, ws, "reveal")
    page = context_factory(1440, 1000).new_page()
    h.sign_in(page, app)
    for name in PAGES:
        h.go(page, name)
        page.locator("h1").first.wait_for()
    page.get_by_role("link", name="Leave the presentation (back to the board)").click()
    h.wait_for_app(page)
    h.go(page, "Insight")
    page.get_by_role("button", name="Workshop report").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="HTML report").click()
    assert info.value.failure() is None

    log = (tmp_path / "server.log").read_text(encoding="utf-8", errors="replace")
    bad = [line for line in log.splitlines() if BAD.search(line)]
    assert bad == [], "\n".join(bad[:10])
