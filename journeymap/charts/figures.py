"""Plotly figure builders: an analysis table in, a ``go.Figure`` out. No streamlit here.

Each builder takes the DataFrame that :mod:`journeymap.analysis` returns (the same table the
UI shows beside the chart) and the journey's language; every title states its n, every label
comes from the i18n catalogs, every colour from the Okabe–Ito palette.
"""

from __future__ import annotations

import html
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from journeymap.analysis.split import BENCHMARK
from journeymap.i18n import t
from journeymap.text import plain

from . import palette

_FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=13)


#: room above the plot for the title (one line, or two on a narrow screen) and one legend row
_TOP = 110


def frame_layout(fig: go.Figure, title: str, **kw) -> go.Figure:
    """The common frame: the title at the top left, the legend in one row between the title
    and the plot (never over the plot, never over the rotated step names below it), margins
    that grow with the tick labels so neither the title nor the y-axis is cut on a phone."""
    margin = kw.pop("margin", dict(t=_TOP, l=10, r=10, b=10))
    fig.update_layout(title=dict(text=title, x=0, xanchor="left", xref="container",
                                 y=0.99, yref="container", yanchor="top",
                                 pad=dict(l=8, t=6)),
                      template="plotly_white", font=_FONT, margin=margin,
                      legend=dict(orientation="h", x=0, xanchor="left", y=1.02,
                                  yanchor="bottom", title=None), **kw)
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def tick_label(text: str, width: int = 18, lines: int = 2) -> str:
    """A (plotly-escaped) label wrapped to ``lines`` lines of about ``width`` characters,
    ending with "…" when it had to be cut; the full name stays in the hover and the tables.

    >>> tick_label("Photograph your ID and take a selfie in the app")
    'Photograph your ID<br>and take a selfie…'
    >>> tick_label("&lt;b&gt;prima&lt;/b&gt;")
    '&lt;b&gt;prima&lt;/b&gt;'
    """
    raw = " ".join(html.unescape(str(text)).split())
    if len(raw) <= width:
        return plain(raw)
    parts = textwrap.wrap(raw, width, break_long_words=False)
    cut = len(parts) > lines
    parts = [p if len(p) <= width + 1 else p[:width - 1] + "…" for p in parts[:lines]]
    if cut and not parts[-1].endswith("…"):
        last = parts[-1]
        parts[-1] = (last if len(last) < width else last[:width - 1].rstrip()) + "…"
    return "<br>".join(plain(p) for p in parts)


def unique_labels(titles, keys) -> list[str]:
    """Display labels: the titles, with ``(key)`` added where two titles are the same,
    HTML-escaped, because plotly reads simple tags in labels and user text is only text."""
    titles, keys = list(titles), list(keys)
    counts = pd.Series(titles).value_counts()
    return [plain(f"{a} ({k})" if counts[a] > 1 else a) for a, k in zip(titles, keys)]


def _int(x) -> int:
    return int(np.nansum(np.asarray(x, dtype=float)))


def _last_max_abs(values: np.ndarray) -> int | None:
    """Index of the largest |value|, ties to the later one (the peak rule); None if all NaN."""
    a = np.abs(np.asarray(values, dtype=float))
    if np.all(np.isnan(a)):
        return None
    a = np.where(np.isnan(a), -1, a)
    return int(len(a) - 1 - np.argmax(a[::-1]))


# emotion curve -------------------------------------------------------------------------------
def peak_end_positions(mean: np.ndarray, n: np.ndarray) -> tuple[int | None, int | None]:
    peak = _last_max_abs(mean)
    rated = np.flatnonzero(n > 0)
    return peak, (int(rated[-1]) if len(rated) else None)


