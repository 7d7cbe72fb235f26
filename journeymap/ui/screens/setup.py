import streamlit as st

from journeymap.domain.errors import JourneymapError
from journeymap.services import create_account, has_accounts
from journeymap.ui import session
from journeymap.ui.components import show_error
from journeymap.ui.state import get_store, tr

st.title(tr("setup.title"))
st.write(tr("setup.intro"))
with st.form("setup"):
    name = st.text_input(tr("setup.display_name"), key="setup_name")
    username = st.text_input(tr("signin.username"), key="setup_username")
    password = st.text_input(tr("signin.password"), type="password", key="setup_password")
    again = st.text_input(tr("setup.password_again"), type="password", key="setup_again")
    submitted = st.form_submit_button(tr("setup.submit"), type="primary")
if submitted:
    if password != again:
        st.error(tr("setup.mismatch"))
    elif has_accounts(get_store()):
        st.error(tr("setup.exists"))
    else:
        try:
            session.sign_in_facilitator(create_account(get_store(), username, password, name))
        except JourneymapError as e:
            show_error(e)
        else:
            st.rerun()
