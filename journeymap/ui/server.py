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

import gc  # noqa: E402

import streamlit as st  # noqa: E402
from streamlit import config as _st_config  # noqa: E402

from journeymap.ui.live import install_tap_keeper  # noqa: E402
from journeymap.ui.routes import ROUTES  # noqa: E402

# Streamlit runs a full garbage collection (``gc.collect(2)``) after every script run by
# default. With pandas, plotly, SQLAlchemy and scipy loaded that walk over every object in
# the process was 58 % of the server's CPU while a room of 30 rated (measured with py-spy in
# benchmarks/bench_workshop_load.py): one run's own work took less than the sweep after it.
# Python's generational collector still runs by itself; the objects made at start-up (the
# imported libraries) are frozen out of its sweeps, as they live as long as the process.
_st_config.set_option("runner.postScriptGC", False)
gc.collect()
gc.freeze()

install_tap_keeper()

app = st.App(str(Path(__file__).with_name("app.py")), routes=ROUTES)
