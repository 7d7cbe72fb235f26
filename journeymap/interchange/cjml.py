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
* each actual journey → one customer participant (named by its end user's ``actorName`` or
  the ``journeyTitle``; anonymous without either); a touchpoint whose id is a planned one →
  a lived rating with ``emotion = (rating − 3) × 1.5`` (1→−3, 2→−1.5, 3→0, 4→1.5, 5→3) and the
  experience description (or comment) as comment; ``missing`` → a skip; an ad-hoc touchpoint
  (unknown id, or compliance ``adHoc``) → that customer's proposal of a missing step, after
  the planned touchpoint before it. The original scale is kept in ``journey.source``
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
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from journeymap.domain.errors import ImportRefused, ValidationError
from journeymap.domain.graph import JourneyGraph
from journeymap.domain.model import (
    LANGUAGES,
    Journey,
    Lane,
    Participant,
    Perspective,
    Proposal,
    Rating,
    Role,
    Skip,
    Stage,
    Step,
    Transition,
)
from journeymap.i18n import t

from ._common import (
    EMOTION_TO_FIVE,
    FIVE_TO_EMOTION,
    Problems,
    check_size,
    emotion_to_five,
    five_to_emotion,
    slug,
    unique,
    xml_chars,
)

MIME = "application/xml"
VERSION = "2.0"
PLANNED_ID = "PJ1"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PROVIDER_WORDS = (
    (Lane.BACKSTAGE, ("backstage", "back office", "backoffice", "back-office", "internal")),
    (Lane.SUPPORT, ("support", "system", "supporto")),
    (Lane.FRONTSTAGE, ("frontstage", "front office", "frontoffice", "onstage")),
)


# export -----------------------------------------------------------------------------------

class _W:
    def __init__(self):
        self.lines: list[str] = []

    def open(self, depth: int, tag: str, attrs: str = "") -> None:
        self.lines.append(f"{'  ' * depth}<{tag}{attrs}>")

    def close(self, depth: int, tag: str) -> None:
        self.lines.append(f"{'  ' * depth}</{tag}>")

    def leaf(self, depth: int, tag: str, text: str, attrs: str = "") -> None:
        self.lines.append(f"{'  ' * depth}<{tag}{attrs}>{_text(text)}</{tag}>")

    def empty(self, depth: int, tag: str, attrs: str) -> None:
        self.lines.append(f"{'  ' * depth}<{tag}{attrs}/>")


def _text(s: str) -> str:
    """XML character data: escaped, characters XML 1.0 cannot hold dropped, CR kept as &#13;."""
    return escape(xml_chars(str(s))).replace("\r", "&#13;")


def _attr(name: str, value: str) -> str:
    v = _text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return f' {name}="{v}"'


def _kind(step: Step) -> str:
    return "CommunicationPoint" if step.channel else "Action"


def _lane_actor(lane: Lane) -> str:
    return lane.value


