"""Presentation mode for the projector: large type, no sidebar, and the picture of the moment —
the map with its live counts while people rate, the comparison at the Reveal (largest blind
spots first, peak and end marked), the live tally in Prioritise, the actions in Act."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from journeymap.domain.model import Phase
from journeymap.services import (
    get_workshop,
    journey_steps,
    list_opportunities,
    progress,
    tally,
)
from journeymap.ui import components, session
from journeymap.ui import flow_common as F
from journeymap.ui.state import get_store, tr

st.markdown(F.PRESENT_CSS, unsafe_allow_html=True)  # static CSS, no user text
store = get_store()
a = session.actor()
if not F.is_facilitator(a):
    st.warning(tr("board.only_facilitator"))
    st.stop()
ws_id = F.workshop()
if ws_id is None:
    st.stop()
F.live(ws_id)
journey_id = session.journey_id()
if journey_id is None:
    journey_id = components.journey_picker(ws_id, key="present_journey")
if journey_id is None:
    st.info(tr("board.no_journey"))
    st.stop()
ws = get_workshop(store, a, ws_id)
phase = Phase(ws["phase"])
steps = journey_steps(store, a, journey_id)
F.page_link("board.py", "present.exit", "⬅️")  # the sidebar is hidden here: the way back
st.title(F.esc(ws["name"]), anchor=False)
st.caption(tr("present.phase", phase=F.phase_name(phase), n=phase.index + 1))

if phase.index <= Phase.LISTEN.index:
    prog = progress(store, a, journey_id)
    customers = [p for p in prog["participants"] if p["role"] == "customer"]
    staff = [p for p in prog["participants"] if p["role"] == "staff"]
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("present.customers"), len(customers))
    c2.metric(tr("present.staff"), len(staff))
    c3.metric(tr("present.steps"), prog["steps_total"])
    counts = {s["id"]: s for s in prog["steps"]}
    stages = list(dict.fromkeys(s["stage_name"] for s in steps))
    cols = st.columns(max(1, len(stages)))
    show_counts = phase is not Phase.MAP
    for col, stage in zip(cols, stages):
        with col:
            st.markdown(f"## {F.esc(stage)}")
            for s in steps:
                if s["stage_name"] != stage:
                    continue
                with st.container(border=True):
                    st.markdown(F.esc(s["title"]))
                    line = tr(f"lane.{s['lane']}")
                    if show_counts:
                        n = counts[s["id"]]
                        line += " · " + tr("present.counts", assumed=n["assumed"],
                                           lived=n["lived"])
                    st.caption(line)
    if phase is Phase.LISTEN:
        st.caption(tr("present.private"))
elif phase is Phase.REVEAL:
    from journeymap.ui import flow_reveal

    flow_reveal.show(journey_id, big=True, key="present_reveal")
elif phase is Phase.PRIORITISE:
    rows = tally(store, a, journey_id)[:10]
    st.markdown(f"## {tr('present.tally')}")
    if rows:
        labels = [(r["text"][:60] + ("…" if len(r["text"]) > 60 else "")) for r in rows]
        fig = go.Figure(go.Bar(x=[r["votes"] for r in rows][::-1], y=labels[::-1],
                               orientation="h", marker_color="#D55E00",
                               text=[r["votes"] for r in rows][::-1], textposition="outside"))
        fig.update_layout(template="plotly_white", height=80 + 55 * len(rows),
                          font=dict(size=20), margin=dict(l=10, r=40, t=10, b=10))
        st.plotly_chart(fig, width="stretch", key="present_tally")
        st.dataframe(pd.DataFrame([{tr("analysis.col.text"): r["text"],
                                    tr("analysis.col.votes"): r["votes"]} for r in rows]),
                     hide_index=True, width="stretch")
    else:
        st.info(tr("vote.none"))
else:
    st.markdown(f"## {tr('present.actions')}")
    items = list_opportunities(store, a, journey_id)
    if not items:
        st.info(tr("act.none"))
    for o in items:
        with st.container(border=True):
            st.markdown(f"**{F.esc(o['title'])}**")
            st.caption(F.opportunity_caption(o))
