"""The rating screen, one step at a time, through AppTest (uses the ``ui`` fixture of
tests/ui/conftest.py: a facilitator, staff Giulia and customer Sam in a small journey)."""

from __future__ import annotations

from journeymap.services import (
    list_proposals,
    my_input,
    rate_step,
    set_phase,
)

PAGE = "rate.py"


def texts(at) -> str:
    parts = []
    for kind in ("title", "subheader", "caption", "markdown", "text", "info", "warning",
                 "error", "success", "code"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [str(p.proto.text) for p in at.get("progress")]
    parts += [w.label for w in at.pills] + [w.label for w in at.segmented_control]
    return "\n".join(parts)


def steps_of(ui):
    from journeymap.services import journey_steps
    return journey_steps(ui.store, ui.facilitator, ui.journey_id)


def test_before_listening_a_customer_waits_for_the_facilitator(ui):
    at = ui.app("customer", PAGE)
    assert "The workshop is in the Map phase" in texts(at)
    assert len(at.pills) == 0


def test_a_customer_rates_one_step_at_a_time_and_every_answer_is_saved_at_once(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    sam = ui.people["customer"]
    at = ui.app("customer", PAGE)
    page = texts(at)
    assert "Step 1 of 3" in page  # customer and frontstage steps only
    assert "How did you feel here?" in page and "Connection drops" in page
    first = steps_of(ui)[0]["id"]
    at.pills(key=f"rate_emotion:{first}:lived").set_value(-2).run()
    assert my_input(ui.store, sam, ui.journey_id)["ratings"][(first, "lived")]["emotion"] == -2
    at.segmented_control(key=f"rate_effort:{first}:lived").set_value(4).run()
    at.segmented_control(key=f"rate_success:{first}:lived").set_value("partly").run()
    at.pills(key=f"rate_word:{first}:lived").set_value("anxious").run()
    saved = my_input(ui.store, sam, ui.journey_id)["ratings"][(first, "lived")]
    assert (saved["emotion"], saved["effort"], saved["success"], saved["emotion_word"]) == (
        -2, 4, "partly", "anxious")
    at.button(key="rate_next").click().run()
    assert "Step 2 of 3" in texts(at) and "Call support" in texts(at)
    at.button(key="rate_back").click().run()
    assert "Step 1 of 3" in texts(at)
    assert at.pills(key=f"rate_emotion:{first}:lived").value == -2
    # going back and changing an answer updates the same rating
    at.pills(key=f"rate_emotion:{first}:lived").set_value(1).run()
    ratings = my_input(ui.store, sam, ui.journey_id)["ratings"]
    assert ratings[(first, "lived")]["emotion"] == 1 and len(ratings) == 1


def test_skipping_a_step_and_proposing_a_missing_one(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    sam = ui.people["customer"]
    at = ui.app("customer", PAGE)
    first = steps_of(ui)[0]["id"]
    at.toggle(key=f"rate_skip:{first}:lived").set_value(True).run()
    assert my_input(ui.store, sam, ui.journey_id)["skips"] == {first}
    assert "didn't happen to you" in texts(at)
    at.text_input(key=f"rate_prop_title_{first}").set_value("Restart the router")
    at.button[[b.label for b in at.button].index("Send the suggestion")].click().run()
    (p,) = list_proposals(ui.store, ui.facilitator, ui.journey_id)
    assert p["title"] == "Restart the router" and p["after_step_id"] == first


def test_a_customer_adds_a_pain_point_with_severity(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    sam = ui.people["customer"]
    at = ui.app("customer", PAGE)
    first = steps_of(ui)[0]["id"]
    form = f"rate_pain_point_lived_{first}"
    at.text_input(key=f"{form}_text").set_value("No warning before the outage")
    at.segmented_control(key=f"{form}_sev").set_value(3)
    at.button[[b.label for b in at.button].index("Add this problem")].click().run()
    (pp,) = my_input(ui.store, sam, ui.journey_id)["pain_points"]
    assert (pp["text"], pp["severity"], pp["perspective"]) == (
        "No warning before the outage", 3, "lived")
    assert "No warning before the outage" in texts(at)


def test_staff_give_assumed_ratings_and_employee_pain_points_on_backstage_steps(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "assume")
    giulia = ui.people["staff"]
    at = ui.app("staff", PAGE)
    assert "Step 1 of 5" in texts(at)
    assert "How do you think customers feel here?" in texts(at)
    first = steps_of(ui)[0]["id"]
    at.pills(key=f"rate_emotion:{first}:assumed").set_value(2).run()
    assert my_input(ui.store, giulia, ui.journey_id)["ratings"][(first, "assumed")]["emotion"] == 2
    for _ in range(3):
        at.button(key="rate_next").click().run()
    backstage = steps_of(ui)[3]
    assert backstage["lane"] == "backstage" and "Step 4 of 5" in texts(at)
    assert "Your own work here" in texts(at)
    assert len(at.pills) == 0  # no customer-feeling question behind the scenes
    form = f"rate_pain_point_employee_{backstage['id']}"
    at.text_input(key=f"{form}_text").set_value("Tickets arrive without the line test")
    at.button[[b.label for b in at.button].index("Add this problem")].click().run()
    (pp,) = my_input(ui.store, giulia, ui.journey_id)["pain_points"]
    assert pp["perspective"] == "employee"


def test_a_customer_page_shows_no_assumed_number_before_the_reveal(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    giulia = ui.people["staff"]
    first = steps_of(ui)[0]["id"]
    rate_step(ui.store, giulia, first, 3, perspective="assumed",
              comment="STAFF-GUESS-MARKER")
    at = ui.app("customer", PAGE)
    page = texts(at)
    assert "STAFF-GUESS-MARKER" not in page and "Assumed" not in page
    assert at.pills(key=f"rate_emotion:{first}:lived").value is None


def test_after_the_reveal_the_customer_sees_the_comparison(ui):
    giulia, sam = ui.people["staff"], ui.people["customer"]
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    first = steps_of(ui)[0]["id"]
    rate_step(ui.store, giulia, first, 3, perspective="assumed")
    rate_step(ui.store, sam, first, -3)
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "reveal")
    at = ui.app("customer", PAGE)
    page = texts(at)
    assert "Rating is closed" in page
    assert "What we assumed vs what customers lived" in page
    assert len(at.get("plotly_chart")) >= 1


def test_the_italian_screen_speaks_italian(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    at = ui.app("customer", PAGE, lang="it")
    assert "Passaggio 1 di 3" in texts(at) and "Come ti sei sentito qui?" in texts(at)
