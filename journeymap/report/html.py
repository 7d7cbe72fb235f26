"""The workshop report as ONE self-contained HTML file with interactive plotly charts.

It opens offline: plotly.js is inlined once (the two CDN addresses plotly.js keeps for map
and globe traces, which this report never draws, are blanked so nothing in the file points at
a CDN), the other charts reuse it, the page uses the reader's system fonts, and there is no
``<script src=...>`` at all. Every piece of user text is HTML-escaped in the page; the chart
builders escape it once in the chart labels (plotly renders a small HTML subset in labels;
escaped once, text shows literally — escaped twice, it would show ``&lt;b&gt;``).
"""

from __future__ import annotations

from functools import lru_cache


from journeymap.i18n import t
from journeymap.text import plain

from .content import collect
from .document import Report, Table, map_table

#: Addresses inside plotly.js that only map/geo traces use; blanked in the inlined bundle.
_CDN_URLS = ("https://cdn.plot.ly/un/", "https://cdn.jsdelivr.net/npm/")

CHART_CONFIG = {"displaylogo": False, "responsive": True,
                "modeBarButtonsToRemove": ["sendDataToCloud"], "topojsonURL": "./"}

CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial,
       sans-serif; color: #1a1a1a; max-width: 1100px; margin: 0 auto; padding: 24px;
       line-height: 1.45; }
h1 { font-size: 1.9em; margin: 0 0 .2em; }
h2 { font-size: 1.35em; margin: 1.8em 0 .5em; border-bottom: 2px solid #1a1a1a;
     padding-bottom: .15em; }
h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .8em; color: #555; }
.meta { margin: .6em 0; }
.meta dt { font-weight: 600; float: left; clear: left; width: 11em; }
.meta dd { margin: 0 0 .3em 11em; }
.muted { color: #555; font-size: .9em; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; font-size: .92em; }
th, td { border: 1px solid #bbb; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.mark td { font-weight: 600; background: #fff3e0; }
table.map td { font-size: .88em; }
table.map ul { margin: 0; padding-left: 1.1em; }
table.map th.lane { background: #f5f5f5; width: 9em; }
.empty { font-style: italic; color: #555; }
nav ol { columns: 2; }
.chart { margin: 0 0 1em; }
.chart-title { font-weight: 600; margin: 1em 0 0; }
@media print { body { max-width: none; padding: 0; } h2 { break-after: avoid; }
               table, .chart { break-inside: avoid; } nav { display: none; } }
"""


@lru_cache(maxsize=1)
def plotly_bundle() -> str:
    """plotly.js for inlining, with the CDN addresses of map/geo traces blanked."""
    from plotly.offline import get_plotlyjs

    js = get_plotlyjs()
    for url in _CDN_URLS:
        js = js.replace(url, "./")
    return js


def _e(text) -> str:
    return plain(text)


def _para(text: str) -> str:
    return f"<p>{_e(text)}</p>"


def _table(tb: Table, caption: str = "") -> str:
    out = []
    if caption:
        out.append(f"<h3>{_e(caption)}</h3>")
    out.append("<table><thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in tb.headers)
               + "</tr></thead><tbody>")
    for i, row in enumerate(tb.rows):
        cls = ' class="mark"' if tb.mark and tb.mark[i] else ""
        cells = []
        for j, v in enumerate(row):
            num = ' class="num"' if j in tb.numeric else ""
            cells.append(f"<td{num}>" + "<br>".join(_e(x) for x in str(v).split("\n"))
                         + "</td>")
        out.append(f"<tr{cls}>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _map(report: Report) -> str:
    stages, lanes, grid = map_table(report)
    out = ['<table class="map"><thead><tr><th>' + _e(t("report.map.lane", report.lang))
           + "</th>" + "".join(f"<th>{_e(s)}</th>" for s in stages) + "</tr></thead><tbody>"]
    for lane, row in zip(lanes, grid):
        out.append(f'<tr><th class="lane">{_e(lane)}</th>')
        for items in row:
            lis = "".join(
                f"<li>{'★ ' if mot else ''}{_e(title)}"
                + (f" <span class=\"muted\">({_e(m)})</span>" if m else "") + "</li>"
                for title, m, mot in items)
            out.append(f"<td><ul>{lis}</ul></td>" if lis else "<td></td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _figures(report: Report) -> dict:
    """The plotly figures (the chart builders show user text literally themselves)."""
    from journeymap import charts

    lang = report.lang
    tabs = report.tables
    cmp = tabs["comparison"]
    split = tabs["split"]
    ps = tabs["priority-steps"]
    ps = ps[ps["priority"] > 0]
    figs = {}
    if report.frames.ratings["emotion"].notna().any():
        figs["curve"] = charts.emotion_curve(cmp, lang)
        figs["split"] = charts.split_bars(split, lang)
    if cmp["gap"].notna().any():
        figs["gaps"] = charts.gap_bars(cmp, lang)
    if len(ps):
        figs["priority"] = charts.priority_bars(ps, lang)
    return figs


def render_html(report: Report) -> str:
    """The HTML page of a collected :class:`Report`."""
    lang = report.lang
    figs = _figures(report)
    body = [f'<div class="kicker">{_e(t("report.heading", lang))}</div>',
            f"<h1>{_e(report.title)}</h1>", '<dl class="meta">']
    for key, value in (("report.persona", report.persona), ("report.goal", report.goal),
                       ("report.owner", report.owner), ("report.round", report.round_label)):
        if value:
            body.append(f"<dt>{_e(t(key, lang))}</dt><dd>{_e(value)}</dd>")
    body.append("</dl>")
    body.append(f'<p class="muted">{_e(report.generated)} · '
                f'{_e(t("report.offline_note", lang))}</p>')
    body.append(f"<nav><strong>{_e(t('report.contents', lang))}</strong><ol>"
                + "".join(f'<li><a href="#{s.key}">{_e(s.title)}</a></li>'
                          for s in report.sections) + "</ol></nav>")
    for s in report.sections:
        body.append(f'<section id="{s.key}"><h2>{_e(s.title)}</h2>')
        body.extend(_para(p) for p in s.intro)
        if s.empty:
            body.append(f'<p class="empty">{_e(s.empty)}</p></section>')
            continue
        if s.key == "map":
            body.append(_map(report))
        fig = figs.get(s.chart) if s.chart else None
        if fig is not None:
            # the title as text above the chart: it wraps on a phone, a plotly title is cut
            title = fig.layout.title.text or ""
            fig.update_layout(title=None, margin=dict(t=40))
            body.append(f'<p class="chart-title">{_e(title)}</p>')
            body.append('<div class="chart">' + fig.to_html(
                full_html=False, include_plotlyjs=False, config=CHART_CONFIG,
                default_width="100%") + "</div>")
        for caption, tb in s.tables:
            body.append(_table(tb, caption))
        body.extend(_para(p) for p in s.notes)
        body.append("</section>")
    return ("<!DOCTYPE html>\n"
            f'<html lang="{_e(lang)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(report.title)} — {_e(t('report.heading', lang))}</title>"
            f"<style>{CSS}</style>"
            f'<script type="text/javascript">{plotly_bundle()}</script>'
            "</head><body>\n" + "\n".join(body) + "\n</body></html>\n")


def build_html(journey, lang: str | None = None, *, frames=None, report: Report | None = None
               ) -> str:
    """The workshop report of ``journey`` (a Journey, or JourneyFrames) as one HTML page.

    ``frames``: the frames as the reader may see them (default: all of the journey)."""
    report = report or collect(journey, lang, frames=frames)
    return render_html(report)
