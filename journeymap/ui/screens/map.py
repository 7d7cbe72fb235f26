"""The journey map: the blueprint everyone sees live, and the editors for those who may edit."""

import plotly.graph_objects as go
import streamlit as st

from journeymap.domain import rules
from journeymap.domain.errors import NotFound
from journeymap.services import revision
from journeymap.ui import components, session
from journeymap.ui.map_data import actor_key, map_view
from journeymap.ui.map_editors.propose import propose_form
from journeymap.ui.map_editors.report import show_report
from journeymap.ui.map_editors.stage import stage_editor
from journeymap.ui.map_editors.step import step_add_form, step_details, step_editor
from journeymap.ui.map_editors.table import table_editor
from journeymap.ui.map_editors.transition import transition_editor
from journeymap.ui.state import get_store, lang, tr
from journeymap.ui.text import esc

#: from this many stages on, the page offers to draw only some of them (the map still fits
#: a laptop up to about ten stages, with smaller type as stages grow)
ZOOM_FROM = 6

a = session.actor()
store = get_store()
ws_id, ws = components.page_workshop("map.title", "map.no_workshop")

role = a.role.value if a.role else "facilitator"
phase = ws["phase"]
can_edit = rules.allowed(role, "edit_map", phase)

head, pick = st.columns([3, 2], vertical_alignment="bottom")
with head:
    st.title(tr("map.title"), anchor=False)
    st.caption(tr("map.workshop_phase", workshop=esc(ws["name"]), phase=tr(f"phase.{phase}")))
with pick:
    jid = components.journey_picker(ws_id, key="map_journey")
if jid is None:
    st.info(tr("map.no_journey_edit") if a.kind == "account" else tr("map.no_journey"))
    st.stop()

# a choice made further down the page last run (a new step, a deletion) applies now
if "map_pick_next" in st.session_state:
    nxt = st.session_state.pop("map_pick_next")
    if nxt is None:
        st.session_state.pop("map_step_pick", None)
    else:
        st.session_state["map_step_pick"] = nxt

# a click on a card (processed before the chart is drawn, so the outline follows at once)
event = st.session_state.get("map_chart")
points = []
if event:
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        points = []
clicked = None
for p in points:
    cd = p.get("customdata") if isinstance(p, dict) else None
    if isinstance(cd, (list, tuple)):
        cd = cd[0] if cd else None
    if cd is not None:
        clicked = int(cd)
        break
if clicked is not None and clicked != st.session_state.get("map_last_click"):
    st.session_state["map_step_pick"] = clicked
st.session_state["map_last_click"] = clicked

rev = revision(store, ws_id)
selected = st.session_state.get("map_step_pick")
# a map of many stages: the facilitator may draw a few of them, larger (the choice is kept
# per journey; none chosen draws them all)
zoom = tuple(st.session_state.get(f"map_zoom_{jid}") or ()) or None
try:
    view = map_view(store.identity, jid, rev, actor_key(a), lang(), selected, zoom)
except NotFound:
    session.choose(workshop=ws_id)
    st.session_state.pop("journey_id", None)
    st.rerun()
rows = view["rows"]
steps = {s["id"]: s for s in rows["steps"]}
stages = {s["id"]: s for s in rows["stages"]}
if selected not in steps:
    selected = None
    st.session_state.pop("map_step_pick", None)

journey = rows["journey"]
line = " · ".join(x for x in (journey["persona"], journey["goal"]) if x)
if line:
    st.text(line)

if role == "customer":
    # on a phone: the journey as a list, and "something is missing"; no facilitator hints
    from journeymap.services.visibility import CUSTOMER_LANES
    from journeymap.ui import map_list

    map_list.show(rows, view["order"], CUSTOMER_LANES)
    if rules.allowed(role, "propose_step", phase):
        propose_form(a, jid, steps, stages, view["order"])
    st.stop()

# the map takes the whole width (at 1280 px a side panel left room for two stages only);
# the checks follow under it
map_col = st.container()
with map_col:
    st.caption(tr("map.hint_click") + "  " + tr("map.legend_moment"))
    if len(rows["stages"]) > ZOOM_FROM:
        names = {s["id"]: s["name"] for s in rows["stages"]}
        st.pills(tr("map.zoom"), list(names), format_func=lambda i: names.get(i, "?"),
                 selection_mode="multi", key=f"map_zoom_{jid}", help=tr("map.zoom_help"))
    fig_w = int(view["figure"]["layout"]["width"])
    # the map is laid out for a laptop's box (charts.blueprint.FIT_PX) and stretches to the
    # box it gets; a box narrower than the layout (a phone, a map of very many stages)
    # scrolls sideways rather than squeezing the cards; the CSS holds only numbers
    st.html(f"<style>.st-key-map_scroll{{overflow-x:auto;overflow-y:hidden}}"
            f".st-key-map_scroll [data-testid='stElementContainer'],"
            f".st-key-map_scroll [data-testid='stPlotlyChart']"
            f"{{min-width:{fig_w}px!important}}</style>")
    with st.container(key="map_scroll"):
        st.plotly_chart(go.Figure(view["figure"], _validate=False), key="map_chart",
                        on_select="rerun", selection_mode="points", width="stretch",
                        theme=None,
                        config={"displaylogo": False, "scrollZoom": True, "responsive": True,
                                "modeBarButtonsToRemove": ["select2d", "lasso2d"]})
with st.expander(tr("map.report_title") + " · " + tr(
        "map.counts", steps=len(rows["steps"]), stages=len(rows["stages"]),
        transitions=len(rows["transitions"])), expanded=any(view["report"].values())):
    show_report(view, steps)

order = view["order"]
if can_edit:
    # one editing panel at a time (tabs would build all five on every rerun)
    panels = ["step", "add", "stages", "transitions", "table"]
    if st.session_state.get("map_panel") not in panels:
        st.session_state["map_panel"] = "step"
    panel = st.radio(tr("map.panel"), panels, key="map_panel", horizontal=True,
                     format_func=lambda p: tr(f"map.tab_{p}"), label_visibility="collapsed")
    if panel == "step":
        step_editor(a, jid, ws_id, steps, stages, order)
    elif panel == "add":
        step_add_form(a, jid, ws_id, steps, stages, order)
    elif panel == "stages":
        stage_editor(a, jid, ws_id, rows["stages"], steps)
    elif panel == "transitions":
        transition_editor(a, ws_id, rows["transitions"], steps, order)
    else:
        table_editor(a, jid, ws_id, rows, order)
else:
    step_details(steps, stages, order)
    st.caption(tr("map.read_only"))
    if rules.allowed(role, "propose_step", phase):
        propose_form(a, jid, steps, stages, order)
