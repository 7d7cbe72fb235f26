"""Six customers on phones tap through the journey at their own pace while the facilitator
edits the map and moves the phase; afterwards the database holds exactly what each
customer's screen last showed as saved: nothing lost, nothing changed, nothing deleted.

The customers' answers and paces come from a seeded random generator. Each tap happens once;
the test then waits for what the person sees (the choice highlighted as saved, or the
"rating is closed" screen when the facilitator closed rating at that instant — or, when
rating reopened before that screen came, the step saying the tap did not count — then the
person decides again once rating reopens, as people do). Driven with Playwright's async API
so that the six phones and the facilitator act at the same time.
"""

from __future__ import annotations

import asyncio
import random
import re
import threading

import pytest

from journeymap.domain.model import Journey
from journeymap.services import (
    add_step,
    import_journey,
    map_rows,
    my_input,
    set_phase,
)
from journeymap.services import invitations as inv
from journeys import customer_steps
from waits import settle_async

pytestmark = pytest.mark.browser

CUSTOMERS = 6
SEED = 20261130
FACES = {-3: "Furious", -2: "Upset", -1: "Unhappy", 0: "Neutral", 1: "Content", 2: "Happy",
         3: "Delighted"}
EFFORT = {1: "Very easy", 2: "Easy", 3: "So-so", 4: "Hard", 5: "Very hard"}
SUCCESS = {"yes": "Yes", "partly": "Partly", "no": "No"}
CLOSED = "You can start as soon as the facilitator opens"
NOT_SAVED = "Your last tap did not count"


def journey() -> Journey:
    return customer_steps("Connection drops", "Check the status page", "Call support",
                          "Wait for the technician")


async def heading(page) -> str:
    """The title of the step on screen, once the rating screen shows."""
    h = page.locator("h3").first
    await page.locator(".st-key-rate_emotion").wait_for(timeout=60000)
    await settle_async(page)
    return (await h.inner_text()).strip()


async def tap(page, group: str, label: str) -> bool:
    """One tap on a choice; True when the screen then shows it saved, False when rating was
    closed at that instant (the screen says so: rating closed, or the tap did not count)."""
    box = page.locator(f".st-key-{group}")
    await box.get_by_role("button", name=re.compile(rf"{label}$")).first.click()
    saved = box.locator("button[kind='primary']", has_text=label)
    closed = page.get_by_text(CLOSED).or_(page.get_by_text(NOT_SAVED))
    try:
        await saved.or_(closed).first.wait_for(timeout=60000)
    except Exception:
        await page.screenshot(path=f"/tmp/shots/chaos-fail-{group}.png")
        print("FAILED TAP", page.url, label, await page.locator("h3").first.inner_text())
        raise
    await settle_async(page)
    return await saved.count() > 0 and await closed.count() == 0


async def showing(page) -> dict:
    """The answer the rating screen shows as saved for the step on it (highlighted)."""
    out = {}
    for group, field, labels in (("rate_emotion", "emotion", FACES),
                                 ("rate_effort", "effort", EFFORT),
                                 ("rate_success", "success", SUCCESS)):
        picked = page.locator(f".st-key-{group} button[kind='primary']")
        if await picked.count():
            text = (await picked.first.inner_text()).strip()
            out[field] = next(v for v, label in labels.items() if text.endswith(label))
    return out


async def customer(ctx, url: str, rng: random.Random, shown: dict) -> None:
    """Walk the journey to its end, answering each step; ``shown`` collects, per step title,
    what the screen last showed as saved."""
    page = await ctx.new_page()
    try:
        await _walk(page, url, rng, shown)
    except Exception:
        from pathlib import Path

        shots = Path(__file__).resolve().parents[2] / "screenshots"
        shots.mkdir(exist_ok=True)
        await page.screenshot(path=str(shots / f"chaos-FAILED-{url[-6:]}.png"))
        raise


