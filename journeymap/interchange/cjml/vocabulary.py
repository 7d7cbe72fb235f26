"""The CJML 2.0 words journeymap uses: its identifiers, which lane an actor stands for, which
elements the importer reads, and which compliance values mark a deviation."""

from __future__ import annotations

from journeymap.domain.model import Lane

MIME = "application/xml"
VERSION = "2.0"
PLANNED_ID = "PJ1"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PROVIDER_WORDS = (
    (Lane.BACKSTAGE, ("backstage", "back office", "backoffice", "back-office", "internal")),
    (Lane.SUPPORT, ("support", "system", "supporto")),
    (Lane.FRONTSTAGE, ("frontstage", "front office", "frontoffice", "onstage")),
)


def lane_for(actor_id: str, kind: str, name: str) -> tuple[Lane, bool]:
    """The lane of a touchpoint's initiator; ``(lane, guessed)``."""
    if kind == "endUser":
        return Lane.CUSTOMER, False
    for text in (actor_id, name):
        low = text.lower()
        for lane in Lane:
            if low == lane.value:
                return lane, False
        for lane, words in PROVIDER_WORDS:
            if any(w in low for w in words):
                return lane, False
    return Lane.FRONTSTAGE, True


#: elements the importer reads; any other element with content is listed as left out
READ_ELEMENTS = {"CJML", "journeyDiagram", "plannedJourney", "actualJourney", "journeyID",
                 "journeyTitle", "journeyShortSummary", "journeyPhases", "journeyPhase",
                 "phaseName", "actors", "endUser", "serviceProvider", "actorName",
                 "companyName", "touchpoints", "plannedAction", "plannedCommunicationPoint",
                 "actualAction", "actualCommunicationPoint", "touchpointID", "belongsTo",
                 "initiator", "receiver", "refersTo", "initiatorLabel", "receiverLabel",
                 "channel", "channelName", "comment", "compliance", "touchpointExperience",
                 "experienceDescription", "experienceRating", "plannedReference"}
#: compliance values that mark a touchpoint as a deviation from the plan
DEVIATION = ("adhoc", "deviation", "deviating", "deviated")
