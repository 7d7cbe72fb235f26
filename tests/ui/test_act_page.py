"""Actions through AppTest: opportunities from the top pain points, edited, exported."""

from __future__ import annotations

from journeymap.services import list_opportunities, set_phase

PAGE = "act.py"


def texts(at) -> str:
    parts = []
    for kind in ("title", "subheader", "caption", "markdown", "info", "warning", "error"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


def test_staff_write_actions_only_in_the_act_phase(ui):
    at = ui.app("staff", PAGE)
    assert "Actions are written in the Act phase" in texts(at)
    assert "act_new_title" not in {t.key for t in at.text_input}


def test_an_action_is_created_with_owner_and_linked_pain_point_and_exported(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "act")
    at = ui.app("staff", PAGE)
    assert "Top pain points" in texts(at)
    at.text_input(key="act_new_title").set_value("Call customers back instead of hold")
    at.text_input(key="act_new_owner").set_value("Contact centre")
    at.button[[b.label for b in at.button].index("Add the action")].click().run()
    (o,) = list_opportunities(ui.store, ui.facilitator, ui.journey_id)
    assert (o["title"], o["owner"], [p["text"] for p in o["pain_points"]]) == (
        "Call customers back instead of hold", "Contact centre", ["Waited forever"])
    assert "Call customers back instead of hold" in texts(at)
    links = {b.proto.label: b.proto.url for b in at.get("link_button")}
    assert links["Download the actions (CSV)"].endswith("/fix-my-broadband-actions.csv"), "the actions' CSV"
    assert links["PDF report"].endswith("/fix-my-broadband-report.pdf")
    assert links["HTML report"].endswith("/fix-my-broadband-report.html")


def test_an_action_status_is_changed(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "act")
    from journeymap.services import create_opportunity
    oid = create_opportunity(ui.store, ui.facilitator, ui.journey_id, "Fix the IVR")
    at = ui.app("facilitator", PAGE)
    at.selectbox(key=f"act_s_{oid}").set_value("done")
    at.button[[b.label for b in at.button].index("Save")].click().run()
    (o,) = list_opportunities(ui.store, ui.facilitator, ui.journey_id)
    assert (o["status"], o["version"]) == ("done", 2)


def test_an_action_without_a_title_is_refused_aloud_and_keeps_what_was_typed(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "act")
    at = ui.app("staff", PAGE)
    at.text_input(key="act_new_owner").set_value("Contact centre")
    at.button[[b.label for b in at.button].index("Add the action")].click().run()
    assert list_opportunities(ui.store, ui.facilitator, ui.journey_id) == []
    assert [e.value for e in at.error] and "title" in at.error[0].value.lower()
    assert at.text_input(key="act_new_owner").value == "Contact centre"
