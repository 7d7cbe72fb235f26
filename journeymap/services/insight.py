"""The Insight page's data: a journey's :class:`~journeymap.analysis.JourneyFrames` straight
from SQL, cut to what the person asking may see in the workshop's current phase.

>>> from journeymap.services import SYSTEM, Store, import_journey
>>> from journeymap.domain.model import Journey, Stage, Step, Participant, Rating
>>> store = Store.open("sqlite://")
>>> j = Journey(title="T", stages=[Stage("a", "A")])
>>> j.add_step(Step("s1", "a", "Call"))
>>> j.add_participant(Participant("c1", "Ada"))
>>> _ = j.add_rating(Rating("c1", "s1", -1))
>>> _, jid = import_journey(store, SYSTEM, j)
>>> journey_frames(store, SYSTEM, jid).ratings[["participant", "emotion"]].to_dict("records")
[{'participant': 'c1', 'emotion': -1.0}]

Rows are read with a handful of Core selects into DataFrames (never one dataclass per
rating), steps come in :meth:`JourneyGraph.order` order, and every ``step`` / ``participant``
column is built as a Categorical from integer codes, so 60,000 ratings load in tens of ms.

What each person gets (the rules of :mod:`journeymap.domain.rules`, as
:func:`journeymap.services.visibility.policy` reads them):

* the facilitator (and the command line): everything, names included;
* everyone sees their own rows; other people's *lived* rows only with ``see_lived``, their
  *assumed* rows only with ``see_assumed``, *employee* rows only with ``see_employee`` — so
  before the Reveal a customer sees no assumed or employee ratings and no staff pain points,
  and staff see no lived ratings and no customer pain points;
* a customer never reads the comments staff wrote on their ratings;
* skips and proposals of others only with ``see_lived``;
* names: anonymous participants appear as ``#key`` to everyone but the facilitator (even to
  themselves, so that one cached analysis can serve all staff or all customers after the
  Reveal), and all names are hidden where ``see_names`` is closed (customers before the
  Reveal).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np
import pandas as pd
from sqlalchemy import func, select

from journeymap.analysis.frames import PERSPECTIVES, ROLES, SUCCESS_SCORE, JourneyFrames
from journeymap.domain.graph import JourneyGraph
from journeymap.domain.model import Phase
from journeymap.store import schema as T

from .base import Actor, Store, revision_in
from .visibility import Policy, policy
from .journeys import workshop_of_journey


@dataclass(frozen=True)
class InsightScope:
    """Everything the Insight analysis of one journey depends on, for one reader.

    ``key`` is hashable and equal for two readers who get exactly the same frames: the
    facilitator; all staff (or all customers) after the Reveal; one person before it.
    ``revision`` moves with every change in the workshop, so a cache keyed on
    ``(journey_id, revision, key)`` is never stale."""

    workshop_id: int
    journey_id: int
    revision: int
    phase: Phase
    language: str
    key: tuple
    facilitator: bool
    lived: bool
    assumed: bool
    employee: bool

    @property
    def comparison_open(self) -> bool:
        """May this reader see both layers side by side (assumed and lived)?"""
        return self.facilitator or (self.lived and self.assumed)


def _scope_key(actor: Actor, pol: Policy) -> tuple:
    if pol.facilitator:
        return ("all",)
    role = actor.role.value if actor.role else "participant"
    if pol.lived and pol.assumed and pol.employee and pol.names:
        return (role, "open")  # after the Reveal: the same for everyone in the role
    return (role, pol.phase.value, actor.participant_id)


def insight_scope(store: Store, actor: Actor, journey_id: int) -> InsightScope:
    """Authorize (``view_map``) and say what the reader's analysis depends on: one quick
    read, cheap enough to run on every rerun of the page."""
    with store.read() as uow:
        c = uow.conn
        ws_id = workshop_of_journey(c, journey_id)
        pol = policy(c, actor, ws_id)
        lang = c.execute(select(T.workshops.c.language)
                         .where(T.workshops.c.id == ws_id)).scalar_one()
        rev = revision_in(c, ws_id)
    return InsightScope(ws_id, journey_id, rev, pol.phase, lang, _scope_key(actor, pol),
                        pol.facilitator, pol.lived, pol.assumed, pol.employee)


def _df(conn, query, columns: list[str]) -> pd.DataFrame:
    result = conn.execute(query)
    try:  # the driver's own tuples: the selected types need no conversion by SQLAlchemy
        rows = result.cursor.fetchall()
    except AttributeError:  # pragma: no cover - a result without a DBAPI cursor
        rows = result.all()
    finally:
        result.close()
    cols = list(zip(*rows)) if rows else [()] * len(columns)
    return pd.DataFrame({name: pd.Series(values, dtype=object if not values else None)
                         for name, values in zip(columns, cols)})


def _codes(ids: pd.Series, index: dict[int, int]) -> np.ndarray:
    """Database ids -> positions (−1 for an id not in ``index``)."""
    if not len(ids):
        return np.zeros(0, dtype=np.int64)
    return ids.map(index).fillna(-1).to_numpy(dtype=np.int64)


def _cat(codes: np.ndarray, categories: list[str]) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=categories)


def journey_frames(store: Store, actor: Actor, journey_id: int) -> JourneyFrames:
    """The journey's frames as ``actor`` may see them now (raises like ``view_map``)."""
    with store.read() as uow:
        c = uow.conn
        ws_id = workshop_of_journey(c, journey_id)
        pol = policy(c, actor, ws_id)
        return _read_frames(c, journey_id, ws_id, actor, pol)


