"""The app's server: Streamlit's pages (``app.py``) plus a few plain HTTP routes beside them
(``journeymap.ui.routes``): a health check for a proxy, the session cookie, downloads that do
not expire when a page reruns, and the live-update stream.

Started by ``journeymap serve`` / ``demo`` as ``streamlit run journeymap/ui/server.py``
(Streamlit finds the ``st.App`` below and serves it with uvicorn).
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run by `streamlit run journeymap/ui/server.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import streamlit as st  # noqa: E402

from journeymap.ui.routes import ROUTES  # noqa: E402

app = st.App(str(Path(__file__).with_name("app.py")), routes=ROUTES)
