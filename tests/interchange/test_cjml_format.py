"""CJML 2.0 XML: the map as the planned journey, each customer as an actual journey; untrusted
XML parsed safely."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from interchange_strategies import journeys, refused

from journeymap.domain.errors import ImportRefused
from journeymap.domain.graph import JourneyGraph
from journeymap.domain.model import (
    Journey,
    Lane,
    Participant,
    Perspective,
    Rating,
    Role,
    Skip,
    Stage,
    Step,
)
from journeymap.interchange import cjml
from journeymap.interchange._common import emotion_to_five
from journeymap.interchange.native import MAX_FILE_BYTES


def bank() -> Journey:
    j = Journey(title="Open an account", persona="Lea, first job", goal="Salary paid in",
                language="en", stages=[Stage("apply", "Apply"), Stage("use", "Use")])
    j.add_step(Step("form", "apply", "Fill in the form", channel="web",
                    description="Ten pages & a <scan>"))
    j.add_step(Step("check", "apply", "Check identity", lane=Lane.BACKSTAGE))
    j.add_step(Step("card", "use", "Receive the card", lane=Lane.FRONTSTAGE, channel="post"))
    j.add_participant(Participant("c1", "Lea", Role.CUSTOMER))
    j.add_participant(Participant("c2", "", Role.CUSTOMER, anonymous=True))
    j.add_participant(Participant("s1", "Sid", Role.STAFF))
    j.add_rating(Rating("c1", "form", -3, comment="it timed out"))
    j.add_rating(Rating("c1", "card", 1.5))
    j.add_rating(Rating("c2", "form", 0.4))
    j.add_rating(Rating("s1", "form", 2))
    j.skips.append(Skip("c2", "card"))
    return j


def test_export_writes_the_map_as_the_planned_journey():
    xml = cjml.dumps(bank())
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<CJML version="2.0" '
                          'xml:lang="en">')
    assert "<journeyTitle>Open an account</journeyTitle>" in xml
    assert '<journeyPhase phaseID="apply">' in xml
    assert "<actorName>Lea, first job</actorName>" in xml
    assert '<serviceProvider actorID="backstage">' in xml
    assert ("<plannedCommunicationPoint>\n        <touchpointID>form</touchpointID>\n"
            '        <belongsTo phaseIDref="apply"/>') in xml
    assert "<comment>Ten pages &amp; a &lt;scan&gt;</comment>" in xml
    assert "<channelName>post</channelName>" in xml


def test_each_customer_becomes_an_actual_journey_with_ratings_on_one_to_five():
    xml = cjml.dumps(bank())
    assert xml.count("<actualJourney>") == 2  # staff are not actual journeys
    lea = xml[xml.index("<journeyID>AJ-c1"):xml.index("</actualJourney>")]
    assert "<plannedReference>PJ1</plannedReference>" in lea
    assert "<experienceDescription>it timed out</experienceDescription>" in lea
    assert "<experienceRating>1</experienceRating>" in lea
    assert "<experienceRating>4</experienceRating>" in lea
    anon = xml[xml.index("<journeyID>AJ-c2"):]
    assert '<endUser actorID="c2"/>' in anon and "<journeyTitle>" not in anon
    assert "<compliance>missing</compliance>" in anon


def test_import_reads_the_planned_journey_as_the_map_and_rescales_experience():
    notes: list[str] = []
    j = cjml.loads(cjml.dumps(bank()), notes=notes)
    assert (j.title, j.persona, j.goal) == ("Open an account", "Lea, first job",
                                            "Salary paid in")
    assert [(s.key, s.stage, s.lane, s.channel) for s in j.steps] == [
        ("form", "apply", Lane.CUSTOMER, "web"), ("check", "apply", Lane.BACKSTAGE, ""),
        ("card", "use", Lane.FRONTSTAGE, "post")]
    assert j.steps[0].description == "Ten pages & a <scan>"
    assert [(p.key, p.name, p.anonymous) for p in j.participants] == [
        ("c1", "Lea", False), ("c2", "", True)]
    assert [(r.participant, r.step, r.emotion, r.comment) for r in j.ratings] == [
        ("c1", "form", -3.0, "it timed out"), ("c1", "card", 1.5, ""),
        ("c2", "form", 0.0, "")]
    assert [(s.participant, s.step) for s in j.skips] == [("c2", "card")]
    assert j.source["rescale"] == "(x-3)*1.5" and j.source["scale"] == "1..5"
    assert any("(rating-3)*1.5" in n for n in notes)


HAND_WRITTEN = """<?xml version="1.0" encoding="UTF-8"?>
<cjml:CJML xmlns:cjml="http://example.org/cjml" version="2.0">
  <cjml:plannedJourney>
    <cjml:journeyID>P7</cjml:journeyID>
    <cjml:journeyTitle>Renew a passport</cjml:journeyTitle>
    <cjml:journeyPhases>
      <cjml:journeyPhase phaseID="book"><cjml:phaseName>Book</cjml:phaseName></cjml:journeyPhase>
    </cjml:journeyPhases>
    <cjml:actors>
      <cjml:endUser actorID="citizen"><cjml:actorName>Citizen</cjml:actorName></cjml:endUser>
      <cjml:serviceProvider actorID="police"><cjml:actorName>Police</cjml:actorName>
      </cjml:serviceProvider>
      <cjml:serviceProvider actorID="it"><cjml:actorName>IT system</cjml:actorName>
      </cjml:serviceProvider>
    </cjml:actors>
    <cjml:touchpoints>
      <cjml:plannedCommunicationPoint>
        <cjml:touchpointID>T1</cjml:touchpointID>
        <cjml:belongsTo phaseIDref="book"/>
        <cjml:initiator><cjml:refersTo actorIDref="citizen"/>
          <cjml:initiatorLabel>Books a slot</cjml:initiatorLabel></cjml:initiator>
        <cjml:channel><cjml:channelName>Web</cjml:channelName></cjml:channel>
      </cjml:plannedCommunicationPoint>
      <cjml:plannedAction>
        <cjml:touchpointID>T2</cjml:touchpointID>
        <cjml:belongsTo phaseIDref="book"/>
        <cjml:initiator><cjml:refersTo actorIDref="police"/>
          <cjml:initiatorLabel>Confirms</cjml:initiatorLabel></cjml:initiator>
      </cjml:plannedAction>
      <cjml:plannedAction>
        <cjml:touchpointID>T3</cjml:touchpointID>
        <cjml:belongsTo phaseIDref="book"/>
        <cjml:initiator><cjml:refersTo actorIDref="it"/></cjml:initiator>
        <cjml:comment>Sends a reminder</cjml:comment>
      </cjml:plannedAction>
    </cjml:touchpoints>
  </cjml:plannedJourney>
  <cjml:actualJourney>
    <cjml:journeyID>A1</cjml:journeyID>
    <cjml:plannedReference>P7</cjml:plannedReference>
    <cjml:actors><cjml:endUser actorID="u1"><cjml:actorName>Kari</cjml:actorName></cjml:endUser>
    </cjml:actors>
    <cjml:touchpoints>
      <cjml:actualCommunicationPoint><cjml:touchpointID>T1</cjml:touchpointID>
        <cjml:touchpointExperience><cjml:experienceRating>2</cjml:experienceRating>
        </cjml:touchpointExperience></cjml:actualCommunicationPoint>
      <cjml:actualAction><cjml:touchpointID>D1</cjml:touchpointID>
        <cjml:initiator><cjml:initiatorLabel>Calls the office</cjml:initiatorLabel>
        </cjml:initiator></cjml:actualAction>
    </cjml:touchpoints>
  </cjml:actualJourney>
