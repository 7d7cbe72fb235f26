"""Journeys: import whole (all or nothing), load, list, find, export, and edit the map."""

from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection

from journeymap.domain.errors import (
    AmbiguousName,
    NotFound,
    PermissionDenied,
    UnknownStage,
    ValidationError,
)
from journeymap.domain.model import (
    Highlight,
    Journey,
    Lane,
    Opportunity,
    PainPoint,
    Participant,
    Proposal,
    Rating,
    Skip,
    Stage,
    Step,
    Transition,
    clean_text,
)
from journeymap.store import schema as T

from .base import Actor, Store, authorize, now, record_change
from .rounds import current_round
from .workshops import _insert_workshop, _owner_of, _save_versioned

CHUNK = 5000


# import ----------------------------------------------------------------------------------

def import_journey(store: Store, actor: Actor, journey: Journey,
                   workshop_id: int | None = None, *, ratings=None) -> tuple[int, int]:
    """Write a whole journey (map, participants, input) in one transaction.

    Without ``workshop_id`` a new workshop named after the journey is created. Returns
    ``(workshop_id, journey_id)``. Nothing is written if anything fails. ``ratings``: the
    journey's ratings as columns (:func:`journeymap.interchange.native.loads_columns`),
    written in bulk (COPY on PostgreSQL) instead of ``journey.ratings``."""
    with store.write() as uow:
        conn = uow.conn
        if workshop_id is None:
            owner = _owner_of(actor) if actor.kind != "system" else None
            workshop_id = _insert_workshop(conn, journey.title[:200], journey.language, owner)
        else:
            authorize(conn, actor, workshop_id, "edit_map")
        journey_id = _write_journey(conn, workshop_id, journey, actor, ratings)
        record_change(conn, workshop_id, "journey.import", actor)
        uow.commit()
    return workshop_id, journey_id


def _chunks(rows: list[dict]):
    for i in range(0, len(rows), CHUNK):
        yield rows[i:i + CHUNK]


def _bulk(conn: Connection, table, rows: list[dict]) -> None:
    for part in _chunks(rows):
        conn.execute(insert(table), part)


def _write_journey(conn: Connection, workshop_id: int, j: Journey, actor: Actor,
                   ratings=None) -> int:
    t = now()
    by = actor.name[:120]
    journey_id = conn.execute(insert(T.journeys).values(
        workshop_id=workshop_id, title=j.title, persona=j.persona, goal=j.goal, owner=j.owner,
        status=str(j.status), evidence=str(j.evidence), source=dict(j.source), version=1,
        created_at=t, updated_at=t, updated_by=by)).inserted_primary_key[0]
    _bulk(conn, T.stages, [dict(journey_id=journey_id, key=s.key, name=s.name, position=i,
                                version=1, updated_at=t, updated_by=by)
                           for i, s in enumerate(j.stages)])
    stage_ids = dict(conn.execute(select(T.stages.c.key, T.stages.c.id)
                                  .where(T.stages.c.journey_id == journey_id)).all())
    _bulk(conn, T.steps, [dict(journey_id=journey_id, stage_id=stage_ids[s.stage], key=s.key,
                               title=s.title, description=s.description, lane=str(s.lane),
                               channel=s.channel, moment_of_truth=s.moment_of_truth,
                               position=i, version=1, updated_at=t, updated_by=by)
                          for i, s in enumerate(j.steps)])
    step_ids = dict(conn.execute(select(T.steps.c.key, T.steps.c.id)
                                 .where(T.steps.c.journey_id == journey_id)).all())
    _bulk(conn, T.transitions, [dict(journey_id=journey_id, source_id=step_ids[x.source],
                                     target_id=step_ids[x.target], label=x.label, created_at=t,
                                     created_by=by) for x in j.transitions])
    existing = set(conn.execute(select(T.participants.c.key)
                                .where(T.participants.c.workshop_id == workshop_id)).scalars())
    keys: dict[str, str] = {}
    for p in j.participants:
        key, n = p.key, 1
        while key in existing:
            n += 1
            key = f"{p.key}-{n}"
        existing.add(key)
        keys[p.key] = key
    _bulk(conn, T.participants, [dict(workshop_id=workshop_id, key=keys[p.key], name=p.name,
                                      role=str(p.role), anonymous=p.anonymous, created_at=t)
                                 for p in j.participants])
    pid = dict(conn.execute(select(T.participants.c.key, T.participants.c.id)
                            .where(T.participants.c.workshop_id == workshop_id)).all())
    people = {p.key: pid[keys[p.key]] for p in j.participants}
    _write_segments_and_rounds(conn, workshop_id, journey_id, j, people, t)
    if ratings is not None:
        from journeymap.store.bulk import write_ratings

        write_ratings(conn, ratings, step_ids, people, t)
    _bulk(conn, T.ratings, [dict(step_id=step_ids[r.step], participant_id=people[r.participant],
                                 perspective=str(r.perspective), emotion=r.emotion,
                                 emotion_word=r.emotion_word, effort=r.effort,
                                 success=str(r.success) if r.success else None,
                                 comment=r.comment, created_at=t, updated_at=t,
                                 round=r.round)
                            for r in j.ratings])
    _bulk(conn, T.pain_points, [dict(step_id=step_ids[p.step],
                                     participant_id=people[p.participant],
                                     key=p.key or f"pp{i + 1}", text=p.text,
                                     severity=p.severity,
                                     pillar=str(p.pillar) if p.pillar else None,
                                     perspective=str(p.perspective), imported_votes=p.votes,
                                     created_at=t)
                                for i, p in enumerate(j.pain_points)])
    _bulk(conn, T.highlights, [dict(step_id=step_ids[h.step],
                                    participant_id=people[h.participant], text=h.text,
                                    perspective=str(h.perspective), created_at=t)
                               for h in j.highlights])
    _bulk(conn, T.skips, [dict(step_id=step_ids[s.step], participant_id=people[s.participant],
                               created_at=t) for s in j.skips])
    _bulk(conn, T.proposals, [dict(journey_id=journey_id, participant_id=people[p.participant],
                                   stage_id=stage_ids[p.stage],
                                   after_step_id=step_ids.get(p.after) if p.after else None,
                                   title=p.title, description=p.description,
                                   status=str(p.status), created_at=t) for p in j.proposals])
    if j.opportunities:
        pain_ids = dict(conn.execute(
            select(T.pain_points.c.key, T.pain_points.c.id)
            .join(T.steps, T.steps.c.id == T.pain_points.c.step_id)
            .where(T.steps.c.journey_id == journey_id)).all())
        for o in j.opportunities:
            oid = conn.execute(insert(T.opportunities).values(
                journey_id=journey_id, title=o.title, owner=o.owner, due=o.due,
                status=str(o.status), version=1, created_at=t, updated_at=t,
                updated_by=by)).inserted_primary_key[0]
            _bulk(conn, T.opportunity_pain_points,
                  [dict(opportunity_id=oid, pain_point_id=pain_ids[k]) for k in o.pain_points])
    return journey_id


