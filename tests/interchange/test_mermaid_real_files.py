"""Mermaid files as people write them: mermaid's own docs, demos, parser and rendering tests.

Expected values are read off the files by hand (and, for the parser spec, off mermaid's own
assertions in journey.spec.js)."""

from __future__ import annotations

from pathlib import Path

import pytest
from interchange_strategies import refused

from journeymap.domain.model import Participant, Perspective, Rating, Role
from journeymap.interchange import load, mermaid

REAL = Path(__file__).parent / "fixtures" / "real"


def read(name: str, notes: list | None = None):
    return mermaid.loads((REAL / name).read_bytes(), name, notes=notes)


# file: (title, stages, steps, named actors, ratings)
EXPECTED = {
    "mermaid-docs-my-working-day.mmd": ("My working day", 2, 5, 2, 6),
    "mermaid-demo-front-matter.mmd": ("My working day", 2, 5, 2, 6),
    "mermaid-parser-spec-acc-descr.mmd": (
        "Adding journey diagram functionality to mermaid", 1, 0, 0, 0),
    "mermaid-parser-spec-tasks.mmd": (
        "Adding journey diagram functionality to mermaid", 2, 8, 3, 12),
    "mermaid-cypress-simple.mmd": ("Adding journey diagram functionality to mermaid", 1, 0, 0, 0),
    "mermaid-cypress-working-day.mmd": ("My working day", 2, 5, 2, 6),
    "mermaid-cypress-max-width.mmd": ("E-Commerce", 2, 2, 1, 2),
    "mermaid-cypress-max-width-false.mmd": ("E-Commerce", 2, 2, 1, 2),
    "mermaid-cypress-left-margin.mmd": ("User Journey Example", 2, 5, 0, 5),
    "mermaid-cypress-web-hook-life-cycle.mmd": ("Web hook life cycle", 3, 8, 5, 8),
    "mermaid-cypress-hyphenation.mmd": ("Long Word Test", 1, 1, 1, 1),
    "mermaid-cypress-whitespace-wrap.mmd": ("Whitespace Test", 1, 1, 1, 1),
    "mermaid-cypress-long-labels.mmd": ("User Journey Example", 2, 5, 3, 5),
    "mermaid-cypress-title-styling.mmd": ("User Journey Example", 3, 7, 2, 7),
}


def test_every_real_mermaid_file_is_named_in_sources_and_has_an_expectation():
    files = sorted(p.name for p in REAL.glob("*.mmd"))
    sources = (REAL / "SOURCES.md").read_text(encoding="utf-8")
    assert files == sorted(EXPECTED)
    assert all(f"`{name}`" in sources for name in files)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_file_mermaid_draws_imports_whole(name):
    title, stages, steps, actors, ratings = EXPECTED[name]
    j = read(name)
    assert (j.title, len(j.stages), len(j.steps),
            len([p for p in j.participants if not p.anonymous]), len(j.ratings)) == \
        (title, stages, steps, actors, ratings)


def test_front_matter_gives_the_title_and_its_config_is_listed_as_left_out():
    notes: list = []
    j = read("mermaid-cypress-title-styling.mmd", notes)
    assert j.title == "User Journey Example"
    config = [n for n in notes if n.key == "interchange.note.mermaid.config"]
    assert len(config) == 1 and config[0].left_out
    assert config[0] == "line 1: the front matter's config (how mermaid draws the diagram) " \
                        "is not kept"
    assert config[0].text("it").startswith("riga 1: la config del front matter")


def test_the_demo_page_keeps_front_matter_title_and_accessibility_text():
    j = read("mermaid-demo-front-matter.mmd")
    assert j.title == "My working day"
    assert j.source["acc_title"] == "Very simple journey demo"
    assert j.source["acc_descr"] == "2 main sections: work and home, each with just a few tasks"


