"""The workshop report: the PDF says what the workshop found (checked in the text extracted
from it and by looking at its pages), the HTML is one offline, escaped file, nobody anonymous
is named, and the command line writes both."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from journeymap.cli import main
from journeymap.domain.model import Highlight, Opportunity, PainPoint, Participant, Rating
from journeymap.interchange import native
from journeymap.report import (
    PdfUnavailable,
    build_html,
    build_pdf,
    collect,
    fmt_number,
    pdf as pdf_module,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_journeys"
SHOTS = ROOT / "screenshots" / "report"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="pdftotext (poppler-utils) is not installed")


def sample(name: str):
    return native.load_path(SAMPLES / f"{name}.json")


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    return " ".join(out.split())  # lines wrap anywhere: compare with single spaces


def flat(text: str) -> str:
    return " ".join(str(text).split())


@pytest.fixture(scope="module")
def guasto():
    return sample("guasto-internet-casa")


@pytest.fixture(scope="module")
def guasto_pdf(guasto):
    return build_pdf(guasto)


@pytest.fixture
def with_secret_anonymous(small_journey):
    """The small journey plus an anonymous customer whose name must never be printed."""
    j = small_journey()
    j.add_participant(Participant("p9", "Zorro Segretissimo", "customer", anonymous=True))
    j.add_rating(Rating("p9", "s1", -1))
    j.add_pain_point(PainPoint("p9", "s1", "Nobody told me anything", severity=2, key="pp9"))
    j.add_highlight(Highlight("p9", "s5", "The technician was kind"))
    j.opportunities.append(Opportunity("Call back within a day", owner="Ops lead",
                                       pain_points=["pp9"]))
    return j


# PDF ------------------------------------------------------------------------------------------
@needs_poppler
def test_the_italian_pdf_holds_the_title_the_largest_gap_and_intact_accents(guasto, guasto_pdf,
                                                                             tmp_path):
    text = pdf_text(guasto_pdf, tmp_path)
    report = collect(guasto)
    gap = report.largest_gap
    assert flat(guasto.title) in text
    # of round 2, the latest with answers (round 1's largest gap was +4,0)
    assert "Giro 2 di 2" in text
    assert gap["text"] == fmt_number(gap["gap"], "it") == "+3,9"
    assert f"«{flat(gap['title'])}», {gap['text']}" in text
    assert gap["interval"] in text
    # accented Italian, both from the catalogs and from the workshop's own words
    for words in ("Chi ha partecipato", "Criticità", "priorità", "Opportunità",
                  "prima della consegna di venerdì", "Punti di forza: cosa è andato bene"):
        assert words in text, words
    assert "�" not in text


@needs_poppler
def test_the_english_pdf_names_its_largest_gap_with_n_and_interval(tmp_path):
    j = sample("online-order-return")
    text = pdf_text(build_pdf(j), tmp_path)
    gap = collect(j).largest_gap
    assert "Returning an online order" in text
    assert (f"Largest gap: “{gap['title']}”, {gap['text']} (95% interval {gap['interval']}; "
            f"n = {gap['n_assumed']} assumed, {gap['n_lived']} lived)") in text
    for section in ("Who took part", "The map", "Emotion curve", "blind spots",
                    "Positive, neutral and negative", "customers' own words", "Highlights",
                    "Employee pain points", "Priority ranking", "Opportunities"):
        assert section in text, section
    # opportunities with owners and dates
    for o in j.opportunities:
        assert o.owner in text and o.due.isoformat() in text


def test_the_pdf_is_a4():
    data = build_pdf(sample("bank-current-account"))
    assert data.startswith(b"%PDF-")
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert box and abs(float(box.group(1)) - 595.28) < 1 and abs(float(box.group(2)) - 841.89) < 1


@needs_poppler
def test_the_pdf_pages_render_and_are_kept_to_look_at(guasto_pdf, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("guasto-*.png"):
        old.unlink()
    path = tmp_path / "guasto.pdf"
    path.write_bytes(guasto_pdf)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(SHOTS / "guasto")],
                   check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True).stdout).group(1))
    assert len(list(SHOTS.glob("guasto-*.png"))) == pages >= 4


def test_a_missing_font_is_a_named_error_that_says_what_to_install_and_offers_html(
        monkeypatch, small_journey):
    monkeypatch.setattr(pdf_module, "_FONT_FILES", {"": "NoSuchFont.ttf"})
    monkeypatch.setattr(pdf_module, "_SYSTEM_FONT_DIRS", ())
    with pytest.raises(PdfUnavailable) as err:
        build_pdf(small_journey())
    message = str(err.value)
    assert "install it with" in message and "fonts-dejavu-core" in message
    assert "--format html" in message
    assert build_html(small_journey())  # the HTML report still works


# HTML -----------------------------------------------------------------------------------------
def test_the_html_is_one_offline_file_with_interactive_charts(guasto):
    from journeymap.analysis import JourneyFrames

    # round 1, the workshop itself: round 2 has no pain points, so no priority chart
    page = build_html(guasto, frames=JourneyFrames.from_journey(guasto).in_round(1))
    assert '<script src="http' not in page and "<script src=" not in page
    assert "https://cdn" not in page and "<link" not in page and "@import" not in page
    assert page.count("Plotly.newPlot") == 4  # curve, gaps, split, priority
    assert page.count('/*! For license information please see plotly.min.js') <= 1
    assert len(re.findall(r"<script type=\"text/javascript\">/\*", page)) <= 1
    assert '<html lang="it">' in page and "Chi ha partecipato" in page


def test_every_user_text_is_escaped(small_journey):
    j = small_journey()
    j.title = "<script>alert('title')</script>"
    j.persona = "<img src=x onerror=alert(1)>"
    j.steps[1].title = "<b>Call</b> support"
    j.pain_points[0].text = "</td><script>alert('pain')</script>"
    page = build_html(j)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "<b>Call</b>" not in page
    assert "&lt;script&gt;alert('title')&lt;/script&gt;" in page
    assert "&lt;b&gt;Call&lt;/b&gt; support" in page


def test_a_step_name_in_the_html_charts_is_escaped_once_so_it_reads_literally(small_journey):
    """plotly turns ``&lt;b&gt;`` back into ``<b>`` on screen; escaped twice, the reader
    would see ``&lt;b&gt;prima&lt;/b&gt;`` (the browser test looks at the drawn chart)."""
    j = small_journey()
    j.steps[0].title = "<b>prima</b>"
    page = build_html(j)
    assert "&amp;lt;b&amp;gt;" not in page
    # in the charts' data (plotly writes "/" as \u002f inside scripts): one escape only
    assert '"ticktext":["&lt;b&gt;prima&lt;\\u002fb&gt;"' in page


def test_the_report_follows_the_workshop_language_or_the_one_asked_for(small_journey):
    assert "Chi ha partecipato" in build_html(small_journey("it"))
    assert "Who took part" in build_html(small_journey("it"), "en")


# anonymity ------------------------------------------------------------------------------------
@needs_poppler
def test_anonymous_participants_are_counted_never_named(with_secret_anonymous, tmp_path):
    page = build_html(with_secret_anonymous)
    text = pdf_text(build_pdf(with_secret_anonymous), tmp_path)
    for out in (page, text):
        assert "Zorro" not in out and "Segretissimo" not in out
        assert "Nobody told me anything" in out  # their words are quoted, without them
    people = collect(with_secret_anonymous).sections[0].tables[0][1]
    customers = [r for r in people.rows if r[0] == "Customer"][0]
    assert customers[1:3] == ["3", "2"]  # three customers, two of them anonymous


def test_sample_anonymous_names_are_absent_from_the_report():
    j = sample("bank-current-account")
    hidden = [p.name for p in j.participants if p.anonymous and p.name]
    assert hidden
    page = build_html(j)
    for name in hidden:
        assert name not in page


def test_an_empty_journey_still_makes_a_report(small_journey):
    j = small_journey()
    j.ratings.clear()
    j.pain_points.clear()
    assert "No emotion ratings yet." in build_html(j)
    assert build_pdf(j).startswith(b"%PDF-")


# command line ---------------------------------------------------------------------------------
@pytest.fixture
def db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("JOURNEYMAP_DATABASE_URL", url)
    return url


def test_the_report_command_writes_pdf_and_html_from_a_file(tmp_path, capsys):
    src = SAMPLES / "check-up-clinica-privata.json"
    pdf_out, html_out = tmp_path / "r.pdf", tmp_path / "r.html"
    assert main(["report", str(src), "--format", "pdf", "--out", str(pdf_out)]) == 0
    assert main(["report", str(src), "--format", "html", "--out", str(html_out)]) == 0
    assert pdf_out.read_bytes().startswith(b"%PDF-")
    assert "Check-up annuale" in html_out.read_text(encoding="utf-8")
    assert "wrote" in capsys.readouterr().err


def test_the_report_command_finds_a_journey_in_the_database_by_title(db, tmp_path, capsys,
                                                                     small_journey):
    src = tmp_path / "j.json"
    src.write_text(native.dumps(small_journey()), encoding="utf-8")
    assert main(["import", str(src)]) == 0
    out = tmp_path / "broadband.html"
    assert main(["report", "broadband", "--format", "html", "--lang", "it",
                 "--out", str(out)]) == 0
    assert "Chi ha partecipato" in out.read_text(encoding="utf-8")
    assert main(["report", "nothing-like-this", "--format", "pdf"]) == 1
    assert "no journey 'nothing-like-this'" in capsys.readouterr().err


def test_the_report_command_says_what_to_install_when_the_pdf_cannot_be_made(
        monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(pdf_module, "_FONT_FILES", {"": "NoSuchFont.ttf"})
    monkeypatch.setattr(pdf_module, "_SYSTEM_FONT_DIRS", ())
    out = tmp_path / "r.pdf"
    assert main(["report", str(SAMPLES / "online-order-return.json"), "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "install it with" in err[0] and "--format html" in err[0]
    assert not out.exists()


def test_the_template_command_writes_the_blank_import_template(tmp_path):
    out = tmp_path / "modello.xlsx"
    assert main(["template", "--format", "xlsx", "--lang", "it", "--out", str(out)]) == 0
    assert out.read_bytes()[:2] == b"PK"
    zipped = tmp_path / "template.zip"
    assert main(["template", "--format", "csv", "--out", str(zipped)]) == 0
    assert zipped.stat().st_size > 0
