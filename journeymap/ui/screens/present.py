"""Presentation mode for the projector, made to be read from the back of the room: no sidebar,
black on white, the question of the moment in large type, and one picture at a time at full
width.

- Map, Assume, Listen: the map by stage with its live counts.
- Reveal, Prioritise, Act: slides moved with the ← → keys (or the two buttons): the largest
  blind spots first, then the emotion curve with peak and end, then the pain points and
  their votes (and, in Act, the actions). Each phase opens on its own slide.
- A link back to the board, always at the top.
"""

import streamlit as st

from journeymap.charts import projector
from journeymap.domain.model import Phase
from journeymap.services import (
    get_workshop,
    insight_scope,
    journey_steps,
    list_journeys,
    list_opportunities,
    progress,
    tally,
)
from journeymap.ui import components, session
from journeymap.ui import flow_common as F
from journeymap.ui.reveal_data import revealed
from journeymap.ui.state import get_store, lang, tr

#: static CSS (no user text): no sidebar or header, large high-contrast type
CSS = """
<style>
section[data-testid="stSidebar"], div[data-testid="stSidebarCollapsedControl"],
button[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"] { display: none; }
div[data-testid="stMainBlockContainer"], .block-container { padding: 0.8rem 2.5rem 1rem;
  max-width: 100%; }
.stApp, div[data-testid="stMarkdownContainer"] { color: #000; background: #fff; }
div[data-testid="stMarkdownContainer"] p, div[data-testid="stMarkdownContainer"] li {
  font-size: 2rem; line-height: 1.3; }
div[data-testid="stMarkdownContainer"] h1 { font-size: 3.4rem; line-height: 1.15;
  padding: 0.2rem 0 0.4rem; }
div[data-testid="stMarkdownContainer"] h2 { font-size: 2.6rem; padding: 0.2rem 0; }
div[data-testid="stMetricValue"] { font-size: 4rem; }
div[data-testid="stMetricLabel"] p { font-size: 1.9rem; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {
  font-size: 1.75rem; color: #1a1a1a !important; }
div[data-testid="stPageLink"] p, .stButton button p { font-size: 1.75rem; }
/* a projector chart read on a phone keeps its projector size and scrolls sideways in its
   box, rather than cutting its 28 px labels */
.st-key-present_chart { overflow-x: auto; overflow-y: hidden; }
@media (max-width: 760px) {
  .st-key-present_chart [data-testid="stElementContainer"],
  .st-key-present_chart [data-testid="stPlotlyChart"] { min-width: 760px; }
}
</style>
"""
SLIDES = ("blind_spots", "curve", "votes", "actions")
FIRST = {Phase.REVEAL: "blind_spots", Phase.PRIORITISE: "votes", Phase.ACT: "actions"}
CHART_CONFIG = {"displayModeBar": False, "responsive": True}
CHART_HEIGHT = 700


def _slides(phase: Phase) -> list[str]:
    return list(SLIDES if phase is Phase.ACT else SLIDES[:3])


def _move(step: int, slides: list[str]) -> None:
    i = slides.index(st.session_state["present_slide"]) if \
        st.session_state.get("present_slide") in slides else 0
    st.session_state["present_slide"] = slides[(i + step) % len(slides)]


st.markdown(CSS, unsafe_allow_html=True)
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
journey_title = next((j["title"] for j in list_journeys(store, a, ws_id)
                      if j["id"] == journey_id), "")

# the way back, where we are, and the question of the moment ---------------------------------
# the link takes the width its words need and the line beside it wraps (columns cut the
# link's label at 1280 px)
with st.container(horizontal=True, vertical_alignment="center", gap="large"):
    F.page_link("board.py", "present.exit", "⬅️")  # the sidebar is hidden here
    st.caption(F.esc(f"{ws['name']} · {journey_title} · ")
               + tr("present.phase", phase=F.phase_name(phase), n=phase.index + 1))
st.markdown("# " + tr(f"present.question.{phase.value}"))

if phase.index <= Phase.LISTEN.index:
    steps = journey_steps(store, a, journey_id)
    prog = progress(store, a, journey_id)
    customers = [p for p in prog["participants"] if p["role"] == "customer"]
    staff = [p for p in prog["participants"] if p["role"] == "staff"]
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("present.customers"), len(customers))
    c2.metric(tr("present.staff"), len(staff))
    c3.metric(tr("present.steps"), prog["steps_total"])
    if prog.get("round", 1) > 1:  # the round being collected is the journey's last
        st.caption(tr("insight.round.of", round=prog["round"], total=prog["round"]))
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
    st.stop()

# Reveal, Prioritise, Act: one slide at a time ------------------------------------------------
slides = _slides(phase)
if st.session_state.get("present_phase") != phase.value:
    st.session_state["present_phase"] = phase.value
    st.session_state["present_slide"] = FIRST[phase]
slide = st.session_state.get("present_slide")
if slide not in slides:
    slide = st.session_state["present_slide"] = FIRST[phase]
i = slides.index(slide)

nav = st.columns([1, 6, 1], vertical_alignment="center")
nav[0].button("← " + tr("present.prev"), key="present_prev", on_click=_move, args=(-1, slides), shortcut="Left",
              help=tr("present.keys"), width="stretch")
nav[1].markdown(f"## {i + 1} / {len(slides)} · {tr(f'present.slide.{slide}')}")
nav[2].button(tr("present.next") + " →", key="present_next", on_click=_move, args=(1, slides), shortcut="Right",
              help=tr("present.keys"), width="stretch")

lg = lang()
if slide in ("blind_spots", "curve"):
    scope = insight_scope(store, a, journey_id)
    # the Reveal's comparison, computed once per change and shared with the Reveal's pages
    comp, shown, rounds = revealed(store.identity, journey_id, scope.revision, scope.key, a)
    both = comp[(comp["n_assumed"] > 0) & (comp["n_lived"] > 0)]
    if rounds > 1:
        st.caption(tr("insight.round.of", round=shown, total=rounds))
    if both.empty:
        st.info(tr("reveal.empty"))
    elif slide == "blind_spots":
        blind = int(both["blind_spot"].sum())
        st.caption(tr("reveal.summary", blind=blind, steps=len(both)))
        with st.container(key="present_chart"):
            st.plotly_chart(projector.blind_spots(both, lg, height=CHART_HEIGHT - 40),
                            width="stretch", key="present_blind", config=CHART_CONFIG)
    else:
        st.caption(tr("reveal.peak_end"))
        with st.container(key="present_chart"):
            st.plotly_chart(projector.curve(comp.sort_values("order"), lg,
                                            height=CHART_HEIGHT - 40),
                            width="stretch", key="present_curve", config=CHART_CONFIG)
elif slide == "votes":
    rows = tally(store, a, journey_id)
    if rows and any(r["votes"] for r in rows):
        with st.container(key="present_chart"):
            st.plotly_chart(projector.votes(rows, lg, height=CHART_HEIGHT),
                            width="stretch", key="present_tally", config=CHART_CONFIG)
    elif rows:
        st.info(tr("present.no_votes", n=len(rows)))
    else:
        st.info(tr("vote.none"))
else:
    items = list_opportunities(store, a, journey_id)
    if not items:
        st.info(tr("act.none"))
    for o in items:
        with st.container(border=True):
            st.markdown(f"**{F.esc(o['title'])}**")
            st.caption(F.opportunity_caption(o))
