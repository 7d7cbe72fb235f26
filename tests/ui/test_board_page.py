"""The facilitator's board through AppTest: phase control, live progress, proposals, the
vote budget, erasure with confirmation, and the reveal."""

from __future__ import annotations

from journeymap.services import (
    get_workshop,
    map_rows,
    propose_step,
    rate_step,
    set_phase,
)
from journeymap.services import invitations as inv

PAGE = "board.py"


def texts(at) -> str:
    parts = []
    for kind in ("title", "subheader", "caption", "markdown", "info", "warning", "error",
                 "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    for df in at.dataframe:
        parts.append(df.value.to_csv())
    return "\n".join(parts)


def first_step(ui):
    return map_rows(ui.store, ui.facilitator, ui.journey_id)["steps"][0]["id"]


def test_the_board_shows_who_rated_how_many_steps(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    rate_step(ui.store, ui.people["customer"], first_step(ui), -1)
    at = ui.app("facilitator", PAGE)
    page = texts(at)
    assert "Participants" in page and "Ratings per step" in page
    assert "Sam,Customer,1,3" in page and "Giulia,Staff,0,3" in page
    assert "just now" in page


def test_the_phase_moves_forward_and_back(ui):
    at = ui.app("facilitator", PAGE)
    at.button(key="board_next").click().run()
    assert get_workshop(ui.store, ui.facilitator, ui.workshop_id)["phase"] == "assume"
    assert "Assume: staff rate each step" in texts(at)
    at.segmented_control(key="board_phase").set_value("listen").run()
    assert get_workshop(ui.store, ui.facilitator, ui.workshop_id)["phase"] == "listen"
    at.button(key="board_prev").click().run()
    assert get_workshop(ui.store, ui.facilitator, ui.workshop_id)["phase"] == "assume"


def test_a_pending_proposal_is_accepted_into_the_map(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    pid = propose_step(ui.store, ui.people["customer"], ui.journey_id, "Restart the router",
                       after_step_id=first_step(ui))
    at = ui.app("facilitator", PAGE)
    assert "Restart the router" in texts(at)
    at.button(key=f"board_acc_{pid}").click().run()
    titles = [s["title"] for s in map_rows(ui.store, ui.facilitator, ui.journey_id)["steps"]]
    assert titles[1] == "Restart the router"
    assert "No proposals waiting." in texts(at)


def test_the_vote_budget_is_set_here(ui):
    at = ui.app("facilitator", PAGE)
    at.number_input(key="board_budget").set_value(3)
    at.button[[b.label for b in at.button].index("Save")].click().run()
    assert get_workshop(ui.store, ui.facilitator, ui.workshop_id)["vote_budget"] == 3


def test_erasing_a_participant_asks_for_confirmation_first(ui):
    sam = ui.people["customer"]
    at = ui.app("facilitator", PAGE)
    at.selectbox(key="board_erase_who").set_value(sam.participant_id)
    at.button(key="board_erase").click().run()
    keys = lambda: {p["id"] for p in inv.list_participants(ui.store, ui.facilitator,  # noqa: E731
                                                           ui.workshop_id)}
    assert sam.participant_id in keys()
    assert "for good?" in texts(at)
    at.button(key="board_erase_yes").click().run()
    assert sam.participant_id not in keys()
    assert "was erased" in texts(at)


def test_after_the_reveal_the_board_shows_the_comparison(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    rate_step(ui.store, ui.people["staff"], first_step(ui), 2, perspective="assumed")
    rate_step(ui.store, ui.people["customer"], first_step(ui), -2)
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "reveal")
    at = ui.app("facilitator", PAGE)
    assert "What we assumed vs what customers lived" in texts(at)
    assert len(at.get("plotly_chart")) == 2
