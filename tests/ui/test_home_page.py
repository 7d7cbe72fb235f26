"""A participant's home ("Now"): what to do now in each phase, with one big button, and the
personal link right after joining (AppTest, ``ui`` fixture of tests/ui/conftest.py)."""

from __future__ import annotations

from journeymap.services import journey_steps, rate_step, set_phase, skip_step

PAGE = "home.py"


def test_after_joining_the_customer_lands_here_and_sees_their_link_until_kept(ui):
    at = ui.app("customer", just_joined=True, personal_token="tok123456789")
    page = ui.texts(at)
    assert "Hello, Sam" in page and "Your personal link" in page
    assert any(c.value.endswith("/?me=tok123456789") for c in at.code)
    at.button(key="personal_done").click().run()
    assert "Your personal link" not in ui.texts(at)


def test_before_listening_a_customer_is_told_rating_opens_soon(ui):
    at = ui.app("customer", PAGE)
    assert "The facilitator will open rating soon" in ui.texts(at)
    assert "home_rate" not in {b.key for b in at.button}


def test_in_listen_one_big_button_counts_the_customers_progress(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    sam = ui.people["customer"]
    steps = journey_steps(ui.store, ui.facilitator, ui.journey_id)
    # Sam joined by link: nothing answered yet; customer steps are s1, s2, s3
    at = ui.app("customer", PAGE)
    assert at.button(key="home_rate").label == "Rate the journey — 0 of 3 steps"
    rate_step(ui.store, sam, steps[0]["id"], 1)
    skip_step(ui.store, sam, steps[2]["id"])
    at.run()
    assert at.button(key="home_rate").label == "Rate the journey — 2 of 3 steps"
    rate_step(ui.store, sam, steps[1]["id"], -2)
    at.run()
    assert at.button(key="home_rate").label == "All 3 steps answered — review your answers"


def test_staff_in_assume_are_asked_for_their_guesses_of_three_steps_not_five(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "assume")
    at = ui.app("staff", PAGE)
    # backstage s4 and support s5 are not asked for
    assert at.button(key="home_rate").label == "Rate the journey — 0 of 3 steps"


def test_after_the_reveal_the_home_shows_the_reveal_and_in_prioritise_the_vote(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "reveal")
    at = ui.app("customer", PAGE)
    assert "What we assumed vs what customers lived" in ui.texts(at)
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "prioritise")
    at.run()
    assert "Vote now" in ui.texts(at) and at.button(key="home_vote").label


def test_the_home_speaks_italian(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    at = ui.app("customer", PAGE, lang="it")
    assert at.button(key="home_rate").label == "Valuta il percorso — risposte: 0 su 3"


def test_right_after_joining_the_facilitators_optional_questions_are_asked(ui):
    from journeymap.services import define_segment

    define_segment(ui.store, ui.facilitator, ui.workshop_id, "tenure",
                   "Customer for how long?", [("new", "< 1 year"), ("long", "> 5 years")])
    at = ui.app("customer", just_joined=True, personal_token="tok123456789")
    assert "Customer for how long?" in [t.value for t in at.text]
    assert any("1 year" in " ".join(r.options) for r in at.radio)
    at = ui.app("customer", PAGE)  # later visits do not ask again
    assert "Customer for how long?" not in [t.value for t in at.text]
