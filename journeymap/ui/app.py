"""The Streamlit entry point: only a router (see Streamlit's own ``hello`` app)."""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run by `streamlit run journeymap/ui/app.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from journeymap.ui.router import run  # noqa: E402

run()
