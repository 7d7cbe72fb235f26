"""The workshop report as an A4 PDF: fpdf2 for the pages, matplotlib for the charts.

No browser is needed. Text is set in DejaVu Sans (the TrueType font matplotlib ships), so
Italian accents, “quotes”, the minus sign and ★ print correctly. Made for black-and-white
printing: tables carry the numbers, charts use line styles, markers, hatching and printed
values (see :mod:`journeymap.report.images`).

If something the PDF needs is missing, :class:`PdfUnavailable` says exactly what to install;
the HTML report needs none of it.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from journeymap.domain.errors import JourneymapError
from journeymap.i18n import t

from .content import collect
from .document import Report, Table, map_table

MARGIN = 15  # mm
PAGE_W = 210
BODY_W = PAGE_W - 2 * MARGIN
FONT = "DejaVu"
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
_SYSTEM_FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu",
                     "/usr/share/fonts/TTF", "/Library/Fonts", "C:/Windows/Fonts")
HTML_HINT = ("The HTML report needs none of this: "
             "`journeymap report JOURNEY --format html`, or the HTML button in the app.")


class PdfUnavailable(JourneymapError):
    """The PDF report cannot be made on this machine; the message says what to install."""

    code = "pdf_unavailable"

    def __init__(self, missing: str, install: str):
        super().__init__(f"the PDF report needs {missing}, which this machine lacks: "
                         f"install it with {install}. {HTML_HINT}")
        self.missing = missing
        self.install = install


def font_files() -> dict[str, Path]:
    """The DejaVu Sans files (regular, bold, oblique): matplotlib's copy, else the system's."""
    dirs = []
    try:
        import matplotlib

        dirs.append(Path(matplotlib.get_data_path()) / "fonts" / "ttf")
    except ImportError:  # pragma: no cover - checked in check_requirements
        pass
    dirs += [Path(d) for d in _SYSTEM_FONT_DIRS]
    for d in dirs:
        files = {style: d / name for style, name in _FONT_FILES.items()}
        if all(f.is_file() for f in files.values()):
            return files
    raise PdfUnavailable("the DejaVu Sans font (for accented letters)",
                         "`pip install matplotlib` (it ships the font) or "
                         "`apt-get install fonts-dejavu-core`")


def check_requirements() -> dict[str, Path]:
    """Raise :class:`PdfUnavailable` unless fpdf2, matplotlib and the font are all here."""
    try:
        import fpdf  # noqa: F401
    except ImportError:
        raise PdfUnavailable("the fpdf2 library", "`pip install fpdf2`") from None
    try:
        import matplotlib  # noqa: F401
        from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: F401
    except ImportError:
        raise PdfUnavailable("the matplotlib library (to draw the charts)",
                             "`pip install matplotlib`") from None
    return font_files()


def _document(report: Report, fonts: dict[str, Path]):
    from fpdf import FPDF

    footer_text = report.title if len(report.title) <= 80 else report.title[:79] + "…"
    lang = report.lang

    class ReportPDF(FPDF):
        def footer(self):
            self.set_y(-11)
            self.set_font(FONT, "", 7)
            self.set_text_color(90, 90, 90)
            self.cell(BODY_W * 0.75, 5, footer_text, align="L")
            self.cell(BODY_W * 0.25, 5, t("report.page", lang, page=self.page_no(),
                                          pages="{nb}"), align="R")
            self.set_text_color(0, 0, 0)

    pdf = ReportPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=16)
    for style, path in fonts.items():
        pdf.add_font(FONT, style, str(path))
    pdf.set_title(report.title)
    pdf.set_author("journeymap")
    pdf.set_subject(t("report.heading", lang))
    pdf.set_lang(lang)
    pdf.set_creator("journeymap")
    return pdf


def _para(pdf, text: str, size: float = 9, style: str = "", gap: float = 1.5) -> None:
    pdf.set_font(FONT, style, size)
    pdf.multi_cell(BODY_W, size * 0.48, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def _room(pdf, mm: float) -> None:
    """A new page unless ``mm`` millimetres are left on this one."""
    if pdf.get_y() + mm > pdf.h - pdf.b_margin:
        pdf.add_page()


def _heading(pdf, text: str, need: float = 45) -> None:
    _room(pdf, need)
    pdf.ln(3)
    pdf.set_font(FONT, "B", 13)
    pdf.multi_cell(BODY_W, 6.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y() + 0.5
    pdf.set_line_width(0.5)
    pdf.line(MARGIN, y, PAGE_W - MARGIN, y)
    pdf.set_line_width(0.2)
    pdf.ln(2.5)


def _table(pdf, tb: Table, caption: str = "", size: float = 7.5) -> None:
    from fpdf.enums import TableCellFillMode, WrapMode
    from fpdf.fonts import FontFace

    if caption:
        _room(pdf, 20)
        _para(pdf, caption, 9, "B", 0.5)
    widths = tb.widths or [1] * len(tb.headers)
    align = tuple("RIGHT" if j in tb.numeric else "LEFT" for j in range(len(tb.headers)))
    pdf.set_font(FONT, "", size)
    _room(pdf, 18)
    head = FontFace(emphasis="BOLD", fill_color=(225, 225, 225))
    marked = FontFace(emphasis="BOLD", fill_color=(242, 242, 242))
    with pdf.table(col_widths=widths, width=BODY_W, text_align=align,
                   line_height=size * 0.5, padding=(0.9, 1.2), headings_style=head,
                   v_align="TOP", wrapmode=WrapMode.WORD, cell_fill_mode=TableCellFillMode.NONE,
                   first_row_as_headings=True, repeat_headings=1) as table:
        row = table.row()
        for h in tb.headers:
            row.cell(h, align="LEFT")
        for i, values in enumerate(tb.rows):
            row = table.row()
            style = marked if tb.mark and tb.mark[i] else None
            for v in values:
                row.cell(str(v), style=style)
    pdf.ln(2)


def _map(pdf, report: Report) -> None:
    stages, lanes, grid = map_table(report)
    if not stages:
        return
    per = max(1, math.ceil(len(stages) / math.ceil(len(stages) / 5)))  # balanced chunks of ≤5
    for start in range(0, len(stages), per):
        cols = stages[start:start + per]
        rows = []
        for lane, cells in zip(lanes, grid):
            items = cells[start:start + per]
            if not any(items):
                continue
            rows.append([lane] + ["\n".join(
                f"• {'★ ' if mot else ''}{title}" + (f" ({m})" if m else "")
                for title, m, mot in it) for it in items])
        tb = Table([t("report.map.lane", report.lang)] + cols, rows,
                   widths=[2.2] + [4] * len(cols))
        _table(pdf, tb, size=6.8)


def _image_mm(height_in: float) -> float:
    return height_in * BODY_W / 7.1  # images are drawn 7.1 in wide, scaled to the body width


def _image(pdf, png: bytes, height_in: float) -> None:
    h = _image_mm(height_in)
    _room(pdf, h + 2)
    pdf.image(io.BytesIO(png), x=MARGIN, w=BODY_W, h=h)
    pdf.ln(2)


def _chart(report: Report, name: str):
    """``(png, height in inches)`` of the section's chart, or None when there is no data."""
    from . import images

    tabs = report.tables
    lang = report.lang
    if name == "curve" and report.frames.ratings["emotion"].notna().any():
        return images.curve_png(tabs["comparison"], lang)
    if name == "gaps" and tabs["comparison"]["gap"].notna().any():
        return images.gaps_png(tabs["comparison"], lang)
    if name == "split":
        return images.split_png(tabs["split"], lang)
    if name == "priority":
        return images.priority_png(tabs["priority-steps"], lang)
    return None


