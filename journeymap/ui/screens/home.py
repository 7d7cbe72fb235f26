"""A participant's home: what to do now, in one glance and one big button, on a phone.

After joining, and whenever the facilitator moves the workshop on, it says what this person
can do now — rate the journey (with their progress), wait for the facilitator, look at the
reveal, vote — and follows the phase live, without a reload."""

import streamlit as st

from journeymap.domain import rules
from journeymap.domain.model import Phase, Role
from journeymap.services import get_workshop, journey_steps, my_input
from journeymap.services.visibility import CUSTOMER_LANES
from journeymap.ui import components, session
from journeymap.ui import flow_common as F
from journeymap.ui.map_links import personal_link_box
from journeymap.ui.router import PAGE_DIR
from journeymap.ui.state import get_store, tr
from journeymap.ui.text import esc

store = get_store()
a = session.actor()
role = F.role_of(a)
ws_id = a.workshop_id
st.markdown(F.RATE_CSS, unsafe_allow_html=True)  # static CSS, no user text
ws = get_workshop(store, a, ws_id)
phase = Phase(ws["phase"])
journey_id = components.journey_picker(ws_id, key="home_journey")
F.follow_phase(ws_id, journey_id)
F.note_presence()
F.show_remembered_error()

st.caption(esc(ws["name"]))
st.title(tr("home.hello", name=esc(F.person(a.name))) if a.name else tr("home.hello_anon"),
         anchor=False)
personal_link_box()
if st.session_state.get("just_joined"):
    # the facilitator's optional questions (e.g. "customer for: < 1 year / 1–5 / > 5")
    from journeymap.ui.segment_questions import segment_questions_form

    segment_questions_form(store, a, ws_id)


def go(file: str) -> None:
    st.switch_page(str(PAGE_DIR / file))


perspective = "lived" if role is Role.CUSTOMER else "assumed"
can_rate = rules.allowed(role, rules.PERSPECTIVE_ACTION[perspective], phase)
if journey_id is None:
    st.info(tr("rate.no_journey"))
elif can_rate:
    steps = journey_steps(store, a, journey_id, lanes=CUSTOMER_LANES)
    mine = my_input(store, a, journey_id)
    done = sum(1 for s in steps if (s["id"], perspective) in mine["ratings"]
               or s["id"] in mine["skips"])
    st.write(tr(f"home.rate_now.{role.value}"))
    label = tr("home.rate_button", done=done, n=len(steps)) if done < len(steps) else \
        tr("home.rate_button_done", n=len(steps))
    if st.button(label, key="home_rate", type="primary", width="stretch"):
        go("rate.py")
elif phase.index < Phase.LISTEN.index and role is Role.CUSTOMER or \
        phase.index < Phase.ASSUME.index and role is Role.STAFF:
    st.info(tr(f"home.soon.{role.value}"))
    st.caption(tr("rate.waiting_live"))
    if rules.allowed(role, "propose_step", phase):
        st.write(tr("home.meanwhile_map"))
    if st.button(tr("home.see_map"), key="home_map", width="stretch"):
        go("map.py")
elif phase.index < Phase.REVEAL.index:
    st.success(tr("home.thanks_wait"))
    st.caption(tr("rate.waiting_live"))
else:
    if rules.allowed(role, "vote", phase):
        st.write(tr("home.vote_now"))
        if st.button(tr("home.vote_button"), key="home_vote", type="primary",
                     width="stretch"):
            go("vote.py")
    from journeymap.ui import flow_reveal

    flow_reveal.show(journey_id, key="home_reveal")
    if st.button(tr("rate.to_mine"), key="home_mine", width="stretch"):
        go("mine.py")
