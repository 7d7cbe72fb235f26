"""Builds the navigation for the signed-in role and runs the chosen page."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from journeymap.ui.state import tr

PAGES = Path(__file__).parent / "pages"


def run() -> None:
    st.set_page_config(page_title="journeymap", page_icon="🗺️", layout="wide")
    home = st.Page(str(PAGES / "home.py"), title=tr("nav.home"), url_path="home", default=True)
    st.navigation([home]).run()
