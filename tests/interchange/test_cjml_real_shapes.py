"""CJML as other tools write it: SINTEF's actual-journey-only example and ExcelToCJML output.

The fixtures are hand-written in those tools' exact shapes (see fixtures/cjml/SOURCE.md);
expectations are read off the files by hand."""

from __future__ import annotations

from pathlib import Path

from journeymap.domain.model import Lane, Perspective, Success
from journeymap.interchange import cjml, load

CJML = Path(__file__).parent / "fixtures" / "cjml"


def read(name: str, notes: list | None = None):
    return cjml.loads((CJML / name).read_bytes(), name, notes=notes)


def test_an_actual_journey_alone_builds_the_map_from_its_touchpoints():
    j = read("sintef-shape-actual-only.xml")
    assert [(s.key, s.title, s.lane, s.channel) for s in j.steps] == [
        ("TP1", "Customer applies for a loan", Lane.CUSTOMER, "web"),
        ("TP2", "Sends the offer", Lane.FRONTSTAGE, "e-mail")]
    assert [(t.source, t.target) for t in j.transitions] == [("TP1", "TP2")]
    assert [(p.key, p.name) for p in j.participants] == [("Nora", "Nora")]
    assert [(r.step, r.emotion, r.comment) for r in j.ratings] == [
        ("TP2", 0.0, "Clear, but it took a week")]


def test_a_reference_by_the_providers_name_finds_the_provider_and_keeps_its_name():
    notes: list = []
    j = read("sintef-shape-actual-only.xml", notes)
    assert j.source["actors"]["Company A"] == {"kind": "serviceProvider", "name": "Lendly"}
    assert "actor reference 'Lendly' matches no actorID; read as the actor named so " \
           "('Company A')" in notes
    xml = cjml.dumps(j)
    assert '<serviceProvider actorID="Company A">\n        <actorName>Lendly</actorName>' in xml


def test_receiver_labels_and_channel_spelling_are_written_back_on_export():
    j = read("sintef-shape-actual-only.xml")
    xml = cjml.dumps(j)
    assert "<receiverLabel>Application received</receiverLabel>" in xml
    assert "<receiverLabel>Reads the offer</receiverLabel>" in xml
    assert "<channelName>Web</channelName>" in xml and "<channelName>E-mail</channelName>" in xml
    assert [s.channel for s in j.steps] == ["web", "e-mail"]  # the map's own words


def test_the_excel_exporters_output_imports_with_its_deviation_kept_and_rated():
    notes: list = []
    j = read("excel-exporter-shape.xml", notes)
    assert j.title == "Applying for a parking permit"
    assert [(s.name, s.key) for s in j.stages] == [("Apply", "Apply"), ("Wait", "Wait")]
    assert [(s.key, s.stage, s.title) for s in j.steps] == [
        ("1", "Apply", "Fills in the form"), ("2", "Wait", "Posts the permit"),
        ("D1", "Wait", "Calls to ask where the letter is")]
    assert j.source["deviations"] == ["D1"]
    # the detour sits between the touchpoints around it in that person's journey
    assert [(t.source, t.target) for t in j.transitions] == [("1", "2"), ("1", "D1"),
                                                           ("D1", "2")]
    assert [(r.step, r.emotion, r.comment) for r in j.ratings] == [
        ("1", 1.5, "Easy enough"), ("D1", -3.0, "Nobody knew")]
    left = [n for n in notes if n.left_out]
    assert left == ["experience descriptions without a rating are not kept: 1",
                    "elements journeymap does not hold are not kept: <journeyStatus> ×1, "
                    "<timeCompleted> ×1, <timestamps> ×1"]


def test_deviations_come_back_as_ad_hoc_touchpoints_of_the_person_who_made_them():
    j = read("excel-exporter-shape.xml")
    xml = cjml.dumps(j)
    planned = xml.split("</plannedJourney>")[0]
    assert "<touchpointID>D1</touchpointID>" not in planned
    actual = xml.split("</plannedJourney>")[1]
    assert "<touchpointID>D1</touchpointID>\n        <belongsTo phaseIDref=\"Wait\"/>\n" \
           "        <compliance>adHoc</compliance>" in actual
    back = cjml.loads(xml)
    assert back.source["deviations"] == ["D1"]
    assert [(r.step, r.emotion) for r in back.ratings] == [("1", 1.5), ("D1", -3.0)]
    assert cjml.dumps(back) == xml


def test_failing_compliance_is_kept_as_a_rating_without_success_and_written_back():
    xml = """<CJML version="2.0"><plannedJourney><journeyID>P</journeyID>
      <journeyTitle>Pay</journeyTitle><actors><endUser actorID="u"/></actors><touchpoints>
      <plannedAction><touchpointID>t1</touchpointID><initiator><refersTo actorIDref="u"/>
      <initiatorLabel>Pays by card</initiatorLabel></initiator></plannedAction>
      <plannedAction><touchpointID>t2</touchpointID><initiator><refersTo actorIDref="u"/>
      <initiatorLabel>Gets a receipt</initiatorLabel></initiator></plannedAction>
      </touchpoints></plannedJourney>
      <actualJourney><actors><endUser actorID="ann"><actorName>Ann</actorName></endUser>
      </actors><touchpoints>
      <actualAction><touchpointID>t1</touchpointID><compliance>failing</compliance>
        <touchpointExperience><experienceRating>1</experienceRating></touchpointExperience>
      </actualAction>
      <actualAction><touchpointID>t2</touchpointID><compliance>failing</compliance>
      </actualAction></touchpoints></actualJourney></CJML>"""
    j = cjml.loads(xml, language="en")
    assert [(r.step, r.emotion, r.success, r.perspective) for r in j.ratings] == [
        ("t1", -3.0, Success.NO, Perspective.LIVED)]
    assert [(p.step, p.text) for p in j.pain_points] == [("t2", "Failed: Gets a receipt")]
    assert "<compliance>failing</compliance>" in cjml.dumps(j)


def test_the_registry_lists_what_the_excel_export_held_and_was_not_kept_in_italian():
    result = load((CJML / "excel-exporter-shape.xml").read_bytes(), "permit.xml")
    dropped, _ = result.note_lines("it")
    assert dropped[0] == "descrizioni dell'esperienza senza valutazione non conservate: 1"