def dumps(j: Journey) -> str:
    """The journey as CJML 2.0 XML text (see the module's notes)."""
    lang = j.language
    w = _W()
    w.lines.append('<?xml version="1.0" encoding="UTF-8"?>')
    w.open(0, "CJML", _attr("version", VERSION) + _attr("xml:lang", j.language))
    w.open(1, "plannedJourney")
    w.leaf(2, "journeyID", PLANNED_ID)
    w.leaf(2, "journeyTitle", j.title)
    if j.goal:
        w.leaf(2, "journeyShortSummary", j.goal)
    w.open(2, "journeyPhases")
    for s in j.stages:
        w.open(3, "journeyPhase", _attr("phaseID", s.key))
        w.leaf(4, "phaseName", s.name)
        w.close(3, "journeyPhase")
    w.close(2, "journeyPhases")
    order = JourneyGraph.of(j).order()
    steps = {s.key: s for s in j.steps}
    ordered = [steps[k] for k in order]
    lanes = {s.lane for s in ordered} | {Lane.CUSTOMER}
    providers = [ln for ln in Lane if ln in lanes and ln is not Lane.CUSTOMER]
    if any(s.channel and s.lane is Lane.CUSTOMER for s in ordered) and \
            Lane.FRONTSTAGE not in providers:
        providers.insert(0, Lane.FRONTSTAGE)
    w.open(2, "actors")
    w.open(3, "endUser", _attr("actorID", _lane_actor(Lane.CUSTOMER)))
    w.leaf(4, "actorName", j.persona or t("interchange.cjml.customer", lang))
    w.close(3, "endUser")
    for ln in providers:
        w.open(3, "serviceProvider", _attr("actorID", _lane_actor(ln)))
        w.leaf(4, "actorName", t(f"lane.{ln.value}", lang))
        w.close(3, "serviceProvider")
    w.close(2, "actors")
    w.open(2, "touchpoints")
    for s in ordered:
        tag = "planned" + _kind(s)
        w.open(3, tag)
        w.leaf(4, "touchpointID", s.key)
        w.empty(4, "belongsTo", _attr("phaseIDref", s.stage))
        w.open(4, "initiator")
        w.empty(5, "refersTo", _attr("actorIDref", _lane_actor(s.lane)))
        w.leaf(5, "initiatorLabel", s.title)
        w.close(4, "initiator")
        if s.channel:
            other = Lane.FRONTSTAGE if s.lane is Lane.CUSTOMER else Lane.CUSTOMER
            w.open(4, "receiver")
            w.empty(5, "refersTo", _attr("actorIDref", _lane_actor(other)))
            w.close(4, "receiver")
            w.open(4, "channel")
            w.leaf(5, "channelName", s.channel)
            w.close(4, "channel")
        if s.description:
            w.leaf(4, "comment", s.description)
        w.close(3, tag)
    w.close(2, "touchpoints")
    w.close(1, "plannedJourney")

    pos = {k: i for i, k in enumerate(order)}
    for p in j.participants:
        if p.role is not Role.CUSTOMER:
            continue
        rated = {r.step: r for r in j.ratings
                 if r.participant == p.key and r.perspective is Perspective.LIVED}
        skipped = {s.step for s in j.skips if s.participant == p.key}
        touched = sorted(set(rated) | skipped, key=lambda k: pos.get(k, len(pos)))
        if not touched:
            continue
        w.open(1, "actualJourney")
        w.leaf(2, "journeyID", f"AJ-{p.key}")
        if not p.anonymous:
            w.leaf(2, "journeyTitle", p.name)
        w.leaf(2, "plannedReference", PLANNED_ID)
        w.open(2, "actors")
        if p.anonymous:
            w.empty(3, "endUser", _attr("actorID", p.key))
        else:
            w.open(3, "endUser", _attr("actorID", p.key))
            w.leaf(4, "actorName", p.name)
            w.close(3, "endUser")
        w.close(2, "actors")
        w.open(2, "touchpoints")
        for k in touched:
            s = steps[k]
            tag = "actual" + _kind(s)
            w.open(3, tag)
            w.leaf(4, "touchpointID", k)
            w.empty(4, "belongsTo", _attr("phaseIDref", s.stage))
            if k in rated:
                w.leaf(4, "compliance", "asPlanned")
                r = rated[k]
                w.open(4, "touchpointExperience")
                if r.comment:
                    w.leaf(5, "experienceDescription", r.comment)
                w.leaf(5, "experienceRating", str(emotion_to_five(r.emotion)))
                w.close(4, "touchpointExperience")
            else:
                w.leaf(4, "compliance", "missing")
            w.close(3, tag)
        w.close(2, "touchpoints")
        w.close(1, "actualJourney")
    w.close(0, "CJML")
    return "\n".join(w.lines) + "\n"


# import -----------------------------------------------------------------------------------