def _write_segments_and_rounds(conn: Connection, workshop_id: int, journey_id: int,
                               j: Journey, people: dict[str, int], t) -> None:
    """The journey's segments (added to the workshop's; one already there under the same id
    is kept, its options extended), its participants' answers, and its rounds' dates."""
    if j.segments:
        have = {r.key: r for r in conn.execute(
            select(T.segments.c.id, T.segments.c.key, T.segments.c.options)
            .where(T.segments.c.workshop_id == workshop_id)).all()}
        for i, g in enumerate(j.segments):
            options = [list(o) for o in g.options]
            if g.key in have:
                known = [list(o) for o in have[g.key].options]
                extra = [o for o in options if o[0] not in {k for k, _ in known}]
                if extra:
                    conn.execute(update(T.segments).where(T.segments.c.id == have[g.key].id)
                                 .values(options=known + extra))
            else:
                conn.execute(insert(T.segments).values(
                    workshop_id=workshop_id, key=g.key, question=g.question, options=options,
                    position=len(have) + i, created_at=t))
        seg_id = dict(conn.execute(select(T.segments.c.key, T.segments.c.id)
                                   .where(T.segments.c.workshop_id == workshop_id)).all())
        _bulk(conn, T.participant_segments,
              [dict(participant_id=people[p.key], segment_id=seg_id[k], option=v)
               for p in j.participants for k, v in p.segments.items()])
    _bulk(conn, T.journey_rounds, [dict(journey_id=journey_id, number=r.number, date=r.date)
                                   for r in j.rounds])


def _read_segments_and_rounds(conn: Connection, ws_id: int, journey_id: int, j: Journey,
                              pkey: dict[int, str]) -> None:
    """The workshop's segments, the participants' answers, the journey's rounds."""
    from journeymap.domain.model import Round, Segment

    segs = conn.execute(select(T.segments.c.id, T.segments.c.key, T.segments.c.question,
                               T.segments.c.options)
                        .where(T.segments.c.workshop_id == ws_id)
                        .order_by(T.segments.c.position, T.segments.c.id)).all()
    j.segments = [Segment(g.key, g.question, [tuple(o) for o in g.options]) for g in segs]
    seg_key = {g.id: g.key for g in segs}
    by_key = {p.key: p for p in j.participants}
    for pid, sid, option in conn.execute(
            select(T.participant_segments.c.participant_id,
                   T.participant_segments.c.segment_id, T.participant_segments.c.option)
            .where(T.participant_segments.c.segment_id.in_(list(seg_key) or [-1]))
            .order_by(T.participant_segments.c.participant_id,
                      T.participant_segments.c.segment_id)).all():
        if pid in pkey:
            by_key[pkey[pid]].segments[seg_key[sid]] = option
    j.rounds = [Round(r.number, r.date) for r in conn.execute(
        select(T.journey_rounds.c.number, T.journey_rounds.c.date)
        .where(T.journey_rounds.c.journey_id == journey_id)
        .order_by(T.journey_rounds.c.number)).all()]


# load and export -------------------------------------------------------------------------

