"""User text is shown as text on every page: a workshop name, a person's name, a stage, a
step, a comment, a pain point, an action — typed with Markdown and HTML in them — never
turn into bold text, a link or markup, for any role in any phase (AppTest, ``ui`` fixture).

Streamlit renders Markdown in markdown, captions, titles, alerts, button and expander
labels; each such element's source is read and must not hold the payload unescaped.
Elements that show plain text (``st.text``, ``st.code``, tables, select boxes) may."""

from __future__ import annotations

import pytest

from journeymap.services import (
    add_pain_point,
    create_opportunity,
    get_workshop,
    journey_steps,
    map_rows,
    rate_step,
    rename_stage,
    set_phase,
    update_step,
    update_workshop,
)

PAYLOAD = "**bold** [link](http://evil.example) <b>tag</b>"
RAW_MARKERS = ("**bold**", "[link](", "<b>tag</b>")

#: the page files each role opens, and in which phases (the rest show the same text)
VISITS = [
    ("customer", "home.py", "listen"), ("customer", "rate.py", "listen"),
    ("customer", "map.py", "listen"), ("customer", "mine.py", "reveal"),
    ("customer", "home.py", "reveal"), ("customer", "vote.py", "prioritise"),
    ("staff", "rate.py", "assume"), ("staff", "map.py", "map"), ("staff", "act.py", "act"),
    ("facilitator", "board.py", "listen"), ("facilitator", "map.py", "map"),
    ("facilitator", "invitations.py", "map"), ("facilitator", "act.py", "act"),
    ("facilitator", "vote.py", "prioritise"), ("facilitator", "present.py", "reveal"),
]


def markdown_sources(at) -> list[str]:
    out = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning",
                 "error", "success", "exception"):
        out += [str(e.value) for e in getattr(at, kind)]
    out += [b.label for b in at.button] + [e.label for e in at.expander]
    out += [w.label for w in at.text_input] + [w.label for w in at.selectbox]
    return out


@pytest.fixture
def everywhere(ui):
    """The payload in every piece of user text the pages show."""
    s, fac = ui.store, ui.facilitator
    ws = get_workshop(s, fac, ui.workshop_id)
    update_workshop(s, fac, ui.workshop_id, ws["version"], name="Workshop " + PAYLOAD)
    rows = map_rows(s, fac, ui.journey_id)
    stage = rows["stages"][0]
    rename_stage(s, fac, stage["id"], stage["version"], "Stage " + PAYLOAD)
    first = rows["steps"][0]
    update_step(s, fac, first["id"], first["version"], title="Step " + PAYLOAD)
    set_phase(s, fac, ui.workshop_id, "listen")
    sam = ui.people["customer"]
    steps = journey_steps(s, fac, ui.journey_id)
    rate_step(s, sam, steps[0]["id"], -2, comment="Comment " + PAYLOAD)
    add_pain_point(s, sam, steps[0]["id"], "Pain " + PAYLOAD)
    create_opportunity(s, fac, ui.journey_id, "Action " + PAYLOAD, owner="Owner " + PAYLOAD)
    return ui


@pytest.mark.parametrize("role, page, phase", VISITS)
def test_no_page_renders_user_text_as_markdown_or_html(everywhere, role, page, phase):
    ui = everywhere
    set_phase(ui.store, ui.facilitator, ui.workshop_id, phase)
    at = ui.app(role, page)
    assert not at.exception
    leaked = [src for src in markdown_sources(at) if any(m in src for m in RAW_MARKERS)]
    assert leaked == []
