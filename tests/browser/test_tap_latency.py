"""A tap's answer is on screen within 1 s (95th percentile), three people at once: the
facilitator moves the workshop on from the board (1440 px), a staff member rates every step
(1440 px) while the facilitator watches, a customer rates every step on a 390 px phone and
then votes. Each tap is timed from the click to the element that shows the saved answer (the
chosen face, effort and success highlighted, the next step's number, the next phase's
button, the vote's dot); the figures are printed (p50, p95, max, by kind of tap)."""

from __future__ import annotations

import time
from collections import defaultdict

import numpy as np
import pytest

from journeymap.domain.model import Journey
from journeymap.services import add_pain_point, import_journey, map_rows, my_input, tally
from journeymap.services import invitations as inv
from journeys import customer_steps

pytestmark = pytest.mark.browser

PHONE, DESKTOP = 390, 1440
P95_LIMIT_S = 1.0
FACES = ("🙁 Unhappy", "😠 Upset", "😐 Neutral", "🙂 Content", "😊 Happy")
EFFORTS = ("Easy", "Hard", "So-so", "Very hard", "Very easy")
SUCCESSES = ("Yes", "Partly", "No", "Yes", "No")


def journey() -> Journey:
    return customer_steps("Connection drops", "Check the status page", "Call support",
                          "Wait for the engineer", "Test the line again")


class Taps:
    """Times of taps, by kind: click, then wait for what shows the answer saved."""

    def __init__(self, settle):
        self.settle = settle
        self.times: dict[str, list[float]] = defaultdict(list)
        self.in_order: list[tuple[str, float]] = []

    def tap(self, kind: str, page, target, shown) -> None:
        self.settle(page)  # time this tap alone, not a run still going from before
        t0 = time.monotonic()
        target.click()
        clicked = time.monotonic() - t0
        shown.wait_for()
        self.times[kind].append(time.monotonic() - t0)
        self.in_order.append((kind, self.times[kind][-1], clicked))
        self.settle(page)

    def all(self) -> list[float]:
        return [t for ts in self.times.values() for t in ts]

    def report(self) -> str:
        def line(name, ts):
            a = np.array(ts)
            return (f"{name:22s} n={len(a):3d}  p50 {np.percentile(a, 50):.2f} s  "
                    f"p95 {np.percentile(a, 95):.2f} s  max {a.max():.2f} s")
        slowest = sorted(enumerate(self.in_order), key=lambda x: -x[1][1])[:3]
        # (the click itself: Playwright waits until the button can take it)
        return "\n".join([line(k, v) for k, v in self.times.items()]
                         + [line("every tap", self.all())]
                         + ["slowest: " + ", ".join(f"tap {i + 1} ({k}) {t:.2f} s, the click "
                                                    f"itself {c:.2f} s"
                                                    for i, (k, t, c) in slowest)])


def rate_every_step(taps: Taps, who: str, page) -> None:
    """Face, effort, success on each step, then Next: every answer tapped once."""
    n = len(FACES)
    for i in range(n):
        page.get_by_text(f"Step {i + 1} of {n}", exact=True).first.wait_for()
        for key, label, kind in (("rate_emotion", FACES[i], "face"),
                                 ("rate_effort", EFFORTS[i], "effort"),
                                 ("rate_success", SUCCESSES[i], "success")):
            box = page.locator(f".st-key-{key}")
            taps.tap(f"{who}: {kind}", page,
                     box.get_by_role("button", name=label, exact=True),
                     box.locator("button[kind='primary']", has_text=label))
        if i < n - 1:
            taps.tap(f"{who}: next", page, page.get_by_role("button", name="Next →").first,
                     page.get_by_text(f"Step {i + 2} of {n}", exact=True).first)


def test_a_taps_answer_is_on_screen_within_a_second_at_the_95th_percentile(
        app, context_factory, browser_helpers):
    h = browser_helpers
    store, fac = app.store, app.account
    ws, jid = import_journey(store, fac, journey())
    people = {}
    for role, name in (("staff", "Giulia"), ("customer", "Sam")):
        _, invite = inv.create_invitation(store, fac, ws, role)
        people[name] = inv.join(store, invite, name=name, consent=True)
    taps = Taps(h.wait_for_app)

    boss = context_factory(DESKTOP, 1000).new_page()
    staff = context_factory(DESKTOP, 1000).new_page()
    sam = context_factory(PHONE, 844).new_page()
    h.sign_in(boss, app)
    boss.goto(f"{app.url}/board?ws={ws}&j={jid}")
    h.wait_for_app(boss)
    for name, page in (("Giulia", staff), ("Sam", sam)):
        page.goto(f"{app.url}/rate?me={people[name][1]}")
        h.wait_for_app(page)

    def move_on(to: str, after: str) -> None:
        """Tap "Move on to ``to``" once; the next move's button shows the phase changed."""
        taps.tap("facilitator: phase", boss,
                 boss.get_by_role("button", name=f"Move on to {to} →"),
                 boss.get_by_role("button", name=f"Move on to {after} →"))

    move_on("Assume", "Listen")
    staff.get_by_text("How do you think customers feel here?").first.wait_for()
    rate_every_step(taps, "staff", staff)
    assert len(my_input(store, people["Giulia"][0], jid)["ratings"]) == len(FACES)

    move_on("Listen", "Reveal")
    sam.get_by_text("How did you feel here?").first.wait_for()
    rate_every_step(taps, "customer", sam)
    ratings = my_input(store, people["Sam"][0], jid)["ratings"]
    assert sorted((r["effort"], r["success"]) for r in ratings.values()) == sorted(
        zip((2, 4, 3, 5, 1), ("yes", "partly", "no", "yes", "no")))

    # a pain point to vote on (the customer's own, said while rating)
    step = map_rows(store, fac, jid)["steps"][2]["id"]
    pain = add_pain_point(store, people["Sam"][0], step, "Forty minutes on hold")

    move_on("Reveal", "Prioritise")
    move_on("Prioritise", "Act")
    sam.goto(f"{app.url}/vote?me={people['Sam'][1]}")
    card = sam.locator(f".st-key-vote_pp_{pain}")
    card.get_by_role("button", name="+").wait_for()
    for dots in ("🔴", "🔴🔴"):
        taps.tap("customer: vote", sam, card.get_by_role("button", name="+"),
                 card.get_by_text(dots, exact=True))
    assert [r["mine"] for r in tally(store, people["Sam"][0], jid) if r["id"] == pain] == [2]

    print("\n" + taps.report())
    assert np.percentile(taps.all(), 95) <= P95_LIMIT_S, taps.report()