def load_journey(store: Store, actor: Actor, journey_id: int) -> Journey:
    """The whole journey as the domain model (what export writes)."""
    with store.read() as uow:
        ws_id = workshop_of_journey(uow.conn, journey_id)
        authorize(uow.conn, actor, ws_id, "run_workshop")
        return read_journey(uow.conn, journey_id)


def workshop_of_journey(conn: Connection, journey_id: int) -> int:
    ws = conn.execute(select(T.journeys.c.workshop_id)
                      .where(T.journeys.c.id == journey_id)).scalar()
    if ws is None:
        raise NotFound(f"no journey with id {journey_id}", key="error.no_journey",
                       what="journey", id=journey_id)
    return ws


def read_journey(conn: Connection, journey_id: int) -> Journey:
    jr = conn.execute(select(T.journeys, T.workshops.c.language)
                      .join(T.workshops, T.workshops.c.id == T.journeys.c.workshop_id)
                      .where(T.journeys.c.id == journey_id)).first()
    if jr is None:
        raise NotFound(f"no journey with id {journey_id}", key="error.no_journey",
                       what="journey", id=journey_id)
    j = Journey(title=jr.title, persona=jr.persona, goal=jr.goal, language=jr.language,
                owner=jr.owner, status=jr.status, evidence=jr.evidence,
                source=dict(jr.source or {}))
    stage_rows = conn.execute(select(T.stages).where(T.stages.c.journey_id == journey_id)
                              .order_by(T.stages.c.position, T.stages.c.id)).all()
    stage_key = {r.id: r.key for r in stage_rows}
    j.stages = [Stage(r.key, r.name) for r in stage_rows]
    step_rows = conn.execute(select(T.steps).where(T.steps.c.journey_id == journey_id)
                             .order_by(T.steps.c.position, T.steps.c.id)).all()
    step_key = {r.id: r.key for r in step_rows}
    j.steps = [Step(key=r.key, stage=stage_key[r.stage_id], title=r.title, lane=r.lane,
                    channel=r.channel, description=r.description,
                    moment_of_truth=bool(r.moment_of_truth)) for r in step_rows]
    j.transitions = [Transition(step_key[r.source_id], step_key[r.target_id], r.label)
                     for r in conn.execute(select(T.transitions)
                                           .where(T.transitions.c.journey_id == journey_id)
                                           .order_by(T.transitions.c.id))]
    ws_id = jr.workshop_id
    part_rows = conn.execute(select(T.participants)
                             .where(T.participants.c.workshop_id == ws_id)
                             .order_by(T.participants.c.id)).all()
    pkey = {r.id: r.key for r in part_rows}
    j.participants = [Participant(key=r.key, name=r.name, role=r.role,
                                  anonymous=bool(r.anonymous)) for r in part_rows]
    in_journey = T.steps.c.journey_id == journey_id

    def rows(table):
        return conn.execute(select(table).join(T.steps, T.steps.c.id == table.c.step_id)
                            .where(in_journey).order_by(table.c.id)).all()

    j.ratings = [Rating(participant=pkey[r.participant_id], step=step_key[r.step_id],
                        emotion=r.emotion, perspective=r.perspective,
                        emotion_word=r.emotion_word, effort=r.effort, success=r.success,
                        comment=r.comment, round=r.round) for r in rows(T.ratings)]
    _read_segments_and_rounds(conn, ws_id, journey_id, j, pkey)
    vote_counts = dict(conn.execute(
        select(T.votes.c.pain_point_id, func.count())
        .join(T.pain_points, T.pain_points.c.id == T.votes.c.pain_point_id)
        .join(T.steps, T.steps.c.id == T.pain_points.c.step_id)
        .where(in_journey).group_by(T.votes.c.pain_point_id)).all())
    pain_rows = [r for r in rows(T.pain_points) if r.merged_into_id is None]
    pain_key = {r.id: r.key for r in pain_rows}
    j.pain_points = [PainPoint(participant=pkey[r.participant_id], step=step_key[r.step_id],
                               text=r.text, severity=r.severity, pillar=r.pillar,
                               votes=r.imported_votes + vote_counts.get(r.id, 0),
                               perspective=r.perspective, key=r.key) for r in pain_rows]
    j.highlights = [Highlight(pkey[r.participant_id], step_key[r.step_id], r.text,
                              r.perspective) for r in rows(T.highlights)]
    # a skip carries no round in the model: the first round's (as the analysis reads them)
    j.skips = [Skip(pkey[r.participant_id], step_key[r.step_id]) for r in rows(T.skips)
               if r.round == 1]
    j.proposals = [Proposal(participant=pkey[r.participant_id], title=r.title,
                            stage=stage_key[r.stage_id],
                            after=step_key.get(r.after_step_id, "") if r.after_step_id else "",
                            description=r.description, status=r.status)
                   for r in conn.execute(select(T.proposals)
                                         .where(T.proposals.c.journey_id == journey_id)
                                         .order_by(T.proposals.c.id))]
    links = defaultdict(list)
    for oid, ppid in conn.execute(
            select(T.opportunity_pain_points.c.opportunity_id,
                   T.opportunity_pain_points.c.pain_point_id)
            .join(T.opportunities,
                  T.opportunities.c.id == T.opportunity_pain_points.c.opportunity_id)
            .where(T.opportunities.c.journey_id == journey_id)
            .order_by(T.opportunity_pain_points.c.pain_point_id)):
        if ppid in pain_key:
            links[oid].append(pain_key[ppid])
    j.opportunities = [Opportunity(title=r.title, owner=r.owner, due=r.due, status=r.status,
                                   pain_points=links[r.id])
                       for r in conn.execute(select(T.opportunities)
                                             .where(T.opportunities.c.journey_id == journey_id)
                                             .order_by(T.opportunities.c.id))]
    return j


