"""Each chart of a journey as a PNG or SVG file, through plotly's exporter (kaleido).

kaleido draws with a Chromium browser; one browser is started for the process and every
image reuses it (about 0.2–0.5 s an image once it runs). Where no browser is found,
:class:`ChartImagesUnavailable` says what to install. In the app the same charts can also be
saved one by one with the camera button of each chart's toolbar, in the browser itself.
"""

from __future__ import annotations

import atexit
import os
import shutil
import threading

from journeymap.domain.errors import JourneymapError

FORMATS = ("png", "svg")
CHART_NAMES = ("curve", "gap", "heatmap", "split", "pillars", "effort", "priority", "sankey")
_lock = threading.Lock()
_started = False


class ChartImagesUnavailable(JourneymapError):
    code = "chart_images_unavailable"


def _browser() -> str | None:
    for name in (os.environ.get("BROWSER_PATH"), "/usr/bin/chromium", "chromium",
                 "chromium-browser", "google-chrome"):
        if name and (os.path.exists(name) or shutil.which(name)):
            return name
    return None


def _start() -> None:
    global _started
    with _lock:
        if _started:
            return
        if _browser() is None:
            raise ChartImagesUnavailable(
                "chart images need a Chromium browser: install it (Debian: apt-get install "
                "chromium) or set BROWSER_PATH; the HTML report holds the same charts")
        import kaleido

        kaleido.start_sync_server(n=1, mathjax=False, timeout=60, silence_warnings=True)
        atexit.register(kaleido.stop_sync_server, silence_warnings=True)
        _started = True


def chart_images(frames, fmt: str = "png", names: list[str] | None = None,
                 width: int = 1200, height: int = 650) -> dict[str, bytes]:
    """``{chart name: image bytes}`` for every chart of the Insight page (or ``names``)."""
    import warnings

    from journeymap.charts import all_charts

    if fmt not in FORMATS:
        raise ChartImagesUnavailable(f"'{fmt}' is not an image format here (png or svg)")
    figures = all_charts(frames)
    _start()
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "kopts is ignored if using a server"
        for name, fig in figures.items():
            if (names is None or name in names) and not is_empty(fig):
                out[name] = fig.to_image(format=fmt, width=width, height=height)
    return out


def is_empty(fig) -> bool:
    """A chart with nothing to draw (e.g. a Sankey when no customer's path has two steps)."""
    for trace in fig.data:
        if trace.type == "sankey":
            if len(trace.link.value or ()) == 0:
                return True
    return not fig.data
