"""What the Reveal shows, computed once per change of the workshop and cached per database
and per scope of what the reader may see: the comparison of assumed and lived (blind spots
first), its two figures, and the table of numbers under it (which the table-CSV route also
serves). No drawing here: :mod:`journeymap.ui.flow_reveal` draws; the routes only read."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from journeymap import analysis as A
from journeymap import charts
from journeymap.i18n import t
from journeymap.services import journey_frames
from journeymap.ui.state import get_store


# Resource caches, not data caches: a data cache hands out a copy, unpickled on every rerun,
# and unpickling two plotly figures rebuilds and re-validates them (0.3-0.6 s of CPU at each
# rerun of every page showing the reveal, and each tap on it). Pages only read these.
@st.cache_resource(max_entries=64, show_spinner=False)
def revealed(db: str, journey_id: int, revision: int, scope_key: tuple,
              _actor) -> tuple[pd.DataFrame, int, int]:
    """``(comparison, round shown, rounds in all)``."""
    f = journey_frames(get_store(), _actor, journey_id)
    return _ordered(A.comparison(f)), f.round, f.last_round


def _comparison(db: str, journey_id: int, revision: int, scope_key: tuple,
                _actor) -> pd.DataFrame:
    return revealed(db, journey_id, revision, scope_key, _actor)[0]


@st.cache_resource(max_entries=64, show_spinner=False)
def _figures(db: str, journey_id: int, revision: int, scope_key: tuple, language: str,
             _actor):
    in_order = _comparison(db, journey_id, revision, scope_key, _actor).sort_values("order")
    return charts.emotion_curve(in_order, language), charts.gap_bars(in_order, language)


def db() -> str:
    return get_store().identity


def cached_comparison(journey_id: int, revision: int, scope_key: tuple, actor) -> pd.DataFrame:
    """The reader's comparison, computed once per change of the workshop and per scope of
    what may be seen (everyone in a role shares it after the reveal)."""
    return _comparison(db(), journey_id, revision, scope_key, actor)


def cached_figures(journey_id: int, revision: int, scope_key: tuple, language: str, actor):
    """The curve and the gap bars, built once per change of the workshop (about 100 ms at
    300 steps) rather than on every rerun."""
    return _figures(db(), journey_id, revision, scope_key, language, actor)


def clear_cache() -> None:
    revealed.clear()
    _figures.clear()


def _ordered(comp: pd.DataFrame) -> pd.DataFrame:
    """Blind spots first, then by the size of the gap (largest first)."""
    key = comp["gap"].abs().fillna(-1)
    order = np.lexsort((-key.to_numpy(), ~comp["blind_spot"].to_numpy(bool)))
    return comp.iloc[order].reset_index(drop=True)


_COLUMNS = ("title", "n_assumed", "mean_assumed", "n_lived", "mean_lived", "gap", "ci_low",
            "ci_high", "blind_spot")


def table(both: pd.DataFrame, language: str) -> pd.DataFrame:
    """The numbers behind the reveal, headed in ``language``."""
    return both[list(_COLUMNS)].rename(columns={c: t(f"analysis.col.{c}", language)
                                                for c in _COLUMNS})


def reveal_table(store, actor, scope, language: str) -> pd.DataFrame:
    """The table under the reveal for ``actor`` in ``language`` (what its CSV link serves):
    the steps both sides rated, blind spots first."""
    comp = cached_comparison(scope.journey_id, scope.revision, scope.key, actor)
    return table(comp[(comp["n_assumed"] > 0) & (comp["n_lived"] > 0)], language)