def _read_frames(c, journey_id: int, ws_id: int, actor: Actor, pol: Policy) -> JourneyFrames:
    jr = c.execute(select(T.journeys.c.title, T.workshops.c.language)
                   .join(T.workshops, T.workshops.c.id == T.journeys.c.workshop_id)
                   .where(T.journeys.c.id == journey_id)).one()

    # the map: stages, steps in canonical order, transitions
    stage_rows = c.execute(select(T.stages.c.id, T.stages.c.key, T.stages.c.name)
                           .where(T.stages.c.journey_id == journey_id)
                           .order_by(T.stages.c.position, T.stages.c.id)).all()
    stage_key = {r.id: r.key for r in stage_rows}
    stage_name = {r.key: r.name for r in stage_rows}
    stage_index = {r.key: i for i, r in enumerate(stage_rows)}
    step_rows = c.execute(select(T.steps.c.id, T.steps.c.key, T.steps.c.title,
                                 T.steps.c.stage_id, T.steps.c.lane, T.steps.c.channel,
                                 T.steps.c.moment_of_truth)
                          .where(T.steps.c.journey_id == journey_id)
                          .order_by(T.steps.c.position, T.steps.c.id)).all()
    step_key = {r.id: r.key for r in step_rows}
    trans = _df(c, select(T.transitions.c.source_id, T.transitions.c.target_id,
                          T.transitions.c.label)
                .where(T.transitions.c.journey_id == journey_id)
                .order_by(T.transitions.c.id), ["source_id", "target_id", "label"])
    trans["source"] = trans["source_id"].map(step_key)
    trans["target"] = trans["target_id"].map(step_key)
    graph = JourneyGraph(
        [SimpleNamespace(key=r.key) for r in stage_rows],
        [SimpleNamespace(key=r.key, stage=stage_key[r.stage_id], lane=r.lane)
         for r in step_rows],
        [SimpleNamespace(source=s, target=t, label=lab)
         for s, t, lab in zip(trans["source"], trans["target"], trans["label"])])
    order = graph.order()
    by_key = {r.key: r for r in step_rows}
    ordered = [by_key[k] for k in order]
    pos_of_id = {r.id: i for i, r in enumerate(ordered)}
    step_keys = list(order)
    steps = pd.DataFrame({
        "key": step_keys,
        "title": [r.title for r in ordered],
        "stage": [stage_key[r.stage_id] for r in ordered],
        "stage_name": [stage_name[stage_key[r.stage_id]] for r in ordered],
        "stage_index": [stage_index[stage_key[r.stage_id]] for r in ordered],
        "lane": [r.lane for r in ordered],
        "channel": [r.channel for r in ordered],
        "moment_of_truth": [bool(r.moment_of_truth) for r in ordered],
        "order": np.arange(len(ordered), dtype=np.int64)})

    # people, with names as the reader may see them
    people = _df(c, select(T.participants.c.id, T.participants.c.key, T.participants.c.name,
                           T.participants.c.role, T.participants.c.anonymous)
                 .where(T.participants.c.workshop_id == ws_id)
                 .order_by(T.participants.c.id), ["id", "key", "name", "role", "anonymous"])
    people["anonymous"] = people["anonymous"].astype(bool)
    if not pol.facilitator:
        hidden = people["anonymous"] | (not pol.names)
        hidden &= ~((people["id"] == pol.me) & ~people["anonymous"])
        people.loc[hidden, "name"] = ""
        people.loc[hidden, "anonymous"] = True
    person_keys = list(people["key"])
    pos_of_person = dict(zip(people["id"], range(len(people))))
    role_codes = pd.Categorical(people["role"], categories=list(ROLES)).codes

    in_journey = T.steps.c.journey_id == journey_id

    def rows(table, *cols, where=None):
        q = (select(table.c.step_id, table.c.participant_id, *cols)
             .join(T.steps, T.steps.c.id == table.c.step_id).where(in_journey))
        if where is not None:
            q = q.where(where)
        return _df(c, q.order_by(table.c.id),
                   ["step_id", "participant_id"] + [x.name for x in cols])

    def visible(df: pd.DataFrame, persp: bool = True) -> pd.DataFrame:
        """Only rows of known steps/people that the reader may see."""
        ok = (df["_s"].to_numpy() >= 0) & (df["_p"].to_numpy() >= 0)
        if not pol.facilitator:
            mine = (df["participant_id"] == pol.me).to_numpy()
            if persp:
                allowed = [p for p, on in (("lived", pol.lived), ("assumed", pol.assumed),
                                           ("employee", pol.employee)) if on]
                open_ = df["perspective"].isin(allowed).to_numpy()
            else:
                open_ = np.full(len(df), pol.lived)
            ok &= mine | open_
        return df[ok].reset_index(drop=True) if not ok.all() else df

    def keyed(df: pd.DataFrame, persp: bool = True) -> pd.DataFrame:
        df["_s"] = _codes(df["step_id"], pos_of_id)
        df["_p"] = _codes(df["participant_id"], pos_of_person)
        df = visible(df, persp)
        out = pd.DataFrame({
            "participant": _cat(df["_p"].to_numpy(), person_keys),
            "step": _cat(df["_s"].to_numpy(), step_keys)})
        if persp:
            out["perspective"] = pd.Categorical(df["perspective"], categories=list(PERSPECTIVES))
        return out, df

    r = rows(T.ratings, T.ratings.c.perspective, T.ratings.c.emotion, T.ratings.c.effort,
             T.ratings.c.success, T.ratings.c.comment, T.ratings.c["round"])
    ratings, r = keyed(r)
    ratings["emotion"] = r["emotion"].astype("float64").to_numpy()
    ratings["effort"] = pd.to_numeric(r["effort"], errors="coerce").astype("float64").to_numpy()
    ratings["success"] = r["success"].map(SUCCESS_SCORE).astype("float64").to_numpy()
    comment = r["comment"].fillna("").astype(str)
    if not pol.facilitator and actor.role is not None and actor.role.value == "customer":
        # a customer never reads what staff noted on their own ratings
        comment = comment.where((r["perspective"] == "lived").to_numpy()
                                | (r["participant_id"] == pol.me).to_numpy(), "")
    ratings["comment"] = comment.to_numpy()
    ratings["role"] = _cat(role_codes[r["_p"].to_numpy()] if len(r) else
                           np.zeros(0, dtype=np.int8), list(ROLES))
    ratings["round"] = pd.to_numeric(r["round"]).fillna(1).astype("int64").to_numpy() \
        if len(r) else np.zeros(0, dtype=np.int64)

    votes = dict(c.execute(
        select(T.votes.c.pain_point_id, func.count())
        .join(T.pain_points, T.pain_points.c.id == T.votes.c.pain_point_id)
        .join(T.steps, T.steps.c.id == T.pain_points.c.step_id)
        .where(in_journey).group_by(T.votes.c.pain_point_id)).all())
    p = rows(T.pain_points, T.pain_points.c.id, T.pain_points.c.key, T.pain_points.c.text,
             T.pain_points.c.severity, T.pain_points.c.pillar, T.pain_points.c.perspective,
             T.pain_points.c.imported_votes, T.pain_points.c["round"],
             where=T.pain_points.c.merged_into_id.is_(None))
    pains, p = keyed(p)
    pains.insert(0, "key", p["key"].to_numpy())
    pains["text"] = p["text"].to_numpy()
    pains["severity"] = p["severity"].to_numpy()
    pains["pillar"] = p["pillar"].to_numpy()
    pains["votes"] = (p["imported_votes"] + p["id"].map(votes).fillna(0)).astype(int).to_numpy()
    pains["round"] = p["round"].to_numpy()

    h = rows(T.highlights, T.highlights.c.text, T.highlights.c.perspective,
             T.highlights.c["round"])
    highlights, h = keyed(h)
    highlights["text"] = h["text"].to_numpy()
    highlights["round"] = h["round"].to_numpy()
    s = rows(T.skips, T.skips.c["round"])
    skips, s = keyed(s, persp=False)
    skips["round"] = s["round"].to_numpy()

    prop = _df(c, select(T.proposals.c.participant_id, T.proposals.c.title,
                         T.proposals.c.stage_id, T.proposals.c.after_step_id,
                         T.proposals.c.description, T.proposals.c.status)
               .where(T.proposals.c.journey_id == journey_id).order_by(T.proposals.c.id),
               ["participant_id", "title", "stage_id", "after_step_id", "description",
                "status"])
    if not pol.facilitator and not pol.lived:
        prop = prop[prop["participant_id"] == pol.me]
    key_of_person = dict(zip(people["id"], people["key"]))
    proposals = pd.DataFrame({
        "participant": prop["participant_id"].map(key_of_person).fillna("").to_numpy(),
        "title": prop["title"].to_numpy(),
        "stage": prop["stage_id"].map(stage_key).fillna("").to_numpy(),
        "after": prop["after_step_id"].map(step_key).fillna("").to_numpy(),
        "description": prop["description"].to_numpy(),
        "status": prop["status"].to_numpy()})

    # segments: the workshop's questions and each visible person's answer
    seg_rows = c.execute(select(T.segments.c.id, T.segments.c.key, T.segments.c.question,
                                T.segments.c.options)
                         .where(T.segments.c.workshop_id == ws_id)
                         .order_by(T.segments.c.position, T.segments.c.id)).all()
    seg_key = {x.id: x.key for x in seg_rows}
    answers = _df(c, select(T.participant_segments.c.participant_id,
                            T.participant_segments.c.segment_id,
                            T.participant_segments.c.option)
                  .join(T.participants,
                        T.participants.c.id == T.participant_segments.c.participant_id)
                  .where(T.participants.c.workshop_id == ws_id),
                  ["participant_id", "segment_id", "option"])
    key_of = dict(zip(people["id"], people["key"]))
    segments = pd.DataFrame({
        "participant": answers["participant_id"].map(key_of).to_numpy(),
        "segment": answers["segment_id"].map(seg_key).to_numpy(),
        "option": answers["option"].to_numpy()}).dropna()
    if not pol.facilitator and not pol.lived:  # before the Reveal: one's own answers only
        segments = segments[segments["participant"] == key_of.get(pol.me)]
    rounds_ = dict(c.execute(select(T.journey_rounds.c.number, T.journey_rounds.c.date)
                             .where(T.journey_rounds.c.journey_id == journey_id)).all())
    # actions and the steps their pain points are on (for the rounds' comparison)
    acts = c.execute(select(T.opportunities.c.id, T.opportunities.c.title,
                            T.opportunities.c.owner, T.opportunities.c.due,
                            T.opportunities.c.status)
                     .where(T.opportunities.c.journey_id == journey_id)
                     .order_by(T.opportunities.c.id)).all()
    targets: dict[int, list[str]] = {}
    for oid, sid in c.execute(
            select(T.opportunity_pain_points.c.opportunity_id, T.pain_points.c.step_id)
            .join(T.pain_points,
                  T.pain_points.c.id == T.opportunity_pain_points.c.pain_point_id)
            .join(T.opportunities,
                  T.opportunities.c.id == T.opportunity_pain_points.c.opportunity_id)
            .where(T.opportunities.c.journey_id == journey_id)).all():
        k = step_key.get(sid)
        if k is not None and k not in targets.setdefault(oid, []):
            targets[oid].append(k)
    actions = pd.DataFrame({"title": [a.title for a in acts], "owner": [a.owner for a in acts],
                            "due": [a.due for a in acts], "status": [a.status for a in acts],
                            "steps": [targets.get(a.id, []) for a in acts]})

    return JourneyFrames(
        segments=segments, rounds=rounds_, actions=actions,
        segment_defs={x.key: {"question": x.question,
                              "options": [tuple(o) for o in x.options]} for x in seg_rows},
        steps=steps,
        participants=people[["key", "name", "role", "anonymous"]],
        ratings=ratings, pain_points=pains, highlights=highlights, skips=skips,
        proposals=proposals, transitions=trans[["source", "target", "label"]],
        language=jr.language, title=jr.title,
        stages={r.key: r.name for r in stage_rows})


