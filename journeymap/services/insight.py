"""The Insight page's data: a journey's :class:`~journeymap.analysis.JourneyFrames` read as
columns, cut to what the person asking may see in the workshop's current phase.

One job, so one module: :func:`journey_frames` builds the frames a reader may see, and
:func:`insight_scope` says what those frames depend on (the same policy, read cheaply), which
is the key the page caches them under; neither is used without the other. (The segment
questions once kept here are in :mod:`.segments` and :mod:`.segment_answers`.)

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

Rows come from the store as columns
(:class:`~journeymap.store.repositories.journey_columns.JourneyColumns`: a handful of selects
read into DataFrames from the driver's tuples, never one dataclass per rating), steps come in
:meth:`JourneyGraph.order` order, and every ``step`` / ``participant`` column is built as a
Categorical from integer codes, so 60,000 ratings load in tens of ms.

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

from journeymap.analysis.frames import PERSPECTIVES, ROLES, SUCCESS_SCORE, JourneyFrames
from journeymap.domain.graph import JourneyGraph
from journeymap.domain.model import Phase

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
        lang = uow.workshops.get(ws_id).language
        rev = revision_in(c, ws_id)
    return InsightScope(ws_id, journey_id, rev, pol.phase, lang, _scope_key(actor, pol),
                        pol.facilitator, pol.lived, pol.assumed, pol.employee)


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
        return _read_frames(uow, journey_id, ws_id, actor, pol)


def _read_frames(uow, journey_id: int, ws_id: int, actor: Actor, pol: Policy) -> JourneyFrames:
    cols = uow.journey_columns
    jr = cols.title_and_language(journey_id)

    # the map: stages, steps in canonical order, transitions
    stage_rows = cols.stages(journey_id)
    stage_key = {r.id: r.key for r in stage_rows}
    stage_name = {r.key: r.name for r in stage_rows}
    stage_index = {r.key: i for i, r in enumerate(stage_rows)}
    step_rows = cols.steps(journey_id)
    step_key = {r.id: r.key for r in step_rows}
    trans = cols.transitions(journey_id)
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
    people = cols.participants(ws_id)
    people["anonymous"] = people["anonymous"].astype(bool)
    if not pol.facilitator:
        hidden = people["anonymous"] | (not pol.names)
        hidden &= ~((people["id"] == pol.me) & ~people["anonymous"])
        people.loc[hidden, "name"] = ""
        people.loc[hidden, "anonymous"] = True
    person_keys = list(people["key"])
    pos_of_person = dict(zip(people["id"], range(len(people))))
    role_codes = pd.Categorical(people["role"], categories=list(ROLES)).codes

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

    ratings, r = keyed(cols.ratings(journey_id))
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

    votes = uow.votes.per_pain_point(journey_id)
    pains, p = keyed(cols.pain_points(journey_id))
    pains.insert(0, "key", p["key"].to_numpy())
    pains["text"] = p["text"].to_numpy()
    pains["severity"] = p["severity"].to_numpy()
    pains["pillar"] = p["pillar"].to_numpy()
    pains["votes"] = (p["imported_votes"] + p["id"].map(votes).fillna(0)).astype(int).to_numpy()
    pains["round"] = p["round"].to_numpy()

    highlights, h = keyed(cols.highlights(journey_id))
    highlights["text"] = h["text"].to_numpy()
    highlights["round"] = h["round"].to_numpy()
    skips, s = keyed(cols.skips(journey_id), persp=False)
    skips["round"] = s["round"].to_numpy()

    prop = cols.proposals(journey_id)
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
    seg_rows = uow.segments.of_workshop(ws_id)
    seg_key = {x.id: x.key for x in seg_rows}
    answers = cols.segment_answers(ws_id)
    key_of = dict(zip(people["id"], people["key"]))
    segments = pd.DataFrame({
        "participant": answers["participant_id"].map(key_of).to_numpy(),
        "segment": answers["segment_id"].map(seg_key).to_numpy(),
        "option": answers["option"].to_numpy()}).dropna()
    if not pol.facilitator and not pol.lived:  # before the Reveal: one's own answers only
        segments = segments[segments["participant"] == key_of.get(pol.me)]
    rounds_ = uow.rounds.dates(journey_id)
    # actions and the steps their pain points are on (for the rounds' comparison)
    acts = uow.opportunities.of_journey(journey_id)
    targets: dict[int, list[str]] = {}
    for oid, sid in cols.action_steps(journey_id):
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


__all__ = ["InsightScope", "insight_scope", "journey_frames"]
