"""OpenJourney (``.ojf``, JSON, from the Ptolemy journey mapper): import and export.

An OJF map is a grid: ``stages`` are columns, ``swimlanes`` rows, ``nodes`` cards in a cell
(``stageId``, ``swimlaneId``, ``title``, ``description``, ``score`` −5..+5, ``sentiment``,
``severity`` low/medium/high, ``purpose``, ``isMomentOfTruth``, ``tags``, ``blueprint``). The
root holds ``version``, ``persona`` and ``pointOfView``; files in the wild also put them under
``metadata`` (``title``, ``persona``, ``pov``, ``version``). Both are read.

How an OJF map becomes a journey (decided here, documented, tested on eight real files):

* **Journey**: title ← ``metadata.title`` (else ``persona: pointOfView``, else the point of
  view, else the file name);
  persona ← ``persona``; goal ← ``pointOfView``/``pov``.
* **Stages** ← ``stages`` (ids and names kept, in order).
* **Swimlanes** are read by their (English) name:

  - *emotion lanes* (emotion, feeling, sentiment, mood, thought, health): their nodes are not
    steps but how the author felt in that stage — each becomes the author's lived rating of
    the *stage's main step* (the first customer-lane step of the stage, else its first step),
    replacing the rating that step's own score gave, with the node's title and description as
    the rating's comment. A second emotion node in the same stage goes to the next step of the
    stage.
  - *pain lanes* (pain, friction, issue, problem, roadblock, blocker, bottleneck, obstacle):
    their nodes become pain points on the stage's main step (text ``title: description``,
    severity low 1, medium 2, high 3) — or highlights when the node is positive (score > 0
    or purpose gain/opportunity), the positive counterpart.
  - every other lane holds steps, its lane chosen by keywords: customer (customer, user,
    patient, guest, client, activity, action, interaction, journey), frontstage (touchpoint,
    channel, frontstage, front, onstage, vendor, digital, physical, staff, agent, tool,
    website), backstage (backstage, back office, internal, behind), support (support process,
    system, infrastructure); a lane matching none → customer, noted.

  An emotion or pain node whose stage has no step becomes a step itself (customer lane).
* **Nodes → steps**: id (else ``n1``, ``n2``... by position), title, description, moment of
  truth; the channel from the first tag naming one (web/desktop/website → web, mobile/app →
  app, chat, email, phone, in-person/store/shop/desk → store, social, post). A step node whose
  purpose is pain-point/pain/bottleneck also gets a pain point.
* **Blueprint** (``onstage``/``backstage``/``support`` entries of a node) → extra steps in the
  frontstage, backstage and support lanes of the node's stage (title: the action or
  description; the actor or system leads the description). ``evidence`` items are appended to
  the node's description.
* **Scores** −5..+5 are rescaled to −3..+3 as ``emotion = score × 0.6`` and become lived
  ratings of one participant, the map's author (role customer). A node without a score gives
  no rating (noted) — OJF's default of 0 would invent a neutral feeling. The sentiment becomes
  the rating's emotion word when it is one of ours (or a close synonym: angry → furious,
  upset/annoyed → frustrated, worried → anxious, excited → happy, pleased → satisfied).
  ``journey.source`` keeps ``{"format": "ojf", "version": ..., "scale": "-5..5",
  "rescale": "x*0.6"}``.
* No transitions are made: OJF has no edges; stage order and node order give the sequence.

* An emotion node **without a score** keeps what it says: a sentiment that is one of our
  emotion words (or a synonym) gives the author's feeling at that word's place on the scale
  (frustrated −2); a pain purpose or a severity gives a pain point with that severity; a
  positive purpose a highlight; anything else is listed as not kept.
* Numbers where text is expected (a stage id ``1``, a title ``404``, a node id ``7``) are
  read as that text; lists or objects there are refused with their field path. Node fields
  journeymap has no place for (``icon``, ``iconColor``) are listed as not kept.

Export: see :func:`dumps`.

All or nothing: bad JSON (line and column), wrong types, scores out of range, nodes pointing
to unknown stages or swimlanes are refused with their field path (``nodes[4].stageId: no stage
's9' in this journey``).

One module per job: :mod:`.vocabulary` (the words swimlanes, tags and sentiments are read by,
and the lane names the export writes so that they read back), :mod:`.read` (the import) and
:mod:`.write` (the export).
"""

from __future__ import annotations

from .read import load_document, loads
from .vocabulary import AUTHOR, LANE_NAMES, PAIN_LANE, RESCALE, SCALE, lane_kind
from .write import dumps

__all__ = ["AUTHOR", "LANE_NAMES", "PAIN_LANE", "RESCALE", "SCALE", "dumps", "lane_kind",
           "load_document", "loads"]
