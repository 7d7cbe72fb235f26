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
"""

from __future__ import annotations

import re
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
    PainPoint,
    Participant,
    Perspective,
    Rating,
    Role,
    Skip,
    Stage,
    Step,
    Success,
    Transition,
)
from journeymap.i18n import t

from ._common import (
    EMOTION_TO_FIVE,
    FIVE_TO_EMOTION,
    Note,
    Problems,
    left_out,
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


def _strs(v) -> list[str]:
    return [x for x in v if isinstance(x, str)] if isinstance(v, list) else []


def _strmap(v) -> dict[str, str]:
    return {k: x for k, x in v.items() if isinstance(k, str) and isinstance(x, str)} \
        if isinstance(v, dict) else {}


def _touchpoint(w: "_W", kind: str, s: Step, initiators: dict, channels: dict,
                receivers: dict, compliance: str = "", close: bool = True) -> str:
    """One touchpoint with its initiator, receiver, channel and comment; returns its tag."""
    tag = kind + _kind(s)
    w.open(3, tag)
    w.leaf(4, "touchpointID", s.key)
    w.empty(4, "belongsTo", _attr("phaseIDref", s.stage))
    if compliance:
        w.leaf(4, "compliance", compliance)
    w.open(4, "initiator")
    w.empty(5, "refersTo", _attr("actorIDref", initiators.get(s.key, _lane_actor(s.lane))))
    w.leaf(5, "initiatorLabel", s.title)
    w.close(4, "initiator")
    rec = receivers.get(s.key) if isinstance(receivers.get(s.key), dict) else {}
    if s.channel or rec:
        other = Lane.FRONTSTAGE if s.lane is Lane.CUSTOMER else Lane.CUSTOMER
        w.open(4, "receiver")
        w.empty(5, "refersTo", _attr("actorIDref", str(rec.get("actor") or
                                                        _lane_actor(other))))
        if rec.get("label"):
            w.leaf(5, "receiverLabel", str(rec["label"]))
        w.close(4, "receiver")
    if s.channel:
        w.open(4, "channel")
        w.leaf(5, "channelName", channels.get(s.channel, s.channel))
        w.close(4, "channel")
    if s.description:
        w.leaf(4, "comment", s.description)
    if close:
        w.close(3, tag)
    return tag


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
    src = j.source if j.source.get("format") == "cjml" else {}
    deviations = set(_strs(src.get("deviations")))
    initiators = _strmap(src.get("initiators"))
    src_actors = src.get("actors") if isinstance(src.get("actors"), dict) else {}
    channels = _strmap(src.get("channels"))
    receivers = src.get("receivers") if isinstance(src.get("receivers"), dict) else {}
    ordered = [steps[k] for k in order if k not in deviations]
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
    declared = {_lane_actor(Lane.CUSTOMER)} | {_lane_actor(ln) for ln in providers}
    extra = [a for a in dict.fromkeys(list(initiators.values()) + [
        str(r.get("actor")) for r in receivers.values() if isinstance(r, dict)
        and r.get("actor")]) if a not in declared]
    for aid in extra:
        info = src_actors.get(aid) if isinstance(src_actors.get(aid), dict) else {}
        kind = "endUser" if info.get("kind") == "endUser" else "serviceProvider"
        name = str(info.get("name") or "")
        if name:
            w.open(3, kind, _attr("actorID", aid))
            w.leaf(4, "actorName", name)
            w.close(3, kind)
        else:
            w.empty(3, kind, _attr("actorID", aid))
    w.close(2, "actors")
    w.open(2, "touchpoints")
    for s in ordered:
        _touchpoint(w, "planned", s, initiators, channels, receivers)
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
        touched = [k for k in touched if k in steps]
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
            if k in deviations:
                tag = _touchpoint(w, "actual", s, initiators, channels, receivers,
                                  compliance="adHoc", close=False)
            else:
                tag = "actual" + _kind(s)
                w.open(3, tag)
                w.leaf(4, "touchpointID", k)
                w.empty(4, "belongsTo", _attr("phaseIDref", s.stage))
            if k in rated:
                r = rated[k]
                if k not in deviations:
                    w.leaf(4, "compliance", "failing" if r.success is Success.NO
                           else "asPlanned")
                w.open(4, "touchpointExperience")
                if r.comment:
                    w.leaf(5, "experienceDescription", r.comment)
                w.leaf(5, "experienceRating", str(emotion_to_five(r.emotion)))
                w.close(4, "touchpointExperience")
            elif k not in deviations:
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


#: elements the importer reads; any other element with content is listed as left out
_READ = {"CJML", "journeyDiagram", "plannedJourney", "actualJourney", "journeyID",
         "journeyTitle", "journeyShortSummary", "journeyPhases", "journeyPhase", "phaseName",
         "actors", "endUser", "serviceProvider", "actorName", "companyName", "touchpoints",
         "plannedAction", "plannedCommunicationPoint", "actualAction",
         "actualCommunicationPoint", "touchpointID", "belongsTo", "initiator", "receiver",
         "refersTo", "initiatorLabel", "receiverLabel", "channel", "channelName", "comment",
         "compliance", "touchpointExperience", "experienceDescription", "experienceRating",
         "plannedReference"}
_DEVIATION = ("adhoc", "deviation", "deviating", "deviated")


def _compliance(tp: _Node) -> str:
    return tp.text("compliance").lower().replace(" ", "").replace("-", "").replace("_", "")


class _Actors:
    """The actors a journey declares: id → (kind, name); references resolved by id or name."""

    def __init__(self):
        self.by_id: dict[str, tuple[str, str]] = {}

    def read(self, holder: _Node, problems: Problems) -> list[str]:
        end_users = []
        acts = holder.child("actors")
        for a in acts.children() if acts is not None else []:
            if a.tag not in ("endUser", "serviceProvider"):
                continue
            aid = a.attr("actorID") or a.attr("actorId") or a.attr("id")
            if not aid:
                problems.add(f"{a.path}/@actorID", "missing (required)")
                continue
            name = a.text("actorName") or a.text("companyName")
            if aid not in self.by_id or not self.by_id[aid][1]:
                self.by_id[aid] = (a.tag, name)
            if a.tag == "endUser":
                end_users.append(aid)
        return end_users

    def resolve(self, ref: str) -> str | None:
        """The actor id a reference means: its id, else the actor with that name."""
        if ref in self.by_id:
            return ref
        low = ref.casefold()
        for aid, (_, name) in self.by_id.items():
            if name and name.casefold() == low:
                return aid
        return None


def _tp_parts(tp: _Node) -> dict:
    ini = tp.child("initiator")
    rec = tp.child("receiver")
    ch = tp.child("channel")
    bt = tp.child("belongsTo")
    ref = ""
    if ini is not None and ini.child("refersTo") is not None:
        ref = ini.child("refersTo").attr("actorIDref")
    rref = ""
    if rec is not None and rec.child("refersTo") is not None:
        rref = rec.child("refersTo").attr("actorIDref")
    return {"id": tp.text("touchpointID"), "ref": ref, "ini": ini,
            "label": ini.text("initiatorLabel") if ini is not None else "",
            "receiver": rref, "receiver_label": rec.text("receiverLabel") if rec is not None
            else "", "channel": ch.text("channelName") if ch is not None else "",
            "comment": tp.text("comment"), "phase": bt.attr("phaseIDref") if bt is not None
            else ""}


def loads(data: bytes | str, source: str = "journey.xml", language: str | None = None,
          notes: list | None = None) -> Journey:
    """Read CJML XML; refuse it whole, naming each problem's element path."""
    notes = [] if notes is None else notes
    root = _parse(data, source)
    problems = Problems()
    if root.tag.lower() != "cjml":
        raise ImportRefused(source, [f"{root.path}: the root element is '{root.tag}'; a CJML "
                                     "file starts with <CJML version=\"2.0\">"])
    version = root.attr("version")
    if version and not version.startswith("2"):
        notes.append(Note("cjml.version", version=version[:20]))
    holders = [root] + root.children("journeyDiagram")
    planned = [n for h in holders for n in h.children("plannedJourney")]
    actual = [n for h in holders for n in h.children("actualJourney")]
    if not planned and not actual:
        raise ImportRefused(source, [f"{root.path}: no plannedJourney and no actualJourney "
                                     "(nothing to import)"])
    if len(planned) > 1:
        notes.append(left_out("cjml.more_planned", n=len(planned) - 1, path=planned[0].path))
    pj = planned[0] if planned else None
    file_lang = (root.el.get(XML_LANG) or "").split("-")[0].lower()
    lang = file_lang if file_lang in LANGUAGES else language if language in LANGUAGES else "en"

    actors = _Actors()
    end_users = actors.read(pj, problems) if pj is not None else []
    for aj in actual:
        actors.read(aj, problems)
    head = pj if pj is not None else actual[0]
    persona = actors.by_id[end_users[0]][1] if end_users else ""
    if persona and persona.lower() in {t("interchange.cjml.customer", lg).lower()
                                       for lg in LANGUAGES}:
        persona = ""
    title = head.text("journeyTitle") if pj is not None else ""
    goal = head.text("journeyShortSummary")
    if not title and pj is None and goal:
        title, goal = goal, ""
        notes.append(Note("cjml.title_from_summary", title=title[:80]))
    if not title:
        title = source.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "Journey"
        notes.append(Note("cjml.title_from_file", title=title[:80]))
    try:
        j = Journey(title=title[:300], persona=persona[:500], goal=goal[:500], language=lang)
    except ValidationError as e:
        raise ImportRefused(source, [f"{head.path}/journeyTitle: {e.message}"]) from None
    j.source = {"format": "cjml", "version": version or VERSION, "scale": "1..5",
                "rescale": FIVE_TO_EMOTION, "export": EMOTION_TO_FIVE}
    if pj is None:
        notes.append(Note("cjml.no_planned", n=len(actual)))

    # phases -------------------------------------------------------------------------------
    taken: set[str] = set()

    def add_phases(holder: _Node) -> None:
        phases = holder.child("journeyPhases")
        for ph in phases.children("journeyPhase") if phases is not None else []:
            pid = ph.attr("phaseID") or ph.attr("phaseId")
            name = ph.text("phaseName") or pid
            if not pid:
                problems.add(f"{ph.path}/@phaseID", "missing (required)")
                continue
            if pid in taken:
                if holder is pj:
                    problems.add(f"{ph.path}/@phaseID", f"the phase id '{pid}' is used twice")
                continue
            try:
                j.stages.append(Stage(pid, name[:200]))
                taken.add(pid)
            except ValidationError as e:
                problems.add(f"{ph.path}/{'@phaseID' if e.field == 'id' else 'phaseName'}",
                             e.message)

    for h in ([pj] if pj is not None else actual):
        add_phases(h)

    fallback: list[str] = []

    def stage_for(phase: str, tp: _Node, strict: bool) -> str | None:
        if phase and phase in taken:
            return phase
        if phase and not strict:
            key = phase
            try:
                j.stages.append(Stage(key, phase[:200]))
            except ValidationError as e:
                problems.add(f"{tp.path}/belongsTo/@phaseIDref", e.message)
                return None
            taken.add(key)
            notes.append(Note("cjml.phase_from_ref", phase=phase[:60]))
            return key
        if phase:
            problems.add(f"{tp.path}/belongsTo/@phaseIDref", f"no phase '{phase}' in this "
                                                             "journey")
            return None
        if not fallback:
            fallback.append(unique("journey", taken))
            j.stages.append(Stage(fallback[0], title[:200]))
            notes.append(Note("cjml.fallback_stage", name=title[:60]))
        return fallback[0]

    channels: dict[str, str] = {}
    receivers: dict[str, dict] = {}
    initiators: dict[str, str] = {}
    guessed: set[str] = set()

    def make_step(tp: _Node, key: str, parts: dict, strict: bool, ref_required: bool):
        ref = parts["ref"]
        aid = actors.resolve(ref) if ref else ""
        if ref and aid is None:
            if ref_required:
                problems.add(f"{parts['ini'].path}/refersTo/@actorIDref",
                             f"no actor '{ref}' in this journey")
                return None
            aid = ""
        if ref and aid and aid != ref:
            notes.append(Note("cjml.ref_by_name", ref=ref[:60], actor=aid[:60]))
        kind, aname = actors.by_id.get(aid, ("endUser", "")) if aid else ("endUser", "")
        lane, was_guess = _lane_for(aid or "", kind, aname)
        if was_guess:
            guessed.add(aid)
        stage = stage_for(parts["phase"], tp, strict)
        if stage is None:
            return None
        channel = parts["channel"][:60]
        try:
            step = Step(key=key, stage=stage,
                        title=(parts["label"] or parts["comment"] or key)[:300], lane=lane,
                        channel=channel, description=parts["comment"] if parts["label"] else "")
            j.add_step(step)
        except ValidationError as e:
            where = {"id": "touchpointID", "title": "initiator/initiatorLabel",
                     "channel": "channel/channelName", "description": "comment",
                     "stage": "belongsTo/@phaseIDref"}.get(e.field or "", "")
            problems.add(f"{tp.path}/{where}" if where else tp.path, e.message)
            return None
        if channel and channel != step.channel:
            channels[step.channel] = channel
        if aid and aid != lane.value and kind != "endUser":
            initiators[key] = aid
        default = (Lane.FRONTSTAGE if lane is Lane.CUSTOMER else Lane.CUSTOMER).value
        rid = (actors.resolve(parts["receiver"]) or parts["receiver"]) if parts["receiver"] \
            else ""
        if parts["receiver_label"] or (rid and (rid != default or not step.channel)):
            receivers[key] = {k: v for k, v in (("actor", rid), ("label",
                                                                parts["receiver_label"])) if v}
        return step

    # the map: the planned journey, else the touchpoints the actual journeys share ---------
    planned_keys: list[str] = []
    if pj is not None:
        tps = pj.child("touchpoints")
        planned_tps = [n for n in (tps.children() if tps is not None else [])
                       if n.tag.startswith("planned")]
        if not planned_tps:
            problems.add(f"{pj.path}/touchpoints", "no planned touchpoints (plannedAction or "
                                                    "plannedCommunicationPoint)")
        for tp in planned_tps:
            parts = _tp_parts(tp)
            if not parts["id"]:
                problems.add(f"{tp.path}/touchpointID", "missing (required)")
                continue
            if make_step(tp, parts["id"], parts, strict=True, ref_required=True):
                planned_keys.append(parts["id"])
    else:
        seen: set[str] = set()
        for aj in actual:
            tps = aj.child("touchpoints")
            for tp in tps.children() if tps is not None else []:
                if not tp.tag.startswith("actual"):
                    continue
                parts = _tp_parts(tp)
                if not parts["id"] or parts["id"] in seen or _is_deviation(tp, parts, None):
                    continue
                seen.add(parts["id"])
                if make_step(tp, parts["id"], parts, strict=False, ref_required=False):
                    planned_keys.append(parts["id"])
    map_failed = bool(problems)
    for a, b in zip(planned_keys, planned_keys[1:]):
        j.transitions.append(Transition(a, b))

    # actual journeys ----------------------------------------------------------------------
    step_keys = set(planned_keys)
    people: set[str] = set()
    deviations: dict[str, str] = {}   # step key -> label, for deviation steps
    dev_by: dict[tuple[str, str], str] = {}
    n_ratings = n_skips = n_failing = 0
    unrated_descriptions = 0
    edges = {(t.source, t.target) for t in j.transitions}

    def link(a: str, b: str) -> None:
        if a and b and a != b and (a, b) not in edges:
            edges.add((a, b))
            j.transitions.append(Transition(a, b))

    pj_id = pj.text("journeyID") if pj is not None else ""
    for aj in actual:
        ref = aj.text("plannedReference")
        if ref and pj_id and ref != pj_id:
            notes.append(Note("cjml.other_plan", path=aj.path, ref=ref[:40], planned=pj_id[:40]))
        acts = aj.child("actors")
        users = list(acts.children("endUser")) if acts is not None else []
        uid = users[0].attr("actorID") if users else ""
        name = (users[0].text("actorName") if users else "") or aj.text("journeyTitle") or \
            (uid if pj is None else "")
        base = slug(uid or aj.text("journeyID") or "customer", "customer")
        key = unique(uid or base, people)
        try:
            person = Participant(key=key[:80], name=name[:120], role=Role.CUSTOMER,
                                 anonymous=not name)
        except ValidationError as e:
            problems.add(f"{aj.path}/actors", e.message)
            continue
        j.participants.append(person)
        tps = aj.child("touchpoints")
        last = ""
        pending_dev = ""
        rated: set[str] = set()
        for tp in tps.children() if tps is not None else []:
            if not tp.tag.startswith("actual"):
                continue
            parts = _tp_parts(tp)
            tid = parts["id"]
            compliance = _compliance(tp)
            exp = tp.child("touchpointExperience")
            rating_text = exp.text("experienceRating") if exp is not None else ""
            description = exp.text("experienceDescription") if exp is not None else ""
            comment = description or (parts["comment"] if tid in step_keys else "")
            deviation = _is_deviation(tp, parts, step_keys if pj is not None else None)
            if not deviation and tid not in step_keys:
                deviation = True
            if deviation and map_failed:
                continue  # the map is refused already; its own problems say why
            if deviation:
                label = parts["label"] or parts["comment"] or tid or "?"
                dkey = dev_by.get((tid, label))
                if dkey is None:
                    dkey = unique(tid or "adhoc", {s.key for s in j.steps})
                    if parts["phase"] not in taken:
                        parts["phase"] = j.step(last).stage if last else \
                            (j.stages[0].key if j.stages else "")
                    if make_step(tp, dkey, parts, strict=False, ref_required=False) is None:
                        continue
                    deviations[dkey] = label
                    dev_by[(tid, label)] = dkey
                link(last, dkey)
                pending_dev = dkey
                step_for_rating = dkey
            else:
                if compliance == "missing":
                    j.skips.append(Skip(key, tid))
                    n_skips += 1
                    last = tid
                    continue
                link(pending_dev, tid)
                pending_dev = ""
                last = tid
                step_for_rating = tid
            failing = compliance in ("failing", "failed", "fail")
            if not rating_text:
                if description:
                    unrated_descriptions += 1
                if failing:
                    j.pain_points.append(PainPoint(
                        key, step_for_rating, t("interchange.cjml.failing_pain", lang,
                                                label=j.step(step_for_rating).title[:200]),
                        perspective=Perspective.LIVED))
                    n_failing += 1
                continue
            where = f"{exp.path}/experienceRating"
            try:
                value = float(rating_text)
            except ValueError:
                problems.add(where, f"'{rating_text[:20]}' is not a number 1..5")
                continue
            if not 1 <= value <= 5:
                problems.add(where, f"{rating_text} is outside 1..5")
                continue
            if step_for_rating in rated:
                problems.add(tp.path, f"a second rating of touchpoint '{tid}' in this "
                                      "actual journey")
                continue
            rated.add(step_for_rating)
            try:
                j.ratings.append(Rating(participant=key, step=step_for_rating,
                                        emotion=five_to_emotion(value),
                                        perspective=Perspective.LIVED, comment=comment,
                                        success=Success.NO if failing else None))
                n_ratings += 1
                n_failing += failing
            except ValidationError as e:
                problems.add(f"{exp.path}/experienceDescription", e.message)
    problems.refuse_if_any(source)

    # what was kept where, and what was not ------------------------------------------------
    used = set(initiators.values()) | {r["actor"] for r in receivers.values() if "actor" in r}
    kept_actors = {aid: {"kind": kind, "name": name}
                   for aid, (kind, name) in actors.by_id.items() if aid in used}
    if initiators:
        j.source["initiators"] = initiators
    if kept_actors:
        j.source["actors"] = kept_actors
    named = [(aid, n) for aid, (k, n) in actors.by_id.items() if k == "serviceProvider" and n]
    kept = [n for aid, n in named if aid in kept_actors]
    lost = [n for aid, n in named if aid not in kept_actors
            and n.casefold() not in {t(f"lane.{ln.value}", lg).casefold()
                                     for ln in Lane for lg in LANGUAGES}]
    if kept:
        notes.append(Note("cjml.providers_kept", names=", ".join(x[:40] for x in kept[:8])))
    if lost:
        notes.append(left_out("cjml.providers_lost", names=", ".join(x[:40] for x in lost[:8])))
    if channels:
        j.source["channels"] = channels
        notes.append(Note("cjml.channels_kept", names=", ".join(
            f"{v} ({k})" for k, v in list(channels.items())[:8])))
    if receivers:
        j.source["receivers"] = receivers
        labels = sum(1 for r in receivers.values() if r.get("label"))
        if labels:
            notes.append(Note("cjml.receivers_kept", n=labels))
    if deviations:
        j.source["deviations"] = sorted(deviations)
        rated_dev = sum(1 for r in j.ratings if r.step in deviations)
        notes.append(Note("cjml.deviations", n=len(deviations), rated=rated_dev))
    for ref in sorted(x for x in guessed if x):
        notes.append(Note("cjml.provider_lane", ref=ref[:60]))
    if len(planned_keys) > 1:
        notes.append(Note("cjml.sequence"))
    if actual:
        notes.append(Note("cjml.actual", n=len(j.participants), ratings=n_ratings))
    if n_skips:
        notes.append(Note("cjml.missing", n=n_skips))
    if n_failing:
        notes.append(Note("cjml.failing", n=n_failing))
    if unrated_descriptions:
        notes.append(left_out("cjml.unrated_descriptions", n=unrated_descriptions))
    unread: dict[str, int] = {}
    for el in root.el.iter():
        tag = _local(el.tag)
        if tag not in _READ and ((el.text or "").strip() or len(el) or el.attrib):
            unread[tag] = unread.get(tag, 0) + 1
    if unread:
        notes.append(left_out("cjml.unread", names=", ".join(
            f"<{k}> ×{v}" for k, v in sorted(unread.items())[:12])))
    return j


def _is_deviation(tp: _Node, parts: dict, planned: set[str] | None) -> bool:
    """An ad-hoc touchpoint: said so by its compliance, or (the id convention of CJML's
    Excel and web exporters, D1, D2...) by its id when there is no compliance; with a planned
    journey, any touchpoint the plan does not hold."""
    c = _compliance(tp)
    if c in _DEVIATION:
        return True
    if planned is not None:
        return parts["id"] not in planned
    return not c and bool(re.fullmatch(r"D\d+", parts["id"] or ""))
