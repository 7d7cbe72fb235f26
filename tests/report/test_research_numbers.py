"""The report carries the research numbers: q-values and the one plain sentence about them,
the rank check's disagreements, every face per step, the plain average beside peak-end (of
the bank sample's first round, the workshop itself)."""

import shutil
import subprocess
from pathlib import Path

import pytest

from journeymap import analysis as A
from journeymap.interchange import native
from journeymap.report import build_pdf, collect

ROOT = Path(__file__).resolve().parents[2]
BANK = ROOT / "sample_journeys" / "bank-current-account.json"


@pytest.fixture(scope="module")
def bank():
    return native.load_path(BANK)


@pytest.fixture(scope="module")
def first(bank):
    """The bank sample's frames in round 1."""
    return A.JourneyFrames.from_journey(bank).in_round(1)


def section(report, key):
    return next(s for s in report.sections if s.key == key)


def test_the_gaps_section_says_what_q_means_and_prints_p_and_q_per_step(bank, first):
    r = collect(bank, "en", frames=first)
    gaps = section(r, "gaps")
    cmp = A.comparison(first)
    blind = int(cmp["blind_spot"].sum())
    compared = int((~cmp["small_sample"]).sum())
    assert any(f"{blind} of {compared} steps compared are blind spots" in p for p in gaps.intro)
    table = gaps.tables[0][1]
    assert "p / q" in table.headers
    upload = next(row for row in table.rows if row[0].startswith("Photograph your ID"))
    assert upload[table.headers.index("p / q")] == "<0.001 / <0.001"
    odd = cmp[cmp["tests_disagree"]]["title"]
    assert len(odd) and any(all(t in n for t in odd) for n in gaps.notes)


def test_every_face_is_summed_per_step_assumed_beside_lived(bank, first):
    faces = section(collect(bank, "it", frames=first), "faces")
    table = faces.tables[0][1]
    d = A.distribution(first).set_index(["step", "perspective"])
    # "Compare current accounts": lived 25% negative, 25% neutral, 50% positive of 8
    row = next(r for r in table.rows if r[0] == "Compare current accounts on the website")
    lived = d.loc[("compare", "lived")]
    assert (lived["n"], lived["negative"], lived["positive"]) == (8, 0.25, 0.5)
    assert row[2] == "25% · 25% · 50% (n 8)"


def test_the_plain_average_stands_beside_peak_end_in_the_curve_section(bank, first):
    notes = " ".join(section(collect(bank, "en", frames=first), "curve").notes)
    pe = A.peak_end(first).set_index("perspective")
    assert "plain average of every step" in notes
    assert f"customers {pe.loc['lived', 'mean_experienced']:+.1f}" in notes


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_the_pdf_prints_the_q_sentence(bank, first, tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(build_pdf(bank, "en", frames=first))
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                   check=True).stdout.decode().split())
    assert "each step has a q-value" in text and "p/q" in text.replace(" ", "")


def test_the_report_shows_the_second_round_and_the_tenure_segment(bank):
    r = collect(bank, "en")
    rounds = section(r, "rounds")
    upload = next(row for row in rounds.tables[0][1].rows
                  if row[0].startswith("Photograph your ID"))
    assert upload[1] == "10 → 10" and upload[2].startswith("+")
    assert any("Photograph your ID" in n for n in rounds.notes)
    seg = section(r, "segment-tenure")
    assert seg.title == "Segment: Customer for"
    groups = {row[0] for row in seg.tables[0][1].rows}
    assert groups == {"Less than a year", "1 to 5 years", "More than 5 years"}