# segments: the questions, and a participant's own answers ---------------------------------

def define_segment(store: Store, actor: Actor, workshop_id: int, key: str, question: str,
                   options: list) -> None:
    """Add (or replace the question and options of) a segment of the workshop; the
    facilitator only (``run_workshop``). ``options``: ``[(key, label), ...]``. An option
    somebody chose cannot be left out (refused, naming it: the answers are kept)."""
    from journeymap.domain.model import Segment

    from .base import authorize, now, record_change

    g = Segment(key, question, list(options))
    with store.write() as uow:
        c = uow.conn
        authorize(c, actor, workshop_id, "run_workshop")
        row = c.execute(select(T.segments.c.id).where(T.segments.c.workshop_id == workshop_id,
                                                      T.segments.c.key == g.key)).scalar()
        values = dict(question=g.question, options=[list(o) for o in g.options])
        if row is None:
            n = c.execute(select(func.count()).select_from(T.segments)
                          .where(T.segments.c.workshop_id == workshop_id)).scalar()
            c.execute(T.segments.insert().values(workshop_id=workshop_id, key=g.key,
                                                 position=n, created_at=now(), **values))
        else:
            _keep_chosen_options(c, row, g.option_keys())
            c.execute(T.segments.update().where(T.segments.c.id == row).values(**values))
        record_change(c, workshop_id, "segment.define", actor)
        uow.commit()


