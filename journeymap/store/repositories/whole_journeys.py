"""A journey written or read whole: the map, the people, every answer, segments and rounds.

Import, export, duplication and the analyses use these; everything is written in one
transaction (the caller's unit of work), with bulk inserts of at most ``CHUNK`` rows.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from journeymap.domain.errors import NotFound
from journeymap.domain.model import (
    Highlight,
    Journey,
    Opportunity,
    PainPoint,
    Participant,
    Proposal,
    Rating,
    Round,
    Segment,
    Skip,
    Stage,
    Step,
    Transition,
)
from journeymap.store import schema as T
from journeymap.store.bulk import write_ratings

from .rows import Repository, now

CHUNK = 5000


class WholeJourneys(Repository):
    """``uow.whole_journeys.add(workshop_id, journey, by)`` / ``.get(journey_id)``."""

    def add(self, workshop_id: int, journey: Journey, by: str, ratings=None) -> int:
        """Write the journey into the workshop; returns its id. ``ratings``: the ratings as
        columns, written in bulk (COPY on PostgreSQL) instead of ``journey.ratings``."""
        return write_journey(self.conn, workshop_id, journey, by, ratings)

    def get(self, journey_id: int) -> Journey:
        return read_journey(self.conn, journey_id)


def _chunks(rows: list[dict]):
    for i in range(0, len(rows), CHUNK):
        yield rows[i:i + CHUNK]


def _bulk(conn: Connection, table, rows: list[dict]) -> None:
    for part in _chunks(rows):
        conn.execute(insert(table), part)


def write_journey(conn: Connection, workshop_id: int, j: Journey, by: str,
                  ratings=None) -> int:
    t = now()
    by = by[:120]
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
