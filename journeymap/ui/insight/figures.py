"""The Insight page's charts: each figure built from the tables of an
:class:`~journeymap.ui.insight.analysis.Insight`, then fitted for a projector and a phone
alike (:func:`readable`). Nothing here draws: the page does, once per analysis."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import numpy as np

from journeymap import charts as C
from journeymap.charts.distributions import diverging_faces, round_changes
from journeymap.text import short

if TYPE_CHECKING:
    from .analysis import Insight


def _short(text, width: int = 28) -> str:
    """Shorten a (plotly-escaped) label without cutting an escaped character in two."""
    return short(html.unescape(str(text)), width)


def readable(fig):
    """Fit a figure for a projector and a phone alike.

    - the title moves out of the figure into ``layout.meta`` (the page shows it as text
      above the chart), so the legend, now above the plot, can take as many rows as a narrow
      screen needs without running over it: plotly grows the margin for a legend, not for a
      legend and a title together;
    - step and people names on the axes are shortened on the tick labels only (the
      categories stay whole and distinct; hovering shows the full name)."""
    title = fig.layout.title.text or ""
    head, sub = title, ""
    if " (" in title and title.endswith(")"):
        head, _, sub = title.partition(" (")
        sub = sub[:-1]
    fig.update_layout(title=None, meta={"title": head, "subtitle": sub},
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left",
                                  x=0, title=None),
                      margin=dict(t=30, l=10, r=10, b=10))
    if fig.layout.height is None:
        fig.update_layout(height=500)
    for axis, dim in (("xaxis", "x"), ("yaxis", "y")):
        ax = fig.layout[axis]
        if ax.ticktext:  # the chart wrapped its own labels (journeymap.charts.tick_label)
            continue
        cats = list(ax.categoryarray) if ax.categoryarray else []
        if not cats:
            for tr in fig.data:
                if tr.type not in ("bar", "heatmap"):
                    continue
                vals = getattr(tr, dim, None)
                if vals is not None and len(vals) and isinstance(vals[0], str):
                    cats.extend(v for v in vals if v not in cats)
        if cats and any(len(str(c)) > 28 for c in cats):
            ax.update(tickmode="array", tickvals=cats, ticktext=[_short(c) for c in cats])
    return fig


def _fig_curve(ins: Insight, lang: str):
    fig = C.emotion_curve(ins.table("comparison"), lang)
    # a layer nobody rated (or the reader may not see yet) leaves no empty legend entry
    fig.data = [tr for tr in fig.data
                if tr.y is None or np.isfinite(np.asarray(tr.y, dtype=float)).any()]
    return fig


def _fig_gap(ins: Insight, lang: str, measure: str = "emotion"):
    prefix = "" if measure == "emotion" else f"{measure}_"
    return C.gap_bars(ins.table("comparison"), lang, prefix=prefix)


def _fig_heatmap(ins: Insight, lang: str):
    return C.heatmap(ins.table("ratings"), lang, ins.frames.steps)


def _fig_split(ins: Insight, lang: str, level: str = "stage", perspective: str = "lived"):
    return C.split_bars(ins.table("split"), lang, perspective=perspective, level=level)


def _fig_pillars(ins: Insight, lang: str):
    return C.pillar_bars(ins.table("pillars"), lang)


def _fig_effort(ins: Insight, lang: str):
    return C.effort_emotion(ins.table("comparison"), lang)


def _fig_priority(ins: Insight, lang: str, level: str = "pain_points"):
    name = "priority" if level == "pain_points" else "priority-steps"
    return C.priority_bars(ins.table(name), lang)


def _fig_sankey(ins: Insight, lang: str):
    return C.paths_sankey(ins.table("transitions"), lang, len(ins.table("paths")))


def _fig_rounds(ins: Insight, lang: str):
    return round_changes(ins.table("rounds"), lang)


def _fig_faces(ins: Insight, lang: str):
    return diverging_faces(ins.table("distribution"), lang)


#: figure name -> builder ``(insight, lang, **options) -> go.Figure`` (fitted by :func:`readable`)
FIGURES = {"rounds": _fig_rounds, "faces": _fig_faces, "curve": _fig_curve, "gap": _fig_gap,
           "heatmap": _fig_heatmap, "split": _fig_split, "pillars": _fig_pillars,
           "effort": _fig_effort, "priority": _fig_priority, "sankey": _fig_sankey}
