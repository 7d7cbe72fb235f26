"""Charts for a projector: read from the back of a room, one at a time, full width.

Labels are at least 28 px and numbers at least 40 px, in black on white; step names are
wrapped on two lines (their full names are in the hover and the table of the page). Input:
the same analysis tables as :mod:`journeymap.charts.figures`.

>>> import pandas as pd
>>> comp = pd.DataFrame({"step": ["a"], "title": ["Call"], "gap": [2.0], "ci_low": [1.0],
...                      "ci_high": [3.0], "blind_spot": [True], "n_assumed": [4],
...                      "n_lived": [6]})
>>> fig = blind_spots(comp, "en")
>>> fig.data[0].textfont.size >= NUMBER and fig.layout.yaxis.tickfont.size >= LABEL
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from journeymap.i18n import t
from journeymap.text import plain

from . import palette
from .figures import emotion_curve, peak_end_positions, tick_label, unique_labels

LABEL = 28  # px: step names, axis labels, legend
NUMBER = 40  # px: the numbers people must read
_FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=LABEL, color=palette.BLACK)


def _frame(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(template="plotly_white", font=_FONT, height=height, title=None,
                      paper_bgcolor="#FFFFFF", plot_bgcolor="#FFFFFF",
                      margin=dict(t=20, l=10, r=40, b=10), showlegend=False)
    for update in (fig.update_xaxes, fig.update_yaxes):
        update(tickfont=dict(size=LABEL, color=palette.BLACK),
               title_font=dict(size=LABEL, color=palette.BLACK), automargin=True,
               gridcolor="#BBBBBB", linecolor=palette.BLACK)
    return fig


def _signed(x: float) -> str:
    return f"{x:+.1f}".replace("-", "\u2212")


def blind_spots(comparison: pd.DataFrame, lang: str = "en", top: int = 5,
                height: int = 720) -> go.Figure:
    """The largest gaps (blind spots first, by |gap|) as thick horizontal bars, largest on
    top, each with its gap printed large. Input: :func:`journeymap.analysis.comparison`."""
    c = comparison[comparison["gap"].notna()].copy()
    c["_size"] = c["gap"].abs()
    c = c.sort_values(["blind_spot", "_size"], ascending=[False, False]).head(top)
    labels = unique_labels(c["title"], c["step"])
    colours = [palette.VERMILLION if b else palette.GREY for b in c["blind_spot"]]
    gap = c["gap"].to_numpy(float)
    fig = go.Figure(go.Bar(
        y=labels, x=gap, orientation="h", marker=dict(color=colours,
                                                      line=dict(color=palette.BLACK, width=2)),
        text=[_signed(g) for g in gap], textposition="outside", cliponaxis=False,
        textfont=dict(size=NUMBER, color=palette.BLACK),
        customdata=np.c_[c["n_assumed"], c["n_lived"]],
        hovertemplate="%{y}<br>%{x:.2f}<br>n = %{customdata[0]} / %{customdata[1]}"
                      "<extra></extra>"))
    reach = max(3.0, float(np.nanmax(np.abs(gap))) if len(gap) else 3.0) * 1.35
    fig.update_yaxes(autorange="reversed", tickmode="array", tickvals=labels,
                     ticktext=[tick_label(v, 22) for v in labels])
    fig.update_xaxes(range=[-reach if (gap < 0).any() else 0, reach if (gap > 0).any() else 0.5],
                     zeroline=True, zerolinecolor=palette.BLACK, zerolinewidth=3,
                     title=t("chart.axis.gap", lang))
    _frame(fig, height)
    fig.update_layout(bargap=0.25)
    return fig


def curve(comparison: pd.DataFrame, lang: str = "en", height: int = 720) -> go.Figure:
    """The emotion curve, thick, with peak and end marked large and their values printed
    at number size. Input: :func:`journeymap.analysis.comparison` in journey order."""
    fig = emotion_curve(comparison, lang)
    c = comparison.reset_index(drop=True)
    for tr in fig.data:
        if tr.mode == "lines+markers":
            tr.line.width = 6
            tr.marker.size = 14
        elif tr.mode == "markers+text":
            tr.marker.size = 34
            p = "lived" if tr.legendgroup == "lived" else "assumed"
            i = int(tr.x[0])
            tr.text = [f"{tr.text[0]} {_signed(c[f'mean_{p}'].iloc[i])}"]
            tr.textfont.size = NUMBER
    _frame(fig, height)
    fig.update_layout(showlegend=True, legend=dict(orientation="h", x=0, y=1.0,
                                                   yanchor="bottom",
                                                   font=dict(size=LABEL, color=palette.BLACK)),
                      margin=dict(t=70, l=10, r=40, b=10))
    # step names on two level lines, as wide as a step's share of a 1,800 px projector
    # allows at 28 px (up to 17 px a character); when too many steps leave fewer than
    # 7 characters each, every k-th name is shown, plus the steps marked as peak or end
    n = len(c)
    labels = unique_labels(c["title"], c["step"])
    chars = int(1750 / max(n, 1) / 17)
    every = 1 if chars >= 7 else int(np.ceil(7 / max(chars, 1)))
    keep = set(range(0, n, every)) | _marked(c)
    if every > 1:  # a marked step's neighbours give way to it
        for i in _marked(c):
            keep -= {i - 1, i + 1} - _marked(c)
    width = max(7, min(16, chars * every))
    fig.update_xaxes(tickvals=list(range(n)),
                     ticktext=[tick_label(v, width) if i in keep else "" for i, v in
                               enumerate(labels)],
                     tickangle=0, title=None)
    fig.update_yaxes(range=[-3.6, 3.6], title=None, tickvals=[-3, -2, -1, 0, 1, 2, 3],
                     ticktext=["\u22123", "\u22122", "\u22121", "0", "+1", "+2", "+3"])
    return fig


def _marked(c: pd.DataFrame) -> set[int]:
    out = set()
    for p in ("assumed", "lived"):
        peak, end = peak_end_positions(c[f"mean_{p}"].to_numpy(float), c[f"n_{p}"].to_numpy())
        out |= {i for i in (peak, end) if i is not None}
    return out


def votes(rows: list[dict], lang: str = "en", top: int = 6, height: int = 720) -> go.Figure:
    """The pain points with most votes, as bars with the count printed large.
    ``rows``: :func:`journeymap.services.tally` (text, step_title, votes)."""
    rows = rows[:top]
    labels = [tick_label(plain(f"{r['text']} · {r['step_title']}"), 34) for r in rows]
    counts = [int(r["votes"]) for r in rows]
    fig = go.Figure(go.Bar(
        y=list(range(len(rows))), x=counts, orientation="h",
        marker=dict(color=palette.VERMILLION, line=dict(color=palette.BLACK, width=2)),
        text=[str(v) for v in counts], textposition="outside", cliponaxis=False,
        textfont=dict(size=NUMBER, color=palette.BLACK),
        customdata=[plain(r["text"]) for r in rows],
        hovertemplate="%{customdata}<br>%{x}<extra></extra>"))
    fig.update_yaxes(autorange="reversed", tickmode="array", tickvals=list(range(len(rows))),
                     ticktext=labels)
    fig.update_xaxes(range=[0, max(counts + [1]) * 1.25], title=t("analysis.col.votes", lang),
                     dtick=max(1, int(np.ceil(max(counts + [1]) / 5))))
    _frame(fig, height)
    fig.update_layout(bargap=0.25)
    return fig


__all__ = ["LABEL", "NUMBER", "blind_spots", "curve", "votes"]
