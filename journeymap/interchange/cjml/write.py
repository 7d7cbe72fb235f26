"""Writing CJML: the map as the planned journey, each customer's lived ratings and skips as
an actual journey (see the package's notes for what is written where)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from journeymap.domain.graph import JourneyGraph
from journeymap.domain.model import Journey, Lane, Perspective, Role, Step, Success
from journeymap.i18n import t

from .._common import emotion_to_five, xml_chars
from .vocabulary import PLANNED_ID, VERSION


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
    """The journey as CJML 2.0 XML text (see the package's notes)."""
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
