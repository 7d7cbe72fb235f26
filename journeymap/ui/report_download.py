"""The workshop report download: a PDF and an HTML button, for the Insight and Act pages.

The report holds what the reader may see now (:func:`journeymap.services.visible_journey`),
in the workshop's language. It is built only when a button is clicked (a callable ``data``),
and cached per (journey, workshop revision, reader's scope, language, format): clicking again
with nothing changed costs nothing, and any change in the workshop moves the revision. If the
machine lacks what the PDF needs, the message says what to install and the HTML button still
works.
"""

from __future__ import annotations

import streamlit as st

from journeymap.domain.errors import JourneymapError
from journeymap.report import MIME, PdfUnavailable, build, check_requirements, report_filename
from journeymap.services import insight_scope, list_journeys, visible_journey
from journeymap.ui import components, session
from journeymap.ui.state import get_store, tr


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False)
def _report(journey_id: int, revision: int, scope_key: tuple, lang: str, fmt: str,
            _actor) -> bytes:
    """The report's bytes; the underscore argument is not part of the cache key (the scope
    key says whose view it is)."""
    journey = visible_journey(get_store(), _actor, journey_id)
    return build(journey, fmt, lang)


@st.cache_data(ttl=600, show_spinner=False)
def _pdf_problem() -> str | None:
    try:
        check_requirements()
    except PdfUnavailable as e:
        return e.message
    return None


def report_buttons(journey_id: int | None) -> None:
    """Two download buttons (PDF, HTML) for the report of ``journey_id``."""
    if journey_id is None:
        return
    a = session.actor()
    store = get_store()
    try:
        scope = insight_scope(store, a, journey_id)
        titles = {j["id"]: j["title"] for j in list_journeys(store, a, scope.workshop_id)}
    except JourneymapError as e:
        components.show_error(e)
        return
    lang = scope.language
    name = titles.get(journey_id, "journey")

    def data(fmt: str):
        return lambda: _report(journey_id, scope.revision, scope.key, lang, fmt, a)

    with st.popover(tr("report.download.title"), icon=":material/description:"):
        st.caption(tr("report.download.caption"))
        # the report itself is built only when a button is clicked (data is a callable)
        problem = _pdf_problem()
        if problem:
            st.warning(tr("report.download.pdf_unavailable", reason=problem),
                       icon=":material/picture_as_pdf:")
        else:
            st.download_button(tr("report.download.pdf"), data=data("pdf"),
                               file_name=report_filename(name, "pdf"), mime=MIME["pdf"],
                               key=f"report_pdf_{journey_id}", on_click="ignore",
                               icon=":material/picture_as_pdf:", width="stretch")
        st.download_button(tr("report.download.html"), data=data("html"),
                           file_name=report_filename(name, "html"), mime=MIME["html"],
                           key=f"report_html_{journey_id}", on_click="ignore",
                           icon=":material/html:", width="stretch")
