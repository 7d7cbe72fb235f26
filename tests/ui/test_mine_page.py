"""My input & replies through AppTest: see and delete one's own input, read the replies;
staff answer customers after the reveal."""

from __future__ import annotations

from journeymap.services import (
    add_highlight,
    map_rows,
    my_input,
    rate_step,
    replies_for,
    reply,
    set_phase,
)

PAGE = "mine.py"


def texts(at) -> str:
    parts = []
    for kind in ("title", "subheader", "caption", "markdown", "info", "warning", "error"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


def steps(ui):
    return map_rows(ui.store, ui.facilitator, ui.journey_id)["steps"]


def test_a_customer_sees_and_deletes_their_own_input(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    sam = ui.people["customer"]
    rate_step(ui.store, sam, steps(ui)[0]["id"], -2, comment="The lights went red")
    hid = add_highlight(ui.store, sam, steps(ui)[1]["id"], "Friendly voice")
    at = ui.app("customer", PAGE)
    page = texts(at)
    assert "The lights went red" in page and "Friendly voice" in page
    at.button(key=f"mine_del_highlight_{hid}").click().run()
    assert len(my_input(ui.store, sam, ui.journey_id)["highlights"]) == 1  # it asks first
    at.button(key=f"mine_no_highlight_{hid}").click().run()
    assert len(my_input(ui.store, sam, ui.journey_id)["highlights"]) == 1
    at.button(key=f"mine_del_highlight_{hid}").click().run()
    at.button(key=f"mine_yes_highlight_{hid}").click().run()
    assert my_input(ui.store, sam, ui.journey_id)["highlights"] == []
    assert "Friendly voice" not in texts(at)


def test_a_staff_reply_reaches_the_customer_with_the_staff_name(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    sam, giulia = ui.people["customer"], ui.people["staff"]
    hid = add_highlight(ui.store, sam, steps(ui)[1]["id"], "Friendly voice")
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "reveal")
    reply(ui.store, giulia, "highlight", hid, "Thank you, we told Marta!")
    at = ui.app("customer", PAGE)
    page = texts(at)
    assert "Replies to you (1)" in page and "Thank you, we told Marta!" in page
    assert "Giulia" in page


def test_staff_answer_customers_only_after_the_reveal(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    sam = ui.people["customer"]
    rate_step(ui.store, sam, steps(ui)[0]["id"], -2, comment="The lights went red")
    at = ui.app("staff", PAGE)
    assert "open for you at the reveal" in texts(at)
    assert "The lights went red" not in texts(at)
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "reveal")
    at = ui.app("staff", PAGE)
    assert "The lights went red" in texts(at)
    rid = my_input(ui.store, sam, ui.journey_id)["rating_rows"][0]["id"]
    at.text_input(key=f"mine_reply_text_rating_{rid}").set_value("Sorry, we will text you")
    at.button[[b.label for b in at.button].index("Send")].click().run()
    assert [r["text"] for r in replies_for(ui.store, sam)] == ["Sorry, we will text you"]


def test_an_assumption_shows_as_locked_after_the_reveal(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "assume")
    giulia = ui.people["staff"]
    rate_step(ui.store, giulia, steps(ui)[0]["id"], 1, perspective="assumed")
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "reveal")
    at = ui.app("staff", PAGE)
    assert "locked after the reveal" in texts(at)
    assert not [b for b in at.button if b.key and b.key.startswith("mine_del_rating")]
