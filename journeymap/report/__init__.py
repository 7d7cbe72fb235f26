"""The workshop report: one document to take away, as PDF (print, send) or HTML (interactive,
offline), in the workshop's language.

>>> from journeymap.domain.model import Journey, Stage, Step, Participant, Rating
>>> j = Journey(title="Fix <my> router", language="en", stages=[Stage("a", "A")])
>>> j.add_step(Step("s1", "a", "Call"))
>>> j.add_participant(Participant("c1", "Ada Lovelace", anonymous=True))
>>> _ = j.add_rating(Rating("c1", "s1", -1))
>>> page = build_html(j)
>>> "Fix &lt;my&gt; router" in page and "Ada Lovelace" not in page
True
>>> build_pdf(j)[:5]
b'%PDF-'

Contents, in order: title, persona and goal; who took part (counts per role, anonymous people
counted, never named); the map (stage × lane); the emotion curve assumed vs lived with peak
and end; the largest gaps and blind spots with n and 95% intervals; the positive / neutral /
negative split beside 56/25/19; customers' top pain points in their words with KPMG pillars;
highlights; employee pain points; the priority ranking; the opportunities with owners and
dates. :func:`collect` computes it all once; :func:`build_html` and :func:`build_pdf` lay it
out.
"""

from .content import collect
from .document import Report, report_filename
from .formatting import fmt_interval, fmt_number
from .html import build_html, render_html
from .pdf import PdfUnavailable, build_pdf, check_requirements, render_pdf

MIME = {"pdf": "application/pdf", "html": "text/html"}


def build(journey, fmt: str, lang: str | None = None, *, frames=None) -> bytes:
    """The report as bytes in ``fmt`` (``pdf`` or ``html``)."""
    if fmt == "pdf":
        return build_pdf(journey, lang, frames=frames)
    if fmt == "html":
        return build_html(journey, lang, frames=frames).encode("utf-8")
    raise ValueError(f"no report format '{fmt}'; choose pdf or html")


__all__ = ["MIME", "PdfUnavailable", "Report", "build", "build_html", "build_pdf",
           "check_requirements", "collect", "fmt_interval", "fmt_number", "render_html",
           "render_pdf", "report_filename"]
