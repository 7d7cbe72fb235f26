"""Survey exports (one row per respondent, one column per step) from CSV and Excel.

Expected emotions worked out by hand with emotion = -3 + (x - low) * 6 / (high - low)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from interchange_strategies import refused

from journeymap.domain.errors import ValidationError
from journeymap.domain.model import Perspective, Role
from journeymap.interchange import load, survey

SURVEY = Path(__file__).parent / "fixtures" / "survey"


def test_a_forms_export_becomes_steps_by_column_and_customers_by_row():
    result = load((SURVEY / "google-forms-style.csv").read_bytes(), "shop.csv")
    j = result.journey
    assert result.format == "survey"
    assert [(s.key, s.name) for s in j.stages] == [("discover", "Discover"), ("buy", "Buy")]
    assert [(s.title, s.stage) for s in j.steps] == [
        ("Find the shop", "discover"), ("Compare prices", "discover"),
        ("Pay at the till", "buy"), ("Get a receipt", "buy")]
    assert [(p.name, p.role, p.anonymous) for p in j.participants] == [
        ("Ada", Role.CUSTOMER, False), ("Bo", Role.CUSTOMER, False), ("", Role.CUSTOMER, True)]
    # 1..5 detected: 1 -> -3, 2 -> -1.5, 3 -> 0, 4 -> 1.5, 5 -> 3; blanks and n/a are no answer
    by = {(r.participant, r.step): r.emotion for r in j.ratings}
    assert by == {("r2", "find-the-shop"): 1.5, ("r2", "compare-prices"): 0.0,
                  ("r2", "pay-at-the-till"): -3.0, ("r2", "get-a-receipt"): -1.5,
                  ("r3", "find-the-shop"): 3.0, ("r3", "compare-prices"): 1.5,
                  ("r3", "pay-at-the-till"): -1.5,
                  ("r4", "find-the-shop"): 0.0, ("r4", "pay-at-the-till"): -3.0,
                  ("r4", "get-a-receipt"): 0.0}
    assert all(r.perspective is Perspective.LIVED for r in j.ratings)
    assert j.source["scale"] == "1..5" and j.source["rescale"] == "-3+(x-1)*6/4"
    assert j.source["respondents"]["r2"] == {
        "segment": "Business", "date": "2026/03/02 10:14:05 AM GMT+1",
        "comment": "The card reader failed twice"}


def test_the_preview_says_which_column_became_which_step_and_the_scale_it_detected():
    result = load((SURVEY / "google-forms-style.csv").read_bytes(), "shop.csv")
    _, notes = result.note_lines("en")
    assert "column 'Buy: Pay at the till' → step 'Pay at the till' in stage 'Buy'" in notes
    assert "scale 1..5 detected from the scores (lowest 1, highest 5); rescaled to -3..+3 " \
           "as -3+(x-1)*6/4 — state the scale if it is another" in notes
    _, it = result.note_lines("it")
    assert "colonna 'Buy: Pay at the till' → passo 'Pay at the till' nella fase 'Buy'" in it


def test_italian_headers_semicolons_and_decimal_commas_on_a_stated_scale():
    j = load((SURVEY / "italian-semicolons-1-to-7.csv").read_bytes(), "negozio.csv",
             scale="1..7").journey
    # 1..7: 6.5 -> 2.5, 2 -> -2, 7 -> 3, 1 -> -3
    assert [(r.participant, r.emotion) for r in j.ratings] == [
        ("r2", 2.5), ("r2", -2.0), ("r3", 3.0), ("r3", -3.0)]
    assert j.source["respondents"]["r2"]["segment"] == "Aziende"


def test_an_excel_survey_with_a_0_to_10_scale_is_read_from_its_first_sheet_of_scores():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Responses"
    ws.append(["Respondent", "Group", "Onboarding", "First bill", "Support call"])
    ws.append(["C-1", "SME", 9, 0, 10])
    ws.append(["C-2", "SME", 6, None, 3])
    out = io.BytesIO()
    wb.save(out)
    result = load(out.getvalue(), "nps.xlsx")
    assert result.format == "survey"
    # 0..10 (0 seen, so not 1..10): x -> -3 + x * 0.6
    assert [(r.participant, r.step, r.emotion) for r in result.journey.ratings] == [
        ("r2", "onboarding", 2.4), ("r2", "first-bill", -3.0), ("r2", "support-call", 3.0),
        ("r3", "onboarding", 0.6), ("r3", "support-call", -1.2)]


def test_the_map_template_is_still_read_as_the_map_not_as_a_survey():
    result = load(b"stage,title\nDiscover,Look\n", "steps.csv")
    assert result.format == "csv"


@pytest.mark.parametrize("text, scale, problem", [
    (b"Name,Pay,Wait\nAda,4,x\nBo,3,2\nCy,2,1\n", None,
     "s.csv row 2, column 'Wait': 'x' is not a number"),
    (b"Name,Pay\nAda,4\nBo,9\n", "1..5", "s.csv row 3, column 'Pay': 9 is outside the "
                                        "scale 1..5"),
    (b"Name,Pay\nAda,400\nBo,9\n", None, "s.csv: the scores run from 9 to 400, which no "
                                          "usual scale holds"),
])
def test_bad_scores_are_refused_naming_row_and_column(text, scale, problem):
    problems = refused(load, text, "s.csv", format="survey", scale=scale)
    assert any(p.startswith(problem) for p in problems), problems


def test_a_scale_that_is_not_one_is_refused_in_words():
    with pytest.raises(ValidationError, match="'seven' is not a scale like 1..5 or -3..3"):
        survey.parse_scale("seven")
