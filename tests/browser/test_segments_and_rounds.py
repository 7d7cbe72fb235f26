"""Segments and rounds made in the app, in a real browser:

- the facilitator adds a question on the Workshops page, a customer who joins answers it on
  their phone, and Insight cuts the journey by it;
- the facilitator starts round 2 on the board, and a customer coming back by their personal
  link rates in round 2 on an empty sheet while round 1's answers stay as they were.

Screenshots in ``screenshots/segments-*.png`` and ``screenshots/rounds-*.png``."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from journeymap.domain.model import Journey, Role, Stage, Step
from journeymap.services import (
    Actor,
    answer_segments,
    answer_step,
    import_journey,
    journey_rounds,
    map_rows,
    rate_step,
    set_phase,
)
from journeymap.services import invitations as inv
from journeymap.store import schema as T

pytestmark = pytest.mark.browser

PHONE = 390


def journey() -> Journey:
    j = Journey(title="Broadband fault", persona="Sam", goal="Back online", language="en")
    j.add_stage(Stage("notice", "Notice"))
    j.add_stage(Stage("help", "Get help"))
    for key, stage, title in (("s1", "notice", "The connection drops"),
                              ("s2", "help", "Call support")):
        j.add_step(Step(key=key, stage=stage, title=title, lane="customer"))
    return j


@pytest.fixture
def room(fresh_app):
    app = fresh_app
    ws, jid = import_journey(app.store, app.account, journey())
    app.ws, app.jid = ws, jid
    app.steps = {s["key"]: s["id"] for s in map_rows(app.store, app.account, jid)["steps"]}
    return app


def customer(app, name: str):
    _, token = inv.create_invitation(app.store, app.account, app.ws, "customer")
    return inv.join(app.store, token, name=name, consent=True)


def rows(app) -> list[tuple]:
    with app.store.read() as uow:
        return [tuple(r) for r in uow.conn.execute(
            select(T.ratings.c.participant_id, T.ratings.c.step_id, T.ratings.c["round"],
                   T.ratings.c.emotion, T.ratings.c.updated_at).order_by(T.ratings.c.id))]


def test_a_question_defined_by_the_facilitator_is_answered_at_joining_and_cuts_insight(
        room, context_factory, browser_helpers):
    h, app = browser_helpers, room
    desk = context_factory(1280, 1400).new_page()
    h.sign_in(desk, app)
    h.go(desk, "Workshops")
    desk.get_by_text("Questions at joining (segments)").click()
    form = desk.locator("[data-testid='stForm']").filter(
        has=desk.get_by_role("button", name="Add question"))
    form.get_by_role("textbox", name="Question").fill("Customer for")
    form.get_by_role("textbox", name="Options").fill("Less than a year\nOver five years")
    form.get_by_role("button", name="Add question").click()
    desk.get_by_text("Question added: Customer for").wait_for()
    h.wait_for_app(desk)
    h.shot(desk, "segments-1280-editor")
    for width in (390, 1440, 1920):  # to look at: the editor on a phone and a projector
        desk.set_viewport_size({"width": width, "height": 1400})
        h.wait_for_app(desk)
        h.shot(desk, f"segments-{width}-editor")
    desk.set_viewport_size({"width": 1280, "height": 1400})
    h.wait_for_app(desk)

    # five people answered already (two new, three long-time); a sixth joins on a phone
    set_phase(app.store, app.account, app.ws, "assume")
    staff, _ = inv.join(app.store, inv.create_invitation(app.store, app.account, app.ws,
                                                         "staff")[1], name="Gil", consent=True)
    rate_step(app.store, staff, app.steps["s2"], 1)
    set_phase(app.store, app.account, app.ws, "listen")
    for i, (tenure, emotion) in enumerate((("less_than_a_year", -3), ("less_than_a_year", -2),
                                           ("over_five_years", 2), ("over_five_years", 1),
                                           ("over_five_years", 2))):
        person, _ = customer(app, f"Early{i}")
        answer_segments(app.store, person, {"customer_for": tenure})
        answer_step(app.store, person, app.steps["s2"], emotion=emotion)

    phone = context_factory(PHONE, 1100).new_page()
    _, token = inv.create_invitation(app.store, app.account, app.ws, "customer")
    phone.goto(f"{app.url}/?invite={token}")
    phone.get_by_role("textbox").first.fill("Noor")
    phone.get_by_text("I have read the privacy note").click()
    phone.get_by_role("button", name="Join").click()
    phone.get_by_text("Hello, Noor").wait_for()
    h.wait_for_app(phone)
    phone.get_by_text("Customer for").first.wait_for()
    phone.get_by_text("Less than a year").click()
    phone.get_by_role("button", name="Save my answers").click()
    phone.get_by_text("Thank you: your answers are saved.").wait_for()
    h.wait_for_app(phone)
    h.shot(phone, "segments-390-joining")
    with app.store.read() as uow:
        noor = uow.conn.execute(select(T.participants.c.id)
                                .where(T.participants.c.name == "Noor")).scalar_one()
        assert uow.conn.execute(select(T.participant_segments.c.option).where(
            T.participant_segments.c.participant_id == noor)).scalars().all() == [
            "less_than_a_year"]
    answer_step(app.store, Actor.participant(noor, app.ws, Role.CUSTOMER, "Noor"),
                app.steps["s2"], emotion=-3)

    set_phase(app.store, app.account, app.ws, "reveal")
    h.go(desk, "Insight")
    desk.get_by_role("tab", name="Segments").click()
    h.wait_for_app(desk)
    # "Less than a year": Noor and the two early answers, 3 people, lived mean (-3-2-3)/3,
    # against Gil's assumption of +1: a gap of 1 - (-8/3) = 3.67
    grid = desk.locator("[data-testid='stDataFrame']").first
    grid.locator("[role=gridcell]", has_text="Less than a year").first.wait_for(
        state="attached", timeout=60000)
    cells = grid.locator("[role=row]", has_text="Less than a year").filter(
        has_text="Call support").first.locator("[role=gridcell]").all_inner_texts()
    # option, people, step, n assumed, mean assumed (Gil: +1), n lived, mean lived, gap
    assert cells[:8] == ["Less than a year", "3", "Call support", "1", "1", "3", "-2.67",
                         "3.67"]
    h.shot(desk, "segments-1280-insight")


def test_the_facilitator_starts_round_two_and_a_customer_rates_in_it(
        room, context_factory, browser_helpers):
    h, app = browser_helpers, room
    set_phase(app.store, app.account, app.ws, "listen")
    sam, personal = customer(app, "Sam")
    answer_step(app.store, sam, app.steps["s1"], emotion=-2)
    answer_step(app.store, sam, app.steps["s1"], effort=5)
    round_one = rows(app)
    # weeks later, after the actions: the facilitator has taken the workshop back to Assume
    set_phase(app.store, app.account, app.ws, "assume")

    desk = context_factory(1280, 1400).new_page()
    h.sign_in(desk, app)
    h.go(desk, "Board")
    desk.get_by_text("Rounds · This journey is in round 1.").click()
    sure = desk.get_by_text("Yes, start round 2 of this journey")
    sure.wait_for()
    sure.click()
    start = desk.get_by_role("button", name="Start round 2", disabled=False)
    start.wait_for()  # enabled once the tick has reached the server
    h.wait_for_app(desk)
    start.click()
    desk.get_by_text("Round 2 started.").wait_for()
    h.wait_for_app(desk)
    h.shot(desk, "rounds-1280-board")
    for width in (390, 1440, 1920):
        desk.set_viewport_size({"width": width, "height": 1400})
        h.wait_for_app(desk)
        h.shot(desk, f"rounds-{width}-board")
    desk.set_viewport_size({"width": 1280, "height": 1400})
    h.wait_for_app(desk)
    assert journey_rounds(app.store, app.account, app.jid)["current"] == 2
    desk.get_by_role("button", name="Move on to Listen →").click()
    desk.get_by_text("Listen: customers rate what they lived.").first.wait_for()
    h.wait_for_app(desk)

    phone = context_factory(PHONE, 1100).new_page()
    phone.goto(f"{app.url}/rate?me={personal}")
    phone.get_by_role("heading", name="The connection drops").wait_for()
    h.wait_for_app(phone)
    phone.get_by_text("You have answered 0 of 2 steps. · Round 2").wait_for()
    box = phone.locator(".st-key-rate_emotion")
    assert box.locator("button[kind='primary']").count() == 0  # an empty sheet
    box.get_by_role("button", name="🙂 Content", exact=True).click()
    box.locator("button[kind='primary']", has_text="Content").wait_for()
    h.wait_for_app(phone)
    h.shot(phone, "rounds-390-rate")
    after = rows(app)
    assert after[:len(round_one)] == round_one  # round 1 exactly as it was
    assert [(r[0], r[1], r[2], r[3]) for r in after[len(round_one):]] == [
        (sam.participant_id, app.steps["s1"], 2, 1.0)]