def list_journeys(store: Store, actor: Actor, workshop_id: int | None = None, *,
                  counts: bool = True) -> list[dict]:
    """Journeys the actor may see, with their workshop's name and (unless ``counts`` is
    False: a picker needs only the titles, and counting a million ratings takes ~40 ms)
    how many steps and ratings each holds."""
    tallies = [select(func.count()).where(T.steps.c.journey_id == T.journeys.c.id)
               .scalar_subquery().label("steps"),
               select(func.count()).select_from(T.ratings)
               .join(T.steps, T.steps.c.id == T.ratings.c.step_id)
               .where(T.steps.c.journey_id == T.journeys.c.id)
               .scalar_subquery().label("ratings")] if counts else []
    q = (select(T.journeys.c.id, T.journeys.c.title, T.journeys.c.persona,
                T.journeys.c.workshop_id, T.workshops.c.name.label("workshop"),
                T.workshops.c.language, T.workshops.c.phase, *tallies)
         .join(T.workshops, T.workshops.c.id == T.journeys.c.workshop_id)
         .order_by(T.workshops.c.id, T.journeys.c.id))
    if workshop_id is not None:
        q = q.where(T.journeys.c.workshop_id == workshop_id)
    if actor.kind == "account":
        q = q.where(T.workshops.c.owner_account_id == actor.account_id)
    elif actor.kind == "participant":
        q = q.where(T.journeys.c.workshop_id == actor.workshop_id)
    with store.read() as uow:
        return [dict(r._mapping) for r in uow.conn.execute(q)]


def _by_name(rows: list[dict], ref: str | int, field: str) -> tuple[int | None, list, str]:
    """The row ``ref`` names among ``rows``: by id, by ``field`` exactly (case-insensitive),
    or by a unique part of it. Returns (id or None, the candidates, the text looked for)."""
    text = str(ref).strip()
    if re.fullmatch(r"\d+", text):
        for r in rows:
            if r["id"] == int(text):
                return r["id"], [r], text
    exact = [r for r in rows if r[field].lower() == text.lower()]
    part = exact or [r for r in rows if text.lower() in r[field].lower()]
    return (part[0]["id"] if len(part) == 1 else None), part, text


def find_workshop(store: Store, actor: Actor, ref: str | int) -> int:
    """A workshop by id or by unique name (case-insensitive; a unique part of it will do)."""
    from .workshops import list_workshops

    found, part, text = _by_name(list_workshops(store, actor, include_archived=True), ref,
                                 "name")
    if found is not None:
        return found
    if not part:
        raise NotFound(f"no workshop '{text}'; `journeymap list` shows ids and names",
                       key="error.no_workshop_named", what="workshop", text=text)
    ids = ", ".join(f"{w['id']} ({w['name']})" for w in part[:5])
    raise AmbiguousName(f"'{text}' matches {len(part)} workshops: {ids}; give the id",
                        key="error.ambiguous_workshop", text=text, count=len(part), ids=ids)


def find_journey(store: Store, actor: Actor, ref: str | int) -> int:
    """A journey by id or by unique title (case-insensitive; a unique part of it will do)."""
    found, part, text = _by_name(list_journeys(store, actor), ref, "title")
    if found is not None:
        return found
    if not part:
        raise NotFound(f"no journey '{text}'; `journeymap list` shows ids and titles",
                       key="error.no_journey_named", what="journey", text=text)
    ids = ", ".join(f"{j['id']} ({j['title']})" for j in part[:5])
    raise AmbiguousName(f"'{text}' matches {len(part)} journeys: {ids}; give the id instead",
                        key="error.ambiguous_journey", text=text, count=len(part), ids=ids)


# editing the map -------------------------------------------------------------------------

def _journey_ws(conn: Connection, actor: Actor, journey_id: int, action: str = "edit_map"):
    ws_id = workshop_of_journey(conn, journey_id)
    authorize(conn, actor, ws_id, action)
    return ws_id


def _next_key(conn: Connection, table, journey_id: int, prefix: str) -> str:
    keys = set(conn.execute(select(table.c.key).where(table.c.journey_id == journey_id))
               .scalars())
    n = len(keys) + 1
    while f"{prefix}{n}" in keys:
        n += 1
    return f"{prefix}{n}"


