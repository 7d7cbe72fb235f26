import streamlit as st

from journeymap.ui.state import tr

st.title(tr("refused.title"))
st.write(tr("refused.body"))
