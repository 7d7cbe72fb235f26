"""Plain HTTP routes served beside the Streamlit pages by ``st.App`` (see ``ui/server.py``).

Each module holds one concern and exports ``ROUTES``; none may clash with Streamlit's own
(``/_stcore/...``, ``/media/...``, ``/component/...``)."""

from __future__ import annotations

from journeymap.ui.routes import auth, events, health, reports

ROUTES = [*health.ROUTES, *auth.ROUTES, *reports.ROUTES, *events.ROUTES]
