"""The map page, signed in as each role: the blueprint, the checks, editors by role, stale
edits and the delete confirmation."""

import json

from journeymap.services import list_workshops, map_rows, set_phase, update_step


def figure(at):
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def card_titles(at):
    (steps,) = [t for t in figure(at)["data"] if t.get("name") == "titles"]
    return " ".join(steps["text"])


def test_the_facilitator_sees_the_blueprint_with_every_step_and_the_editors(ui):
    at = ui.app("facilitator", "map.py")
    assert not at.exception
    assert "Journey map" in ui.texts(at)
    cards = card_titles(at)
    for title in ("Connection drops", "Call support", "Technician visit"):
        assert title in cards
    assert "5 steps in 3 stages, 5 connections" in ui.texts(at)
    assert "loop" in ui.texts(at)  # s2 -> s3 -> s2 is reported in plain words
    assert at.radio(key="map_panel").options == ["Edit step", "Add step", "Stages",
                                                 "Connections", "Table (many steps)"]


def test_a_customer_reads_the_map_as_a_list_with_no_facilitator_hints(ui):
    at = ui.app("customer", "map.py")
    assert not at.exception
    page = ui.texts(at)
    # customer and frontstage steps, numbered in the journey's order, under their stages
    assert "1\\. Connection drops" in page and "2\\. Call support" in page
    assert "Ticket routed to field team" not in page  # backstage is not theirs to read
    assert at.get("plotly_chart") == [] and len(at.radio) == 0
    assert "Save the step" not in ui.buttons(at)
    assert "Checks" not in page and "nothing to fix" not in page


def test_staff_may_edit_in_the_map_phase_but_not_after_listen(ui):
    at = ui.app("staff", "map.py")
    assert len(at.radio) == 1
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "reveal")
    at = ui.app("staff", "map.py")
    assert len(at.radio) == 0 and "editing is not open to you" in ui.texts(at)


def test_lived_colours_are_hidden_from_staff_until_the_reveal(ui):
    at = ui.app("staff", "map.py")
    assert not any(t.get("name") == "scale" for t in figure(at)["data"])
    at = ui.app("facilitator", "map.py")
    assert any(t.get("name") == "scale" for t in figure(at)["data"])


def _step(ui, title):
    rows = map_rows(ui.store, ui.facilitator, ui.journey_id)
    return next(s for s in rows["steps"] if s["title"] == title)


def test_clicking_a_card_selects_the_step_for_editing_and_saving_changes_it(ui):
    s = _step(ui, "Call support")
    at = ui.app("facilitator", "map.py")
    at.session_state["map_chart"] = {"selection": {"points": [{"customdata": s["id"]}],
                                                   "point_indices": [0], "box": [],
                                                   "lasso": []}}
    at.run()
    assert at.selectbox(key="map_step_pick").value == s["id"]
    at.text_input(key=f"se_title_{s['id']}").set_value("Call the support line")
    at.button(key=f"se_save_{s['id']}").click().run()
    assert not at.exception
    assert _step(ui, "Call the support line")["version"] == s["version"] + 1


def test_a_stale_save_shows_who_changed_the_step_and_keeps_my_text(ui):
    s = _step(ui, "Call support")
    at = ui.app("facilitator", "map.py")
    at.selectbox(key="map_step_pick").set_value(s["id"]).run()
    update_step(ui.store, ui.people["staff"], s["id"], s["version"], description="Phone support")
    at.run()  # the live update reruns the page: the form is left as it was
    assert "Giulia changed this step since you opened it" in ui.texts(at)
    at.text_input(key=f"se_title_{s['id']}").set_value("My own title")
    at.button(key=f"se_save_{s['id']}").click().run()
    text = ui.texts(at)
    assert "Someone else (Giulia) saved this first" in text
    assert "Phone support" in text  # what the step says now
    assert at.text_input(key=f"se_title_{s['id']}").value == "My own title"
    assert _step(ui, "Call support")["description"] == "Phone support"  # nothing overwritten
    at.button(key=f"se_save_{s['id']}").click().run()  # re-apply on the new version
    assert _step(ui, "My own title")


def test_deleting_a_step_asks_first_and_says_what_goes_with_it(ui):
    s = _step(ui, "Call support")
    at = ui.app("facilitator", "map.py", map_step_pick=s["id"])
    at.button(key=f"se_del_{s['id']}").click().run()
    assert "3 rating(s), 1 pain point(s)" in ui.texts(at)
    at.button(key="confirm_delete_yes").click().run()
    titles = [x["title"] for x in map_rows(ui.store, ui.facilitator, ui.journey_id)["steps"]]
    assert "Call support" not in titles


