"""The journey map as a service blueprint: stages as columns, the four lanes as rows.

Pure: plain rows in, a ``go.Figure`` out (no streamlit). Built for big maps: every card is
drawn by a handful of traces (one filled path per emotion colour, one text trace, one
invisible marker trace that takes the clicks), every arrow by one line trace and one
arrowhead trace, so a 300-step, 600-transition map costs about as much to build as a small one.

The figure is laid out for the width it will have (``fit_px``: the map's box on a 1280 px
laptop beside the sidebar): lanes wrap onto a second (third) row of cards before the map needs
more columns than fit, the columns share the width, and the type size, the lane names, the
stage names and the length of each title line follow the width of a column, so nothing is cut
at the side. Titles are wrapped and abbreviated to a few lines; the full title is in the hover
text (and in the step list under the map). Only a map of more than about ten stages is wider
than ``fit_px``; its page scrolls it sideways (and offers to show fewer stages at a time).

>>> stages = [{"id": 1, "name": "Buy"}]
>>> steps = [{"id": 7, "stage_id": 1, "title": "Pay", "lane": "customer", "channel": "web",
...           "moment_of_truth": True}]
>>> fig = blueprint_figure(stages, steps, [], order=[7])
>>> fig.layout.width >= 300, [t.name for t in fig.data][-1]
(True, 'steps')
"""

from __future__ import annotations

import math
import textwrap
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from journeymap.text import plain, short

from . import palette

LANES = ("customer", "frontstage", "backstage", "support")
COL_PX = 200          # one card column, at most (a roomy map)
MIN_COL_PX = 64       # one card column, at least (two short lines of small type)
COMFORT_COL_PX = 150  # lanes wrap onto more rows before columns get narrower than this
ROW_PX = 112          # one card row
LEFT_PX = 150         # lane names (a narrow map: 104)
RIGHT_PX = 20
TOP_PX = 96           # stage names and the colour key
CARD_W = 0.68         # of a column (the gap holds arrows and their labels)
CARD_H = 0.76         # of a row
LINE_CHARS = 18
LABEL_CHARS = 10      # arrow labels sit in the gap between two cards
MAX_LINES = 3
MAX_COLS = 36         # above this, lanes get a second (third) row of cards
#: the width the map page gives the map on a 1280 px laptop beside the sidebar (the page
#: stretches the figure to its box: wider screens get roomier columns, never cut ones)
FIT_PX = 800
#: how many columns fit FIT_PX comfortably; lanes wrap before a map grows wider than this
FIT_COLS = (FIT_PX - LEFT_PX - RIGHT_PX) // COMFORT_COL_PX
LANE_FILL = ("#F2F6FB", "#FFFFFF", "#F2F6FB", "#FFFFFF")
NEUTRAL_CARD = "#FFFFFF"
BORDER = "#6B6B6B"


@lru_cache(maxsize=8192)
def wrap_title(title: str, width: int = LINE_CHARS, lines: int = MAX_LINES) -> str:
    """A title cut into at most ``lines`` lines of ``width`` characters, HTML-escaped so
    plotly shows it literally (``<b>`` stays ``<b>``), joined with ``<br>``.

    >>> wrap_title("Agent runs a line test on the customer's broadband", 12, 2)
    'Agent runs a<br>line test o…'
    >>> wrap_title("<b>bold</b>")
    '&lt;b&gt;bold&lt;/b&gt;'
    """
    text = " ".join(str(title).split())
    parts = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=True) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][:width - 1].rstrip() + "…"
    return "<br>".join(plain(p) for p in parts)


_SEVEN = sample_colorscale(palette.EMOTION_SCALE, [i / 6 for i in range(7)])


def emotion_colour(mean: float) -> str:
    """The card colour for a mean emotion −3..+3 on the colour-blind-safe diverging scale,
    in seven steps (one per point of the scale, so a legend can name them)."""
    return _SEVEN[max(-3, min(3, round(mean))) + 3]