def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class _Node:
    """An element with its path (``/CJML/plannedJourney/touchpoints/plannedAction[2]``)."""

    def __init__(self, el: ET.Element, path: str):
        self.el = el
        self.path = path

    @property
    def tag(self) -> str:
        return _local(self.el.tag)

    def children(self, *names: str) -> list["_Node"]:
        counts: dict[str, int] = {}
        totals: dict[str, int] = {}
        for c in self.el:
            totals[_local(c.tag)] = totals.get(_local(c.tag), 0) + 1
        out = []
        for c in self.el:
            name = _local(c.tag)
            counts[name] = counts.get(name, 0) + 1
            if names and name not in names:
                continue
            suffix = f"[{counts[name]}]" if totals[name] > 1 else ""
            out.append(_Node(c, f"{self.path}/{name}{suffix}"))
        return out

    def child(self, name: str) -> "_Node | None":
        found = self.children(name)
        return found[0] if found else None

    def text(self, name: str) -> str:
        c = self.child(name)
        return (c.el.text or "").strip() if c is not None else ""

    def attr(self, name: str) -> str:
        return (self.el.get(name) or "").strip()


def _parse(data: bytes | str, source: str) -> _Node:
    check_size(data, source)
    try:
        root = DET.fromstring(data, forbid_dtd=True, forbid_entities=True,
                              forbid_external=True)
    except DefusedXmlException as e:
        raise ImportRefused(source, [
            f"/: refused for safety: the file declares a document type or entities "
            f"({type(e).__name__}); CJML files need neither"]) from None
    except ET.ParseError as e:
        line, col = getattr(e, "position", (0, 0))
        msg = str(e).split(":")[0]
        raise ImportRefused(source, [
            f"line {line}, column {col + 1}: not well-formed XML ({msg})"]) from None
    except (ValueError, TypeError) as e:
        raise ImportRefused(source, [f"not readable XML ({e})"]) from None
    node = _Node(root, "/" + _local(root.tag))
    return node


def _lane_for(actor_id: str, kind: str, name: str) -> tuple[Lane, bool]:
    """The lane of a touchpoint's initiator; ``(lane, guessed)``."""
    if kind == "endUser":
        return Lane.CUSTOMER, False
    for text in (actor_id, name):
        low = text.lower()
        for lane in Lane:
            if low == lane.value:
                return lane, False
        for lane, words in _PROVIDER_WORDS:
            if any(w in low for w in words):
                return lane, False
    return Lane.FRONTSTAGE, True