def emotion_curve(comparison: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Mean assumed and lived emotion along the journey, each with its 95% band; the peak
    (largest |mean|, ties to the later step) and the end (last step with ratings) of each
    curve are marked — with one combined marker where the peak is the end. Each marker's
    label sits on the side away from the other curve, so the two never print on each other.
    Long step names are wrapped on the axis; the hover shows them whole.

    Input: :func:`journeymap.analysis.comparison` (or :func:`~journeymap.analysis.compare`).
    """
    c = comparison.reset_index(drop=True)
    x = np.arange(len(c))
    labels = unique_labels(c["title"], c["step"])
    means = {p: c[f"mean_{p}"].to_numpy(float) for p in ("assumed", "lived")}
    fig = go.Figure()
    for p in ("assumed", "lived"):
        colour = palette.PERSPECTIVE[p]
        name = t(f"perspective.{p}", lang)
        lo, hi = c[f"mean_low_{p}"].to_numpy(float), c[f"mean_high_{p}"].to_numpy(float)
        ok = ~(np.isnan(lo) | np.isnan(hi))
        if ok.any():
            fig.add_trace(go.Scatter(
                x=np.r_[x[ok], x[ok][::-1]], y=np.r_[hi[ok], lo[ok][::-1]], fill="toself",
                mode="lines", showlegend=False,
                fillcolor=palette.rgba(colour, 0.18), line=dict(width=0), hoverinfo="skip",
                name=t("chart.band", lang, perspective=name), legendgroup=p))
        mean = means[p]
        other = means["lived" if p == "assumed" else "assumed"]
        n = c[f"n_{p}"].to_numpy()
        fig.add_trace(go.Scatter(
            x=x, y=mean, mode="lines+markers", name=name, legendgroup=p,
            line=dict(color=colour, width=3, dash="dash" if p == "assumed" else "solid"),
            marker=dict(size=7, symbol="circle" if p == "lived" else "diamond"),
            customdata=np.c_[n, labels], connectgaps=True,
            hovertemplate="%{customdata[1]}<br>" + name + ": %{y:.2f}<br>n = %{customdata[0]}"
                          "<extra></extra>"))
        peak, end = peak_end_positions(mean, n)
        marks = [("peak", peak, "star"), ("end", end, "square")]
        if peak is not None and peak == end:
            marks = [("peak_end", peak, "star-square")]
        for what, i, symbol in marks:
            if i is None:
                continue
            label = t(f"chart.marker.{what}", lang)
            below = mean[i] < other[i] if not np.isnan(other[i]) else mean[i] < 0
            fig.add_trace(go.Scatter(
                x=[x[i]], y=[mean[i]], mode="markers+text", text=[label],
                textposition="bottom center" if below else "top center",
                textfont=dict(color=colour),
                marker=dict(size=16, symbol=symbol, color=colour,
                            line=dict(color=palette.BLACK, width=1.5)),
                name=f"{label} ({name})", legendgroup=p, showlegend=False, cliponaxis=False,
                hovertemplate=f"{label} · {name}: %{{y:.2f}}<extra></extra>"))
    title = t("chart.curve.title", lang, n_lived=_int(c["n_lived"]),
              n_assumed=_int(c["n_assumed"]))
    # names on two lines when few, one when many; plotly turns them only as far as needed
    # (level, else upright) so that they never print on each other
    lines = 2 if len(c) <= 8 else 1
    fig.update_xaxes(tickmode="array", tickvals=x,
                     ticktext=[tick_label(v, 18, lines) for v in labels],
                     range=[-0.5, max(len(c) - 0.5, 0.5)],
                     autotickangles=[0, -90], title=t("chart.axis.step", lang))
    fig.update_yaxes(range=[-3.6, 3.6], zeroline=True, zerolinecolor=palette.GREY,
                     title=t("chart.axis.emotion", lang))
    return frame_layout(fig, title)


# gap bars ------------------------------------------------------------------------------------
def gap_bars(comparison: pd.DataFrame, lang: str = "en", prefix: str = "") -> go.Figure:
    """The gap per step as horizontal diverging bars, sorted, with the 95% interval as error
    bars; blind spots in vermillion, the rest grey, small samples pale.

    ``prefix`` picks the measure of :func:`journeymap.analysis.comparison`: "" for emotion,
    ``"effort_"`` or ``"success_"``.
    """
    c = comparison.reset_index(drop=True).copy()
    c["_label"] = unique_labels(c["title"], c["step"])
    n_lived, n_assumed = _int(c[f"{prefix}n_lived"]), _int(c[f"{prefix}n_assumed"])
    c = c[c[f"{prefix}gap"].notna()]
    c = c.iloc[np.argsort(c[f"{prefix}gap"].to_numpy(), kind="stable")]
    kind = np.where(c[f"{prefix}small_sample"], "small_sample",
                    np.where(c[f"{prefix}blind_spot"], "blind_spot", "not_blind"))
    fig = go.Figure()
    for k in ("blind_spot", "not_blind", "small_sample"):
        g = c[kind == k]
        gap = g[f"{prefix}gap"].to_numpy(float)
        fig.add_trace(go.Bar(
            y=g["_label"], x=gap, orientation="h", name=t(f"chart.gap.{k}", lang),
            marker=dict(color=palette.GAP[k], line=dict(color=palette.BLACK,
                                                          width=1 if k == "blind_spot" else 0)),
            error_x=dict(type="data", symmetric=False,
                         array=g[f"{prefix}ci_high"].to_numpy(float) - gap,
                         arrayminus=gap - g[f"{prefix}ci_low"].to_numpy(float),
                         color=palette.BLACK, thickness=1),
            customdata=np.c_[g[f"{prefix}n_assumed"], g[f"{prefix}n_lived"],
                             g[f"{prefix}ci_low"], g[f"{prefix}ci_high"]],
            hovertemplate="%{y}<br>%{x:.2f} [%{customdata[2]:.2f}, %{customdata[3]:.2f}]"
                          "<br>n = %{customdata[0]} / %{customdata[1]}<extra></extra>"))
    title = t("chart.gap.title", lang, blind=int(c[f"{prefix}blind_spot"].sum()),
              n_lived=n_lived, n_assumed=n_assumed)
    cats = list(c["_label"])
    fig.update_yaxes(categoryorder="array", categoryarray=cats, tickmode="array",
                     tickvals=cats, ticktext=[tick_label(v, 28) for v in cats])
    fig.update_xaxes(zeroline=True, zerolinecolor=palette.BLACK,
                     title=t("chart.axis.gap", lang))
    return frame_layout(fig, title, barmode="overlay", height=max(350, 24 * len(c) + 150))


# heatmap -------------------------------------------------------------------------------------
def heatmap(ratings: pd.DataFrame, lang: str = "en", steps: pd.DataFrame | None = None,
            value: str = "emotion") -> go.Figure:
    """Participants (rows: customers' lived, then staff's assumed, then employee) × steps
    (journey order), coloured by emotion on a blue–orange scale centred on 0.

    Input: :func:`journeymap.analysis.ratings_long`. Pass ``steps`` (``frames.steps``) to
    show steps nobody rated as empty columns.
    """
    r = ratings
    if steps is not None:
        cols = list(steps["key"])
        col_labels = unique_labels(steps["title"], steps["key"])
    else:
        s = r[["step", "title", "order"]].drop_duplicates("step").sort_values("order")
        cols, col_labels = list(s["step"]), unique_labels(s["title"], s["step"])
    # rows in order of first appearance (ratings_long sorts lived, assumed, employee)
    cp, _ = pd.factorize(r["perspective"])
    cq, uq = pd.factorize(r["participant"])
    rows, uniq = pd.factorize(cp.astype(np.int64) * max(len(uq), 1) + cq)
    first = np.unique(rows, return_index=True)[1] if len(rows) else np.zeros(0, int)
    z = np.full((len(uniq), len(cols)), np.nan)
    if len(r):
        ci = pd.Index(cols).get_indexer(r["step"])
        ok = ci >= 0
        z[rows[ok], ci[ok]] = r[value].to_numpy(float)[ok]
    persp_label = {p: t(f"perspective.{p}", lang) for p in ("assumed", "lived", "employee")}
    y = [t("chart.heatmap.row", lang, label=plain(lab), perspective=persp_label.get(p, p))
         for lab, p in zip(r["label"].to_numpy(object)[first],
                           r["perspective"].to_numpy(object)[first])]
    fig = go.Figure(go.Heatmap(
        z=z, x=col_labels, y=y, colorscale=palette.EMOTION_SCALE, zmin=-3, zmax=3, zmid=0,
        colorbar=dict(title=t("chart.axis.emotion", lang)), xgap=1, ygap=1,
        hovertemplate="%{y}<br>%{x}: %{z}<extra></extra>"))
    title = t("chart.heatmap.title", lang, n=int(r[value].notna().sum()),
              people=r["participant"].nunique())
    fig.update_yaxes(autorange="reversed", title=t("chart.axis.participant", lang))
    fig.update_xaxes(title=t("chart.axis.step", lang), tickmode="array", tickvals=col_labels,
                     ticktext=[tick_label(v) for v in col_labels])
    return frame_layout(fig, title, height=max(350, 18 * len(y) + 180))


# split per stage -----------------------------------------------------------------------------
def split_bars(split: pd.DataFrame, lang: str = "en", perspective: str = "lived",
               level: str = "stage") -> go.Figure:
    """Positive / neutral / negative shares per stage (or channel) as stacked bars, with the
    56/25/19 benchmark as the last bar. Input: :func:`journeymap.analysis.split`."""
    s = split[(split["level"] == level) & (split["perspective"] == perspective)]
    labels = [plain(x) if x else t("chart.no_channel", lang) for x in s["label"]]
    bench = t("chart.split.benchmark", lang)
    fig = go.Figure()
    for k in ("positive", "neutral", "negative"):
        fig.add_trace(go.Bar(
            x=labels + [bench], y=list(100 * s[k].to_numpy(float)) + [100 * BENCHMARK[k]],
            name=t(f"chart.split.{k}", lang), marker_color=palette.SPLIT[k],
            marker_line=dict(color=palette.GREY, width=0.5),
            customdata=list(s[f"n_{k}"]) + [None],
            hovertemplate="%{x}<br>%{y:.0f}%<extra></extra>"))
    j = split[(split["level"] == "journey") & (split["perspective"] == perspective)]
    n = int(j["n"].sum()) if len(j) else int(s["n"].sum())
    title = t("chart.split.title", lang, perspective=t(f"perspective.{perspective}", lang), n=n)
    fig.update_yaxes(range=[0, 100], title=t("chart.axis.share", lang))
    fig.update_layout(legend_traceorder="normal")
    return frame_layout(fig, title, barmode="stack")


# pillars -------------------------------------------------------------------------------------
def pillar_bars(pillars: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Pain points per KPMG pillar, assumed beside lived (counts; untagged last).
    Input: :func:`journeymap.analysis.pillars`."""
    labels = [t(f"pillar.{p}", lang) if p else t("chart.pillars.untagged", lang)
              for p in pillars["pillar"]]
    fig = go.Figure()
    for p in ("assumed", "lived"):
        fig.add_trace(go.Bar(
            x=labels, y=pillars[f"n_{p}"], name=t(f"perspective.{p}", lang),
            marker_color=palette.PERSPECTIVE[p],
            customdata=100 * pillars[f"share_{p}"].to_numpy(float),
            hovertemplate="%{x}: %{y} (%{customdata:.0f}%)<extra></extra>"))
    title = t("chart.pillars.title", lang, n_assumed=_int(pillars["n_assumed"]),
              n_lived=_int(pillars["n_lived"]))
    fig.update_yaxes(title=t("chart.axis.pain_points", lang))
    return frame_layout(fig, title, barmode="group")


# effort vs emotion ---------------------------------------------------------------------------
def effort_emotion(comparison: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Mean effort (x) against mean emotion (y), one point per step and perspective.
    Input: :func:`journeymap.analysis.comparison`."""
    c = comparison.reset_index(drop=True)
    labels = unique_labels(c["title"], c["step"])
    fig = go.Figure()
    rated = np.zeros(len(c), dtype=bool)
    for p in ("assumed", "lived"):
        x, y = c[f"effort_mean_{p}"].to_numpy(float), c[f"mean_{p}"].to_numpy(float)
        ok = ~(np.isnan(x) | np.isnan(y))
        rated |= ok
        fig.add_trace(go.Scatter(
            x=x[ok], y=y[ok], mode="markers", name=t(f"perspective.{p}", lang),
            marker=dict(color=palette.PERSPECTIVE[p], size=10,
                        symbol="circle" if p == "lived" else "diamond",
                        line=dict(color=palette.BLACK, width=0.5)),
            text=[labels[i] for i in np.flatnonzero(ok)],
            customdata=c[f"n_{p}"].to_numpy()[ok],
            hovertemplate="%{text}<br>%{x:.2f} · %{y:.2f}<br>n = %{customdata}<extra></extra>"))
    fig.update_xaxes(range=[0.8, 5.2], title=t("chart.axis.effort", lang))
    fig.update_yaxes(range=[-3.3, 3.3], zeroline=True, zerolinecolor=palette.GREY,
                     title=t("chart.axis.emotion", lang))
    return frame_layout(fig, t("chart.effort.title", lang, n=int(rated.sum())))


# priority ------------------------------------------------------------------------------------
def _short(text: str, width: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[:width - 1] + "…"


def priority_bars(priority: pd.DataFrame, lang: str = "en", top: int = 15) -> go.Figure:
    """The top pain points (or steps) by priority as horizontal bars, highest on top.

    Input: :func:`journeymap.analysis.priority_pain_points` or
    :func:`~journeymap.analysis.priority_steps`."""
    steps_only = "text" not in priority
    p = priority.head(top)
    if steps_only:
        labels = unique_labels(p["title"], p["step"])
    else:
        labels = unique_labels([f"{_short(x)} · {s}" for x, s in zip(p["text"], p["title"])],
                         p["key"])
    fig = go.Figure(go.Bar(
        y=labels, x=p["priority"], orientation="h", marker_color=palette.VERMILLION,
        customdata=np.c_[p["customers_hurt"], p["severity"], p["votes"], p["misjudgement"]],
        hovertemplate="%{y}<br>%{x:.1f}<br>" + t("analysis.col.customers_hurt", lang)
                      + ": %{customdata[0]}<br>" + t("analysis.col.severity", lang)
                      + ": %{customdata[1]:.1f}<br>" + t("analysis.col.votes", lang)
                      + ": %{customdata[2]}<extra></extra>"))
    key = "chart.priority.steps_title" if steps_only else "chart.priority.title"
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, max(100.0 if len(p) == 0 else float(p["priority"].max()) * 1.1,
                                   1.0)], title=t("chart.axis.priority", lang))
    return frame_layout(fig, t(key, lang, top=len(p), n=len(priority)),
                   height=max(300, 28 * len(p) + 150), showlegend=False)


# sankey --------------------------------------------------------------------------------------
def paths_sankey(transitions: pd.DataFrame, lang: str = "en",
                 n_customers: int | None = None) -> go.Figure:
    """Customers' actual paths as a Sankey: one node per step, one link per followed
    transition, planned links blue and links not on the map orange.

    Input: :func:`journeymap.analysis.followed_transitions`; ``n_customers`` (for the title)
    defaults to the customers leaving the first steps."""
    tr = transitions[transitions["customers"] > 0]
    keys = list(dict.fromkeys(list(tr["source"]) + list(tr["target"])))
    titles = dict(zip(tr["source"], tr["source_title"])) | dict(zip(tr["target"],
                                                                     tr["target_title"]))
    index = {k: i for i, k in enumerate(keys)}
    colours = [palette.rgba(palette.BLUE if planned else palette.ORANGE, 0.45)
               for planned in tr["planned"]]
    kinds = [t("chart.sankey.planned" if planned else "chart.sankey.adhoc", lang)
             for planned in tr["planned"]]
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        node=dict(label=unique_labels([titles[k] for k in keys], keys), pad=14, thickness=14,
                  color=palette.GREY),
        link=dict(source=[index[s] for s in tr["source"]],
                  target=[index[x] for x in tr["target"]],
                  value=tr["customers"].tolist(), color=colours, customdata=kinds,
                  hovertemplate="%{source.label} → %{target.label}<br>n = %{value}"
                                "<br>%{customdata}<extra></extra>")))
    if n_customers is None:
        targets = set(tr["target"])
        n_customers = int(tr.loc[~tr["source"].isin(targets), "customers"].sum())
    return frame_layout(fig, t("chart.sankey.title", lang, n=n_customers))