def test_a_multi_line_acc_descr_is_kept_as_mermaid_reads_it():
    # mermaid's own assertions: description 'A user journey for\nfamily shopping'
    j = read("mermaid-parser-spec-acc-descr.mmd")
    assert j.source["acc_descr"] == "A user journey for\nfamily shopping"
    assert j.source["acc_title"] == "Adding acc journey diagram functionality to mermaid"
    assert [s.name for s in j.stages] == ["Order from website"]
    text = mermaid.dumps(j)
    assert "  accDescr {\n    A user journey for\n    family shopping\n  }\n" in text
    assert mermaid.loads(text).source["acc_descr"] == "A user journey for\nfamily shopping"


def test_the_parser_spec_tasks_come_in_with_mermaids_own_scores_and_people():
    notes: list = []
    j = read("mermaid-parser-spec-tasks.mmd", notes)
    names = {p.key: p.name for p in j.participants}
    got = {}
    for r in j.ratings:
        got.setdefault(j.step(r.step).title, []).append((names[r.participant], r.emotion))
    anon = "Anonymous"
    assert got == {
        "A task": [("Alice", 3.0), ("Bob", 3.0), ("Charlie", 3.0)],
        "B task": [("Bob", 0.0), ("Charlie", 0.0)],
        "C task": [(anon, 3.0)], "D task": [("Charlie", 3.0), ("Alice", 3.0)],
        "E task": [(anon, 3.0)], "P task": [(anon, 3.0)], "Q task": [(anon, 3.0)],
        "R task": [(anon, 3.0)]}
    note = next(n for n in notes if n.key == "interchange.note.mermaid.no_actors")
    assert note == "task scores without actors kept as ratings of one anonymous " \
                   "participant 'Anonymous': 5 (lines 6, 8, 10, 11, 12)"


def test_an_actor_name_longer_than_journeymaps_limit_is_shortened_not_refused():
    notes: list = []
    j = read("mermaid-cypress-web-hook-life-cycle.mmd", notes)
    long = [p.name for p in j.participants if p.name.startswith("Darkoob userf")]
    assert len(long) == 1 and len(long[0]) == 120 and long[0].endswith("…")
    assert any(n.key == "interchange.note.mermaid.actor_shortened" and n.left_out
               and n.startswith("line 5:") for n in notes)


def test_a_score_mermaid_draws_but_that_is_not_1_to_5_keeps_the_task_without_a_rating():
    notes: list = []
    j = read("mermaid-cypress-title-styling.mmd", notes)
    size = next(s for s in j.steps if s.title == "size")
    assert not [r for r in j.ratings if r.step == size.key]
    assert "line 21: score '2rem' is not a number from 1 to 5: the task is kept without " \
           "a rating" in notes


def test_four_actors_and_twenty_ratings_come_back_as_four_and_twenty():
    people = ["Ana", "Ben", "Cleo", "Dev"]
    lines = ["journey", "  title Renew a passport"]
    for s in range(2):
        lines.append(f"  section Stage {s + 1}")
        for k in range(3 if s == 0 else 2):
            score = 1 + (s * 3 + k) % 5
            lines.append(f"    Task {s}{k}: {score}: {', '.join(people)}")
    text = "\n".join(lines) + "\n"
    j = mermaid.loads(text)
    assert (len(j.participants), len(j.ratings)) == (4, 20)
    back = mermaid.loads(mermaid.dumps(j))
    assert [p.name for p in back.participants] == people
    assert len(back.ratings) == 20
    assert mermaid.dumps(back) == text


def test_anonymous_people_are_counted_in_the_score_but_never_named():
    j = mermaid.loads("journey\n section A\n  Go: 1: Ada\n")
    j.participants.append(Participant("x", "Secret", Role.CUSTOMER, anonymous=True))
    j.ratings.append(Rating("x", j.steps[0].key, 3.0, Perspective.LIVED))
    assert mermaid.dumps(j).endswith("    Go: 3: Ada\n")  # mean of -3 and 3 is 0 -> 3


def test_journey_and_title_on_one_line_is_valid_as_in_mermaid():
    j = mermaid.loads("journey title Buy a bike\nsection Shop\nPick: 4: Me\n")
    assert j.title == "Buy a bike"


