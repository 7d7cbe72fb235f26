"""The blank template a facilitator fills before the workshop, in Italian or English."""

from __future__ import annotations

from journeymap.domain.model import LANGUAGES, Lane
from journeymap.i18n import t

from .columns import MAP_TABLES, col_key
from .write import csv_bytes, file_name, workbook, zip_of


def _template_tables(lang: str) -> dict[str, tuple[list[str], list[list]]]:
    lanes = "; ".join(f"{t('lane.' + ln.value, lang)} ({ln.value})" for ln in Lane)
    tables = {k: ([t(col_key(c), lang) for c in cols], [])
              for k, cols in MAP_TABLES.items()}
    tables["journey"] = (tables["journey"][0], [["", "", "", lang]])
    help_rows = [[t("interchange.help.intro", lang)]] + [
        [t(f"interchange.help.{k}", lang, lanes=lanes) if k == "step_lane"
         else t(f"interchange.help.{k}", lang)]
        for k in ("stage_id", "stage_name", "step_id", "step_stage", "step_lane",
                  "step_channel", "step_mot", "transition")]
    tables["help"] = ([t("interchange.col.meaning", lang)], help_rows)
    return tables


def template_xlsx(lang: str = "en") -> bytes:
    """A blank template workbook in ``lang`` (headers, a lane drop-down, a help sheet)."""
    lang = lang if lang in LANGUAGES else "en"
    tables = _template_tables(lang)
    sheets = {t(f"interchange.table.{k}", lang): v for k, v in tables.items()}
    lane_index = MAP_TABLES["steps"].index("lane") + 1
    return workbook(sheets, (t("interchange.table.steps", lang), lane_index,
                              [t(f"lane.{ln.value}", lang) for ln in Lane]))


def template_csv(lang: str = "en") -> bytes:
    """A blank template as a zip of CSV files in ``lang``."""
    lang = lang if lang in LANGUAGES else "en"
    return zip_of([(f"{file_name(k, lang)}.csv", csv_bytes(h, rows))
                    for k, (h, rows) in _template_tables(lang).items()])
