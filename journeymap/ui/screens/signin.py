import streamlit as st

from journeymap.domain.errors import PermissionDenied
from journeymap.services import authenticate
from journeymap.ui import session
from journeymap.ui.state import get_store, tr

st.title(tr("signin.title"))
st.caption(tr("signin.intro"))
with st.form("signin"):
    username = st.text_input(tr("signin.username"), key="signin_username")
    password = st.text_input(tr("signin.password"), type="password", key="signin_password")
    submitted = st.form_submit_button(tr("signin.submit"), type="primary")
if submitted:
    try:
        session.sign_in_facilitator(authenticate(get_store(), username, password))
    except PermissionDenied:
        st.error(tr("signin.refused"))
    else:
        st.rerun()
st.info(tr("signin.participants_hint"))