def create_journey(store: Store, actor: Actor, workshop_id: int, title: str,
                   persona: str = "", goal: str = "", stages: list[str] | None = None) -> int:
    """A new journey with the given stage names (five familiar ones by default)."""
    with store.write() as uow:
        ws = authorize(uow.conn, actor, workshop_id, "edit_map")
        j = Journey(title=title, persona=persona, goal=goal, language=ws.language)
        for i, name in enumerate(stages or []):
            j.add_stage(Stage(f"st{i + 1}", name))
        journey_id = _write_journey(uow.conn, workshop_id, j, actor)
        record_change(uow.conn, workshop_id, "journey.create", actor)
        uow.commit()
    return journey_id


def update_journey(store: Store, actor: Actor, journey_id: int, expected_version: int,
                   **changes) -> dict:
    fields = {"title": 300, "persona": 500, "goal": 500, "owner": 120}
    for k, v in list(changes.items()):
        if k in fields:
            changes[k] = clean_text(v, k, required=k == "title", max_len=fields[k])
        elif k == "status":
            from journeymap.domain.model import JourneyStatus
            changes[k] = JourneyStatus.parse(v, k).value
        elif k == "evidence":
            from journeymap.domain.model import Evidence
            changes[k] = Evidence.parse(v, k).value
        else:
            raise NotFound(f"a journey has no field {k}", key="error.no_field.journey",
                           what="field", field=k)
    with store.write() as uow:
        ws_id = _journey_ws(uow.conn, actor, journey_id)
        row = _save_versioned(uow.conn, T.journeys, journey_id, expected_version, changes,
                              "journey", actor)
        record_change(uow.conn, ws_id, "journey.update", actor)
        uow.commit()
    return row


def duplicate_journey(store: Store, actor: Actor, journey_id: int, title: str) -> int:
    """A copy of the map (stages, steps, transitions), without anyone's input."""
    with store.write() as uow:
        ws_id = _journey_ws(uow.conn, actor, journey_id)
        src = read_journey(uow.conn, journey_id)
        copy = Journey(title=title, persona=src.persona, goal=src.goal, language=src.language,
                       owner=src.owner, status=src.status, evidence=src.evidence,
                       stages=src.stages, steps=src.steps, transitions=src.transitions)
        new_id = _write_journey(uow.conn, ws_id, copy, actor)
        record_change(uow.conn, ws_id, "journey.create", actor)
        uow.commit()
    return new_id


def delete_journey(store: Store, actor: Actor, journey_id: int) -> None:
    with store.write() as uow:
        ws_id = workshop_of_journey(uow.conn, journey_id)
        authorize(uow.conn, actor, ws_id, "run_workshop")
        uow.conn.execute(delete(T.journeys).where(T.journeys.c.id == journey_id))
        record_change(uow.conn, ws_id, "journey.delete", actor)
        uow.commit()


def add_stage(store: Store, actor: Actor, journey_id: int, name: str) -> int:
    name = clean_text(name, "name", required=True, max_len=200)
    with store.write() as uow:
        c = uow.conn
        ws_id = _journey_ws(c, actor, journey_id)
        pos = c.execute(select(func.coalesce(func.max(T.stages.c.position), -1) + 1)
                        .where(T.stages.c.journey_id == journey_id)).scalar_one()
        sid = c.execute(insert(T.stages).values(
            journey_id=journey_id, key=_next_key(c, T.stages, journey_id, "st"), name=name,
            position=pos, version=1, updated_at=now(), updated_by=actor.name[:120])
        ).inserted_primary_key[0]
        record_change(c, ws_id, "stage.add", actor)
        uow.commit()
    return sid


def rename_stage(store: Store, actor: Actor, stage_id: int, expected_version: int,
                 name: str) -> dict:
    name = clean_text(name, "name", required=True, max_len=200)
    with store.write() as uow:
        jid = _row_journey(uow.conn, T.stages, stage_id, "stage")
        ws_id = _journey_ws(uow.conn, actor, jid)
        row = _save_versioned(uow.conn, T.stages, stage_id, expected_version, {"name": name},
                              "stage", actor)
        record_change(uow.conn, ws_id, "stage.update", actor)
        uow.commit()
    return row


def move_stage(store: Store, actor: Actor, stage_id: int, offset: int) -> None:
    """Move a stage ``offset`` places left (negative) or right (positive)."""
    with store.write() as uow:
        c = uow.conn
        jid = _row_journey(c, T.stages, stage_id, "stage")
        ws_id = _journey_ws(c, actor, jid)
        ids = list(c.execute(select(T.stages.c.id).where(T.stages.c.journey_id == jid)
                             .order_by(T.stages.c.position, T.stages.c.id)).scalars())
        i = ids.index(stage_id)
        j = max(0, min(len(ids) - 1, i + offset))
        ids.insert(j, ids.pop(i))
        for pos, sid in enumerate(ids):
            c.execute(update(T.stages).where(T.stages.c.id == sid)
                      .values(position=pos, version=T.stages.c.version + 1, updated_at=now()))
        record_change(c, ws_id, "stage.move", actor)
        uow.commit()


