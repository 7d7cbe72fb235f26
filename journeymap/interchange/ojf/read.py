"""Reading an OpenJourney map: stages, swimlanes read by their names, nodes as steps, their
scores as the author's lived ratings, emotion and pain lanes laid on the stages' main steps;
all or nothing, every problem at its field path (see the package's notes)."""

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
from journeymap.interchange.native import parse_json, type_name

from .._common import Note, Problems, check_size, fmt_num, left_out, unique
from .fields import FieldReader, blueprint_items, severity_of
from .vocabulary import (
    AUTHOR,
    NODE_KEYS,
    PAIN_PURPOSE,
    POSITIVE_PURPOSE,
    RESCALE,
    SCALE,
    channel_of,
    emotion_word_of,
    lane_kind,
)


def load_document(doc: Any, source: str = "journey.ojf", language: str | None = None,
                  notes: list[str] | None = None) -> Journey:
    """Build a journey from a parsed OJF document (see the package's notes)."""
    notes = [] if notes is None else notes
    problems = Problems()
    rd = FieldReader(problems)
    if not isinstance(doc, dict):
        raise ImportRefused(source, [f"expected a JSON object at the top, got {type_name(doc)}"])
    meta = doc.get("metadata")
    head: dict = doc
    head_place = ""
    if meta is not None:
        if not isinstance(meta, dict):
            raise ImportRefused(source, [f"metadata: expected an object, got {type_name(meta)}"])
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
            problems.add(place, f"expected an object, got {type_name(s)}")
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
            problems.add(place, f"expected an object, got {type_name(s)}")
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
            problems.add(f"{place}.score", f"expected a number -5..5, got {type_name(v)}")
            return False, None
        if not -5 <= v <= 5:
            problems.add(f"{place}.score", f"{fmt_num(v)} is outside -5..5")
            return False, None
        return True, float(v)

    def add_step(place: str, key: str, stage: str, title: str, lane: Lane, d: dict,
                 description: str) -> Step | None:
        try:
            step = Step(key=key, stage=stage, title=title[:300], lane=lane,
                        channel=channel_of([x for x in d.get("tags", []) if isinstance(x, str)]
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
                                   perspective=Perspective.LIVED,
                                   emotion_word=emotion_word_of(sentiment),
                                   comment=comment[:2000])
        except ValidationError as e:
            problems.add(f"{place}.{e.field}", e.message)

    for i, d in enumerate(nodes):
        place = f"nodes[{i}]"
        if not isinstance(d, dict):
            problems.add(place, f"expected an object, got {type_name(d)}")
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
            problems.add(f"{place}.id", f"expected text, got {type_name(raw_id)}")
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
            problems.add(f"{place}.blueprint", f"expected an object, got {type_name(blueprint)}")
            blueprint = None
        if blueprint:
            evid = blueprint_items(blueprint, "evidence", place, problems)
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
        if purpose in PAIN_PURPOSE:
            pains.append(PainPoint(AUTHOR, key, description or title,
                                   severity=severity_of(d, place, problems),
                                   perspective=Perspective.LIVED))
        if blueprint:
            for part, bl_lane, who, what in (("onstage", Lane.FRONTSTAGE, "actor", "action"),
                                             ("backstage", Lane.BACKSTAGE, "actor", "action"),
                                             ("support", Lane.SUPPORT, "system",
                                              "description")):
                for k, e in enumerate(blueprint_items(blueprint, part, place, problems)):
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
        word = emotion_word_of(sentiment)
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
        if purpose in PAIN_PURPOSE or (has_severity and not kept):
            pains.append(PainPoint(AUTHOR, target.key, text[:2000],
                                   severity=severity_of(d, place, problems),
                                   perspective=Perspective.LIVED))
            notes.append(Note("ojf.feeling_as_pain", place=place, title=title[:60],
                              step=target.title[:60]))
            kept = True
        elif purpose in POSITIVE_PURPOSE and not kept:
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
            positive = (score is not None and score > 0) or purpose in POSITIVE_PURPOSE
            if positive:
                highlights.append(Highlight(AUTHOR, target.key, text[:2000],
                                            Perspective.LIVED))
                notes.append(Note("ojf.highlight", place=place, title=title[:60],
                                  step=target.title[:60]))
            else:
                pains.append(PainPoint(AUTHOR, target.key, text[:2000],
                                       severity=severity_of(d, place, problems),
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
                if k not in NODE_KEYS and v not in (None, "", [], {}):
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


def loads(data: bytes | str, source: str = "journey.ojf", language: str | None = None,
          notes: list[str] | None = None) -> Journey:
    """Read an ``.ojf`` file; refuse it whole with every problem's field path."""
    check_size(data, source)
    return load_document(parse_json(data, source), source, language, notes)