def _keep_chosen_options(c, segment_id: int, keys: list[str]) -> None:
    from journeymap.domain.errors import ValidationError

    labels = dict(tuple(o) for o in c.execute(select(T.segments.c.options).where(
        T.segments.c.id == segment_id)).scalar_one())
    for option, n in c.execute(
            select(T.participant_segments.c.option, func.count())
            .where(T.participant_segments.c.segment_id == segment_id,
                   T.participant_segments.c.option.not_in(keys))
            .group_by(T.participant_segments.c.option)).all():
        label = labels.get(option, option)
        raise ValidationError(
            f"{n} people chose '{label}': it cannot be removed (their answers are kept); "
            "change its words instead", "options", key="error.segment.option_in_use",
            label=label, n=n)


def segment_questions(store: Store, workshop_id: int) -> list[dict]:
    """The workshop's segment questions in order: ``[{"key", "question", "options":
    [(key, label), ...]}]`` (nothing personal: anyone joining may read them)."""
    with store.read() as uow:
        rows = uow.conn.execute(select(T.segments.c.key, T.segments.c.question,
                                       T.segments.c.options)
                                .where(T.segments.c.workshop_id == workshop_id)
                                .order_by(T.segments.c.position, T.segments.c.id)).all()
    return [{"key": r.key, "question": r.question, "options": [tuple(o) for o in r.options]}
            for r in rows]


