"""Charts of the research views: whole distributions, segments and rounds. DataFrame in,
plotly ``go.Figure`` out (no streamlit); user text is escaped, colours are Okabe–Ito.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from journeymap.analysis.distribution import FACE_COLUMNS, FACES
from journeymap.i18n import t

from . import palette
from .figures import frame_layout, unique_labels

#: one colour per face, −3 … +3: vermillion and orange below zero, grey at zero, blues above
FACE_COLOURS = (palette.VERMILLION, palette.ORANGE, palette.rgba(palette.ORANGE, 0.45),
                palette.LIGHT_GREY, palette.rgba(palette.SKY_BLUE, 0.55), palette.SKY_BLUE,
                palette.BLUE)


def _face(f: int) -> str:
    return f"{f:+d}" if f else "0"


def diverging_faces(dist: pd.DataFrame, lang: str = "en") -> go.Figure:
    """The share of each face per step, assumed above lived, as diverging stacked bars:
    negative faces to the left of zero, positive to the right, the neutral face split across
    it — the chart researchers draw for Likert-type answers.

    Input: :func:`journeymap.analysis.distribution`. Steps nobody rated are left out.
    """
    d = dist.reset_index(drop=True)
    rated = d.groupby("step", sort=False)["n"].transform("sum") > 0
    d = d[rated.to_numpy()].reset_index(drop=True)
    steps = d.drop_duplicates("step")
    step_label = dict(zip(steps["step"], unique_labels(steps["title"], steps["step"])))
    persp = {p: t(f"perspective.{p}", lang) for p in ("assumed", "lived")}
    y = [f"{step_label[s]} · {persp[p]}" for s, p in zip(d["step"], d["perspective"])]
    n = d["n"].to_numpy()
    fig = go.Figure()
    shares = {f: 100 * d[c].to_numpy(float) for f, c in zip(FACES, FACE_COLUMNS)}
    # relative stacking: bars of one sign stack outwards from 0 in trace order
    order = [(0, -1), (-1, 1), (-2, 1), (-3, 1), (0, 1), (1, 1), (2, 1), (3, 1)]
    for f, sign in order:
        half = f == 0
        x = shares[f] / 2 if half else shares[f]
        x = -x if (f < 0 or (half and sign < 0)) else x
        fig.add_trace(go.Bar(
            y=y, x=x, orientation="h", name=t("research.chart.face", lang, face=_face(f)),
            marker=dict(color=FACE_COLOURS[f + 3], line=dict(width=0)),
            legendgroup=str(f), showlegend=not (half and sign < 0), legendrank=f + 10,
            customdata=np.c_[shares[f], n],
            hovertemplate="%{y}<br>" + t("research.chart.face", lang, face=_face(f))
                          + ": %{customdata[0]:.0f}%<br>n = %{customdata[1]}<extra></extra>"))
    title = t("research.chart.faces.title", lang,
              n_lived=int(d.loc[d["perspective"] == "lived", "n"].sum()),
              n_assumed=int(d.loc[d["perspective"] == "assumed", "n"].sum()))
    fig.update_yaxes(categoryorder="array", categoryarray=y[::-1])
    fig.update_xaxes(range=[-100, 100], zeroline=True, zerolinecolor=palette.BLACK,
                     tickvals=[-100, -50, 0, 50, 100], ticktext=["100", "50", "0", "50", "100"],
                     title=t("research.chart.axis.share", lang))
    return frame_layout(fig, title, barmode="relative", bargap=0.25,
                   height=max(350, 22 * len(y) + 160))


def round_changes(rounds: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Lived emotion per step, change from one round to the next with its 95% interval:
    improved steps in blue, worsened in vermillion, the rest grey.

    Input: :func:`journeymap.analysis.rounds`."""
    r = rounds.reset_index(drop=True)
    r = r[r["change"].notna()]
    labels = unique_labels(r["title"], r["step"])
    kind = np.where(r["improved"], "improved", np.where(r["worsened"], "worsened", "same"))
    colour = {"improved": palette.BLUE, "worsened": palette.VERMILLION, "same": palette.GREY}
    fig = go.Figure()
    for k in ("improved", "worsened", "same"):
        m = kind == k
        if not m.any():
            continue
        g = r[m]
        change = g["change"].to_numpy(float)
        fig.add_trace(go.Bar(
            y=np.asarray(labels, dtype=object)[m], x=change, orientation="h",
            name=t(f"research.chart.rounds.{k}", lang), marker=dict(color=colour[k]),
            error_x=dict(type="data", symmetric=False,
                         array=g["ci_high"].to_numpy(float) - change,
                         arrayminus=change - g["ci_low"].to_numpy(float),
                         color=palette.BLACK, thickness=1),
            customdata=np.c_[g["n_first"], g["n_second"]],
            hovertemplate="%{y}<br>%{x:+.2f}<br>n = %{customdata[0]} → %{customdata[1]}"
                          "<extra></extra>"))
    first = int(rounds["first_round"].iloc[0]) if len(rounds) else 1
    second = int(rounds["second_round"].iloc[0]) if len(rounds) else 2
    title = t("research.chart.rounds.title", lang, first=first, second=second,
              n_first=int(r["n_first"].sum()), n_second=int(r["n_second"].sum()))
    fig.update_yaxes(categoryorder="array", categoryarray=list(labels)[::-1])
    fig.update_xaxes(zeroline=True, zerolinecolor=palette.BLACK,
                     title=t("research.chart.rounds.axis", lang))
    return frame_layout(fig, title, barmode="overlay", height=max(350, 24 * len(r) + 150))
