"""Writing a native file: the canonical document of a journey (fixed key order, every field
written), so that export → import → export gives the identical text."""

from __future__ import annotations

import copy
import json
import math

from journeymap.domain.model import Journey, Perspective, Role

from .items import FORMAT


def _num(x: float):
    return int(x) if isinstance(x, float) and math.isfinite(x) and x.is_integer() else x


def _normalised(j: Journey) -> Journey:
    """Fill what an import would fill (perspectives from roles, pain point ids), so that a
    journey built in memory exports exactly as it will import."""
    roles = {p.key: p.role for p in j.participants}
    needs = any(x.perspective is None for x in (*j.ratings, *j.pain_points, *j.highlights)) \
        or any(not p.key for p in j.pain_points)
    if not needs:
        return j
    j = copy.deepcopy(j)
    for x in (*j.ratings, *j.pain_points, *j.highlights):
        if x.perspective is None:
            x.perspective = Perspective.default_for(roles.get(x.participant, Role.CUSTOMER))
    taken = {p.key for p in j.pain_points if p.key}
    for i, p in enumerate(j.pain_points):
        if not p.key:
            n = i + 1
            while f"pp{n}" in taken:
                n += 1
            p.key = f"pp{n}"
            taken.add(p.key)
    return j


def to_document(j: Journey) -> dict:
    """The canonical document of a journey: fixed key order, every field written."""
    j = _normalised(j)
    return {
        "format": FORMAT,
        "journey": {"title": j.title, "persona": j.persona, "goal": j.goal,
                    "language": j.language, "owner": j.owner, "status": str(j.status),
                    "evidence": str(j.evidence), "source": j.source},
        **({"segments": [{"id": g.key, "question": g.question,
                          "options": [{"id": k, "label": lab} for k, lab in g.options]}
                         for g in j.segments]} if j.segments else {}),
        **({"rounds": [{"round": r.number, "date": r.date.isoformat() if r.date else None}
                       for r in j.rounds]} if j.rounds else {}),
        "stages": [{"id": s.key, "name": s.name} for s in j.stages],
        "steps": [{"id": s.key, "stage": s.stage, "title": s.title, "lane": str(s.lane),
                   "channel": s.channel, "description": s.description,
                   "moment_of_truth": s.moment_of_truth} for s in j.steps],
        "transitions": [{"from": t.source, "to": t.target, "label": t.label}
                        for t in j.transitions],
        "participants": [{"id": p.key, "name": p.name, "role": str(p.role),
                          "anonymous": p.anonymous,
                          **({"segments": dict(p.segments)} if p.segments else {})}
                         for p in j.participants],
        "ratings": [{"participant": r.participant, "step": r.step, "emotion": _num(r.emotion),
                     "effort": r.effort, "success": str(r.success) if r.success else None,
                     "perspective": str(r.perspective) if r.perspective else None,
                     "emotion_word": r.emotion_word, "comment": r.comment,
                     **({"round": r.round} if r.round != 1 else {})} for r in j.ratings],
        "pain_points": [{"id": p.key, "participant": p.participant, "step": p.step,
                         "text": p.text, "severity": p.severity,
                         "pillar": str(p.pillar) if p.pillar else None, "votes": p.votes,
                         "perspective": str(p.perspective) if p.perspective else None}
                        for p in j.pain_points],
        "highlights": [{"participant": h.participant, "step": h.step, "text": h.text,
                        "perspective": str(h.perspective) if h.perspective else None}
                       for h in j.highlights],
        "skips": [{"participant": s.participant, "step": s.step} for s in j.skips],
        "proposals": [{"participant": p.participant, "stage": p.stage, "after": p.after,
                       "title": p.title, "description": p.description,
                       "status": str(p.status)} for p in j.proposals],
        "opportunities": [{"title": o.title, "owner": o.owner,
                           "due": o.due.isoformat() if o.due else None,
                           "status": str(o.status), "pain_points": list(o.pain_points)}
                          for o in j.opportunities],
    }


def dumps(j: Journey) -> str:
    return json.dumps(to_document(j), ensure_ascii=False, indent=2) + "\n"
