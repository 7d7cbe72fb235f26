"""The Reveal: assumed beside lived, starting from the largest blind spots, with the emotion
curve (peak and end marked) and the numbers behind it. Only what the reader may see: the
frames come from :func:`journeymap.services.journey_frames`, in the round an analysis shows
by default (the latest with answers; "Round 2 of 2" when the journey has more than one)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from journeymap.services import get_workshop, insight_scope
from journeymap.ui import session
from journeymap.ui.flow_common import emotion_label, esc as _esc
from journeymap.ui.report_download import table_link
from journeymap.ui.reveal_data import cached_figures, db, revealed, table
from journeymap.ui.state import get_store, lang, tr

VIEWS = ("comparison", "curve", "gaps")


def _fmt(x) -> str:
    return "—" if x is None or (isinstance(x, float) and np.isnan(x)) else f"{x:+.1f}"


def show(journey_id: int, *, big: bool = False, every_chart: bool = False,
         key: str = "reveal") -> None:
    """Show the reveal for the signed-in person (as the facilitator chose to show it)."""
    store, a = get_store(), session.actor()
    scope = insight_scope(store, a, journey_id)
    ws = get_workshop(store, a, scope.workshop_id)
    view = ws.get("reveal_view") if ws.get("reveal_view") in VIEWS else "comparison"
    comp, shown, rounds = revealed(db(), journey_id, scope.revision, scope.key, a)
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
    curve, gaps = cached_figures(journey_id, scope.revision, scope.key, lang(), a)
    if view in ("comparison", "curve"):
        st.plotly_chart(curve, width="stretch", key=f"{key}_curve")
        st.caption(tr("reveal.peak_end"))
    # on people's own screens (often phones) the comparison is the cards and the curve; the
    # gap bars join them on the projector and when the facilitator chose to show the gaps
    if view == "gaps" or (view == "comparison" and (big or every_chart)):
        st.plotly_chart(gaps, width="stretch", key=f"{key}_gap")
    numbers = table(both, lang())
    with st.expander(tr("reveal.numbers"), expanded=not big):
        st.dataframe(numbers.round(2), hide_index=True, width="stretch", placeholder="—")
        table_link(journey_id, lang(), "comparison.csv", "reveal", key=f"{key}_csv")