def layout_cards(stages: Sequence[Mapping], steps_in_order: Sequence[Mapping],
                 max_cols: int = MAX_COLS) -> tuple[dict, list[float], int, int]:
    """Where each card goes: ``({step_id: (x, y)}, stage_left_edges, lane_tops, cols)``;
    ``lane_tops`` holds each lane's first row and, last, the number of rows in all.

    Within a stage and lane, cards follow the canonical order left to right; when the map
    would be wider than ``max_cols`` columns, lanes wrap onto up to three rows (a lane gets
    only the rows its cards need)."""
    stage_index = {s["id"]: i for i, s in enumerate(stages)}
    counts = [[0] * len(LANES) for _ in stages]
    for s in steps_in_order:
        counts[stage_index[s["stage_id"]]][_lane(s)] += 1
    totals = {r: sum(max(1, max(math.ceil(c / r) for c in row)) for row in counts)
              for r in (1, 2, 3)}
    fitting = [r for r in (1, 2, 3) if totals[r] <= max_cols]
    # the fewest rows that fit; when none does, the fewest rows that make it narrowest
    rows = fitting[0] if fitting else min((1, 2, 3), key=lambda r: (totals[r], r))
    widths = [max(1, max(math.ceil(c / rows) for c in row)) for row in counts]
    left = [0.0]
    for w in widths:
        left.append(left[-1] + w)
    tops = [0]
    for li in range(len(LANES)):
        tops.append(tops[-1] + max([1] + [math.ceil(row[li] / w)
                                          for row, w in zip(counts, widths)]))
    seen = [[0] * len(LANES) for _ in stages]
    where = {}
    for s in steps_in_order:
        si, li = stage_index[s["stage_id"]], _lane(s)
        k = seen[si][li]
        seen[si][li] += 1
        col, sub = k % widths[si], k // widths[si]
        where[s["id"]] = (left[si] + col + 0.5, tops[li] + sub + 0.5)
    return where, left, tops, int(left[-1])


def geometry(cols: int, fit_px: int | None = FIT_PX) -> dict:
    """Pixel sizes of a map of ``cols`` columns laid out for ``fit_px``: column width, lane
    names' width, the type size of the cards and how many characters a title line holds.

    >>> g = geometry(6)
    >>> g["width"] <= FIT_PX, g["col_px"] >= 100, g["font"], g["chars"]
    (True, True, 11, 11)
    >>> geometry(2)["col_px"] == COL_PX and geometry(2)["font"] == 13
    True
    """
    cols = max(cols, 1)
    left = LEFT_PX
    if fit_px is None:
        col = COL_PX
    else:
        col = (fit_px - left - RIGHT_PX) / cols
        if col < COMFORT_COL_PX:  # a narrow map: narrower lane names leave the cards more room
            left = 104
            col = (fit_px - left - RIGHT_PX) / cols
        col = max(MIN_COL_PX, min(COL_PX, col))
    card = CARD_W * col
    font = 13 if card >= 120 else 12 if card >= 96 else 11 if card >= 72 else 10
    # a character of the cards' sans-serif is about 0.55 of the type size wide, on average
    chars = max(5, int((card - 6) / (0.55 * font)))
    return {"col_px": col, "left_px": left, "width": int(round(left + cols * col + RIGHT_PX)),
            "font": font, "chars": min(chars, LINE_CHARS + 6),
            "lines": MAX_LINES if font >= 11 else MAX_LINES + 1,
            "label_chars": max(4, min(LABEL_CHARS, int((1 - CARD_W) * col / 5.5) + 3)),
            "stage_font": 15 if col >= 120 else 13,
            "lane_chars": 14 if left >= LEFT_PX else 10}


def _lane(step: Mapping) -> int:
    try:
        return LANES.index(str(step.get("lane", "customer")))
    except ValueError:
        return 0


def blueprint_figure(*args, **kwargs) -> go.Figure:
    """:func:`blueprint_spec` as a ``go.Figure`` (built without re-validating: the spec is
    made here and known to be valid, and validation would cost more than building it)."""
    return go.Figure(blueprint_spec(*args, **kwargs), _validate=False)


