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
"""

from __future__ import annotations

import re
from typing import Any

from journeymap.domain.errors import ImportRefused, ValidationError
from journeymap.domain.model import (
    EMOTION_WORDS,
    LANGUAGES,
    Highlight,
    Journey,
    Lane,
    PainPoint,
    Participant,
    Perspective,
    Rating,
    Role,
    Stage,
    Step,
)
from journeymap.i18n import t
from journeymap.interchange.native import parse_json

from ._common import Note, Problems, check_size, fmt_num, left_out, unique

SCALE = "-5..5"
RESCALE = "x*0.6"
AUTHOR = "author"

_EMOTION_WORDS = ("emotion", "feeling", "sentiment", "mood", "thought", "health")
_PAIN_WORDS = ("pain", "friction", "issue", "problem", "roadblock", "blocker", "bottleneck",
               "obstacle")
_LANE_RULES: tuple[tuple[Lane, tuple[str, ...]], ...] = (
    (Lane.BACKSTAGE, ("backstage", "back office", "back-office", "internal", "behind")),
    (Lane.FRONTSTAGE, ("touchpoint", "channel", "frontstage", "front office", "front-office",
                       "onstage", "vendor", "digital", "physical", "staff", "agent", "tool",
                       "website")),
    (Lane.SUPPORT, ("support", "system", "infrastructure")),
    (Lane.CUSTOMER, ("customer", "user", "patient", "guest", "client", "activity", "action",
                     "interaction", "journey")),
)
_CHANNELS = (
    ("web", ("web", "desktop", "website", "browser", "online")),
    ("app", ("mobile", "app", "smartphone")),
    ("chat", ("chat",)),
    ("email", ("email", "e-mail", "mail")),
    ("phone", ("phone", "call", "telephone")),
    ("store", ("in-person", "in person", "store", "shop", "desk")),
    ("social", ("social",)),
    ("post", ("post", "letter")),
)
_SYNONYMS = {"angry": "furious", "upset": "frustrated", "annoyed": "frustrated",
             "worried": "anxious", "excited": "happy", "pleased": "satisfied",
             "content": "satisfied", "hopeful": "reassured"}
_SEVERITY = {"low": 1, "medium": 2, "high": 3}
_NODE_KEYS = {"id", "stageId", "swimlaneId", "title", "description", "score", "sentiment",
              "severity", "purpose", "isMomentOfTruth", "tags", "blueprint"}
_POSITIVE_PURPOSE = {"gain", "opportunity", "win"}
_PAIN_PURPOSE = {"pain-point", "pain", "bottleneck", "painpoint", "pain point"}


def lane_kind(name: str) -> tuple[str, Lane | None]:
    """How a swimlane's name is read: ``("emotion"|"pain"|"steps", lane or None)``.

    >>> lane_kind("Emotional State"), lane_kind("Issues & Roadblocks")[0]
    (('emotion', None), 'pain')
    >>> lane_kind("Support Channel"), lane_kind("Back office")
    (('steps', <Lane.FRONTSTAGE: 'frontstage'>), ('steps', <Lane.BACKSTAGE: 'backstage'>))
    >>> lane_kind("Weather")
    ('steps', None)
    """
    low = name.lower()
    if any(w in low for w in _EMOTION_WORDS):
        return "emotion", None
    if any(w in low for w in _PAIN_WORDS):
        return "pain", None
    for lane, words in _LANE_RULES:
        if any(re.search(rf"\b{re.escape(w)}", low) for w in words):
            return "steps", lane
    return "steps", None


def _channel(tags: list[str]) -> str:
    for tag in tags:
        low = tag.lower()
        for channel, words in _CHANNELS:
            if any(low == w or low.startswith(w) for w in words):
                return channel
    return ""


def _word(sentiment: str) -> str:
    s = sentiment.strip().lower()
    s = _SYNONYMS.get(s, s)
    return s if s in EMOTION_WORDS else ""


def _kind(v) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false",
            type(None): "null"}.get(type(v), "a number")


class _Reader:
    """Typed access to the document that records a problem (with its path) on a bad value."""

    def __init__(self, problems: Problems):
        self.problems = problems

    def text(self, d: dict, key: str, place: str, required: bool = False) -> str:
        v = d.get(key)
        where = f"{place}.{key}" if place else key
        if v is None or v == "":
            if required:
                self.problems.add(where, "missing (required)")
            return ""
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return fmt_num(v)
        if not isinstance(v, str):
            self.problems.add(where, f"expected text, got {_kind(v)}")
            return ""
        return v.strip()

    def listof(self, d: dict, key: str, place: str) -> list:
        v = d.get(key)
        if v is None:
            return []
        if not isinstance(v, list):
            self.problems.add(f"{place}.{key}" if place else key,
                              f"expected a list, got {_kind(v)}")
            return []
        return v


def load_document(doc: Any, source: str = "journey.ojf", language: str | None = None,
                  notes: list[str] | None = None) -> Journey:
    """Build a journey from a parsed OJF document (see the module's notes)."""
    notes = [] if notes is None else notes
    problems = Problems()
    rd = _Reader(problems)
    if not isinstance(doc, dict):
        raise ImportRefused(source, [f"expected a JSON object at the top, got {_kind(doc)}"])
    meta = doc.get("metadata")
    head: dict = doc
    head_place = ""
    if meta is not None:
        if not isinstance(meta, dict):
            raise ImportRefused(source, [f"metadata: expected an object, got {_kind(meta)}"])
        head, head_place = {**doc, **meta}, "metadata"
        notes.append(Note("ojf.metadata"))
    hp = head_place
    version = rd.text(head, "version", hp)
    if version and not version.startswith("1"):
        notes.append(Note("ojf.version", version=version[:20]))
    title = rd.text(head, "title", hp)
    pov = rd.text(head, "pointOfView", hp) or rd.text(head, "pov", hp)
    persona = rd.text(head, "persona", hp)
    if "stages" not in doc or "nodes" not in doc:
        missing = [k for k in ("stages", "swimlanes", "nodes") if k not in doc]
        raise ImportRefused(source, [f"{k}: missing; an OJF map has stages, swimlanes and "
                                     "nodes" for k in missing])
    lang = language if language in LANGUAGES else "en"
    if not title:
        stem = re.sub(r"\.ojf$", "", source.rsplit("/", 1)[-1], flags=re.I)
        title = (f"{persona}: {pov}" if persona and pov else pov) or stem or "Journey"
        notes.append(Note("ojf.title_derived", title=title[:80]))
    try:
        j = Journey(title=title[:300], persona=persona[:500], goal=pov[:500], language=lang)
    except ValidationError as e:
        raise ImportRefused(source, [f"{head_place + '.' if head_place else ''}"
                                     f"{e.field}: {e.message}"]) from None
    j.source = {"format": "ojf", "version": version or "1.0", "scale": SCALE,
                "rescale": RESCALE}

    # stages -------------------------------------------------------------------------------
    for i, s in enumerate(rd.listof(doc, "stages", "")):
        place = f"stages[{i}]"
        if not isinstance(s, dict):
            problems.add(place, f"expected an object, got {_kind(s)}")
            continue
        sid, name = rd.text(s, "id", place, True), rd.text(s, "name", place) or \
            rd.text(s, "id", place)
        if not sid:
            continue
        try:
            j.add_stage(Stage(sid, name[:200]))
        except ValidationError as e:
            problems.add(f"{place}.{'id' if e.field == 'id' else 'name'}", e.message)

    # swimlanes ----------------------------------------------------------------------------
    lanes: dict[str, tuple[str, Lane | None, str]] = {}
    for i, s in enumerate(rd.listof(doc, "swimlanes", "")):
        place = f"swimlanes[{i}]"
        if not isinstance(s, dict):
            problems.add(place, f"expected an object, got {_kind(s)}")
            continue
        sid, name = rd.text(s, "id", place, True), rd.text(s, "name", place)
        if not sid:
            continue
        if sid in lanes:
            problems.add(f"{place}.id", f"the swimlane id '{sid}' is used twice")
            continue
        kind, lane = lane_kind(name or sid)
        lanes[sid] = (kind, lane, name or sid)
        if kind == "emotion":
            notes.append(Note("ojf.lane_emotion", name=name[:60]))
        elif kind == "pain":
            notes.append(Note("ojf.lane_pain", name=name[:60]))
        elif lane is None:
            notes.append(Note("ojf.lane_unknown", name=name[:60]))
        else:
            notes.append(Note("ojf.lane", name=name[:60], lane=lane.value))

    # nodes --------------------------------------------------------------------------------
    stage_keys = set(j.stage_keys())
    author = Participant(AUTHOR, t("interchange.ojf.author", lang), Role.CUSTOMER)
    step_keys: set[str] = set()
    nodes = rd.listof(doc, "nodes", "")
    declared = {fmt_num(n["id"]) if isinstance(n.get("id"), (int, float)) else n.get("id")
                for n in nodes if isinstance(n, dict)
                and isinstance(n.get("id"), (str, int, float))
                and not isinstance(n.get("id"), bool)}
    overlays: list[tuple] = []
    ratings: dict[str, Rating] = {}
    pains: list[PainPoint] = []
    highlights: list[Highlight] = []
    unscored = 0

    def score_of(d: dict, place: str) -> tuple[bool, float | None]:
        v = d.get("score")
        if v is None:
            return True, None
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            problems.add(f"{place}.score", f"expected a number -5..5, got {_kind(v)}")
            return False, None
        if not -5 <= v <= 5:
            problems.add(f"{place}.score", f"{fmt_num(v)} is outside -5..5")
            return False, None
        return True, float(v)

    def add_step(place: str, key: str, stage: str, title: str, lane: Lane, d: dict,
                 description: str) -> Step | None:
        try:
            step = Step(key=key, stage=stage, title=title[:300], lane=lane,
                        channel=_channel([x for x in d.get("tags", []) if isinstance(x, str)]
                                         if isinstance(d.get("tags"), list) else []),
                        description=description[:2000],
                        moment_of_truth=d.get("isMomentOfTruth") is True)
        except ValidationError as e:
            problems.add(f"{place}.{e.field}", e.message)
            return None
        j.steps.append(step)
        return step

    def rate(step: str, score: float, d: dict, place: str, comment: str = "") -> None:
        sentiment = d.get("sentiment") if isinstance(d.get("sentiment"), str) else ""
        try:
            ratings[step] = Rating(participant=AUTHOR, step=step, emotion=round(score * 0.6, 6),
                                   perspective=Perspective.LIVED, emotion_word=_word(sentiment),
                                   comment=comment[:2000])
        except ValidationError as e:
            problems.add(f"{place}.{e.field}", e.message)

    for i, d in enumerate(nodes):
        place = f"nodes[{i}]"
        if not isinstance(d, dict):
            problems.add(place, f"expected an object, got {_kind(d)}")
            continue
        stage = rd.text(d, "stageId", place, True)
        lane_id = rd.text(d, "swimlaneId", place, True)
        title = rd.text(d, "title", place, True)
        description = rd.text(d, "description", place)
        ok, score = score_of(d, place)
        for key in ("tags",):
            rd.listof(d, key, place)
        if stage and stage not in stage_keys:
            problems.add(f"{place}.stageId", f"no stage '{stage}' in this journey")
            continue
        if lane_id and lane_id not in lanes:
            problems.add(f"{place}.swimlaneId", f"no swimlane '{lane_id}' in this map")
            continue
        if not (stage and lane_id and title and ok):
            continue
        kind, lane, lane_name = lanes[lane_id]
        raw_id = d.get("id")
        if isinstance(raw_id, (int, float)) and not isinstance(raw_id, bool):
            raw_id = fmt_num(raw_id)
        if raw_id is not None and not isinstance(raw_id, str):
            problems.add(f"{place}.id", f"expected text, got {_kind(raw_id)}")
            continue
        key = unique(raw_id.strip() if raw_id and raw_id.strip() else
                     unique(f"n{i + 1}", set(declared) | step_keys), step_keys)
        if raw_id and raw_id.strip() and key != raw_id.strip():
            problems.add(f"{place}.id", f"the node id '{raw_id}' is used twice")
            continue
        if kind != "steps":
            overlays.append((i, d, kind, key, score, stage, title, description))
            continue
        blueprint = d.get("blueprint")
        extra = []
        if blueprint is not None and not isinstance(blueprint, dict):
            problems.add(f"{place}.blueprint", f"expected an object, got {_kind(blueprint)}")
            blueprint = None
        if blueprint:
            evid = _blueprint_items(blueprint, "evidence", place, problems)
            names = [e.get("item", "") for e in evid if isinstance(e.get("item"), str)]
            if names:
                extra.append("Evidence: " + ", ".join(n.strip() for n in names if n.strip()))
        full = "\n".join([description] + extra).strip()
        step = add_step(place, key, stage, title, lane or Lane.CUSTOMER, d, full)
        if step is None:
            continue
        if score is not None:
            rate(key, score, d, place)
        else:
            unscored += 1
        purpose = str(d.get("purpose") or "").lower()
        if purpose in _PAIN_PURPOSE:
            pains.append(PainPoint(AUTHOR, key, description or title,
                                   severity=_severity(d, place, problems),
                                   perspective=Perspective.LIVED))
        if blueprint:
            for part, bl_lane, who, what in (("onstage", Lane.FRONTSTAGE, "actor", "action"),
                                             ("backstage", Lane.BACKSTAGE, "actor", "action"),
                                             ("support", Lane.SUPPORT, "system",
                                              "description")):
                for k, e in enumerate(_blueprint_items(blueprint, part, place, problems)):
                    actor = e.get(who) if isinstance(e.get(who), str) else ""
                    action = e.get(what) if isinstance(e.get(what), str) else ""
                    if not (actor.strip() or action.strip()):
                        continue
                    bkey = unique(f"{key}-{part}{k + 1}", step_keys | declared)
                    add_step(f"{place}.blueprint.{part}[{k}]", bkey, stage,
                             action.strip() or actor.strip(), bl_lane, {}, actor.strip())
    problems.refuse_if_any(source)

    # emotion and pain overlays: attach to the stage's main steps --------------------------
    def stage_steps(stage: str) -> list[Step]:
        ss = [s for s in j.steps if s.stage == stage]
        return sorted(ss, key=lambda s: (s.lane is not Lane.CUSTOMER,))

    def unscored_feeling(d: dict, place: str, title: str, text: str, target: Step) -> None:
        """An emotion node without a score: its sentiment word gives the feeling (the word's
        place on the scale), a pain purpose or a severity gives a pain point; whatever is
        left is listed as not kept."""
        sentiment = d.get("sentiment") if isinstance(d.get("sentiment"), str) else ""
        purpose = str(d.get("purpose") or "").strip().lower()
        has_severity = isinstance(d.get("severity"), str) and d["severity"].strip()
        word = _word(sentiment)
        kept = False
        if word and target.key not in ratings:
            ratings[target.key] = Rating(participant=AUTHOR, step=target.key,
                                         emotion=float(EMOTION_WORDS[word]),
                                         perspective=Perspective.LIVED, emotion_word=word,
                                         comment=text[:2000])
            notes.append(Note("ojf.feeling_from_word", place=place, title=title[:60],
                              word=word, emotion=fmt_num(float(EMOTION_WORDS[word])),
                              step=target.title[:60]))
            kept = True
        if purpose in _PAIN_PURPOSE or (has_severity and not kept):
            pains.append(PainPoint(AUTHOR, target.key, text[:2000],
                                   severity=_severity(d, place, problems),
                                   perspective=Perspective.LIVED))
            notes.append(Note("ojf.feeling_as_pain", place=place, title=title[:60],
                              step=target.title[:60]))
            kept = True
        elif purpose in _POSITIVE_PURPOSE and not kept:
            highlights.append(Highlight(AUTHOR, target.key, text[:2000], Perspective.LIVED))
            kept = True
        if not kept:
            what = ", ".join(f"{k} '{str(d.get(k))[:30]}'" for k in ("sentiment", "purpose")
                             if d.get(k) not in (None, "")) or "-"
            notes.append(left_out("ojf.feeling_dropped", place=place, title=title[:60],
                                  what=what))

    used_emotion: dict[str, int] = {}
    for i, d, kind, key, score, stage, title, description in overlays:
        place = f"nodes[{i}]"
        text = f"{title}: {description}" if description else title
        candidates = stage_steps(stage)
        if kind == "emotion":
            n = used_emotion.get(stage, 0)
            used_emotion[stage] = n + 1
            target = candidates[n] if n < len(candidates) else None
            if target is None:
                step = add_step(place, key, stage, title, Lane.CUSTOMER, d, description)
                if step is not None and score is not None:
                    rate(key, score, d, place)
                notes.append(Note("ojf.feeling_as_step", place=place, title=title[:60]))
                continue
            if score is None:
                unscored_feeling(d, place, title, text, target)
                continue
            old = ratings.get(target.key)
            rate(target.key, score, d, place, comment=text)
            notes.append(Note("ojf.feeling_replacing" if old else "ojf.feeling", place=place,
                              title=title[:60], step=target.title[:60], score=fmt_num(score),
                              emotion=fmt_num(round(score * 0.6, 6)),
                              old=fmt_num(old.emotion) if old else ""))
        else:
            target = candidates[0] if candidates else None
            if target is None:
                step = add_step(place, key, stage, title, Lane.CUSTOMER, d, description)
                if step is not None and score is not None:
                    rate(key, score, d, place)
                notes.append(Note("ojf.overlay_as_step", place=place, title=title[:60]))
                continue
            purpose = str(d.get("purpose") or "").lower()
            positive = (score is not None and score > 0) or purpose in _POSITIVE_PURPOSE
            if positive:
                highlights.append(Highlight(AUTHOR, target.key, text[:2000],
                                            Perspective.LIVED))
                notes.append(Note("ojf.highlight", place=place, title=title[:60],
                                  step=target.title[:60]))
            else:
                pains.append(PainPoint(AUTHOR, target.key, text[:2000],
                                       severity=_severity(d, place, problems),
                                       perspective=Perspective.LIVED))
                notes.append(Note("ojf.pain", place=place, title=title[:60],
                                  step=target.title[:60]))
                if score:
                    notes.append(left_out("ojf.pain_score", place=place, title=title[:60],
                                          score=fmt_num(score)))
    problems.refuse_if_any(source)

    if ratings or pains or highlights:
        j.participants.append(author)
    order = {s.key: i for i, s in enumerate(j.steps)}
    j.ratings = sorted(ratings.values(), key=lambda r: order[r.step])
    for n, p in enumerate(pains, start=1):
        p.key = f"pp{n}"
    j.pain_points = pains
    j.highlights = highlights
    if not j.steps:
        raise ImportRefused(source, ["nodes: no node could be read as a step"])
    unread: dict[str, int] = {}
    for d in nodes:
        if isinstance(d, dict):
            for k, v in d.items():
                if k not in _NODE_KEYS and v not in (None, "", [], {}):
                    unread[str(k)] = unread.get(str(k), 0) + 1
    if unread:
        notes.append(left_out("ojf.unread", names=", ".join(
            f"{k} ×{v}" for k, v in sorted(unread.items())[:12])))
    if ratings:
        notes.append(Note("ojf.rescaled", n=len(ratings), author=author.name))
    if unscored:
        notes.append(Note("ojf.unscored", n=unscored))
    notes.append(Note("ojf.no_transitions"))
    return j


def _blueprint_items(bp: dict, part: str, place: str, problems: Problems) -> list[dict]:
    v = bp.get(part)
    if v is None:
        return []
    if not isinstance(v, list):
        problems.add(f"{place}.blueprint.{part}", f"expected a list, got {_kind(v)}")
        return []
    out = []
    for k, e in enumerate(v):
        if not isinstance(e, dict):
            problems.add(f"{place}.blueprint.{part}[{k}]", f"expected an object, got {_kind(e)}")
            continue
        out.append(e)
    return out


def _severity(d: dict, place: str, problems: Problems) -> int:
    v = d.get("severity")
    if v is None or v == "":
        return 2
    if isinstance(v, str) and v.strip().lower() in _SEVERITY:
        return _SEVERITY[v.strip().lower()]
    problems.add(f"{place}.severity", f"'{v}' is not one of: low, medium, high")
    return 2


def loads(data: bytes | str, source: str = "journey.ojf", language: str | None = None,
          notes: list[str] | None = None) -> Journey:
    """Read an ``.ojf`` file; refuse it whole with every problem's field path."""
    check_size(data, source)
    return load_document(parse_json(data, source), source, language, notes)


# export -----------------------------------------------------------------------------------

#: one swimlane per lane, named so that :func:`lane_kind` reads it back as that lane
LANE_NAMES = {Lane.CUSTOMER: "Customer Actions", Lane.FRONTSTAGE: "Frontstage Touchpoints",
              Lane.BACKSTAGE: "Backstage Actions", Lane.SUPPORT: "Support Processes"}
PAIN_LANE = "Pain Points"
_SEVERITY_WORD = {1: "low", 2: "medium", 3: "high"}


def _score(emotion: float) -> int | float:
    v = round(emotion / 0.6, 2)
    v = max(-5.0, min(5.0, v))
    return int(v) if float(v).is_integer() else v


def dumps(j: Journey) -> str:
    """The journey as an OpenJourney map (JSON text).

    Root ``version``, ``title``, ``persona``, ``pointOfView`` (the goal); stages as they are;
    one swimlane per lane used (named so the importer reads it back as that lane) and one
    ``Pain Points`` lane; each step a node in canonical order (id, title, description, moment
    of truth, its channel as a tag) scored with its mean lived emotion as ``e / 0.6``
    (−3→−5, 0→0, +3→+5; the emotion word when one person rated it); each pain point a node
    of the pain lane in its step's stage (severity 1/2/3 → low/medium/high, purpose
    ``pain-point``) and each highlight one with purpose ``gain``. People, effort, success,
    assumed and employee ratings, transitions, proposals and opportunities have no place in
    OpenJourney. Export → import → export gives the identical text."""
    import json

    from journeymap.domain.graph import JourneyGraph

    order = JourneyGraph.of(j).order()
    steps = {s.key: s for s in j.steps}
    lanes = [ln for ln in Lane if any(s.lane is ln for s in j.steps)]
    lane_ids = {ln: f"lane-{ln.value}" for ln in lanes}
    lived: dict[str, list[Rating]] = {}
    for r in j.ratings:
        if r.perspective is Perspective.LIVED:
            lived.setdefault(r.step, []).append(r)
    nodes = []
    for k in order:
        s = steps[k]
        node: dict[str, Any] = {"id": s.key, "stageId": s.stage,
                                "swimlaneId": lane_ids[s.lane], "title": s.title}
        if s.description:
            node["description"] = s.description
        rs = lived.get(k, [])
        if rs:
            node["score"] = _score(sum(r.emotion for r in rs) / len(rs))
            if len(rs) == 1 and rs[0].emotion_word:
                node["sentiment"] = rs[0].emotion_word
        if s.moment_of_truth:
            node["isMomentOfTruth"] = True
        if s.channel:
            node["tags"] = [s.channel]
        nodes.append(node)
    extra = []
    for p in j.pain_points:
        if p.step in steps:
            extra.append({"stageId": steps[p.step].stage, "swimlaneId": "lane-pain",
                          "title": p.text, "severity": _SEVERITY_WORD.get(p.severity,
                                                                          "medium"),
                          "purpose": "pain-point"})
    for h in j.highlights:
        if h.step in steps:
            extra.append({"stageId": steps[h.step].stage, "swimlaneId": "lane-pain",
                          "title": h.text, "purpose": "gain"})
    doc: dict[str, Any] = {"version": "1.0", "title": j.title}
    if j.persona:
        doc["persona"] = j.persona
    if j.goal:
        doc["pointOfView"] = j.goal
    doc["stages"] = [{"id": st.key, "name": st.name} for st in j.stages]
    doc["swimlanes"] = [{"id": lane_ids[ln], "name": LANE_NAMES[ln]} for ln in lanes]
    if extra:
        doc["swimlanes"].append({"id": "lane-pain", "name": PAIN_LANE})
    doc["nodes"] = nodes + extra
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
