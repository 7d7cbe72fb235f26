"""The load benchmark's simulated participant behaves like a real browser: one customer joins
by the invitation and rates three steps in Chromium, another does exactly the same through
the simulated client (Streamlit's websocket protocol, no browser); the database ends up with
the same rows for both, the same change log, and the client saw the same widgets."""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from journeymap.services import set_phase
from journeymap.store import schema as T

pytestmark = pytest.mark.browser

#: (step index, face) tapped by both, with Next between
TAPS = [(0, 2), (1, -1), (2, 0)]


def rows_of(store, name: str):
    """What the database holds of one participant: ratings by step position, skips, and
    the kinds of change written in their name, in order."""
    with store.read() as uow:
        c = uow.conn
        pid = c.execute(select(T.participants.c.id).where(T.participants.c.name == name)
                        ).scalar_one()
        ratings = {r.step_id: (r.perspective, r.emotion, r.effort, r.success, r.emotion_word,
                               r.comment)
                   for r in c.execute(select(T.ratings).where(
                       T.ratings.c.participant_id == pid))}
        skips = c.execute(select(T.skips.c.step_id).where(T.skips.c.participant_id == pid)
                          ).scalars().all()
        kinds = c.execute(select(T.changes.c.kind).where(T.changes.c.actor == name)
                          .order_by(T.changes.c.id)).scalars().all()
    return ratings, sorted(skips), kinds


def test_the_simulated_client_and_a_real_browser_leave_the_same_rows(
        bench, servers, browser, live_helpers, tmp_path):
    db = f"sqlite:///{tmp_path / 'client.sqlite'}"
    w = bench.make_workshop(db, n_steps=3)
    set_phase(w.store, w.facilitator, w.workshop_id, "listen")
    (url,) = servers(db)
    keys_class = live_helpers.key_class

    # the real browser, on a phone-sized screen ------------------------------------------
    ctx = browser.new_context(viewport={"width": 390, "height": 900}, locale="en-GB")
    ctx.set_default_timeout(20000)
    page = ctx.new_page()
    page.goto(f"{url}/?invite={w.invite}")
    page.get_by_role("textbox", name="Your name (shown to the workshop)").fill("Web")
    page.get_by_text("I have read the privacy note").click()
    page.get_by_role("button", name="Join").click()
    page.wait_for_url(re.compile(r"me="))
    me = re.search(r"me=([^&]+)", page.url).group(1)
    page.goto(f"{url}/rate?me={me}")
    live_helpers.settle(page)
    dom_keys = set()
    for i, face in TAPS:
        sid = w.steps[i]
        page.locator(f".{keys_class(f'rate_emotion:{sid}:{face}')}").wait_for()
        dom_keys |= set(page.evaluate(
            "() => [...document.querySelectorAll('[class*=\"st-key-\"]')]"
            ".flatMap(e => [...e.classList].filter(c => c.startsWith('st-key-')))"))
        page.locator(f".{keys_class(f'rate_emotion:{sid}:{face}')} button").click()
        page.get_by_text("Saved").first.wait_for()
        live_helpers.settle(page)
        if i < len(TAPS) - 1:
            page.locator(f".{keys_class('rate_next')} button").click()
            page.locator(f".{keys_class(f'rate_emotion:{w.steps[i + 1]}:0')}").wait_for()
            live_helpers.settle(page)
    ctx.close()

    # the simulated client ----------------------------------------------------------------
    async def simulated():
        s = await bench.join(url, w.invite, "Sim")
        seen = set()
        try:
            for i, face in TAPS:
                seen |= set(s.keys())
                wid = s.widget_id(f"rate_emotion:{w.steps[i]}:{face}")
                await s.press(wid)
                assert "Saved" in s.text()
                if i < len(TAPS) - 1:
                    await s.press(s.widget_id("rate_next"))
        finally:
            await s.close()
        return seen

    # (Playwright's sync API holds this thread's event loop: the client runs on another)
    with ThreadPoolExecutor(1) as ex:
        sim_keys = ex.submit(asyncio.run, simulated()).result()

    web, sim = rows_of(w.store, "Web"), rows_of(w.store, "Sim")
    assert web[0] and set(web[0]) == {w.steps[i] for i, _ in TAPS}
    assert web == sim
    assert [round(web[0][w.steps[i]][1]) for i, _ in TAPS] == [face for _, face in TAPS]
    # the answer buttons and the way on the client found are the ones the browser drew
    # (what sits in collapsed expanders the browser may leave out of the page)
    shown = {k for k in sim_keys if k.startswith(("rate_emotion:", "rate_next", "rate_back"))}
    assert len(shown) >= 7 * len(TAPS)
    assert {keys_class(k) for k in shown} <= dom_keys
    w.store.close()
