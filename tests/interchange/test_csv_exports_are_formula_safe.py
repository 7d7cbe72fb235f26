"""Every CSV the product hands out is formula-safe, and user text stays readable.

A spreadsheet runs a cell whose text starts with = + - @ (or a tab or carriage return) as a
formula. Here a cell counts as dangerous when it starts with one of those characters and is not
a plain number (a number such as -3 is what a spreadsheet should read as a number); the rule is
written out below, apart from the code under test.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from interchange_strategies import PLAIN, journeys

from journeymap import csv_safe
from journeymap.domain.model import Journey, Participant, Rating, Role, Stage, Step
from journeymap.interchange import tabular

PACKAGE = Path(__file__).resolve().parents[2] / "journeymap"
FORMULA_CHARS = "=+-@\t\r"
NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")

#: text a person might type, often starting with what a spreadsheet reads as a formula
RISKY = st.one_of(PLAIN, st.builds(lambda c, s: c + s, st.sampled_from(list(FORMULA_CHARS)),
                                   PLAIN))
#: the same, as a one-line answer typed on a screen (pandas' CSV leaves a bare CR unquoted)
RISKY_LINE = st.one_of(PLAIN, st.builds(lambda c, s: c + s, st.sampled_from(list("=+-@")),
                                        PLAIN))


def dangerous(cell: str) -> bool:
    return cell[:1] in set(FORMULA_CHARS) and not NUMBER.fullmatch(cell)


def cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]


def zip_cells(data: bytes) -> dict[str, list[str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: cells(zf.read(n).decode("utf-8-sig")) for n in zf.namelist()}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys(text=RISKY))
def test_no_cell_of_a_journey_exported_as_csv_can_start_a_formula(j):
    for name, found in zip_cells(tabular.to_csv_zip(j)).items():
        assert not [c for c in found if dangerous(c)], name


@given(st.lists(RISKY_LINE, min_size=1, max_size=6), st.lists(st.integers(-3, 3), min_size=6,
                                                         max_size=6))
def test_no_text_cell_of_a_table_download_can_start_a_formula_and_numbers_stay_numbers(
        texts, numbers):
    df = pd.DataFrame({"comment": texts, "emotion": numbers[:len(texts)]})
    rows = list(csv.reader(io.StringIO(csv_safe.frame_csv(df), newline="")))
    assert rows[0] == ["comment", "emotion"]
    for (comment, emotion), typed, number in zip(rows[1:], texts, numbers):
        assert not dangerous(comment)
        assert comment in (typed, "'" + typed)   # the text, at most behind an apostrophe
        assert emotion == str(number)


def test_text_that_begins_with_a_minus_is_exported_readable_and_read_back_as_typed():
    j = Journey(title="Returns", language="en", stages=[Stage("a", "Ask")])
    j.add_step(Step("s1", "a", "@support chat", description="-2 days of waiting"))
    j.add_participant(Participant("c1", "+39 Lia", Role.CUSTOMER))
    j.add_rating(Rating("c1", "s1", -3, comment="-3 stars, never again"))
    files = zip_cells(tabular.to_csv_zip(j))
    assert "'-3 stars, never again" in files["ratings.csv"]
    assert "-3" in files["ratings.csv"]            # the emotion, a number, as it was
    assert "'@support chat" in files["steps.csv"]
    assert "'+39 Lia" in files["participants.csv"]
    assert "'-2 days of waiting" in files["steps.csv"]
    back, _ = tabular.load(tabular.to_csv_zip(j), "returns.zip")  # the map is read back
    assert (back.steps[0].title, back.steps[0].description) == ("@support chat",
                                                                "-2 days of waiting")


def test_the_exported_actions_guard_their_title_owner_and_author(store, small_journey):
    from journeymap.services import (create_account, create_opportunity, import_journey,
                                     opportunities_csv, set_phase)

    fac = create_account(store, "fran", "a long password", "=Fran")
    ws, jid = import_journey(store, fac, small_journey())
    set_phase(store, fac, ws, "act")
    create_opportunity(store, fac, jid, "-5 minutes on hold", owner="@ops", due="2027-01-31")
    rows = list(csv.reader(io.StringIO(opportunities_csv(store, fac, jid), newline="")))
    (action,) = [r for r in rows[1:] if "on hold" in r[0]]
    assert action[:4] == ["'-5 minutes on hold", "'@ops", "2027-01-31", "open"]
    assert action[-1] == "'=Fran"


def test_no_module_writes_csv_except_the_formula_safe_writer():
    writers = re.compile(r"csv\.writer\(|csv\.DictWriter\(|\.to_csv\(")
    found = [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
             if writers.search(p.read_text(encoding="utf-8"))]
    assert found == ["csv_safe.py"]
