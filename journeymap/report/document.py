"""The shape of the report, which the HTML and the PDF builders lay out: a :class:`Report` of
:class:`Section` objects, each with paragraphs and :class:`Table` objects whose cells are
already formatted; the stage × lane grid of the map; the report's file name."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from journeymap.analysis.frames import JourneyFrames
from journeymap.i18n import t

LANES = ("customer", "frontstage", "backstage", "support")


@dataclass
class Table:
    """A table with formatted cells. ``numeric`` marks the columns to align right;
    ``widths`` are relative column widths for the PDF; ``mark`` flags rows to emphasise."""

    headers: list[str]
    rows: list[list[str]]
    numeric: set[int] = field(default_factory=set)
    widths: list[float] | None = None
    mark: list[bool] | None = None

    def __len__(self) -> int:
        return len(self.rows)


@dataclass
class Section:
    key: str
    title: str
    intro: list[str] = field(default_factory=list)  # paragraphs before the chart
    chart: str | None = None                         # name of the chart that belongs here
    tables: list[tuple[str, Table]] = field(default_factory=list)  # (caption, table)
    notes: list[str] = field(default_factory=list)   # paragraphs after
    empty: str | None = None                         # shown instead when there is nothing


@dataclass
class Report:
    lang: str
    title: str
    persona: str
    goal: str
    owner: str
    generated: str
    frames: JourneyFrames
    tables: dict[str, pd.DataFrame]
    sections: list[Section]
    #: stage key -> name, and (lane, stage) -> [(title, lived mean text, moment of truth)]
    stages: dict[str, str]
    map_cells: dict[tuple[str, str], list[tuple[str, str, bool]]]
    largest_gap: dict | None = None
    #: "2 of 2 · 21/07/2027" when the journey has more than one round (the report is of one)
    round_label: str = ""

    def text(self, key: str, **kw) -> str:
        return t(key, self.lang, **kw)


def map_table(report: Report) -> tuple[list[str], list[str], list[list[list[tuple]]]]:
    """The stage × lane grid: (stage names, lane names, rows[lane][stage] = cell items).
    Lanes without any step are left out."""
    lang = report.lang
    stage_keys = list(report.stages)
    lanes = [ln for ln in LANES if any(report.map_cells.get((ln, s)) for s in stage_keys)]
    extra = sorted({ln for ln, _ in report.map_cells} - set(LANES))
    lanes += extra
    names = [t(f"lane.{ln}", lang) if ln in LANES else ln for ln in lanes]
    grid = [[report.map_cells.get((ln, s), []) for s in stage_keys] for ln in lanes]
    return [report.stages[s] for s in stage_keys], names, grid


def report_filename(title: str, fmt: str) -> str:
    """A safe file name for the report of a journey titled ``title``."""
    from journeymap.interchange import slug

    return f"{slug(title, 'journey', 60)}-report.{fmt}"
