"""CJML XML: SINTEF's Customer Journey Modelling Language, version 2.0.

CJML tells a *planned* journey (the service as designed: touchpoints — actions and
communication points — between actors, through channels, grouped in phases) from *actual*
journeys (what one person went through, touchpoint by touchpoint, with their experience rated
1..5, and touchpoints that went *missing* or happened *ad hoc*). Our map is the planned journey;
each customer's rated steps are an actual journey. The element names follow CJML 2.0 as its
tools write it (``CJML``, ``plannedJourney``/``actualJourney``, ``journeyPhases``, ``actors``
with ``endUser``/``serviceProvider``, ``touchpoints`` with ``plannedAction``/
``plannedCommunicationPoint`` and their actual counterparts, ``initiator``/``receiver`` →
``refersTo/@actorIDref``, ``channel/channelName``, ``touchpointExperience/experienceRating``)::

    <CJML version="2.0" xml:lang="en">
      <plannedJourney>
        <journeyID>PJ1</journeyID> <journeyTitle>…</journeyTitle>
        <journeyShortSummary>goal</journeyShortSummary>
        <journeyPhases><journeyPhase phaseID="discover"><phaseName>…</phaseName></journeyPhase>
        <actors><endUser actorID="customer"><actorName>persona</actorName></endUser>
                <serviceProvider actorID="frontstage"><actorName>…</actorName></serviceProvider>
        <touchpoints>
          <plannedCommunicationPoint>            (a step with a channel; else plannedAction)
            <touchpointID>s1</touchpointID> <belongsTo phaseIDref="discover"/>
            <initiator><refersTo actorIDref="customer"/><initiatorLabel>title</initiatorLabel>
            <receiver><refersTo actorIDref="frontstage"/></receiver>
            <channel><channelName>web</channelName></channel> <comment>description</comment>
      <actualJourney>
        <journeyID>AJ-p3</journeyID> <plannedReference>PJ1</plannedReference>
        <actors><endUser actorID="p3"><actorName>name</actorName></endUser></actors>
        <touchpoints><actualAction> <touchpointID>s1</touchpointID> <compliance>asPlanned …
            <touchpointExperience><experienceDescription>comment</experienceDescription>
              <experienceRating>4</experienceRating>

The journey's language travels as ``xml:lang`` on the root (read back when present).

**Export**: the map as the planned journey in canonical step order (lanes as actors: the
customer lane is the end user, the persona its name; frontstage, backstage and support are
service providers); each customer participant with lived ratings or skips as an actual journey
(anonymous customers without a name). Lived emotions −3..+3 become experience ratings
``round_half_up((e + 3) * 4 / 6 + 1)`` (−3→1, −1.5→2, 0→3, +1.5→4, +3→5); skipped steps are
touchpoints with ``<compliance>missing</compliance>``.

**Import** (all or nothing; every problem names its element path, such as
``/CJML/actualJourney[2]/touchpoints/actualAction[3]/touchpointExperience/experienceRating``):

* the planned journey → the map: phases → stages (touchpoints without a phase go to a stage
  ``journey``); touchpoints → steps in document order, linked by transitions (a planned CJML
  journey is one sequence); the initiator's actor gives the lane (the end user → customer; a
  service provider named or id'd frontstage/backstage/support, or with such a word, → that
  lane; other providers → frontstage); ``initiatorLabel`` → title (else ``comment``, else
  the id); ``channelName`` → channel; ``comment`` → description;
* no planned journey (SINTEF's own example, everything ExcelToCJML writes): the map is built
  from the actual journeys' touchpoints, in order of first appearance (phases from their
  ``journeyPhases`` or ``belongsTo``); the journey is titled by the short summary;
* each actual journey → one customer participant (named by its end user's ``actorName`` or
  the ``journeyTitle``; anonymous without either); a touchpoint of the map → a lived rating
  with ``emotion = (rating − 3) × 1.5`` (1→−3, 2→−1.5, 3→0, 4→1.5, 5→3) and the experience
  description (or comment) as comment; ``missing`` → a skip; ``failing`` → the rating with
  success ``no`` (a pain point "Failed: …" when unrated);
* a **deviation** — a touchpoint the plan does not hold, compliance ``adHoc``, or (without a
  plan) an id ``D1``, ``D2``… as CJML's Excel and web tools number them — becomes a step of
  its own after the touchpoint before it (linked to the next one), with its rating, and is
  listed in ``journey.source["deviations"]``; export writes it back as that person's
  ``adHoc`` touchpoint, not as part of the plan;
* actor references are resolved by id, else by the actor's name (SINTEF's example refers to
  its provider by ``companyName``); provider names, receivers and their labels, and channel
  names as written (the map keeps them in lower case) are kept in ``journey.source`` and
  written back on export; elements journeymap has no place for (``timestamps``,
  ``category``, ``journeyStatus``…) are listed as left out.
  The original scale is kept in ``journey.source``
  (``{"format": "cjml", "scale": "1..5", "rescale": "(x-3)*1.5"}``).

The XML is untrusted: it is parsed with defusedxml, and a document type declaration (where
entity expansion — billion laughs — and external entities live) is refused outright; nothing is
ever fetched.

**What a round trip preserves**: title, goal, persona; stages (ids, names, order); steps (ids,
stage, title, lane, channel, description) in canonical order; each customer's lived ratings on
the 1..5 grid (emotions −3, −1.5, 0, 1.5, 3 exactly; others snap to the nearest), their rating
comments, skips, names and anonymity. Not carried: transitions (rebuilt as one sequence),
moments of truth, assumed and employee ratings, staff, effort, success, emotion words, pain
points, highlights, opportunities. Export → import → export gives the identical text.

The package holds one module per job: :mod:`.vocabulary` (the CJML words both directions
share), :mod:`.elements` (the XML as read: a defused parse, elements with their paths),
:mod:`.read` (the import) and :mod:`.write` (the export).
"""

from __future__ import annotations

from .read import loads
from .vocabulary import MIME, PLANNED_ID, VERSION, XML_LANG
from .write import dumps

__all__ = ["MIME", "PLANNED_ID", "VERSION", "XML_LANG", "dumps", "loads"]
