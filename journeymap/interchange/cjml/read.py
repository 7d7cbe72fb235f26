"""Reading CJML: the planned journey (or, without one, the touchpoints the actual journeys
share) as the map, each actual journey as a customer and their lived ratings, deviations as
steps of their own; all or nothing, every problem at its element path (see the package's
notes)."""

from __future__ import annotations

from journeymap.domain.errors import ImportRefused, ValidationError
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

from .._common import (
    EMOTION_TO_FIVE,
    FIVE_TO_EMOTION,
    Note,
    Problems,
    five_to_emotion,
    left_out,
    slug,
    unique,
)
from .elements import (
    Actors,
    Node,
    compliance_of,
    is_deviation,
    local_name,
    parse,
    touchpoint_parts,
)
from .vocabulary import READ_ELEMENTS, VERSION, XML_LANG, lane_for


def loads(data: bytes | str, source: str = "journey.xml", language: str | None = None,
          notes: list | None = None) -> Journey:
    """Read CJML XML; refuse it whole, naming each problem's element path."""
    notes = [] if notes is None else notes
    root = parse(data, source)
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

    actors = Actors()
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

    def add_phases(holder: Node) -> None:
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

    def stage_for(phase: str, tp: Node, strict: bool) -> str | None:
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

    def make_step(tp: Node, key: str, parts: dict, strict: bool, ref_required: bool):
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
        lane, was_guess = lane_for(aid or "", kind, aname)
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
            parts = touchpoint_parts(tp)
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
                parts = touchpoint_parts(tp)
                if not parts["id"] or parts["id"] in seen or is_deviation(tp, parts, None):
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
            parts = touchpoint_parts(tp)
            tid = parts["id"]
            compliance = compliance_of(tp)
            exp = tp.child("touchpointExperience")
            rating_text = exp.text("experienceRating") if exp is not None else ""
            description = exp.text("experienceDescription") if exp is not None else ""
            comment = description or (parts["comment"] if tid in step_keys else "")
            deviation = is_deviation(tp, parts, step_keys if pj is not None else None)
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
        tag = local_name(el.tag)
        if tag not in READ_ELEMENTS and ((el.text or "").strip() or len(el) or el.attrib):
            unread[tag] = unread.get(tag, 0) + 1
    if unread:
        notes.append(left_out("cjml.unread", names=", ".join(
            f"<{k}> ×{v}" for k, v in sorted(unread.items())[:12])))
    return j
