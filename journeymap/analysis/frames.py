"""A journey as a set of pandas DataFrames: the one input of every analysis function.

:class:`JourneyFrames` holds one DataFrame per kind of row (steps, participants, ratings, pain
points, highlights, skips, proposals, transitions) plus the journey's ``language`` and
``title``.  Build it from a :class:`~journeymap.domain.model.Journey` with
:meth:`JourneyFrames.from_journey`, or hand it DataFrames straight from SQL: the constructor
conforms whatever it is given (missing optional columns are added, dtypes are set), so the
store can skip the dataclasses entirely.

>>> from journeymap.domain.model import Journey, Stage, Step, Participant, Rating
>>> j = Journey(title="Fix my router", stages=[Stage("d", "Discover")])
>>> j.add_step(Step("s1", "d", "Notice the outage"))
>>> j.add_participant(Participant("c1", "Ada"))
>>> _ = j.add_rating(Rating("c1", "s1", -2))
>>> f = JourneyFrames.from_journey(j)
>>> f.ratings[["participant", "step", "perspective", "emotion"]].to_dict("records")
[{'participant': 'c1', 'step': 's1', 'perspective': 'lived', 'emotion': -2.0}]

Dtypes, chosen for speed at a million ratings:

* ``steps`` is sorted in the canonical journey order (``order`` = 0, 1, 2, ...).
* every ``step`` column elsewhere is a Categorical whose categories are the step keys in that
  order, so ``.cat.codes`` is the step's position in the journey;
* ``participant`` columns are Categoricals over the participant keys;
  ``perspective`` over ``assumed, lived, employee``; ``role`` over ``facilitator, staff,
  customer``; ``pillar`` over the six KPMG pillars (missing = not tagged);
* ``emotion``, ``effort`` and ``success`` are float64 with NaN for "not given"; ``success`` is
  the score of :class:`~journeymap.domain.model.Success` (yes 1, partly 0.5, no 0).

Rows that point at a step or participant the journey does not have are dropped.

Rounds: ``ratings``, ``pain_points``, ``highlights`` and ``skips`` hold one round of the
journey (``round``: by default the latest round with answers, the rule of
:func:`journeymap.domain.rules.shown_round`), so every table but the rounds' comparison is
about one round; :meth:`JourneyFrames.in_round` gives another, ``all_ratings`` every round's
ratings. Input without a round is round 1's.

One piece (past 400 lines): the frames' constructor, their conforming of columns and their
views by round and by filter all keep one invariant (every frame has its columns and dtypes).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable

import numpy as np
import pandas as pd

from journeymap.domain.model import Perspective, Pillar, Role, Success
from journeymap.domain.rules import shown_round

PERSPECTIVES: tuple[str, ...] = tuple(p.value for p in Perspective)  # assumed, lived, employee
ROLES: tuple[str, ...] = tuple(r.value for r in Role)
PILLARS: tuple[str, ...] = tuple(p.value for p in Pillar)
SUCCESS_SCORE: dict[str, float] = {s.value: s.score for s in Success}

_STEP_COLUMNS = ("key", "title", "stage", "stage_name", "stage_index", "lane", "channel",
                 "moment_of_truth", "order")
_PARTICIPANT_COLUMNS = ("key", "name", "role", "anonymous")
_RATING_COLUMNS = ("participant", "step", "perspective", "emotion", "effort", "success",
                   "comment", "role")
_PAIN_COLUMNS = ("key", "participant", "step", "text", "severity", "pillar", "votes",
                 "perspective")
_HIGHLIGHT_COLUMNS = ("participant", "step", "text", "perspective")
_SKIP_COLUMNS = ("participant", "step")
_PROPOSAL_COLUMNS = ("participant", "title", "stage", "after", "description", "status")
_TRANSITION_COLUMNS = ("source", "target", "label")


def _cat(values, categories: Iterable[str]) -> pd.Categorical:
    """``values`` as a Categorical over exactly ``categories`` (cheap if already so)."""
    categories = list(categories)
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        if list(values.cat.categories) == categories:
            return values
        return values.cat.set_categories(categories)
    s = pd.Series(values)
    if len(s) and not pd.api.types.is_string_dtype(s.dtype) and s.dtype != object:
        s = s.astype(str)
    s = s.where(s.isin(categories))  # unknown values become missing (and are dropped)
    return pd.Series(pd.Categorical(s, categories=categories), index=s.index)


def _text(df: pd.DataFrame, col: str) -> None:
    if col not in df:
        df[col] = ""
    df[col] = df[col].fillna("").astype(str)


def _float(df: pd.DataFrame, col: str) -> None:
    if col not in df:
        df[col] = np.nan
    df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")


def _int(df: pd.DataFrame, col: str, default: int, dtype: str = "int64") -> None:
    if col not in df:
        df[col] = default
    df[col] = pd.to_numeric(df[col], errors="coerce").fillna(default).astype(dtype)


def _bool(df: pd.DataFrame, col: str) -> None:
    if col not in df:
        df[col] = False
    df[col] = df[col].fillna(False).astype(bool)


def _frame(df: pd.DataFrame | None, columns: Iterable[str]) -> pd.DataFrame:
    if df is None:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    return df.copy()


@dataclass
class JourneyFrames:
    """One journey's rows as DataFrames (see the module docstring for columns and dtypes)."""

    steps: pd.DataFrame
    participants: pd.DataFrame
    ratings: pd.DataFrame
    pain_points: pd.DataFrame = None
    highlights: pd.DataFrame = None
    skips: pd.DataFrame = None
    proposals: pd.DataFrame = None
    transitions: pd.DataFrame = None
    language: str = "en"
    title: str = ""
    #: stage key -> stage name, in stage order (kept so stages without steps still show)
    stages: dict = field(default_factory=dict)
    #: each participant's answer per segment: ``participant, segment, option``
    segments: pd.DataFrame = None
    #: segment key -> ``{"question": ..., "options": [(key, label), ...]}``, in order
    segment_defs: dict = field(default_factory=dict)
    #: round number -> date (or None), when known
    rounds: dict = field(default_factory=dict)
    #: actions (opportunities): ``title, owner, due, status, steps`` (steps they target)
    actions: pd.DataFrame = None
    #: the ratings of the rounds other than ``round`` (for the rounds' comparison); ratings
    #: of several rounds may also all be given in ``ratings``: they are split by round
    other_ratings: pd.DataFrame = None
    #: the round ``ratings``, ``pain_points``, ``highlights`` and ``skips`` hold, so every
    #: table but the rounds' comparison is about one round; None: the one
    #: :func:`journeymap.domain.rules.shown_round` picks (the latest round with answers)
    round: int | None = None
    #: every round's ratings, pain points, highlights and skips (for :meth:`in_round`)
    _every: dict = field(default=None, init=False, repr=False, compare=False)
    #: the rounds that hold any answer
    _answered: frozenset = field(default=frozenset(), init=False, repr=False, compare=False)

    def __post_init__(self):
        self._conform()

    # construction ------------------------------------------------------------------------
    @classmethod
    def from_journey(cls, journey, ratings: pd.DataFrame | None = None) -> "JourneyFrames":
        """The frames of a :class:`~journeymap.domain.model.Journey`; ``ratings``, when given,
        are its ratings as columns (:func:`journeymap.interchange.native.loads_columns`) and
        ``journey.ratings`` is not read."""
        from journeymap.domain.graph import JourneyGraph

        order = JourneyGraph.of(journey).order()
        by_key = {s.key: s for s in journey.steps}
        stage_index = {s.key: i for i, s in enumerate(journey.stages)}
        stage_name = {s.key: s.name for s in journey.stages}
        steps = pd.DataFrame(
            [(s.key, s.title, s.stage, stage_name.get(s.stage, s.stage),
              stage_index.get(s.stage, len(stage_index)), str(s.lane), s.channel,
              s.moment_of_truth, i)
             for i, s in enumerate(by_key[k] for k in order)],
            columns=list(_STEP_COLUMNS))
        people = pd.DataFrame(
            [(p.key, p.name, str(p.role), p.anonymous) for p in journey.participants],
            columns=list(_PARTICIPANT_COLUMNS))
        role_of = {p.key: p.role for p in journey.participants}

        def persp(x, who):
            if x is not None:
                return str(x)
            return str(Perspective.default_for(role_of.get(who, Role.CUSTOMER)))

        if ratings is None:
            ratings = pd.DataFrame(
                [(r.participant, r.step, persp(r.perspective, r.participant), r.emotion,
                  np.nan if r.effort is None else float(r.effort),
                  np.nan if r.success is None else r.success.score, r.comment,
                  str(role_of.get(r.participant, "")), r.round)
                 for r in journey.ratings],
                columns=list(_RATING_COLUMNS) + ["round"])
        else:
            ratings = ratings[list(_RATING_COLUMNS) + (["round"] if "round" in ratings else [])]
        pains = pd.DataFrame(
            [(p.key or f"pp{i + 1}", p.participant, p.step, p.text, p.severity,
              None if p.pillar is None else str(p.pillar), p.votes,
              persp(p.perspective, p.participant))
             for i, p in enumerate(journey.pain_points)],
            columns=list(_PAIN_COLUMNS))
        highlights = pd.DataFrame(
            [(h.participant, h.step, h.text, persp(h.perspective, h.participant))
             for h in journey.highlights], columns=list(_HIGHLIGHT_COLUMNS))
        skips = pd.DataFrame([(s.participant, s.step) for s in journey.skips],
                             columns=list(_SKIP_COLUMNS))
        proposals = pd.DataFrame(
            [(p.participant, p.title, p.stage, p.after, p.description, str(p.status))
             for p in journey.proposals], columns=list(_PROPOSAL_COLUMNS))
        transitions = pd.DataFrame([(t.source, t.target, t.label) for t in journey.transitions],
                                   columns=list(_TRANSITION_COLUMNS))
        segments = pd.DataFrame(
            [(p.key, k, v) for p in journey.participants for k, v in p.segments.items()],
            columns=["participant", "segment", "option"])
        defs = {g.key: {"question": g.question, "options": list(g.options)}
                for g in getattr(journey, "segments", [])}
        pain_step = {p.key: p.step for p in journey.pain_points}
        actions = pd.DataFrame(
            [(o.title, o.owner, o.due, str(o.status),
              list(dict.fromkeys(pain_step[k] for k in o.pain_points if k in pain_step)))
             for o in journey.opportunities],
            columns=["title", "owner", "due", "status", "steps"])
        return cls(steps=steps, participants=people, ratings=ratings, pain_points=pains,
                   highlights=highlights, skips=skips, proposals=proposals,
                   transitions=transitions, language=journey.language, title=journey.title,
                   stages={s.key: s.name for s in journey.stages}, segments=segments,
                   segment_defs=defs,
                   rounds={r.number: r.date for r in getattr(journey, "rounds", [])},
                   actions=actions)

    # conforming --------------------------------------------------------------------------
    def _conform(self) -> None:
        steps = _frame(self.steps, _STEP_COLUMNS)
        for c in ("key", "title", "stage", "lane", "channel"):
            _text(steps, c)
        if "stage_name" not in steps:
            names = self.stages or {}
            steps["stage_name"] = [names.get(k, k) for k in steps["stage"]]
        _text(steps, "stage_name")
        if "stage_index" not in steps:
            known = list(self.stages) or list(dict.fromkeys(steps["stage"]))
            steps["stage_index"] = steps["stage"].map({k: i for i, k in enumerate(known)})
        _int(steps, "stage_index", len(self.stages))
        _bool(steps, "moment_of_truth")
        if "order" not in steps:  # no canonical order given: stage order, then as listed
            steps = steps.sort_values("stage_index", kind="stable")
            steps["order"] = np.arange(len(steps))
        steps = steps.sort_values("order", kind="stable").reset_index(drop=True)
        steps["order"] = np.arange(len(steps), dtype="int64")
        steps["lane"] = steps["lane"].astype("category")
        self.steps = steps[list(_STEP_COLUMNS)]
        if not self.stages:
            self.stages = dict(zip(steps["stage"], steps["stage_name"]))
        step_keys = list(steps["key"])

        people = _frame(self.participants, _PARTICIPANT_COLUMNS)
        _text(people, "key")
        _text(people, "name")
        _bool(people, "anonymous")
        if "role" not in people:
            people["role"] = "customer"
        people["role"] = _cat(people["role"], ROLES)
        self.participants = people[list(_PARTICIPANT_COLUMNS)].reset_index(drop=True)
        person_keys = list(people["key"])
        role_of = dict(zip(people["key"], people["role"].astype(str)))

        def keyed(df: pd.DataFrame, persp: bool = True) -> pd.DataFrame:
            if "step" in df:
                df["step"] = _cat(df["step"], step_keys)
            if "participant" in df:
                df["participant"] = _cat(df["participant"], person_keys)
            if persp:
                if "perspective" not in df or df["perspective"].isna().any():
                    default = df["participant"].astype(object).map(
                        lambda k: "lived" if role_of.get(k) == "customer" else "assumed")
                    df["perspective"] = (df["perspective"].astype(object).fillna(default)
                                         if "perspective" in df else default)
                df["perspective"] = _cat(df["perspective"], PERSPECTIVES)
            cols = [c for c in ("step", "participant", "perspective") if c in df]
            bad = df[cols].isna().any(axis=1)
            return df[~bad].reset_index(drop=True) if bad.any() else df

        r = _frame(self.ratings, _RATING_COLUMNS)
        for c in ("emotion", "effort"):
            _float(r, c)
        if "success" in r and not pd.api.types.is_numeric_dtype(r["success"]):
            r["success"] = r["success"].map(lambda v: SUCCESS_SCORE.get(str(v), v)
                                            if v is not None else np.nan)
        _float(r, "success")
        _text(r, "comment")
        _int(r, "round", 1)
        r = keyed(r)
        if "role" not in r or r["role"].isna().any():
            r["role"] = r["participant"].map(role_of)
        r["role"] = _cat(r["role"], ROLES)
        r = r[list(_RATING_COLUMNS) + [c for c in r if c not in _RATING_COLUMNS]]
        other = self.other_ratings
        if other is not None and len(other):  # given apart: one frame of every round
            r = pd.concat([r, other[list(r.columns)]], ignore_index=True)

        p = _frame(self.pain_points, _PAIN_COLUMNS)
        _text(p, "text")
        _int(p, "severity", 2)
        _int(p, "votes", 0)
        if "key" not in p:
            p["key"] = [f"pp{i + 1}" for i in range(len(p))]
        _text(p, "key")
        p["pillar"] = _cat(p["pillar"] if "pillar" in p else None, PILLARS)
        _int(p, "round", 1)
        p = keyed(p)[list(_PAIN_COLUMNS) + ["round"]]

        h = _frame(self.highlights, _HIGHLIGHT_COLUMNS)
        _text(h, "text")
        _int(h, "round", 1)
        h = keyed(h)[list(_HIGHLIGHT_COLUMNS) + ["round"]]
        s = _frame(self.skips, _SKIP_COLUMNS)
        _int(s, "round", 1)
        s = keyed(s, persp=False)[list(_SKIP_COLUMNS) + ["round"]]

        # one round: the one asked for, else the latest with answers (a domain rule)
        self._every = {"ratings": r, "pain_points": p, "highlights": h, "skips": s}
        answered = frozenset(int(n) for df in self._every.values() for n in df["round"].unique())
        self._answered = answered
        if self.round is None:
            self.round = shown_round(max([1, *self.rounds, *answered]), answered)
        self.round = int(self.round)
        mine = r["round"].to_numpy() == self.round
        if mine.all():
            self.ratings, self.other_ratings = r, r.iloc[:0]
        else:
            self.ratings = r[mine].reset_index(drop=True)
            self.other_ratings = r[~mine].reset_index(drop=True)
        self.pain_points = _of_round(p, self.round, _PAIN_COLUMNS)
        self.highlights = _of_round(h, self.round, _HIGHLIGHT_COLUMNS)
        self.skips = _of_round(s, self.round, _SKIP_COLUMNS)
        pr = _frame(self.proposals, _PROPOSAL_COLUMNS)
        for c in ("participant", "title", "stage", "after", "description", "status"):
            _text(pr, c)
        self.proposals = pr[list(_PROPOSAL_COLUMNS)].reset_index(drop=True)
        t = _frame(self.transitions, _TRANSITION_COLUMNS)
        for c in _TRANSITION_COLUMNS:
            _text(t, c)
        t = t[t["source"].isin(step_keys) & t["target"].isin(step_keys)]
        self.transitions = t[list(_TRANSITION_COLUMNS)].reset_index(drop=True)
        g = _frame(self.segments, ("participant", "segment", "option"))
        for c in ("participant", "segment", "option"):
            _text(g, c)
        self.segments = g[g["participant"].isin(person_keys)].reset_index(drop=True)[
            ["participant", "segment", "option"]]
        a = _frame(self.actions, ("title", "owner", "due", "status", "steps"))
        if "steps" not in a:
            a["steps"] = [[] for _ in range(len(a))]
        for c in ("title", "owner", "due", "status"):
            if c not in a:
                a[c] = None
        self.actions = a[["title", "owner", "due", "status", "steps"]].reset_index(drop=True)

    # rounds ------------------------------------------------------------------------------
    @property
    def round_numbers(self) -> list[int]:
        """Every round of the journey, in order: those with a date and those with answers
        (round 1 at least)."""
        return sorted({1, self.round, *(int(n) for n in self.rounds), *self._answered})

    @property
    def last_round(self) -> int:
        """The journey's current round: the highest started (the N of "round 2 of N")."""
        return self.round_numbers[-1]

    @property
    def all_ratings(self) -> pd.DataFrame:
        """Every round's ratings (``ratings`` and ``other_ratings`` together)."""
        return self._every["ratings"]

    def in_round(self, number: int) -> "JourneyFrames":
        """The same frames about round ``number`` (ratings, pain points, highlights, skips
        of that round; nothing when nobody answered in it)."""
        if int(number) == self.round:
            return self
        e = self._every
        return replace(self, ratings=e["ratings"], other_ratings=None,
                       pain_points=e["pain_points"], highlights=e["highlights"],
                       skips=e["skips"], round=int(number))

    # helpers -----------------------------------------------------------------------------
    @property
    def step_keys(self) -> list[str]:
        return list(self.steps["key"])

    def step_titles(self) -> dict[str, str]:
        return dict(zip(self.steps["key"], self.steps["title"]))

    def participant_labels(self) -> dict[str, str]:
        """A display name per participant; anonymous people get ``#key``."""
        return {k: (n if n and not a else f"#{k}") for k, n, a in
                zip(self.participants["key"], self.participants["name"],
                    self.participants["anonymous"])}

    def where(self, *, stages: Iterable[str] | None = None,
              channels: Iterable[str] | None = None,
              participants: Iterable[str] | None = None,
              roles: Iterable[str] | None = None) -> "JourneyFrames":
        """A filtered copy: only these stages / channels (steps) and participants / roles.

        Steps outside the filter disappear from every frame; so do the rows of people
        outside it. ``None`` keeps everything."""
        steps = self.steps
        if stages is not None:
            steps = steps[steps["stage"].isin(list(stages))]
        if channels is not None:
            steps = steps[steps["channel"].isin(list(channels))]
        people = self.participants
        if participants is not None:
            people = people[people["key"].isin(list(participants))]
        if roles is not None:
            people = people[people["role"].astype(str).isin([str(r) for r in roles])]
        keep_s, keep_p = set(steps["key"]), set(people["key"])

        def cut(df):
            m = np.ones(len(df), dtype=bool)
            if "step" in df:
                m &= df["step"].isin(keep_s).to_numpy()
            if "participant" in df:
                m &= df["participant"].isin(keep_p).to_numpy()
            return df[m]

        props = self.proposals[self.proposals["participant"].isin(keep_p)]
        segs = self.segments[self.segments["participant"].isin(keep_p)]
        trans = self.transitions[self.transitions["source"].isin(keep_s)
                                 & self.transitions["target"].isin(keep_s)]
        e = self._every  # every round is cut alike; the copy stays in this round
        return replace(self, steps=steps, participants=people,
                       ratings=cut(e["ratings"]), other_ratings=None,
                       pain_points=cut(e["pain_points"]),
                       highlights=cut(e["highlights"]), skips=cut(e["skips"]),
                       proposals=props, transitions=trans, segments=segs,
                       stages={k: v for k, v in self.stages.items()
                               if k in set(steps["stage"])})


def _of_round(df: pd.DataFrame, number: int, columns: Iterable[str]) -> pd.DataFrame:
    """The rows of ``df`` (with a ``round`` column) in round ``number``, as ``columns``."""
    mine = df["round"].to_numpy() == number
    out = df if mine.all() else df[mine].reset_index(drop=True)
    return out[list(columns)]


def frames_of(x) -> JourneyFrames:
    """``x`` if it already is :class:`JourneyFrames`, else the frames of the Journey ``x``."""
    return x if isinstance(x, JourneyFrames) else JourneyFrames.from_journey(x)
