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


def test_the_reveal_starts_from_the_largest_blind_spot_then_the_curve_with_peak_and_end(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    s = steps(ui)
    rate_step(ui.store, ui.people["staff"], s[0]["id"], 1, perspective="assumed")
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "reveal")
    at = ui.app("facilitator", PAGE)
    assert "# Where were we wrong, and by how much?" in texts(at)
    assert "## 1 / 3 · Largest blind spots" in texts(at)
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    # the imported journey: on "Call support" staff said +2, customers -2.5 and -3
    assert fig["data"][0]["y"][0] == "Call support"
    assert fig["data"][0]["text"][0] == "+4.8"
    at.button(key="present_next").click().run()
    assert "## 2 / 3 · The curve: peak and end" in texts(at)
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    marks = " ".join(t.get("text", [""])[0] for t in fig["data"]
                     if t.get("mode") == "markers+text").lower()
    assert "peak" in marks and "end" in marks
    at.button(key="present_prev").click().run()
    at.button(key="present_prev").click().run()
    assert "## 3 / 3 · Pain points and votes" in texts(at), "the slides go round"


def test_prioritise_opens_on_the_pain_points_and_their_votes(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    pp = add_pain_point(ui.store, ui.people["customer"], steps(ui)[1]["id"], "On hold forever")
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "prioritise")
    vote(ui.store, ui.people["staff"], pp)
    at = ui.app("facilitator", PAGE)
    assert "# Which pain points should we fix first?" in texts(at)
    assert "## 3 / 3 · Pain points and votes" in texts(at)
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    votes = dict(zip(fig["data"][0]["customdata"], fig["data"][0]["x"]))
    assert votes["On hold forever"] == 1


def test_the_slides_and_the_reveal_show_the_round_in_progress_and_say_which(ui):
    from journeymap.services import start_round

    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    start_round(ui.store, ui.facilitator, ui.journey_id, expected_current=1)
    at = ui.app("facilitator", PAGE)
    assert "Round 2 of 2" in texts(at)  # collecting round 2
    s = steps(ui)
    rate_step(ui.store, ui.people["staff"], s[1]["id"], -1, perspective="assumed")
    rate_step(ui.store, ui.people["customer"], s[1]["id"], 1)
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "reveal")
    at = ui.app("facilitator", PAGE)
    assert "Round 2 of 2" in texts(at)
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    # round 2 on "Call support": staff -1, the customer +1 (round 1's +4.8 is not shown)
    assert fig["data"][0]["y"][0] == "Call support" and fig["data"][0]["text"][0] == "−2.0"
    board = ui.app("facilitator", "board.py")
    assert "Round 2 of 2" in texts(board)
