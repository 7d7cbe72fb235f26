"""What the map's editors share: the step fields, labels, and running an edit."""

from __future__ import annotations

import streamlit as st

from journeymap.domain.errors import JourneymapError
from journeymap.ui import components
from journeymap.ui.state import tr

FIELDS = ("title", "stage_id", "lane", "channel", "moment_of_truth", "description")


def title_of(steps: dict, sid: int) -> str:
    s = steps.get(sid)
    return s["title"] if s else "?"


def done(ws_id: int, message: str | None = None) -> None:
    """After a saved edit: this page has seen its own change, say so, draw again."""
    components.mark_seen(ws_id)
    if message:
        st.toast(message)
    st.rerun()


def run(fn, ws_id: int, message: str | None = None) -> None:
    """Run an edit; show its error, or :func:`done`."""
    try:
        fn()
    except JourneymapError as e:
        components.show_error(e)
    else:
        done(ws_id, message)


def stage_label(stages: dict):
    return lambda i: stages[i]["name"] if i in stages else "?"


def lane_label(v: str) -> str:
    return tr(f"lane.{v}")
