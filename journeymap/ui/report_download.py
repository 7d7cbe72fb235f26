"""Downloads as plain links: the workshop report (PDF, HTML) on the Insight and Act pages, the
journey's exports on the workshops page, and the CSV of every table on the Insight page and
in the Reveal (:func:`table_link`).

Each link points at the ``/reports/...`` route (:mod:`journeymap.ui.routes.reports`), signed
for the person looking at the page: the file is made by the server when the link is opened,
so it works on the first click, after live updates rerun the page, and later from a saved
link (until it expires). The report holds what the reader may see at that moment
(:func:`journeymap.services.visible_journey`), in the workshop's language. If the machine
lacks what the PDF needs, the message says what to install and the HTML link still works.
"""

from __future__ import annotations

import streamlit as st

from journeymap import interchange
from journeymap.domain.errors import JourneymapError
from journeymap.interchange import slug
from journeymap.report import PdfUnavailable, check_requirements, report_filename
from journeymap.services import Actor, insight_scope, list_journeys
from journeymap.ui import components, session
from journeymap.ui.routes.reports import link, table_spec
from journeymap.ui.state import get_store, tr

EXPORT_LABEL = {"json": "JSON", "csv": "CSV", "xlsx": "Excel", "mermaid": "Mermaid",
                "cjml": "CJML"}


@st.cache_data(ttl=600, show_spinner=False)
def _pdf_problem() -> str | None:
    try:
        check_requirements()
    except PdfUnavailable as e:
        return e.message
    return None


def _base() -> str:
    """The server's path prefix (``server.baseUrlPath``), so links work behind a proxy."""
    prefix = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{prefix}/" if prefix else "/"


def download_url(actor: Actor, journey_id: int, fmt: str, lang: str, filename: str,
                 table: dict | None = None, round_: int | None = None) -> str:
    """The signed address of one file of ``journey_id`` for ``actor``."""
    return link(get_store(), actor, journey_id, fmt, lang, filename, base=_base(),
                table=table, round_=round_)


def table_link(journey_id: int, lang: str, filename: str, source: str, name: str = "",
               options: dict | None = None, filters=None, key: str | None = None) -> None:
    """A "Download CSV" link to one table as the reader sees it now (``source``
    ``"insight"`` with the table's ``name``, ``options`` and ``filters``, or ``"reveal"``).
    The file is made when the link is opened, formula-safe, so it works on the first click,
    after live updates and later."""
    url = download_url(session.actor(), journey_id, "table", lang, filename,
                       table=table_spec(source, name, options, filters))
    st.link_button(tr("common.download_csv"), url, icon=":material/download:", key=key)


def _scope_and_title(a: Actor, journey_id: int):
    """The reader's scope of ``journey_id`` and its title (None, None after an error shown)."""
    store = get_store()
    try:
        scope = insight_scope(store, a, journey_id)
        titles = {j["id"]: j["title"] for j in list_journeys(store, a, scope.workshop_id,
                                                                counts=False)}
    except JourneymapError as e:
        components.show_error(e)
        return None, None
    return scope, titles.get(journey_id, "journey")


def report_buttons(journey_id: int | None, round_: int | None = None) -> None:
    """Two links (PDF, HTML) to the report of ``journey_id``, in a popover; of round
    ``round_`` (None: the round shown by default, the latest with answers)."""
    if journey_id is None:
        return
    a = session.actor()
    scope, name = _scope_and_title(a, journey_id)
    if scope is None:
        return
    lang = scope.language
    with st.popover(tr("report.download.title"), icon=":material/description:"):
        st.caption(tr("report.download.caption"))
        problem = _pdf_problem()
        if problem:
            st.warning(tr("report.download.pdf_unavailable", reason=problem),
                       icon=":material/picture_as_pdf:")
        else:
            st.link_button(tr("report.download.pdf"),
                           download_url(a, journey_id, "pdf", lang,
                                        report_filename(name, "pdf"), round_=round_),
                           icon=":material/picture_as_pdf:", width="stretch")
        st.link_button(tr("report.download.html"),
                       download_url(a, journey_id, "html", lang,
                                    report_filename(name, "html"), round_=round_),
                       icon=":material/html:", width="stretch")
        st.caption(tr("report.download.expires"))


def actions_link(journey_id: int) -> None:
    """A link to the journey's actions (opportunities) as CSV."""
    a = session.actor()
    scope, title = _scope_and_title(a, journey_id)
    if scope is None:
        return
    st.link_button(tr("act.download_csv"),
                   download_url(a, journey_id, "actions", "en",
                                slug(title, "journey") + "-actions.csv"),
                   icon=":material/download:")


def export_links(journey_id: int, title: str) -> None:
    """One link per export format (JSON, CSV, Excel, Mermaid, CJML) of ``journey_id``."""
    a = session.actor()
    cols = st.columns(len(EXPORT_LABEL))
    for col, fmt in zip(cols, EXPORT_LABEL):
        filename = slug(title, "journey") + interchange.EXPORT_EXTENSION[fmt]
        col.link_button(EXPORT_LABEL[fmt], download_url(a, journey_id, fmt, "en", filename),
                        icon=":material/download:", width="stretch")
    st.caption(tr("report.download.expires"))
