"""The facilitator starts the journey's next round from the board, after ticking that they
mean it; the board says which round the journey is in, and a customer's rating screen then
says the round and starts empty."""

from __future__ import annotations

from journeymap.services import answer_step, journey_rounds, journey_steps, set_phase


def test_the_board_starts_round_two_only_after_a_yes(ui):
    at = ui.app("facilitator", "board.py")
    assert not at.exception
    assert "Rounds · This journey is in round 1." in [e.label for e in at.expander]
    start = at.button(key=f"round_start_{ui.journey_id}")
    assert start.label == "Start round 2" and start.disabled
    at.checkbox(key=f"round_sure_{ui.journey_id}_1").check().run()
    at.button(key=f"round_start_{ui.journey_id}").click().run()
    assert journey_rounds(ui.store, ui.facilitator, ui.journey_id)["current"] == 2
    assert "Round 2 started. Move the workshop to Assume or Listen to collect it." in \
        ui.texts(at)
    assert "Rounds · This journey is in round 2." in [e.label for e in at.expander]
    # the next offer is round 3, again behind its own tick
    assert at.button(key=f"round_start_{ui.journey_id}").label == "Start round 3"
    assert at.button(key=f"round_start_{ui.journey_id}").disabled


def test_a_customer_in_round_two_sees_the_round_and_an_empty_sheet(ui):
    from journeymap.services import start_round

    store, fac = ui.store, ui.facilitator
    sam = ui.people["customer"]
    set_phase(store, fac, ui.workshop_id, "listen")
    first = journey_steps(store, fac, ui.journey_id)[0]["id"]
    answer_step(store, sam, first, emotion=-2)
    at = ui.app("customer", "rate.py")
    assert "You have answered 1 of 3 steps." in ui.texts(at)
    start_round(store, fac, ui.journey_id, expected_current=1)
    at = ui.app("customer", "rate.py")
    assert "You have answered 0 of 3 steps. · Round 2" in ui.texts(at)
    at = ui.app("customer", "rate.py", lang="it")
    assert "Risposte date: 0 su 3 passi. · Giro 2" in ui.texts(at)
