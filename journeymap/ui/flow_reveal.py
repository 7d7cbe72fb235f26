"""The Reveal: assumed beside lived, starting from the largest blind spots, with the emotion
curve (peak and end marked) and the numbers behind it. Only what the reader may see: the
journey comes from :func:`journeymap.services.visible_journey`."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from journeymap import analysis as A
from journeymap import charts
from journeymap.interchange.csv_safe import frame_csv
from journeymap.services import get_workshop, insight_scope, journey_frames
from journeymap.ui import session
from journeymap.ui.flow_common import emotion_label, esc as _esc
from journeymap.ui.state import get_store, lang, tr

VIEWS = ("comparison", "curve", "gaps")


@st.cache_data(max_entries=64, show_spinner=False)
def _cached_comparison(db: str, journey_id: int, revision: int, scope_key: tuple,
                       _actor) -> pd.DataFrame:
    """The reader's comparison, computed once per change of the workshop and per scope of
    what may be seen (everyone in a role shares it after the reveal)."""
    return _ordered(A.comparison(journey_frames(get_store(), _actor, journey_id)))


@st.cache_data(max_entries=64, show_spinner=False)
def _cached_figures(db: str, journey_id: int, revision: int, scope_key: tuple, language: str,
                    _actor):
    """The curve and the gap bars, built once per change of the workshop (about 100 ms at
    300 steps) rather than on every rerun."""
    in_order = _cached_comparison(db, journey_id, revision, scope_key,
                                  _actor).sort_values("order")
    return charts.emotion_curve(in_order, language), charts.gap_bars(in_order, language)


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
    comp = _cached_comparison(store.identity, journey_id, scope.revision, scope.key, a)
    both = comp[(comp["n_assumed"] > 0) & (comp["n_lived"] > 0)]
    st.subheader(tr("reveal.title"), anchor=False)
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
    curve, gaps = _cached_figures(store.identity, journey_id, scope.revision, scope.key,
                                  lang(), a)
    if view in ("comparison", "curve"):
        st.plotly_chart(curve, width="stretch", key=f"{key}_curve")
        st.caption(tr("reveal.peak_end"))
    # on people's own screens (often phones) the comparison is the cards and the curve; the
    # gap bars join them on the projector and when the facilitator chose to show the gaps
    if view == "gaps" or (view == "comparison" and (big or every_chart)):
        st.plotly_chart(gaps, width="stretch", key=f"{key}_gap")
    table = both[["title", "n_assumed", "mean_assumed", "n_lived", "mean_lived", "gap",
                  "ci_low", "ci_high", "blind_spot"]].rename(
        columns={c: tr(f"analysis.col.{c}") for c in
                 ("title", "n_assumed", "mean_assumed", "n_lived", "mean_lived", "gap",
                  "ci_low", "ci_high", "blind_spot")})
    with st.expander(tr("reveal.numbers"), expanded=not big):
        st.dataframe(table.round(2), hide_index=True, width="stretch")
        st.download_button(tr("common.download_csv"), frame_csv(table),
                           file_name="comparison.csv", mime="text/csv", key=f"{key}_csv")