def blueprint_spec(stages: Sequence[Mapping], steps: Sequence[Mapping],
                     transitions: Iterable[Mapping], order: Sequence[int] | None = None,
                     emotions: Mapping[int, float] | None = None,
                     lane_names: Mapping[str, str] | None = None,
                     emotion_title: str = "emotion", moment_name: str = "moment of truth",
                     selected: int | None = None, max_cols: int = FIT_COLS,
                     fit_px: int | None = FIT_PX) -> dict:
    """The blueprint as a plain plotly figure dict (``{"data": [...], "layout": {...}}``).
    ``steps``: dicts with id, stage_id, title, lane, channel, moment_of_truth; ``order``: step
    ids in canonical order (else as given); ``emotions``: step id -> mean emotion (cards
    without one stay white); ``fit_px``: the width to lay the map out for (None: roomy
    columns of :data:`COL_PX`, as wide as it takes)."""
    by_id = {s["id"]: s for s in steps}
    ordered = [by_id[i] for i in (order or [s["id"] for s in steps]) if i in by_id]
    where, left, tops, cols = layout_cards(stages, ordered, max_cols=max_cols)
    g = geometry(cols, fit_px)
    col_px, left_px = g["col_px"], g["left_px"]
    emotions = emotions or {}
    lane_names = lane_names or {}
    height_rows = tops[-1]
    traces: list[dict] = []

    # background: lane bands, stage separators (a few shapes)
    shapes = []
    for li in range(len(LANES)):
        shapes.append(dict(type="rect", xref="x", yref="y", x0=0, x1=max(cols, 1),
                           y0=tops[li], y1=tops[li + 1], fillcolor=LANE_FILL[li],
                           line=dict(width=0), layer="below"))
    for x in left[1:-1]:
        shapes.append(dict(type="line", xref="x", yref="y", x0=x, x1=x, y0=0, y1=height_rows,
                           line=dict(color="#B0B0B0", width=1, dash="dot"), layer="below"))
    shapes.append(dict(type="line", xref="x", yref="y", x0=0, x1=max(cols, 1),
                       y0=tops[1], y1=tops[1],
                       line=dict(color="#888888", width=1.5, dash="dash"), layer="below"))

    # arrows: one line trace, one arrowhead trace, one label trace
    hw, hh = CARD_W / 2, CARD_H / 2
    lx, ly, ax, ay, ang, tx, ty, tt = [], [], [], [], [], [], [], []
    for t in transitions:
        a, b = where.get(t["source_id"]), where.get(t["target_id"])
        if a is None or b is None:
            continue
        (x0, y0), (x1, y1) = a, b
        if abs(x1 - x0) > 1e-9:
            sgn = 1 if x1 > x0 else -1
            x0s, x1s = x0 + sgn * hw, x1 - sgn * hw
            y0s, y1s = y0, y1
        else:
            sgn = 1 if y1 > y0 else -1
            x0s = x1s = x0
            y0s, y1s = y0 + sgn * hh, y1 - sgn * hh
        lx += [x0s, x1s, None]
        ly += [y0s, y1s, None]
        ax.append(x1s)
        ay.append(y1s)
        dxp, dyp = (x1s - x0s) * col_px, (y1s - y0s) * ROW_PX
        # the y axis is reversed (data y grows downwards on screen); plotly's marker angle
        # turns clockwise from "up": right is 90, down is 180
        ang.append(math.degrees(math.atan2(dxp, -dyp)) if (dxp or dyp) else 0.0)
        if t.get("label"):
            tx.append((x0s + x1s) / 2)
            ty.append((y0s + y1s) / 2 - (0.16 if abs(y1s - y0s) < 1e-9 else 0.0))
            tt.append(wrap_title(t["label"], g["label_chars"], 2))
    traces.append(dict(type="scatter", x=lx, y=ly, mode="lines", name="transitions",
                               line=dict(color="rgba(80,80,80,0.55)", width=1.4),
                               hoverinfo="skip", showlegend=False))
    traces.append(dict(type="scatter", x=ax, y=ay, mode="markers", name="arrowheads",
                             marker=dict(symbol="triangle-up", size=9, angle=ang,
                                         color="rgba(60,60,60,0.85)"),
                             hoverinfo="skip", showlegend=False))
    if tt:
        traces.append(dict(type="scatter", x=tx, y=ty, mode="text", text=tt, name="labels",
                                 textfont=dict(size=min(11, g["font"]), color="#333333"),
                                 textposition="middle center",
                                 hoverinfo="skip", showlegend=False))

    # cards: one filled path per colour
    paths: dict[str, tuple[list, list]] = {}
    for s in ordered:
        x, y = where[s["id"]]
        colour = (emotion_colour(emotions[s["id"]]) if s["id"] in emotions else NEUTRAL_CARD)
        px, py = paths.setdefault(colour, ([], []))
        px += [x - hw, x + hw, x + hw, x - hw, x - hw, None]
        py += [y - hh, y - hh, y + hh, y + hh, y - hh, None]
    for colour, (px, py) in paths.items():
        traces.append(dict(type="scatter", x=px, y=py, mode="lines", fill="toself", fillcolor=colour,
                                 line=dict(color=BORDER, width=1), name="cards",
                                 hoverinfo="skip", showlegend=False))
    if selected in where:
        x, y = where[selected]
        shapes.append(dict(type="rect", xref="x", yref="y", x0=x - hw - 0.03,
                           x1=x + hw + 0.03, y0=y - hh - 0.04, y1=y + hh + 0.04,
                           line=dict(color=palette.BLACK, width=3)))

    # card text, moments of truth, and the click/hover layer
    cx, cy, text, colours, hover, ids, mx, my = [], [], [], [], [], [], [], []
    for s in ordered:
        x, y = where[s["id"]]
        cx.append(x)
        cy.append(y)
        label = wrap_title(s["title"], g["chars"], g["lines"])
        if s.get("channel"):
            label += f"<br><i>{short(s['channel'], g['chars'])}</i>"
        text.append(label)
        e = emotions.get(s["id"])
        colours.append("#FFFFFF" if e is not None and abs(round(e)) >= 3 else "#111111")
        extra = f"<br>{plain(emotion_title)}: {e:+.1f}" if e is not None else ""
        hover.append(f"<b>{short(s['title'], 120)}</b><br>"
                     f"{plain(lane_names.get(str(s.get('lane')), str(s.get('lane'))))}"
                     + (f" · {short(s['channel'], 40)}" if s.get("channel") else "")
                     + (f"<br>★ {plain(moment_name)}" if s.get("moment_of_truth") else "")
                     + extra)
        ids.append(s["id"])
        if s.get("moment_of_truth"):
            mx.append(x - hw + 0.07)
            my.append(y - hh + 0.12)
    traces.append(dict(type="scatter", x=cx, y=cy, mode="text", text=text, name="titles",
                             textfont=dict(size=g["font"], color=colours), hoverinfo="skip",
                             showlegend=False))
    if mx:
        traces.append(dict(type="scatter", x=mx, y=my, mode="markers", name="moments",
                                 marker=dict(symbol="star", size=15, color=palette.YELLOW,
                                             line=dict(color=palette.BLACK, width=1.2)),
                                 hoverinfo="skip", showlegend=False))
    if emotions:
        traces.append(dict(type="scatter", 
            x=[None], y=[None], mode="markers", name="scale", showlegend=False,
            hoverinfo="skip",
            marker=dict(color=[0], cmin=-3, cmax=3, colorscale=palette.EMOTION_SCALE,
                        showscale=True,
                        colorbar=dict(title=dict(text=plain(emotion_title), side="top"),
                                      orientation="h", x=0, xanchor="left", y=1.0,
                                      yanchor="bottom", yref="container",
                                      lenmode="pixels", len=260, thickness=12,
                                      tickvals=[-3, -2, -1, 0, 1, 2, 3]))))
    traces.append(dict(type="scatter", x=cx, y=cy, mode="markers", name="steps", customdata=ids,
                             hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
                             marker=dict(symbol="square", size=min(col_px * CARD_W,
                                                                   ROW_PX * CARD_H),
                                         color="rgba(255,255,255,0.01)",
                                         line=dict(width=0)),
                             showlegend=False))

    # stage names on top, lane names on the left
    annotations = []
    for i, st in enumerate(stages):
        # a stage's name on up to two lines as wide as its columns (the full name is in the
        # step list under the map)
        stage_chars = max(5, int((left[i + 1] - left[i]) * col_px / (0.6 * g["stage_font"])))
        name = wrap_title(st["name"], stage_chars, 2).replace("<br>", "</b><br><b>")
        annotations.append(dict(x=(left[i] + left[i + 1]) / 2, y=0, xref="x", yref="y",
                                yanchor="bottom", yshift=4, showarrow=False,
                                text=f"<b>{name}</b>", font=dict(size=g["stage_font"])))
    lane_ticks = [(tops[li] + tops[li + 1]) / 2 for li in range(len(LANES))]
    lane_text = [wrap_title(lane_names.get(l, l), g["lane_chars"], 2) for l in LANES]
    width = g["width"]
    height = TOP_PX + height_rows * ROW_PX + 16
    layout = dict(
        width=width, height=height, shapes=shapes, annotations=annotations,
        margin=dict(l=left_px, r=RIGHT_PX, t=TOP_PX, b=16), plot_bgcolor="#FFFFFF",
        paper_bgcolor="#FFFFFF", dragmode="pan", hovermode="closest", clickmode="event+select",
        font=dict(size=13, color="#111111"), uirevision="blueprint",
        xaxis=dict(range=[0, max(cols, 1)], visible=False, fixedrange=False),
        yaxis=dict(range=[height_rows, 0], tickvals=lane_ticks, ticktext=lane_text,
                   showgrid=False, zeroline=False,
                   tickfont=dict(size=13 if left_px >= LEFT_PX else 12), fixedrange=True),
    )
    return {"data": traces, "layout": layout}
