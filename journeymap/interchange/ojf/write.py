"""Writing an OpenJourney map: one swimlane per lane used and one of pain points, each step a
node scored with its mean lived emotion (see :func:`dumps`)."""

from __future__ import annotations

import json
from typing import Any

from journeymap.domain.graph import JourneyGraph
from journeymap.domain.model import Journey, Lane, Perspective, Rating

from .vocabulary import LANE_NAMES, PAIN_LANE, SEVERITY_WORD


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
                          "title": p.text, "severity": SEVERITY_WORD.get(p.severity,
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