def answer_segments(store: Store, actor: Actor, answers: dict) -> None:
    """Record a participant's own answers ``{segment key: option key or None}``; None (or a
    missing key) removes an earlier answer — every question may be skipped."""
    from journeymap.domain.errors import PermissionDenied, ValidationError

    from .base import record_change

    if actor.participant_id is None:
        raise PermissionDenied("only a participant answers these questions",
                               key="error.segment_not_participant")
    with store.write() as uow:
        c = uow.conn
        ws = c.execute(select(T.participants.c.workshop_id)
                       .where(T.participants.c.id == actor.participant_id)).scalar_one()
        defs = {r.key: (r.id, [o[0] for o in r.options]) for r in c.execute(
            select(T.segments.c.id, T.segments.c.key, T.segments.c.options)
            .where(T.segments.c.workshop_id == ws)).all()}
        for k, v in answers.items():
            if k not in defs:
                raise ValidationError(f"no segment '{k}' in this workshop", "segments",
                                      key="error.segment_unknown", segment=k)
            if v is not None and v not in defs[k][1]:
                raise ValidationError(f"'{v}' is not one of: {', '.join(defs[k][1])}", k,
                                      key="error.invalid_choice", value=v,
                                      choices=", ".join(defs[k][1]))
        for k, v in answers.items():
            sid = defs[k][0]
            c.execute(T.participant_segments.delete().where(
                T.participant_segments.c.participant_id == actor.participant_id,
                T.participant_segments.c.segment_id == sid))
            if v is not None:
                c.execute(T.participant_segments.insert().values(
                    participant_id=actor.participant_id, segment_id=sid, option=v))
        record_change(c, ws, "segment.answer", actor)
        uow.commit()


__all__ = ["InsightScope", "answer_segments", "define_segment", "insight_scope",
           "journey_frames", "segment_questions"]