def delete_stage(store: Store, actor: Actor, stage_id: int) -> None:
    with store.write() as uow:
        c = uow.conn
        jid = _row_journey(c, T.stages, stage_id, "stage")
        ws_id = _journey_ws(c, actor, jid)
        n = c.execute(select(func.count()).where(T.steps.c.stage_id == stage_id)).scalar_one()
        if n:
            raise ValidationError(f"the stage still holds {n} steps; move or delete them first",
                                  "stage", key="error.stage_not_empty", count=n)
        c.execute(delete(T.stages).where(T.stages.c.id == stage_id))
        record_change(c, ws_id, "stage.delete", actor)
        uow.commit()


def _row_journey(conn: Connection, table, row_id: int, kind: str) -> int:
    jid = conn.execute(select(table.c.journey_id).where(table.c.id == row_id)).scalar()
    if jid is None:
        raise NotFound(f"this {kind} no longer exists (someone deleted it)",
                       key=f"error.gone.{kind}", what=kind)
    return jid


STEP_FIELDS = ("title", "description", "lane", "channel", "moment_of_truth", "stage_id")


def _clean_step_fields(conn: Connection, journey_id: int, changes: dict) -> dict:
    out = {}
    for k, v in changes.items():
        if k == "title":
            out[k] = clean_text(v, "title", required=True, max_len=300)
        elif k == "description":
            out[k] = clean_text(v, "description")
        elif k == "lane":
            out[k] = Lane.parse(v, "lane").value
        elif k == "channel":
            out[k] = clean_text(v, "channel", max_len=60).lower()
        elif k == "moment_of_truth":
            out[k] = bool(v)
        elif k == "stage_id":
            ok = conn.execute(select(T.stages.c.id).where(T.stages.c.id == v,
                                                          T.stages.c.journey_id == journey_id)
                              ).first()
            if ok is None:
                raise UnknownStage(str(v))
            out[k] = v
        else:
            raise NotFound(f"a step has no field {k}", key="error.no_field.step", what="field",
                           field=k)
    return out


def add_step(store: Store, actor: Actor, journey_id: int, stage_id: int, title: str,
             lane: str = "customer", channel: str = "", description: str = "",
             moment_of_truth: bool = False, after_step_id: int | None = None) -> int:
    with store.write() as uow:
        c = uow.conn
        ws_id = _journey_ws(c, actor, journey_id)
        step_id = _insert_step(c, actor, journey_id, stage_id, title, lane, channel,
                               description, moment_of_truth, after_step_id)
        record_change(c, ws_id, "step.add", actor)
        uow.commit()
    return step_id


def _insert_step(c: Connection, actor: Actor, journey_id: int, stage_id: int, title: str,
                 lane: str, channel: str, description: str, moment_of_truth: bool,
                 after_step_id: int | None) -> int:
    values = _clean_step_fields(c, journey_id, dict(
        title=title, lane=lane, channel=channel, description=description,
        moment_of_truth=moment_of_truth, stage_id=stage_id))
    if after_step_id is not None:
        pos = c.execute(select(T.steps.c.position).where(T.steps.c.id == after_step_id)
                        ).scalar_one() + 1
        c.execute(update(T.steps).where(T.steps.c.journey_id == journey_id,
                                        T.steps.c.position >= pos)
                  .values(position=T.steps.c.position + 1))
    else:
        pos = c.execute(select(func.coalesce(func.max(T.steps.c.position), -1) + 1)
                        .where(T.steps.c.journey_id == journey_id)).scalar_one()
    return c.execute(insert(T.steps).values(
        journey_id=journey_id, key=_next_key(c, T.steps, journey_id, "s"), position=pos,
        version=1, updated_at=now(), updated_by=actor.name[:120], **values)
    ).inserted_primary_key[0]


def update_step(store: Store, actor: Actor, step_id: int, expected_version: int,
                **changes) -> dict:
    """Save changes to a step made from ``expected_version``.

    If someone saved the step since, :class:`StaleEdit` is raised carrying what the step says
    now and who changed it; nothing is overwritten."""
    with store.write() as uow:
        c = uow.conn
        jid = _row_journey(c, T.steps, step_id, "step")
        ws_id = _journey_ws(c, actor, jid)
        values = _clean_step_fields(c, jid, changes)
        row = _save_versioned(c, T.steps, step_id, expected_version, values, "step", actor)
        record_change(c, ws_id, "step.update", actor)
        uow.commit()
    return row


def step_dependents(store: Store, actor: Actor, step_id: int) -> dict:
    """What goes with a step if it is deleted: counts of ratings, pain points, highlights…"""
    with store.read() as uow:
        c = uow.conn
        jid = _row_journey(c, T.steps, step_id, "step")
        _journey_ws(c, actor, jid, "view_map")
        out = {}
        for name, table in (("ratings", T.ratings), ("pain_points", T.pain_points),
                            ("highlights", T.highlights), ("skips", T.skips)):
            out[name] = c.execute(select(func.count()).select_from(table)
                                  .where(table.c.step_id == step_id)).scalar_one()
        out["transitions"] = c.execute(select(func.count()).select_from(T.transitions).where(
            or_(T.transitions.c.source_id == step_id, T.transitions.c.target_id == step_id))
        ).scalar_one()
        return out