async def _walk(page, url: str, rng: random.Random, shown: dict) -> None:
    page.set_default_timeout(90000)
    await page.goto(url, wait_until="commit")
    while True:
        title = await heading(page)
        # a person's pace: a moment to read and think (not a wait for the app)
        await asyncio.sleep(rng.uniform(0.0, 0.6))
        plan = [("rate_emotion", "emotion", rng.choice(list(FACES)), FACES)]
        if rng.random() < 0.6:
            plan.append(("rate_effort", "effort", rng.choice(list(EFFORT)), EFFORT))
        if rng.random() < 0.6:
            plan.append(("rate_success", "success", rng.choice(list(SUCCESS)), SUCCESS))
        for group, field, value, labels in plan:
            current = shown.get(title, {})
            if field != "emotion" and "emotion" not in current:
                break  # the face comes first; rating was closed before it was saved
            if current.get(field) == value:
                continue  # tapping the chosen one again would withdraw it
            if await tap(page, group, labels[value]):
                shown.setdefault(title, {})[field] = value
            else:
                # rating closed at that instant (the tap may or may not have been saved just
                # before): once it reopens, what the screen shows for this step is the truth
                await heading(page)
                on_screen = await showing(page)
                if on_screen:
                    shown[title] = on_screen
                else:
                    shown.pop(title, None)
                break
        nxt = page.get_by_role("button", name="Next →")
        if await nxt.count() == 0:
            return
        await nxt.click()
        await page.wait_for_function(
            "t => { const h = document.querySelector('h3'); return h && h.innerText.trim() !== t; }",
            arg=title, timeout=60000)


async def facilitator(app, ws: int, jid: int, stop: asyncio.Event) -> None:
    """Edits the map and moves the phase while the customers rate (through the services,
    in a worker thread, as the facilitator's own screen would)."""
    stages = map_rows(app.store, app.account, jid)["stages"]
    n = 0
    while not stop.is_set() and n < 6:
        await asyncio.sleep(1.5)
        n += 1
        if n in (2, 5):  # close rating for a moment, then open it again
            await asyncio.to_thread(set_phase, app.store, app.account, ws, "assume")
            await asyncio.sleep(1.0)
            await asyncio.to_thread(set_phase, app.store, app.account, ws, "listen")
        else:
            stage = stages[n % len(stages)]["id"]
            await asyncio.to_thread(add_step, app.store, app.account, jid, stage,
                                    f"Added while rating {n}", "customer")


async def run(app, ws: int, jid: int, links: list[str], helpers) -> list[dict]:
    from playwright.async_api import async_playwright

    shown = [dict() for _ in links]
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=helpers.chromium,
                                           args=helpers.chromium_args)
        contexts = [await browser.new_context(viewport={"width": 390, "height": 844},
                                              locale="en-GB") for _ in links]
        stop = asyncio.Event()
        rngs = [random.Random(SEED + i) for i in range(len(links))]
        boss = asyncio.create_task(facilitator(app, ws, jid, stop))
        await asyncio.gather(*(customer(c, link, r, s)
                               for c, link, r, s in zip(contexts, links, rngs, shown)))
        stop.set()
        await boss
        await browser.close()
    return shown


def test_six_customers_and_a_busy_facilitator_lose_change_and_delete_no_answer(
        fresh_app, browser_helpers):
    app = fresh_app
    ws, jid = import_journey(app.store, app.account, journey())
    set_phase(app.store, app.account, ws, "listen")
    people, links = [], []
    for i in range(CUSTOMERS):
        _, invite = inv.create_invitation(app.store, app.account, ws, "customer")
        who, token = inv.join(app.store, invite, name=f"Customer {i + 1}", consent=True)
        people.append(who)
        links.append(f"{app.url}/rate?me={token}")
    # the async API in a thread of its own: its event loop never meets another one
    result: dict = {}
    worker = threading.Thread(target=lambda: result.update(
        shown=asyncio.run(run(app, ws, jid, links, browser_helpers))))
    worker.start()
    worker.join()
    assert "shown" in result, "the customers' walk stopped with an error (see above)"
    shown = result["shown"]

    titles = {s["id"]: s["title"] for s in map_rows(app.store, app.account, jid)["steps"]}
    lost = changed = extra = 0
    for who, screen in zip(people, shown):
        mine = my_input(app.store, who, jid)
        assert mine["skips"] == set()
        stored = {titles[sid]: r for (sid, _), r in mine["ratings"].items()}
        for title, answer in screen.items():
            r = stored.get(title)
            if r is None:
                lost += 1
                continue
            got = {"emotion": int(r["emotion"]), "effort": r["effort"], "success": r["success"]}
            if any(got[f] != v for f, v in answer.items()) or \
                    any(got[f] is not None for f in ("effort", "success") if f not in answer):
                changed += 1
        extra += len(set(stored) - set(screen))
    answered = sum(len(s) for s in shown)
    print(f"{CUSTOMERS} customers, {answered} steps answered on screen: "
          f"{lost} lost, {changed} changed, {extra} not shown as saved")
    assert answered >= CUSTOMERS * 4
    assert (lost, changed, extra) == (0, 0, 0)
