"""The report's charts as PNG images for the PDF, drawn with matplotlib (no browser).

Built to survive a black-and-white printer: the two curves differ by line style and marker
(assumed dashed with diamonds, lived solid with circles), bars carry hatching and printed
values, peak and end are labelled in words — colour (Okabe–Ito) only helps.
Only matplotlib's object API is used (``Figure`` + the Agg canvas): no pyplot, no global
backend switch, safe inside the Streamlit server.
"""

from __future__ import annotations

import io
import textwrap

import numpy as np
import pandas as pd

from journeymap.analysis.split import BENCHMARK
from journeymap.charts import palette
from journeymap.i18n import t

from .formatting import fmt_number, fmt_percent

DPI = 170
WIDTH_IN = 7.1  # 180 mm


def _figure(height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    FigureCanvasAgg(fig)
    fig.patch.set_facecolor("white")
    return fig


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, facecolor="white")
    return buf.getvalue()


def _label(text: str, width: int, lines: int = 2) -> str:
    text = " ".join(str(text).split())
    parts = textwrap.wrap(text, width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][:width - 1].rstrip() + "…"
    return "\n".join(parts)


def _style(ax) -> None:
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.tick_params(labelsize=7)


def _last_max_abs(values) -> int | None:
    a = np.abs(np.asarray(values, dtype=float))
    if np.all(np.isnan(a)):
        return None
    a = np.where(np.isnan(a), -1, a)
    return int(len(a) - 1 - np.argmax(a[::-1]))


STYLE = {"assumed": dict(ls="--", marker="D", ms=4.5, lw=1.8, hatch="///"),
         "lived": dict(ls="-", marker="o", ms=5, lw=2.2, hatch="....")}


def curve_png(c: pd.DataFrame, lang: str) -> tuple[bytes, float]:
    """The emotion curve; returns (png, height in inches)."""
    c = c.reset_index(drop=True)
    n = len(c)
    height = 4.4
    fig = _figure(height)
    ax = fig.add_subplot(111)
    x = np.arange(n)
    marks: dict[int, dict] = {}
    for p in ("assumed", "lived"):
        colour = palette.PERSPECTIVE[p]
        st = STYLE[p]
        lo, hi = c[f"mean_low_{p}"].to_numpy(float), c[f"mean_high_{p}"].to_numpy(float)
        ok = ~(np.isnan(lo) | np.isnan(hi))
        if ok.any():
            ax.fill_between(x, np.where(ok, lo, np.nan), np.where(ok, hi, np.nan),
                            facecolor=colour, alpha=0.09,
                            edgecolor="none", step=None)
            ax.fill_between(x, np.where(ok, lo, np.nan), np.where(ok, hi, np.nan),
                            facecolor="none", edgecolor=colour, alpha=0.25, hatch=st["hatch"],
                            linewidth=0)
        mean = c[f"mean_{p}"].to_numpy(float)
        rated = ~np.isnan(mean)
        name = t(f"perspective.{p}", lang)
        ax.plot(x[rated], mean[rated], ls=st["ls"], marker=st["marker"], ms=st["ms"],
                lw=st["lw"], color=colour, markeredgecolor="black", markeredgewidth=0.5,
                label=name, zorder=3)
        peak = _last_max_abs(mean)
        rows = np.flatnonzero(c[f"n_{p}"].to_numpy() > 0)
        last = int(rows[-1]) if len(rows) else None
        for i, what, marker, size in ((peak, "peak", "*", 13), (last, "end", "s", 7)):
            if i is None:
                continue
            ax.plot([x[i]], [mean[i]], marker=marker, ms=size, color=colour,
                    markeredgecolor="black", markeredgewidth=0.8, zorder=4, ls="none")
            marks.setdefault(i, {}).setdefault(p, (mean[i], []))[1].append(
                t(f"chart.marker.{what}", lang))
    # one label per curve and step ("Peak + end"); where both curves have one at a step, the
    # higher point is labelled above and the lower below, so labels never sit on each other
    for i, by_p in marks.items():
        ys = sorted(by_p.items(), key=lambda kv: kv[1][0])
        for rank, (p, (y, words)) in enumerate(ys):
            up = (rank == len(ys) - 1) if len(ys) > 1 else y >= 0
            ha = "left" if i < n * 0.12 else ("right" if i > n * 0.88 else "center")
            ax.annotate(f"{' + '.join(words)} {fmt_number(y, lang)}", (x[i], y),
                        xytext=(0, 9 if up else -11), textcoords="offset points", ha=ha,
                        va="bottom" if up else "top", fontsize=6.5,
                        color="black", zorder=5,
                        bbox=dict(boxstyle="round,pad=0.15", fc="white",
                                  ec=palette.PERSPECTIVE[p], lw=0.6,
                                  ls="--" if p == "assumed" else "-"))
    ax.axhline(0, color="black", lw=0.7)
    ax.set_ylim(-3.6, 3.6)
    ax.set_yticks(range(-3, 4))
    ax.set_yticklabels([fmt_number(v, lang, 0) for v in range(-3, 4)])
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_xticks(x)
    ax.set_xticklabels([_label(s, 34, 1) for s in c["title"]], rotation=50, ha="right",
                       rotation_mode="anchor", fontsize=6)
    ax.set_ylabel(t("chart.axis.emotion", lang), fontsize=7.5)
    ax.grid(axis="y", color="#dddddd", lw=0.5)
    _style(ax)
    ax.legend(loc="upper right", fontsize=7, frameon=True, ncols=2)
    fig.tight_layout(pad=0.4)
    return _png(fig), height