</cjml:CJML>
"""


def test_a_hand_written_file_with_a_namespace_imports_with_lanes_from_its_actors():
    notes: list[str] = []
    j = cjml.loads(HAND_WRITTEN, "passport.xml", notes=notes)
    # D1 is not in the plan: a deviation, kept as a step after the touchpoint before it
    assert [(s.key, s.title, s.lane, s.channel) for s in j.steps] == [
        ("T1", "Books a slot", Lane.CUSTOMER, "web"),
        ("T2", "Confirms", Lane.FRONTSTAGE, ""),
        ("T3", "Sends a reminder", Lane.SUPPORT, ""),
        ("D1", "Calls the office", Lane.CUSTOMER, "")]
    assert [(t.source, t.target) for t in j.transitions] == [("T1", "T2"), ("T2", "T3"),
                                                           ("T1", "D1")]
    assert j.source["deviations"] == ["D1"]
    assert j.source["channels"] == {"web": "Web"}
    assert j.persona == "Citizen"
    assert [(r.participant, r.step, r.emotion) for r in j.ratings] == [("u1", "T1", -1.5)]
    assert j.proposals == []
    assert "service provider 'police' read as the frontstage lane" in notes
    assert any("kept as steps marked as deviations: 1" in n for n in notes)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<CJML version="2.0"><plannedJourney><journeyTitle>&lol9;</journeyTitle></plannedJourney></CJML>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE CJML [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<CJML version="2.0"><plannedJourney><journeyTitle>&secret;</journeyTitle></plannedJourney></CJML>
"""
EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE CJML SYSTEM "http://example.invalid/cjml.dtd">
<CJML version="2.0"/>
"""


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD],
                         ids=["billion-laughs", "external-entity", "external-dtd"])
def test_document_types_and_entities_are_refused_for_safety(xml):
    problems = refused(cjml.loads, xml)
    assert len(problems) == 1
    assert problems[0].startswith("/: refused for safety: the file declares a document type")


@pytest.mark.parametrize("xml, problem", [
    ("<CJML><plannedJourney>", "line 1, column 23: not well-formed XML (no element found)"),
    ("not xml at all", "line 1, column 1: not well-formed XML (syntax error)"),
    ("<journey/>", "/journey: the root element is 'journey'; a CJML file starts with "
                   "<CJML version=\"2.0\">"),
    ("<CJML/>", "/CJML: no plannedJourney and no actualJourney (nothing to import)"),
    ("<CJML><plannedJourney/></CJML>", "/CJML/plannedJourney/touchpoints: no planned "
                                       "touchpoints (plannedAction or plannedCommunicationPoint)"),
])
def test_malformed_documents_are_refused_with_their_place(xml, problem):
    assert problem in refused(cjml.loads, xml)


def _planned(touchpoints: str, actual: str = "") -> str:
    return ('<CJML version="2.0"><plannedJourney><journeyTitle>T</journeyTitle>'
            '<journeyPhases><journeyPhase phaseID="a"><phaseName>A</phaseName></journeyPhase>'
            '</journeyPhases><actors><endUser actorID="me"/></actors>'
            f"<touchpoints>{touchpoints}</touchpoints></plannedJourney>{actual}</CJML>")


TP = ('<plannedAction><touchpointID>{id}</touchpointID><belongsTo phaseIDref="{ph}"/>'
      '<initiator><refersTo actorIDref="{actor}"/><initiatorLabel>Go</initiatorLabel>'
      '</initiator></plannedAction>')


def test_unknown_references_and_bad_ratings_are_all_named_by_element_path():
    xml = _planned(
        TP.format(id="t1", ph="a", actor="me") + TP.format(id="t2", ph="zz", actor="me")
        + TP.format(id="t3", ph="a", actor="ghost") + TP.format(id="t1", ph="a", actor="me"),
        '<actualJourney><actors><endUser actorID="u"/></actors><touchpoints>'
        '<actualAction><touchpointID>t1</touchpointID><touchpointExperience>'
        '<experienceRating>9</experienceRating></touchpointExperience></actualAction>'
        '</touchpoints></actualJourney>'
        '<actualJourney><touchpoints><actualAction><touchpointID>t1</touchpointID>'
        '<touchpointExperience><experienceRating>good</experienceRating>'
        '</touchpointExperience></actualAction></touchpoints></actualJourney>')
    problems = refused(cjml.loads, xml)
    tps = "/CJML/plannedJourney/touchpoints/plannedAction"
    assert problems == [
        f"{tps}[2]/belongsTo/@phaseIDref: no phase 'zz' in this journey",
        f"{tps}[3]/initiator/refersTo/@actorIDref: no actor 'ghost' in this journey",
        f"{tps}[4]/touchpointID: the step id 't1' is used twice",
        "/CJML/actualJourney[1]/touchpoints/actualAction/touchpointExperience/"
        "experienceRating: 9 is outside 1..5",
        "/CJML/actualJourney[2]/touchpoints/actualAction/touchpointExperience/"
        "experienceRating: 'good' is not a number 1..5",
    ]


def test_a_file_over_the_size_limit_is_refused():
    assert refused(cjml.loads, b"<CJML>" + b" " * MAX_FILE_BYTES)[0].startswith(
        "the file is 64.0 MB")


@given(st.binary(max_size=300) | st.text(max_size=300) | st.lists(st.sampled_from([
    "<CJML>", "</CJML>", "<plannedJourney>", "</plannedJourney>", "<touchpoints>",
    "</touchpoints>", "<plannedAction>", "</plannedAction>", "<touchpointID>x</touchpointID>",
    "<actualJourney>", "</actualJourney>", "<experienceRating>7</experienceRating>",
    "<!DOCTYPE x>", "&amp;", "<journeyPhases/>"]), max_size=15).map("".join))
@settings(max_examples=300)
def test_arbitrary_input_is_imported_or_refused_cleanly(data):
    try:
        cjml.loads(data)
    except ImportRefused as e:
        assert e.problems


@given(journeys(everything=False), st.data())
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
def test_a_truncated_export_is_refused(j, data):
    text = cjml.dumps(j)
    cut = data.draw(st.integers(1, len(text) - 8))
    problems = refused(cjml.loads, text[:cut])
    assert problems[0].startswith(("line ", "/"))


@given(journeys(everything=False))
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
def test_a_round_trip_keeps_the_documented_subset_and_the_text(j):
    text = cjml.dumps(j)
    back = cjml.loads(text, language="en")
    assert cjml.dumps(back) == text
    assert (back.title, back.goal, back.language) == (j.title, j.goal, j.language)
    assert [(s.key, s.name) for s in back.stages] == [(s.key, s.name) for s in j.stages]
    steps = {s.key: s for s in j.steps}
    assert [(s.key, s.stage, s.title, s.lane, s.channel, s.description) for s in back.steps] \
        == [(k, steps[k].stage, steps[k].title, steps[k].lane, steps[k].channel,
             steps[k].description) for k in JourneyGraph.of(j).order()]
    customers = {p.key for p in j.participants if p.role is Role.CUSTOMER}
    lived = {(r.participant, r.step): r for r in j.ratings
             if r.participant in customers and r.perspective is Perspective.LIVED}
    assert {(r.participant, r.step): (r.emotion, r.comment) for r in back.ratings} == {
        k: ((emotion_to_five(r.emotion) - 3) * 1.5, r.comment) for k, r in lived.items()}
    assert {(s.participant, s.step) for s in back.skips} == {
        (s.participant, s.step) for s in j.skips if s.participant in customers
        and (s.participant, s.step) not in lived}
    for p in back.participants:
        original = next(x for x in j.participants if x.key == p.key)
        assert (p.name, p.anonymous) == (("", True) if original.anonymous
                                         else (original.name, False))