def test_adding_a_step_and_a_stage(ui):
    at = ui.app("facilitator", "map.py", map_panel="add")
    at.text_input(key="add_title").set_value("Read the FAQ")
    at.button(key="add_submit").click().run()
    assert "Read the FAQ" in card_titles(at)
    at.radio(key="map_panel").set_value("stages").run()
    at.text_input(key="new_stage_name").set_value("Renew")
    at.button(key="add_stage_submit").click().run()
    assert [s["name"] for s in map_rows(ui.store, ui.facilitator,
                                        ui.journey_id)["stages"]][-1] == "Renew"


def test_the_table_editor_saves_many_steps_at_once(ui):
    at = ui.app("facilitator", "map.py", map_panel="table")
    at.session_state["tbl_new"] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"stage": "Notice", "lane": "customer", "title": "Search online"},
        {"stage": "Fixed", "lane": "support", "title": "Survey sent"}]}
    at.session_state["tbl_edit"] = {"edited_rows": {0: {"title": "Connection keeps dropping"}},
                                    "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="tbl_save").click().run()
    assert not at.exception
    titles = {x["title"] for x in map_rows(ui.store, ui.facilitator, ui.journey_id)["steps"]}
    assert {"Search online", "Survey sent", "Connection keeps dropping"} <= titles


def test_user_text_is_shown_as_text(ui):
    s = _step(ui, "Call support")
    update_step(ui.store, ui.facilitator, s["id"], s["version"],
                title="<script>alert(1)</script> **bold**")
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "reveal")  # staff read, not edit
    at = ui.app("staff", "map.py", map_step_pick=s["id"])
    assert "<script>alert(1)</script> **bold**" in [t.value for t in at.text]
    assert "&lt;script&gt;" in card_titles(at)  # escaped for plotly: shown literally
    at = ui.app("customer", "map.py")
    # in the customer's list every Markdown character is escaped (hand-escaped here)
    assert any(m.value.endswith(r"\<script\>alert(1)\</script\> \*\*bold\*\*")
               for m in at.markdown)


def test_italian_labels(ui):
    at = ui.app("facilitator", "map.py", lang="it")
    assert "Mappa del percorso" in ui.texts(at)
    assert list_workshops(ui.store, ui.facilitator)


def test_a_map_without_connections_says_there_is_nothing_to_check_not_nothing_to_fix(ui):
    from journeymap.services import add_step, create_journey

    jid = create_journey(ui.store, ui.facilitator, ui.workshop_id, "Unconnected",
                         stages=["One", "Two"])
    stages = map_rows(ui.store, ui.facilitator, jid)["stages"]
    add_step(ui.store, ui.facilitator, jid, stages[0]["id"], "First")
    add_step(ui.store, ui.facilitator, jid, stages[1]["id"], "Second")
    at = ui.app("facilitator", "map.py", journey_id=jid)
    text = ui.texts(at)
    assert "0 connections" in at.expander[0].label
    assert "No connections yet, so there is nothing to check" in text
    assert "Nothing to fix" not in text


def _eight_stage_journey():
    from journeymap.domain.model import Journey, Stage, Step, Transition

    j = Journey(title="A long journey", persona="", goal="", language="en")
    keys = []
    for i in range(8):
        j.add_stage(Stage(f"st{i}", f"Stage {i + 1}"))
        for k in range(2):
            keys.append(f"s{i}_{k}")
            j.add_step(Step(key=keys[-1], stage=f"st{i}", title=f"Step {i + 1}.{k + 1}",
                            lane="customer"))
    for a, b in zip(keys, keys[1:]):
        j.add_transition(Transition(a, b, ""))
    return j


def test_on_a_map_of_many_stages_the_facilitator_draws_only_the_stages_chosen(ui):
    from journeymap.services import import_journey

    _, jid = import_journey(ui.store, ui.facilitator, _eight_stage_journey(), ui.workshop_id)
    at = ui.app("facilitator", "map.py", journey_id=jid)
    assert not at.exception

    def stage_names():
        return [a["text"] for a in figure(at)["layout"]["annotations"]]

    assert len(stage_names()) == 8  # all eight, until some are chosen
    assert [p for p in at.get("button_group") if "Stages drawn" in str(p.proto)]
    stages = {s["name"]: s["id"] for s in map_rows(ui.store, ui.facilitator, jid)["stages"]}
    at.session_state[f"map_zoom_{jid}"] = [stages["Stage 3"], stages["Stage 4"]]
    at.run()
    assert stage_names() == ["<b>Stage 3</b>", "<b>Stage 4</b>"]
    assert card_titles(at).split("<br>")[0].startswith("Step 3.1")
    assert "Step 5.1" not in card_titles(at) and "Step 2.2" not in card_titles(at)
    assert "16 steps in 8 stages" in ui.texts(at)  # the checks keep the whole journey


def test_a_map_of_a_few_stages_offers_no_stage_choice(ui):
    at = ui.app("facilitator", "map.py")
    assert not [p for p in at.get("button_group") if "Stages drawn" in str(p.proto)]
