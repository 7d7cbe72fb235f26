"""Dot-voting in Prioritise: every pain point with its live tally, your remaining votes, + and
− (at most two on one); the facilitator merges duplicates here."""

import streamlit as st

from journeymap.domain import rules
from journeymap.domain.errors import JourneymapError
from journeymap.domain.model import Phase
from journeymap.services import budget, merge_pain_points, tally, unvote, vote
from journeymap.services.voting import MAX_VOTES_PER_PAIN_POINT
from journeymap.ui import components, session
from journeymap.ui import flow_common as F
from journeymap.ui.state import get_store, tr

store = get_store()
a = session.actor()
role = F.role_of(a)
st.markdown(F.RATE_CSS, unsafe_allow_html=True)  # static CSS, no user text
st.title(tr("vote.title"), anchor=False)
# the page follows the phase and the map; the tallies below redraw by themselves on votes
ws_id, journey_id, ws, phase = F.workshop_and_journey(
    "vote_journey", topics=("phase", "workshop", "map"))
facilitator = F.is_facilitator(a)
open_now = phase is Phase.PRIORITISE
if not open_now:
    if phase.index < Phase.PRIORITISE.index:
        st.info(tr("vote.not_yet", phase=F.phase_name(phase)))
        if not facilitator:
            st.stop()
    else:
        st.info(tr("vote.closed"))

can_vote = open_now and not facilitator and rules.allowed(role, "vote", phase)


def _do(fn, pain_id: int) -> None:
    try:
        fn(store, a, pain_id)
    except JourneymapError as e:
        F.remember_error(e)
    components.mark_seen(ws_id)


#: how many pain point cards show at first, and how many more each "show more" adds
PAGE_SIZE = 25
SHOWN_KEY = "vote_shown"


def _show_more() -> None:
    st.session_state[SHOWN_KEY] = st.session_state.get(SHOWN_KEY, PAGE_SIZE) + PAGE_SIZE


def _ranking(rows):
    import pandas as pd

    return pd.DataFrame({
        tr("vote.col.rank"): range(1, len(rows) + 1),
        tr("vote.col.votes"): [r["votes"] for r in rows],
        tr("vote.col.pain_point"): [r["text"] for r in rows],
        tr("vote.col.step"): [r["step_title"] for r in rows],
        tr("vote.col.severity"): [tr(f"severity.{r['severity']}") for r in rows],
    })


def _card(r: dict, b: dict | None) -> None:
    """One pain point: its text, where, its votes; + and − when ``b`` (the budget) is given."""
    with st.container(border=True, key=f"vote_pp_{r['id']}"):
        st.markdown(F.esc(r["text"]))
        meta = [r["step_title"], tr(f"severity.{r['severity']}"),
                tr(f"perspective.{r['perspective']}")]
        if r["merged"]:
            meta.append(tr("vote.merged", n=r["merged"]))
        st.caption(F.esc(" · ".join(meta)))
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown(f"### {r['votes']}", width="content")
            st.caption(tr("vote.votes"), width="content")
            if b is not None:
                st.markdown(("🔴" * r["mine"]) or "·", width="content")
                st.button("−", key=f"vote_minus_{r['id']}", on_click=_do,
                          args=(unvote, r["id"]), disabled=r["mine"] == 0,
                          help=tr("vote.minus"))
                st.button("+", key=f"vote_plus_{r['id']}", on_click=_do,
                          args=(vote, r["id"]), type="primary", help=tr("vote.plus"),
                          disabled=r["mine"] >= MAX_VOTES_PER_PAIN_POINT
                          or b["remaining"] == 0)


@st.fragment
def _tallies() -> None:
    """Budget and tallies: redrawn alone when anyone votes (or a pain point is added or
    merged), and by this person's own + and −."""
    components.live_updates(ws_id, ("votes",))
    rows = tally(store, a, journey_id)
    b = None
    if can_vote:
        b = budget(store, a, ws_id)
        st.metric(tr("vote.remaining"), tr("vote.remaining_value", left=b["remaining"],
                                           total=b["budget"]))
        st.caption(tr("vote.how", most=MAX_VOTES_PER_PAIN_POINT))
    if not rows:
        st.info(tr("vote.none"))
    cards = rows
    if can_vote:
        # while people vote the cards keep their place (the journey's order), so a second tap
        # lands on the card the person meant; the ranking by votes is for the results
        cards = sorted(rows, key=lambda r: (r["position"], r["id"]))
    elif rows:
        # the numbers behind the cards, every pain point in one table (ranked by votes)
        st.dataframe(_ranking(rows), hide_index=True, width="stretch", height=260,
                     key="vote_ranking", column_config={
                         tr("vote.col.rank"): st.column_config.NumberColumn(width=48),
                         tr("vote.col.votes"): st.column_config.NumberColumn(width=56),
                         tr("vote.col.pain_point"): st.column_config.TextColumn(width=250),
                         tr("vote.col.step"): st.column_config.TextColumn(width=170),
                         tr("vote.col.severity"): st.column_config.TextColumn(width=70)})
    # a few cards at a time: hundreds of cards make every rerun (and every tap) slow
    shown = st.session_state.get(SHOWN_KEY, PAGE_SIZE)
    for r in cards[:shown]:
        _card(r, b if can_vote else None)
    if len(cards) > shown:
        st.button(tr("vote.more", n=min(PAGE_SIZE, len(cards) - shown), shown=shown,
                     total=len(cards)),
                  key="vote_more", on_click=_show_more)
    return rows


rows = _tallies()

if facilitator and len(rows) > 1:
    st.divider()
    st.subheader(tr("vote.merge"), anchor=False)
    st.caption(tr("vote.merge_help"))
    labels = {r["id"]: f"{r['text'][:80]} — {r['step_title']} ({r['votes']})" for r in rows}
    with st.form("vote_merge"):
        target = st.selectbox(tr("vote.merge_into"), list(labels), format_func=labels.get,
                              key="vote_merge_target")
        sources = st.multiselect(tr("vote.merge_these"), list(labels), format_func=labels.get,
                                 placeholder=tr("common.choose"),
                                 key="vote_merge_sources")
        if st.form_submit_button(tr("vote.merge_button")):
            F.call(merge_pain_points, sources, target)
            components.mark_seen(ws_id)
            st.rerun()
