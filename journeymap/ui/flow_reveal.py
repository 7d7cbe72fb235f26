"""The Reveal: assumed beside lived, starting from the largest blind spots, with the emotion
curve (peak and end marked) and the numbers behind it. Only what the reader may see: the
frames come from :func:`journeymap.services.journey_frames`, in the round an analysis shows
by default (the latest with answers; "Round 2 of 2" when the journey has more than one)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from journeymap import analysis as A
from journeymap import charts
from journeymap.i18n import t
from journeymap.services import get_workshop, insight_scope, journey_frames
from journeymap.ui import session
from journeymap.ui.flow_common import emotion_label, esc as _esc
from journeymap.ui.report_download import table_link
from journeymap.ui.state import get_store, lang, tr

VIEWS = ("comparison", "curve", "gaps")


# Resource caches, not data caches: a data cache hands out a copy, unpickled on every rerun,
# and unpickling two plotly figures rebuilds and re-validates them (0.3-0.6 s of CPU at each
# rerun of every page showing the reveal, and each tap on it). Pages only read these.
@st.cache_resource(max_entries=64, show_spinner=False)
def _revealed(db: str, journey_id: int, revision: int, scope_key: tuple,
              _actor) -> tuple[pd.DataFrame, int, int]:
    """``(comparison, round shown, rounds in all)``."""
    f = journey_frames(get_store(), _actor, journey_id)
    return _ordered(A.comparison(f)), f.round, f.last_round


def _comparison(db: str, journey_id: int, revision: int, scope_key: tuple,
                _actor) -> pd.DataFrame:
    return _revealed(db, journey_id, revision, scope_key, _actor)[0]


@st.cache_resource(max_entries=64, show_spinner=False)
def _figures(db: str, journey_id: int, revision: int, scope_key: tuple, language: str,
             _actor):
    in_order = _comparison(db, journey_id, revision, scope_key, _actor).sort_values("order")
    return charts.emotion_curve(in_order, language), charts.gap_bars(in_order, language)


def _db() -> str:
    return get_store().identity


def _cached_comparison(journey_id: int, revision: int, scope_key: tuple, actor) -> pd.DataFrame:
    """The reader's comparison, computed once per change of the workshop and per scope of
    what may be seen (everyone in a role shares it after the reveal)."""
    return _comparison(_db(), journey_id, revision, scope_key, actor)


def _cached_figures(journey_id: int, revision: int, scope_key: tuple, language: str, actor):
    """The curve and the gap bars, built once per change of the workshop (about 100 ms at
    300 steps) rather than on every rerun."""
    return _figures(_db(), journey_id, revision, scope_key, language, actor)


def clear_cache() -> None:
    _revealed.clear()
    _figures.clear()


def _ordered(comp: pd.DataFrame) -> pd.DataFrame:
    """Blind spots first, then by the size of the gap (largest first)."""
    key = comp["gap"].abs().fillna(-1)
    order = np.lexsort((-key.to_numpy(), ~comp["blind_spot"].to_numpy(bool)))
    return comp.iloc[order].reset_index(drop=True)


def _fmt(x) -> str:
    return "—" if x is None or (isinstance(x, float) and np.isnan(x)) else f"{x:+.1f}"


def show(journey_id: int, *, big: bool = False, every_chart: bool = False,
         key: str = "reveal") -> None:
    """Show the reveal for the signed-in person (as the facilitator chose to show it)."""
    store, a = get_store(), session.actor()
    scope = insight_scope(store, a, journey_id)
    ws = get_workshop(store, a, scope.workshop_id)
    view = ws.get("reveal_view") if ws.get("reveal_view") in VIEWS else "comparison"
    comp, shown, rounds = _revealed(_db(), journey_id, scope.revision, scope.key, a)
    both = comp[(comp["n_assumed"] > 0) & (comp["n_lived"] > 0)]
    st.subheader(tr("reveal.title"), anchor=False)
    if rounds > 1:
        st.caption(tr("insight.round.of", round=shown, total=rounds))
    if both.empty:
        st.info(tr("reveal.empty"))
        return
    blind = both[both["blind_spot"]]
    st.write(tr("reveal.summary", blind=len(blind), steps=len(both)))
    top = (blind if len(blind) else both).head(3)
    cols = st.columns(len(top)) if big else [st.container() for _ in range(len(top))]
    for col, (_, r) in zip(cols, top.iterrows()):
        with col.container(border=True):
            st.markdown(f"**{_esc(r['title'])}**")
            st.write(tr("reveal.assumed_lived", assumed=emotion_label(r["mean_assumed"]),
                        lived=emotion_label(r["mean_lived"])))
            st.caption(tr("reveal.gap_line", gap=_fmt(r["gap"]), low=_fmt(r["ci_low"]),
                          high=_fmt(r["ci_high"]), n_assumed=int(r["n_assumed"]),
                          n_lived=int(r["n_lived"])))
    curve, gaps = _cached_figures(journey_id, scope.revision, scope.key, lang(), a)
    if view in ("comparison", "curve"):
        st.plotly_chart(curve, width="stretch", key=f"{key}_curve")
        st.caption(tr("reveal.peak_end"))
    # on people's own screens (often phones) the comparison is the cards and the curve; the
    # gap bars join them on the projector and when the facilitator chose to show the gaps
    if view == "gaps" or (view == "comparison" and (big or every_chart)):
        st.plotly_chart(gaps, width="stretch", key=f"{key}_gap")
    table = _table(both, lang())
    with st.expander(tr("reveal.numbers"), expanded=not big):
        st.dataframe(table.round(2), hide_index=True, width="stretch", placeholder="—")
        table_link(journey_id, lang(), "comparison.csv", "reveal", key=f"{key}_csv")


_COLUMNS = ("title", "n_assumed", "mean_assumed", "n_lived", "mean_lived", "gap", "ci_low",
            "ci_high", "blind_spot")


def _table(both: pd.DataFrame, language: str) -> pd.DataFrame:
    """The numbers behind the reveal, headed in ``language``."""
    return both[list(_COLUMNS)].rename(columns={c: t(f"analysis.col.{c}", language)
                                                for c in _COLUMNS})


def reveal_table(store, actor, scope, language: str) -> pd.DataFrame:
    """The table under the reveal for ``actor`` in ``language`` (what its CSV link serves):
    the steps both sides rated, blind spots first."""
    comp = _cached_comparison(scope.journey_id, scope.revision, scope.key, actor)
    return _table(comp[(comp["n_assumed"] > 0) & (comp["n_lived"] > 0)], language)

