"""Presentation mode through AppTest: no sidebar, the picture of the moment per phase."""

from __future__ import annotations

import json

from journeymap.services import add_pain_point, map_rows, rate_step, set_phase, vote

PAGE = "present.py"


def texts(at) -> str:
    parts = []
    for kind in ("title", "subheader", "caption", "markdown", "info", "warning", "error"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label}={m.value}" for m in at.metric]
    return "\n".join(parts)


def steps(ui):
    return map_rows(ui.store, ui.facilitator, ui.journey_id)["steps"]


def test_the_sidebar_is_hidden_and_the_map_shows_by_stage(ui):
    at = ui.app("facilitator", PAGE)
    css = "\n".join(m.value for m in at.markdown if "<style>" in m.value)
    assert 'section[data-testid="stSidebar"]' in css and "display: none" in css
    page = texts(at)
    assert "Phase 1 of 6: Map" in page
    for stage in ("Notice", "Get help", "Fixed"):
        assert f"## {stage}" in page


def test_the_reveal_starts_from_the_largest_blind_spot_with_peak_and_end(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    s = steps(ui)
    rate_step(ui.store, ui.people["staff"], s[0]["id"], 1, perspective="assumed")
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "reveal")
    at = ui.app("facilitator", PAGE)
    cards = [m.value for m in at.markdown if m.value.startswith("**")]
    # the imported journey: on "Call support" staff said +2, customers -2.5 and -3
    assert cards[0] == "**Call support**"
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    marks = [t.get("text", [""])[0] for t in fig["data"] if t.get("mode") == "markers+text"]
    assert "peak" in " ".join(marks).lower() and "end" in " ".join(marks).lower()


def test_prioritise_shows_the_live_tally(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    pp = add_pain_point(ui.store, ui.people["customer"], steps(ui)[1]["id"], "On hold forever")
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "prioritise")
    vote(ui.store, ui.people["staff"], pp)
    at = ui.app("facilitator", PAGE)
    assert "The votes so far" in texts(at)
    assert "On hold forever" in at.dataframe[0].value.to_csv()
