"""The analysis of one journey for one reader, and the cache that keeps it: frames, tables,
figures and CSV files computed once per (journey, workshop revision, visibility scope,
filters and round).

Nothing here is per session: :class:`Insight` objects live in ``st.cache_resource`` (shared,
never copied) and compute each table, figure and CSV lazily, the first time a tab asks for
it, under a lock. A new rating moves the workshop's revision, so the next rerun builds a new
:class:`Insight`; a rerun with nothing new finds everything ready.
"""

from __future__ import annotations

import threading
import uuid
from typing import Callable

import numpy as np
import pandas as pd
import streamlit as st

from journeymap import analysis as A
from journeymap.analysis.frames import JourneyFrames
from journeymap.csv_safe import frame_csv
from journeymap.services import insight_scope, journey_frames

from .figures import FIGURES, readable
from .filters import GROUPS, Filters
from .tables import SHOWN


class Insight:
    """The analysis of one journey as one reader may see it, in one round, under one set of
    filters. ``frames``: what the tables are computed from; ``full``: the same round without
    the filters (for "filtered: x of y")."""

    def __init__(self, frames: JourneyFrames, full: JourneyFrames, filters: Filters,
                 journey_id: int):
        self.frames = frames
        self.full = full
        self.filters = filters
        self.journey_id = journey_id
        #: names this analysis in the page's caches of drawn elements (never reused)
        self.token = uuid.uuid4().hex
        self._memo: dict = {}
        self._lock = threading.RLock()

    def _get(self, key, make: Callable):
        try:
            return self._memo[key]
        except KeyError:
            pass
        with self._lock:
            if key not in self._memo:
                self._memo[key] = make()
            return self._memo[key]

    # raw tables (columns as in journeymap.analysis) ---------------------------------------
    def table(self, name: str) -> pd.DataFrame:
        return self._get(("table", name), lambda: A.TABLES[name](self.frames))

    def segment_table(self, segment: str) -> pd.DataFrame:
        return self._get(("segment", segment), lambda: A.by_segment(self.frames, segment))

    def contrast_table(self, segment: str, first: str, second: str) -> pd.DataFrame:
        return self._get(("contrast", segment, first, second),
                         lambda: A.segment_contrast(self.frames, segment, first, second))

    # figures ------------------------------------------------------------------------------
    def figure(self, name: str, lang: str, **options):
        key = ("figure", name, lang, tuple(sorted(options.items())))
        return self._get(key, lambda: readable(FIGURES[name](self, lang, **options)))

    # tables as shown (chosen columns, headers in the reader's language) -------------------
    def shown(self, name: str, lang: str, **options) -> pd.DataFrame:
        key = ("shown", name, lang, tuple(sorted(options.items())))
        return self._get(key, lambda: SHOWN[name](self, lang, **options))

    def shown_head(self, name: str, lang: str, limit: int, **options) -> pd.DataFrame:
        """At most ``limit`` rows of a shown table (a million rows are for the CSV, not for
        the screen: sending them to the browser at every rerun takes seconds)."""
        key = ("head", name, lang, limit, tuple(sorted(options.items())))
        return self._get(key, lambda: self.shown(name, lang, **options).head(limit))

    def csv(self, name: str, lang: str, **options) -> bytes:
        key = ("csv", name, lang, tuple(sorted(options.items())))
        return self._get(key, lambda: frame_csv(self.shown(name, lang, **options))
                         .encode("utf-8-sig"))

    # rounds ------------------------------------------------------------------------------
    def answered_sides(self) -> dict[int, set[str]]:
        """Round -> the perspectives answered in it (every round, the filters applied)."""
        def make():
            every = self.frames.all_ratings
            persp = every["perspective"].cat
            codes = persp.codes.to_numpy().astype(np.int64)
            k = len(persp.categories) + 1
            pairs = np.unique(every["round"].to_numpy().astype(np.int64) * k + codes)
            out: dict[int, set[str]] = {}
            for x in pairs.tolist():
                if x % k < len(persp.categories):
                    out.setdefault(x // k, set()).add(str(persp.categories[x % k]))
            return out
        return self._get(("sides",), make)

    # headline numbers ---------------------------------------------------------------------
    def headline(self) -> dict:
        def make():
            comp = self.table("comparison")
            r = self.frames.ratings
            lived = r[r["perspective"] == "lived"]["emotion"].dropna()
            pe = self.table("peak-end").set_index("perspective")

            def rem(p):
                return (float(pe.loc[p, "mean_remembered"]) if p in pe.index
                        and pe.loc[p, "n_people"] > 0 else np.nan)

            compared = ~comp["small_sample"].astype(bool)
            people = self.table("peak-end-people")
            lived_people = people[people["perspective"] == "lived"]
            return {
                "disagree": int(comp["tests_disagree"].sum()),
                "plain_average_lived": (float(lived_people["experienced"].mean())
                                        if len(lived_people) else np.nan),
                "tested": int(compared.sum()),
                "ratings": int(len(r)),
                "lived": int((r["perspective"] == "lived").sum()),
                "assumed": int((r["perspective"] == "assumed").sum()),
                "blind_spots": int(comp["blind_spot"].sum()),
                "compared": int(((comp["n_assumed"] > 0) & (comp["n_lived"] > 0)).sum()),
                "positive": float((lived > 0).mean()) if len(lived) else np.nan,
                "remembered_lived": rem("lived"),
                "remembered_assumed": rem("assumed"),
            }
        return self._get(("headline",), make)


# ------------------------------------------------------------------------------------------
# the cache


@st.cache_resource(max_entries=8, ttl=3600, show_spinner=False)
def _frames(_store, _actor, db: str, journey_id: int, revision: int,
            scope_key: tuple) -> JourneyFrames:
    return journey_frames(_store, _actor, journey_id)


@st.cache_resource(max_entries=8, ttl=3600, show_spinner=False)
def _frames_in_round(_store, _actor, db: str, journey_id: int, revision: int,
                     scope_key: tuple, round_: int | None) -> JourneyFrames:
    """The frames in round ``round_`` (None: the default), once for every filter."""
    frames = _frames(_store, _actor, db, journey_id, revision, scope_key)
    return frames if round_ is None else frames.in_round(round_)


@st.cache_resource(max_entries=32, ttl=3600, show_spinner=False)
def _insight(_store, _actor, db: str, journey_id: int, revision: int, scope_key: tuple,
             filters: Filters) -> Insight:
    full = _frames_in_round(_store, _actor, db, journey_id, revision, scope_key,
                            filters.round)
    if not filters.active:
        return Insight(full, full, filters, journey_id)
    f = full.where(stages=filters.stages, channels=filters.channels,
                   roles=GROUPS.get(filters.group))
    return Insight(f, full, filters, journey_id)


def scope_of(store, actor, journey_id: int):
    """Who may see what, and the workshop's revision: one quick read per rerun."""
    return insight_scope(store, actor, journey_id)


def insight(store, actor, scope, filters: Filters = Filters()) -> Insight:
    """The (cached) analysis for this reader; ``scope`` from :func:`scope_of`. A round equal
    to the one shown by default shares the default's analysis."""
    if filters.round is not None:
        default = _frames(store, actor, store.identity, scope.journey_id, scope.revision,
                          scope.key).round
        if filters.round == default:
            filters = Filters(filters.stages, filters.channels, filters.group, None)
    return _insight(store, actor, store.identity, scope.journey_id, scope.revision, scope.key,
                    filters)


def clear_cache() -> None:
    _frames.clear()
    _frames_in_round.clear()
    _insight.clear()