def gaps_png(c: pd.DataFrame, lang: str, top: int = 12) -> tuple[bytes, float]:
    """The largest gaps as horizontal bars with their 95% intervals (largest on top)."""
    g = c[c["gap"].notna()]
    g = g.iloc[np.argsort(-g["gap"].abs().to_numpy(), kind="stable")].head(top)
    g = g.iloc[::-1]
    height = 0.9 + 0.32 * len(g)
    fig = _figure(height)
    ax = fig.add_subplot(111)
    y = np.arange(len(g))
    kind = np.where(g["small_sample"], "small_sample",
                    np.where(g["blind_spot"], "blind_spot", "not_blind"))
    looks = {"blind_spot": dict(color=palette.VERMILLION, hatch="////", edgecolor="black"),
             "not_blind": dict(color="#BBBBBB", hatch="", edgecolor="black"),
             "small_sample": dict(color="white", hatch="...", edgecolor="#666666")}
    gap = g["gap"].to_numpy(float)
    lo, hi = g["ci_low"].to_numpy(float), g["ci_high"].to_numpy(float)
    for k in ("blind_spot", "not_blind", "small_sample"):
        m = kind == k
        if m.any():
            ax.barh(y[m], gap[m], height=0.62, linewidth=0.7,
                    label=t(f"chart.gap.{k}", lang), **looks[k])
    err = np.vstack([np.nan_to_num(gap - lo), np.nan_to_num(hi - gap)])
    ax.errorbar(gap, y, xerr=err, fmt="none", ecolor="black", elinewidth=0.8, capsize=2)
    span = np.nanmax(np.abs(np.r_[lo, hi, gap])) if len(g) else 1
    span = max(float(span) if np.isfinite(span) else 1.0, 1.0)
    for yi, v, h_, l_ in zip(y, gap, hi, lo):
        edge = h_ if v >= 0 else l_
        edge = v if np.isnan(edge) else edge
        ax.text(edge + (0.04 if v >= 0 else -0.04) * span, yi, fmt_number(v, lang),
                va="center", ha="left" if v >= 0 else "right", fontsize=6.5)
    ax.set_xlim(-span * 1.25, span * 1.25)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y)
    ax.set_yticklabels([_label(s, 38, 2) for s in g["title"]], fontsize=6.5)
    ax.set_xlabel(t("chart.axis.gap", lang), fontsize=7.5)
    ax.xaxis.set_major_formatter(_formatter(lang))
    _style(ax)
    ax.legend(loc="lower right", fontsize=6.5, frameon=True)
    fig.tight_layout(pad=0.4)
    return _png(fig), height


def _formatter(lang: str, sign: bool = True):
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: fmt_number(v, lang, 0 if float(v).is_integer() else 1,
                                                    sign=sign))