def test_two_title_lines_are_valid_and_the_last_wins_with_a_note():
    notes: list = []
    j = mermaid.loads("journey\ntitle First\ntitle Second\nsection S\nGo: 3: Me\n", notes=notes)
    assert j.title == "Second"
    assert "the title 'First' (line 2) is replaced by 'Second' (line 3), as mermaid does" \
        in notes


def test_keywords_are_read_in_any_case_and_entity_codes_are_decoded():
    j = mermaid.loads("JOURNEY\nTitle Fix #quot;it#quot;\nSECTION Pay#58; online<br>now\n"
                      "Tap #35;1#59; done: 4: Me#44; myself\n")
    assert j.title == 'Fix "it"'
    assert [s.name for s in j.stages] == ["Pay: online now"]
    assert [s.title for s in j.steps] == ["Tap #1; done"]
    assert [p.name for p in j.participants] == ["Me, myself"]


def test_text_in_other_scripts_and_full_width_punctuation_is_kept_as_written():
    j = mermaid.loads("journey\n  title 我的工作日\n  section 上班\n    泡茶；休息，很好: 5: 我\n")
    assert (j.title, j.stages[0].name, j.steps[0].title, j.participants[0].name) == \
        ("我的工作日", "上班", "泡茶；休息，很好", "我")


@pytest.mark.parametrize("text, problem", [
    ("journey\n section Pay: online\n  Go: 3\n",
     "line 2: a section name may not hold ':' (mermaid reads the rest as a task without a "
     "name)"),
    ("journey\n section A\n  Go: 3: Me; Stop: 2\n",
     "line 3: ';' is not allowed in a Mermaid journey (write #59; for a semicolon)"),
    ("journey\n section A\n  journey planning: 3: Me\n",
     "line 3: 'journey' again: mermaid reads it as the diagram's keyword, so no task may be "
     "named 'journey planning' (write it #106;ourney… to keep the word)"),
    ("journey\n section A\n  Go:\n", "line 3: the task 'Go' has nothing after its ':' "
                                     "(expected 'Task name: score: actor, actor')"),
    ("---\ntitle: x\njourney\n section A\n", "line 1: the front matter opened here with '---' "
                                             "is never closed by a second '---' line"),
    ("---\ntitle: [x\n---\njourney\n", "line 2: the front matter is not valid YAML"),
    ("journey\n accDescr {\n  never closed\n", "line 2: accDescr { is never closed with }"),
])
def test_what_mermaid_refuses_is_refused_naming_the_line(text, problem):
    problems = refused(mermaid.loads, text)
    assert any(p.startswith(problem) for p in problems), problems


def test_a_task_merely_starting_with_the_letters_of_a_keyword_is_a_task():
    j = mermaid.loads("journey\nsection S\njourneying: 3: Me\nTitles: 2: Me\nsections: 4\n")
    assert [s.title for s in j.steps] == ["journeying", "Titles", "sections"]


def test_a_task_named_like_a_keyword_survives_the_round_trip():
    j = mermaid.loads("journey\nsection S\n#116;itle page: 3: Me\n#106;ourney plan: 4: Me\n")
    assert [s.title for s in j.steps] == ["title page", "journey plan"]
    assert [s.title for s in mermaid.loads(mermaid.dumps(j)).steps] == ["title page",
                                                                       "journey plan"]


def test_the_registry_reports_left_out_notes_apart_from_the_others():
    result = load((REAL / "mermaid-cypress-title-styling.mmd").read_bytes(), "t.mmd")
    assert [n.key.rsplit(".", 1)[-1] for n in result.left_out] == ["config", "bad_score"]
    assert all(n not in result.left_out for n in result.kept_notes)


def test_a_diagram_pasted_with_its_markdown_fence_imports_and_says_so():
    notes: list = []
    j = mermaid.loads("```mermaid\njourney\n  title 私の一日\n  section 朝\n    お茶を入れる: 5: 私\n"
                      "```\n", notes=notes)
    assert (j.title, j.steps[0].title, j.participants[0].name) == ("私の一日", "お茶を入れる",
                                                                   "私")
    assert "the ```mermaid fence around the diagram was removed" in notes
