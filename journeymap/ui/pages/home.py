import streamlit as st

from journeymap.services import SYSTEM, list_journeys, list_workshops
from journeymap.ui.state import get_store, tr

store = get_store()
st.title(tr("home.title"))
workshops = list_workshops(store, SYSTEM)
if not workshops:
    st.info(tr("home.empty"))
journeys = list_journeys(store, SYSTEM)
for w in workshops:
    st.subheader(w["name"], anchor=False)
    for j in journeys:
        if j["workshop_id"] == w["id"]:
            st.text(tr("home.journey_line", title=j["title"], steps=j["steps"],
                       ratings=j["ratings"]))
