"""Joining by invitation: a name (or anonymity) and consent to the privacy note; no account."""

import streamlit as st

from journeymap.domain.errors import InvalidToken, JourneymapError
from journeymap.services import invitations as inv
from journeymap.ui import session
from journeymap.ui.components import show_error
from journeymap.ui.state import get_store, tr
from journeymap.ui.text import esc

token = st.query_params.get("invite", "")
try:
    info = inv.check_invitation(get_store(), token)
except InvalidToken:
    st.title(tr("refused.title"))
    st.write(tr("refused.body"))
    st.stop()

if "lang_chosen" not in st.session_state:
    st.session_state["lang"] = info["language"]
    st.session_state["lang_chosen"] = True
    st.rerun()

st.title(tr("join.title"))
st.subheader(esc(info["workshop"]), anchor=False)
st.write(tr(f"join.intro.{info['role']}"))
with st.container(border=True):
    st.markdown(f"**{tr('join.privacy_title')}**")
    st.text(info["privacy_note"] or tr("join.privacy_default"))
with st.form("join"):
    anonymous = st.checkbox(tr("join.anonymous"), key="join_anonymous")
    name = st.text_input(tr("join.name"), key="join_name", max_chars=120,
                         help=tr("join.name_help"))
    consent = st.checkbox(tr("join.consent"), key="join_consent")
    submitted = st.form_submit_button(tr("join.submit"), type="primary",
                                      width="stretch")
if submitted:
    if not consent:
        st.error(tr("join.need_consent"))
    elif not anonymous and not name.strip():
        st.error(tr("join.need_name"))
    else:
        try:
            actor, personal = inv.join(get_store(), token, name=name, anonymous=anonymous,
                                       consent=True)
        except InvalidToken:
            st.error(tr("refused.body"))
        except JourneymapError as e:
            show_error(e)
        else:
            session.sign_in(actor)
            st.session_state["personal_token"] = personal
            st.session_state["just_joined"] = True
            st.query_params.clear()
            st.query_params["me"] = personal
            st.rerun()