def loads(data: bytes | str, source: str = "journey.xml", language: str | None = None,
          notes: list[str] | None = None) -> Journey:
    """Read CJML XML; refuse it whole, naming each problem's element path."""
    notes = [] if notes is None else notes
    root = _parse(data, source)
    problems = Problems()
    if root.tag.lower() != "cjml":
        raise ImportRefused(source, [f"{root.path}: the root element is '{root.tag}'; a CJML "
                                     "file starts with <CJML version=\"2.0\">"])
    version = root.attr("version")
    if version and not version.startswith("2"):
        notes.append(f"CJML version {version} read as 2.0")
    holders = [root] + root.children("journeyDiagram")
    planned = [n for h in holders for n in h.children("plannedJourney")]
    actual = [n for h in holders for n in h.children("actualJourney")]
    if not planned:
        raise ImportRefused(source, [f"{root.path}: no plannedJourney (the map to import)"])
    if len(planned) > 1:
        notes.append(f"{len(planned)} planned journeys: only the first "
                     f"({planned[0].path}) is imported")
    pj = planned[0]
    file_lang = (root.el.get(XML_LANG) or "").split("-")[0].lower()
    lang = file_lang if file_lang in LANGUAGES else language if language in LANGUAGES else "en"

    # actors -------------------------------------------------------------------------------
    actors: dict[str, tuple[str, str]] = {}  # id -> (kind, name)
    acts = pj.child("actors")
    end_users: list[str] = []
    for a in acts.children() if acts is not None else []:
        aid = a.attr("actorID") or a.attr("actorId") or a.attr("id")
        if not aid:
            problems.add(f"{a.path}/@actorID", "missing (required)")
            continue
        actors[aid] = (a.tag, a.text("actorName"))
        if a.tag == "endUser":
            end_users.append(aid)
    persona = actors[end_users[0]][1] if end_users else ""
    if persona and persona.lower() in {t("interchange.cjml.customer", lg).lower()
                                       for lg in LANGUAGES}:
        persona = ""

    title = pj.text("journeyTitle") or source.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "Journey"
    try:
        j = Journey(title=title, persona=persona[:500], goal=pj.text("journeyShortSummary"),
                    language=lang)
    except ValidationError as e:
        raise ImportRefused(source, [f"{pj.path}/journeyTitle: {e.message}"]) from None
    if not pj.text("journeyTitle"):
        notes.append(f"no journeyTitle: the journey is named '{title}' after the file")
    j.source = {"format": "cjml", "version": version or VERSION, "scale": "1..5",
                "rescale": FIVE_TO_EMOTION, "export": EMOTION_TO_FIVE}

    # phases -------------------------------------------------------------------------------
    phases = pj.child("journeyPhases")
    taken: set[str] = set()
    for ph in phases.children("journeyPhase") if phases is not None else []:
        pid = ph.attr("phaseID") or ph.attr("phaseId")
        name = ph.text("phaseName") or pid
        if not pid:
            problems.add(f"{ph.path}/@phaseID", "missing (required)")
            continue
        if pid in taken:
            problems.add(f"{ph.path}/@phaseID", f"the phase id '{pid}' is used twice")
            continue
        try:
            j.stages.append(Stage(pid, name))
            taken.add(pid)
        except ValidationError as e:
            problems.add(f"{ph.path}/{'@phaseID' if e.field == 'id' else 'phaseName'}",
                         e.message)

    # planned touchpoints ------------------------------------------------------------------
    tps = pj.child("touchpoints")
    planned_tps = [n for n in (tps.children() if tps is not None else [])
                   if n.tag.startswith("planned")]
    if not planned_tps:
        problems.add(f"{pj.path}/touchpoints", "no planned touchpoints (plannedAction or "
                                                "plannedCommunicationPoint)")
    guessed: set[str] = set()
    fallback_stage: str | None = None
    for tp in planned_tps:
        tid = tp.text("touchpointID")
        if not tid:
            problems.add(f"{tp.path}/touchpointID", "missing (required)")
            continue
        phase = (tp.child("belongsTo").attr("phaseIDref")
                 if tp.child("belongsTo") is not None else "")
        if not phase:
            if fallback_stage is None:
                fallback_stage = unique("journey", taken)
                j.stages.append(Stage(fallback_stage, title[:200]))
                notes.append(f"touchpoints without a phase go to the stage '{title[:60]}'")
            phase = fallback_stage
        elif phase not in taken:
            problems.add(f"{tp.path}/belongsTo/@phaseIDref", f"no phase '{phase}' in this "
                                                              "journey")
            continue
        ini = tp.child("initiator")
        ref = ""
        label = ""
        if ini is not None:
            label = ini.text("initiatorLabel")
            r = ini.child("refersTo")
            ref = r.attr("actorIDref") if r is not None else ""
        if ref and ref not in actors:
            problems.add(f"{ini.path}/refersTo/@actorIDref", f"no actor '{ref}' in this journey")
            continue
        kind, aname = actors.get(ref, ("endUser", ""))
        lane, was_guess = _lane_for(ref, kind, aname)
        if was_guess:
            guessed.add(ref)
        ch = tp.child("channel")
        channel = ch.text("channelName") if ch is not None else ""
        comment = tp.text("comment")
        step_title = label or comment or tid
        try:
            j.add_step(Step(key=tid, stage=phase, title=step_title, lane=lane,
                            channel=channel[:60],
                            description=comment if label else ""))
        except ValidationError as e:
            where = {"id": "touchpointID", "title": "initiator/initiatorLabel",
                     "channel": "channel/channelName", "description": "comment",
                     "stage": "belongsTo/@phaseIDref"}.get(e.field or "", "")
            problems.add(f"{tp.path}/{where}" if where else tp.path, e.message)
    for ref in sorted(guessed):
        notes.append(f"service provider '{ref}' read as the frontstage lane")
    for a, b in zip(j.steps, j.steps[1:]):
        j.transitions.append(Transition(a.key, b.key))
    if len(j.steps) > 1:
        notes.append("planned touchpoints linked in document order by transitions")

    # actual journeys ----------------------------------------------------------------------
    step_keys = {s.key for s in j.steps}
    people: set[str] = set()
    n_ratings = n_skips = n_adhoc = 0
    for aj in actual:
        ref = aj.text("plannedReference")
        pj_id = pj.text("journeyID")
        if ref and pj_id and ref != pj_id:
            notes.append(f"{aj.path}: refers to planned journey '{ref}', not '{pj_id}'; "
                         "read against it anyway")
        acts = aj.child("actors")
        users = [a for a in (acts.children("endUser") if acts is not None else [])]
        uid = users[0].attr("actorID") if users else ""
        name = (users[0].text("actorName") if users else "") or aj.text("journeyTitle")
        base = slug(uid or aj.text("journeyID") or "customer", "customer")
        key = unique(uid or base, people)
        if uid and key != uid:
            notes.append(f"{aj.path}: a second actual journey of '{uid}' becomes customer "
                         f"'{key}'")
        try:
            person = Participant(key=key, name=name[:120], role=Role.CUSTOMER,
                                 anonymous=not name)
        except ValidationError as e:
            problems.add(f"{aj.path}/actors", e.message)
            continue
        j.participants.append(person)
        tps = aj.child("touchpoints")
        last_planned = ""
        rated: set[str] = set()
        for tp in tps.children() if tps is not None else []:
            if not tp.tag.startswith("actual"):
                continue
            tid = tp.text("touchpointID")
            compliance = tp.text("compliance").lower().replace(" ", "").replace("-", "")
            exp = tp.child("touchpointExperience")
            rating_text = exp.text("experienceRating") if exp is not None else ""
            comment = (exp.text("experienceDescription") if exp is not None else "") or \
                tp.text("comment")
            if tid in step_keys and compliance not in ("adhoc",):
                last_planned = tid
                if compliance == "missing":
                    j.skips.append(Skip(key, tid))
                    n_skips += 1
                    continue
                if not rating_text:
                    continue
                try:
                    value = float(rating_text)
                except ValueError:
                    problems.add(f"{exp.path}/experienceRating",
                                 f"'{rating_text[:20]}' is not a number 1..5")
                    continue
                if not 1 <= value <= 5:
                    problems.add(f"{exp.path}/experienceRating", f"{rating_text} is outside 1..5")
                    continue
                if tid in rated:
                    problems.add(tp.path, f"a second rating of touchpoint '{tid}' in this "
                                          "actual journey")
                    continue
                rated.add(tid)
                try:
                    j.ratings.append(Rating(participant=key, step=tid,
                                            emotion=five_to_emotion(value),
                                            perspective=Perspective.LIVED, comment=comment))
                    n_ratings += 1
                except ValidationError as e:
                    problems.add(f"{exp.path}/experienceDescription", e.message)
                continue
            # ad hoc: a touchpoint the plan does not have -> this customer's proposal
            ini = tp.child("initiator")
            label = (ini.text("initiatorLabel") if ini is not None else "") or comment or tid
            bt = tp.child("belongsTo")
            phase = bt.attr("phaseIDref") if bt is not None else ""
            if phase not in taken:
                phase = j.step(last_planned).stage if last_planned else \
                    (j.stages[0].key if j.stages else "")
            if not phase:
                continue
            try:
                j.proposals.append(Proposal(participant=key, title=label or "?", stage=phase,
                                            after=last_planned,
                                            description=comment if label != comment else ""))
                n_adhoc += 1
            except ValidationError as e:
                problems.add(tp.path, f"{e.field}: {e.message}")
    problems.refuse_if_any(source)
    if actual:
        notes.append(f"{len(j.participants)} actual journeys became customers; experience "
                     f"ratings 1..5 rescaled to -3..+3 as (rating-3)*1.5 ({n_ratings} lived "
                     f"ratings)")
    if n_skips:
        notes.append(f"{n_skips} missing touchpoints recorded as skipped steps")
    if n_adhoc:
        notes.append(f"{n_adhoc} ad-hoc touchpoints became proposals of missing steps")
    return j