def delete_step(store: Store, actor: Actor, step_id: int) -> None:
    with store.write() as uow:
        c = uow.conn
        jid = _row_journey(c, T.steps, step_id, "step")
        ws_id = _journey_ws(c, actor, jid)
        c.execute(delete(T.steps).where(T.steps.c.id == step_id))
        record_change(c, ws_id, "step.delete", actor)
        uow.commit()


def move_step(store: Store, actor: Actor, step_id: int, offset: int) -> None:
    """Move a step ``offset`` places up or down among the steps of its stage."""
    with store.write() as uow:
        c = uow.conn
        jid = _row_journey(c, T.steps, step_id, "step")
        ws_id = _journey_ws(c, actor, jid)
        stage_id = c.execute(select(T.steps.c.stage_id).where(T.steps.c.id == step_id)
                             ).scalar_one()
        rows = c.execute(select(T.steps.c.id, T.steps.c.position)
                         .where(T.steps.c.stage_id == stage_id)
                         .order_by(T.steps.c.position, T.steps.c.id)).all()
        ids = [r.id for r in rows]
        slots = sorted(r.position for r in rows)
        i = ids.index(step_id)
        ids.insert(max(0, min(len(ids) - 1, i + offset)), ids.pop(i))
        for pos, sid in zip(slots, ids):
            c.execute(update(T.steps).where(T.steps.c.id == sid).values(position=pos))
        record_change(c, ws_id, "step.move", actor)
        uow.commit()


def add_transition(store: Store, actor: Actor, source_id: int, target_id: int,
                   label: str = "") -> int:
    label = clean_text(label, "label", max_len=200)
    with store.write() as uow:
        c = uow.conn
        jid = _row_journey(c, T.steps, source_id, "step")
        if _row_journey(c, T.steps, target_id, "step") != jid:
            raise ValidationError("both steps must be in the same journey", "to",
                                  key="error.steps_other_journey")
        ws_id = _journey_ws(c, actor, jid)
        dup = c.execute(select(T.transitions.c.id).where(
            T.transitions.c.source_id == source_id, T.transitions.c.target_id == target_id)
        ).first()
        if dup:
            raise ValidationError("these two steps are already connected", "to",
                                  key="error.already_connected")
        tid = c.execute(insert(T.transitions).values(
            journey_id=jid, source_id=source_id, target_id=target_id, label=label,
            created_at=now(), created_by=actor.name[:120])).inserted_primary_key[0]
        record_change(c, ws_id, "transition.add", actor)
        uow.commit()
    return tid


def label_transition(store: Store, actor: Actor, transition_id: int, label: str) -> None:
    label = clean_text(label, "label", max_len=200)
    with store.write() as uow:
        c = uow.conn
        jid = _row_journey(c, T.transitions, transition_id, "transition")
        ws_id = _journey_ws(c, actor, jid)
        c.execute(update(T.transitions).where(T.transitions.c.id == transition_id)
                  .values(label=label))
        record_change(c, ws_id, "transition.update", actor)
        uow.commit()


def remove_transition(store: Store, actor: Actor, transition_id: int) -> None:
    with store.write() as uow:
        c = uow.conn
        jid = _row_journey(c, T.transitions, transition_id, "transition")
        ws_id = _journey_ws(c, actor, jid)
        c.execute(delete(T.transitions).where(T.transitions.c.id == transition_id))
        record_change(c, ws_id, "transition.delete", actor)
        uow.commit()


def map_rows(store: Store, actor: Actor, journey_id: int) -> dict:
    """The map as plain rows for the UI: journey, stages, steps, transitions (with ids and
    versions), in one read."""
    with store.read() as uow:
        c = uow.conn
        ws_id = _journey_ws(c, actor, journey_id, "view_map")
        journey = dict(c.execute(select(T.journeys).where(T.journeys.c.id == journey_id))
                       .first()._mapping)
        stages = [dict(r._mapping) for r in c.execute(
            select(T.stages).where(T.stages.c.journey_id == journey_id)
            .order_by(T.stages.c.position, T.stages.c.id))]
        steps = [dict(r._mapping) for r in c.execute(
            select(T.steps).where(T.steps.c.journey_id == journey_id)
            .order_by(T.steps.c.position, T.steps.c.id))]
        transitions = [dict(r._mapping) for r in c.execute(
            select(T.transitions).where(T.transitions.c.journey_id == journey_id)
            .order_by(T.transitions.c.id))]
        return {"workshop_id": ws_id, "journey": journey, "stages": stages, "steps": steps,
                "transitions": transitions}




