"""Writing a journey as tables in its language: a zip of CSV files (through the formula-safe
writer) or a workbook."""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
import zipfile

from journeymap.domain.graph import JourneyGraph
from journeymap.domain.model import Journey
from journeymap.i18n import t

from journeymap import csv_safe
from .._common import xml_chars
from .columns import MAP_TABLES, col_key


def _yes_no(v: bool, lang: str) -> str:
    return t("success.yes" if v else "success.no", lang)


def _label(prefix: str, value, lang: str) -> str:
    return t(f"{prefix}.{value}", lang) if value is not None else ""


def _num(x):
    if x is None:
        return ""
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def export_tables(j: Journey, with_comparison: bool = True
                  ) -> dict[str, tuple[list[str], list[list]]]:
    """The journey as tables ``{key: (header, rows)}`` in its language."""
    lang = j.language

    def head(*cols):
        return [t(col_key(c), lang) for c in cols]

    tables: dict[str, tuple[list[str], list[list]]] = {}
    tables["journey"] = (head(*MAP_TABLES["journey"], "owner", "status", "evidence"), [[
        j.title, j.persona, j.goal, j.language, j.owner, _label("status", j.status, lang),
        _label("evidence", j.evidence, lang)]])
    tables["stages"] = (head("id", "name"), [[s.key, s.name] for s in j.stages])
    pos = JourneyGraph.of(j).position()
    steps = sorted(j.steps, key=lambda s: pos.get(s.key, len(pos)))
    tables["steps"] = (head(*MAP_TABLES["steps"]), [
        [s.key, s.stage, s.title, t(f"lane.{s.lane.value}", lang), s.channel, s.description,
         _yes_no(s.moment_of_truth, lang) if s.moment_of_truth else ""] for s in steps])
    tables["transitions"] = (head("from", "to", "label"),
                             [[x.source, x.target, x.label] for x in j.transitions])
    tables["participants"] = (head("id", "name", "role", "anonymous"), [
        [p.key, "" if p.anonymous else p.name, _label("role", p.role, lang),
         _yes_no(p.anonymous, lang)] for p in j.participants])
    tables["ratings"] = (head("participant", "step", "perspective", "emotion", "emotion_word",
                              "effort", "success", "comment"), [
        [r.participant, r.step, _label("perspective", r.perspective, lang), _num(r.emotion),
         t(f"word.{r.emotion_word}", lang) if r.emotion_word else "", _num(r.effort),
         _label("success", r.success, lang), r.comment] for r in j.ratings])
    tables["pain_points"] = (head("id", "participant", "step", "text", "severity", "pillar",
                                  "votes", "perspective"), [
        [p.key, p.participant, p.step, p.text, p.severity, _label("pillar", p.pillar, lang),
         p.votes, _label("perspective", p.perspective, lang)] for p in j.pain_points])
    tables["highlights"] = (head("participant", "step", "text", "perspective"), [
        [h.participant, h.step, h.text, _label("perspective", h.perspective, lang)]
        for h in j.highlights])
    tables["opportunities"] = (head("title", "owner", "due", "status", "pain_points"), [
        [o.title, o.owner, o.due.isoformat() if o.due else "",
         _label("opportunity", o.status, lang), ", ".join(o.pain_points)]
        for o in j.opportunities])
    if with_comparison:
        tables["comparison"] = comparison_table(j)
    return tables


def comparison_table(j: Journey) -> tuple[list[str], list[list]]:
    """The per-step comparison of assumed and lived (:func:`journeymap.analysis.table`,
    ``"comparison"``) as a plain table with the column labels in the journey's language. An
    error of the analysis is raised, never turned into a missing table."""
    from journeymap.analysis import JourneyFrames, table  # noqa: PLC0415 - pandas on demand

    df = table(JourneyFrames.from_journey(j), "comparison")
    header = [_analysis_label(str(c), j.language) for c in df.columns]
    rows = [[_plain(v) for v in rec] for rec in df.itertuples(index=False, name=None)]
    return header, rows


def _analysis_label(col: str, lang: str) -> str:
    """The analysis module's own label for a column when it has one, else the column key."""
    try:
        return t(f"analysis.col.{col}", lang)
    except KeyError:
        return col


def _plain(v):
    """A DataFrame cell as a plain Python value for CSV/Excel."""
    if v is None:
        return ""
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        try:
            v = v.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(v, float) and not math.isfinite(v):
        return ""
    if isinstance(v, (str, int, float, bool)):
        return v
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    import pandas as pd  # noqa: PLC0415

    try:
        if pd.isna(v):
            return ""
    except (TypeError, ValueError):  # a value pandas cannot tell missing or not
        pass
    return str(v)


def _csv_cell(v):
    """A value as :func:`csv_safe.rows_csv` should write it (numbers stay numbers)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return _num(v)
    return str(v)


def csv_bytes(header: list[str], rows: list[list]) -> bytes:
    return csv_safe.rows_csv(header, rows, _csv_cell).encode("utf-8-sig")


def zip_of(files: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return out.getvalue()


def file_name(key: str, lang: str) -> str:
    """A table's file name in ``lang``, ascii only (``opportunità`` → ``opportunita``)."""
    name = unicodedata.normalize("NFKD", t(f"interchange.table.{key}", lang))
    return name.encode("ascii", "ignore").decode().replace(" ", "_")


def to_csv_zip(j: Journey) -> bytes:
    """A zip of CSV files (UTF-8 with BOM, comma separated), one per table."""
    tables = export_tables(j)
    return zip_of([(f"{file_name(k, j.language)}.csv", csv_bytes(h, rows))
                    for k, (h, rows) in tables.items()])


def to_xlsx(j: Journey) -> bytes:
    """An Excel workbook, one sheet per table."""
    tables = export_tables(j)
    return workbook({t(f"interchange.table.{k}", j.language): v for k, v in tables.items()})


def workbook(sheets: dict[str, tuple[list[str], list[list]]],
              lane_col: tuple[str, int, list[str]] | None = None) -> bytes:
    import openpyxl  # noqa: PLC0415
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, (header, rows) in sheets.items():
        ws = wb.create_sheet(title=name[:31])
        ws.append(header)
        for c in ws[1]:
            c.font = Font(bold=True)
        for r in rows:
            ws.append([xml_chars(ILLEGAL_CHARACTERS_RE.sub("", v)) if isinstance(v, str)
                       else v for v in r])
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    c.data_type = "s"  # text that looks like a formula stays text
        ws.freeze_panes = "A2"
        for i, h in enumerate(header, start=1):
            width = max([len(str(h))] + [len(str(r[i - 1])) for r in rows[:200]
                                         if i - 1 < len(r)])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(10, width + 2))
    if lane_col is not None:
        from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415
        sheet, col, choices = lane_col
        ws = wb[sheet]
        dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"',
                            allow_blank=True)
        letter = get_column_letter(col)
        dv.add(f"{letter}2:{letter}1000")
        ws.add_data_validation(dv)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