def render_pdf(report: Report) -> bytes:
    """The PDF of a collected :class:`Report`."""
    fonts = check_requirements()
    pdf = _document(report, fonts)
    lang = report.lang
    pdf.add_page()
    pdf.set_font(FONT, "", 8.5)
    pdf.set_text_color(90, 90, 90)
    pdf.cell(BODY_W, 5, t("report.heading", lang).upper(), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "B", 19)
    pdf.multi_cell(BODY_W, 8.5, report.title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    meta = [(t(key, lang), value) for key, value in
            (("report.persona", report.persona), ("report.goal", report.goal),
             ("report.owner", report.owner), ("report.round", report.round_label)) if value]
    pdf.set_font(FONT, "B", 9.5)
    label_w = max([pdf.get_string_width(k) for k, _ in meta] + [20]) + 4
    for key, value in meta:
        pdf.set_font(FONT, "B", 9.5)
        pdf.cell(label_w, 5, key)
        pdf.set_font(FONT, "", 9.5)
        pdf.multi_cell(BODY_W - label_w, 5, value, align="L", new_x="LMARGIN",
                       new_y="NEXT")
        pdf.ln(0.8)
    pdf.set_text_color(90, 90, 90)
    _para(pdf, report.generated, 8, "I", 2)
    pdf.set_text_color(0, 0, 0)

    for s in report.sections:
        chart = None if s.empty or not s.chart else _chart(report, s.chart)
        # keep a heading with what follows it: its first table rows, or its whole chart
        need = 60 if s.tables or chart is None else 30 + _image_mm(chart[1])
        _heading(pdf, s.title, min(need, 200))
        for p in s.intro:
            _para(pdf, p)
        if s.empty:
            _para(pdf, s.empty, 9, "I")
            continue
        if s.key == "map":
            _map(pdf, report)
        # tables first: they flow across pages, while a chart that does not fit moves whole
        for caption, tb in s.tables:
            _table(pdf, tb, caption)
        if chart is not None:
            _image(pdf, *chart)
        for p in s.notes:
            _para(pdf, p)
    return bytes(pdf.output())


def build_pdf(journey, lang: str | None = None, *, frames=None, report: Report | None = None
              ) -> bytes:
    """The workshop report of ``journey`` (a Journey, or JourneyFrames) as A4 PDF bytes.

    Raises :class:`PdfUnavailable` (naming what to install) when fpdf2, matplotlib or the
    DejaVu font is missing — before any work is done."""
    check_requirements()
    report = report or collect(journey, lang, frames=frames)
    return render_pdf(report)