SPLIT_LOOK = {"positive": dict(color=palette.BLUE, hatch="", text="white"),
              "neutral": dict(color="#E8E8E8", hatch="...", text="black"),
              "negative": dict(color=palette.ORANGE, hatch="////", text="black")}


def split_png(split: pd.DataFrame, lang: str, perspective: str = "lived"
              ) -> tuple[bytes, float] | None:
    """Positive / neutral / negative per stage as 100% horizontal bars, benchmark last."""
    s = split[(split["level"] == "stage") & (split["perspective"] == perspective)]
    s = s[s["n"] > 0]
    if not len(s):
        return None
    j = split[(split["level"] == "journey") & (split["perspective"] == perspective)]
    labels = [_label(x, 30, 2) for x in s["label"]]
    labels.append(_label(t("chart.split.benchmark", lang), 30, 2))
    journey_label = _label(t("perspective." + perspective, lang) + " — "
                           + t("report.split.all_stages", lang), 30, 2)
    rows = [{k: float(v) for k, v in zip(("positive", "neutral", "negative"),
                                        (x.positive, x.neutral, x.negative))}
            for x in s.itertuples()]
    if len(j):
        jr = j.iloc[0]
        rows.insert(0, {k: float(jr[k]) for k in ("positive", "neutral", "negative")})
        labels.insert(0, journey_label)
    rows.append(dict(BENCHMARK))
    ns = ([int(j.iloc[0]["n"])] if len(j) else []) + [int(v) for v in s["n"]] + [None]
    labels = [lab if n is None else f"{lab} (n = {n})" for lab, n in zip(labels, ns)]
    height = 0.95 + 0.3 * len(rows)
    fig = _figure(height)
    ax = fig.add_subplot(111)
    y = np.arange(len(rows))[::-1]
    left = np.zeros(len(rows))
    for k in ("positive", "neutral", "negative"):
        v = np.array([100 * r[k] for r in rows])
        look = SPLIT_LOOK[k]
        ax.barh(y, v, left=left, color=look["color"], hatch=look["hatch"], edgecolor="black",
                linewidth=0.6, height=0.66, label=t(f"chart.split.{k}", lang))
        for yi, lf, vi in zip(y, left, v):
            if vi >= 7:
                ax.text(lf + vi / 2, yi, fmt_percent(vi / 100), ha="center", va="center",
                        fontsize=6.5, color=look["text"],
                        bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.85)
                        if look["hatch"] else None)
        left += v
    ax.set_xlim(0, 100)
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=6.5)
    ax.set_xlabel(t("chart.axis.share", lang), fontsize=7.5)
    _style(ax)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28 if len(rows) < 6 else -0.16),
              ncols=3, fontsize=6.5, frameon=False)
    fig.tight_layout(pad=0.4)
    return _png(fig), height


def priority_png(ps: pd.DataFrame, lang: str, top: int = 10) -> tuple[bytes, float] | None:
    """The steps with the highest priority, as bars with their score printed."""
    p = ps[ps["priority"] > 0].head(top).iloc[::-1]
    if not len(p):
        return None
    height = 0.8 + 0.3 * len(p)
    fig = _figure(height)
    ax = fig.add_subplot(111)
    y = np.arange(len(p))
    v = p["priority"].to_numpy(float)
    ax.barh(y, v, color=palette.VERMILLION, edgecolor="black", hatch="////", linewidth=0.6,
            height=0.62)
    top_v = max(float(v.max()), 1.0)
    for yi, vi in zip(y, v):
        ax.text(vi + top_v * 0.01, yi, fmt_number(vi, lang, sign=False), va="center",
                fontsize=6.5)
    ax.set_xlim(0, top_v * 1.15)
    ax.set_yticks(y)
    ax.set_yticklabels([_label(s, 40, 2) for s in p["title"]], fontsize=6.5)
    ax.set_xlabel(t("chart.axis.priority", lang), fontsize=7.5)
    ax.xaxis.set_major_formatter(_formatter(lang, sign=False))
    _style(ax)
    fig.tight_layout(pad=0.4)
    return _png(fig), height