def step_emotions(store: Store, actor: Actor, journey_id: int) -> dict:
    """Mean emotion per step, per perspective the actor may see now.

    Returns ``{"lived": {step_id: (mean, n)}, "assumed": {...}}``; a perspective the actor may
    not see in the workshop's phase (``see_lived`` / ``see_assumed``) is left out entirely, so
    nobody learns another group's ratings before the rules allow it."""
    from journeymap.domain import rules

    with store.read() as uow:
        c = uow.conn
        ws_id = _journey_ws(c, actor, journey_id, "view_map")
        phase = c.execute(select(T.workshops.c.phase)
                          .where(T.workshops.c.id == ws_id)).scalar_one()
        visible = [p for p, action in (("lived", "see_lived"), ("assumed", "see_assumed"))
                   if actor.kind != "participant" or rules.allowed(actor.role, action, phase)]
        out: dict[str, dict[int, tuple[float, int]]] = {p: {} for p in visible}
        if not visible:
            return out
        q = (select(T.ratings.c.perspective, T.ratings.c.step_id,
                    func.avg(T.ratings.c.emotion), func.count())
             .join(T.steps, T.steps.c.id == T.ratings.c.step_id)
             .where(T.steps.c.journey_id == journey_id,
                    T.ratings.c.perspective.in_(visible),
                    T.ratings.c["round"] == current_round(c, journey_id))
             .group_by(T.ratings.c.perspective, T.ratings.c.step_id))
        for perspective, step_id, mean, n in c.execute(q):
            out[perspective][step_id] = (float(mean), int(n))
        return out


def bulk_save_steps(store: Store, actor: Actor, journey_id: int,
                    edits: list[dict] | None = None, new: list[dict] | None = None,
                    deleted: list[int] | None = None) -> dict:
    """Many step edits from the table editor in one transaction: all or nothing.

    ``edits``: ``{"id", "version", **changes}``; ``new``: ``{"stage_id", "title", ...}``;
    ``deleted``: step ids. A stale edit raises :class:`StaleEdit` and nothing is saved."""
    edits, new, deleted = edits or [], new or [], deleted or []
    with store.write() as uow:
        c = uow.conn
        ws_id = _journey_ws(c, actor, journey_id)
        known = set(c.execute(select(T.steps.c.id)
                              .where(T.steps.c.journey_id == journey_id)).scalars())
        for e in edits:
            e = dict(e)
            sid, version = e.pop("id"), e.pop("version")
            if sid not in known:
                raise NotFound("this step no longer exists (someone deleted it)",
                               key="error.gone.step", what="step")
            if e:
                _save_versioned(c, T.steps, sid, version, _clean_step_fields(c, journey_id, e),
                                "step", actor)
        added = []
        for n in new:
            n = dict(n)
            added.append(_insert_step(c, actor, journey_id, n.pop("stage_id"),
                                      n.pop("title", ""), n.pop("lane", "customer"),
                                      n.pop("channel", ""), n.pop("description", ""),
                                      n.pop("moment_of_truth", False), None))
        gone = [d for d in deleted if d in known]
        if gone:
            c.execute(delete(T.steps).where(T.steps.c.id.in_(gone)))
        if edits or added or gone:
            record_change(c, ws_id, "step.bulk", actor)
        uow.commit()
    return {"updated": len(edits), "added": added, "deleted": len(gone)}


def map_outline(store: Store, actor: Actor, journey_id: int) -> dict:
    """What the map page draws, in one read: like :func:`map_rows` but only the columns a
    map shows (no timestamps), plus :func:`step_emotions` under the same permission rules."""
    from journeymap.domain import rules

    with store.read() as uow:
        c = uow.conn
        ws_id = _journey_ws(c, actor, journey_id, "view_map")
        phase = c.execute(select(T.workshops.c.phase)
                          .where(T.workshops.c.id == ws_id)).scalar_one()
        J, S, P, X = T.journeys.c, T.stages.c, T.steps.c, T.transitions.c
        journey = dict(c.execute(select(J.id, J.title, J.persona, J.goal, J.version)
                                 .where(J.id == journey_id)).first()._mapping)
        stages = [dict(r._mapping) for r in c.execute(
            select(S.id, S.key, S.name, S.position, S.version).where(S.journey_id == journey_id)
            .order_by(S.position, S.id))]
        steps = [dict(r._mapping) for r in c.execute(
            select(P.id, P.key, P.stage_id, P.title, P.description, P.lane, P.channel,
                   P.moment_of_truth, P.position, P.version, P.updated_by)
            .where(P.journey_id == journey_id).order_by(P.position, P.id))]
        transitions = [dict(r._mapping) for r in c.execute(
            select(X.id, X.source_id, X.target_id, X.label).where(X.journey_id == journey_id)
            .order_by(X.id))]
        visible = [p for p, action in (("lived", "see_lived"), ("assumed", "see_assumed"))
                   if actor.kind != "participant" or rules.allowed(actor.role, action, phase)]
        emotions: dict[str, dict[int, tuple[float, int]]] = {p: {} for p in visible}
        if visible:
            for perspective, step_id, mean, n in c.execute(
                    select(T.ratings.c.perspective, T.ratings.c.step_id,
                           func.avg(T.ratings.c.emotion), func.count())
                    .join(T.steps, T.steps.c.id == T.ratings.c.step_id)
                    .where(T.steps.c.journey_id == journey_id,
                           T.ratings.c.perspective.in_(visible),
                           T.ratings.c["round"] == current_round(c, journey_id))
                    .group_by(T.ratings.c.perspective, T.ratings.c.step_id)):
                emotions[perspective][step_id] = (float(mean), int(n))
    return {"workshop_id": ws_id, "phase": phase, "journey": journey, "stages": stages,
            "steps": steps, "transitions": transitions, "emotions": emotions}
