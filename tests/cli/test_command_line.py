"""The `journeymap` command, run as a user would: exit codes, stdout, stderr."""

import json
import subprocess
import sys

import pytest

from journeymap.cli import main
from journeymap.interchange import native


@pytest.fixture
def db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("JOURNEYMAP_DATABASE_URL", url)
    return url


@pytest.fixture
def journey_file(tmp_path, small_journey):
    path = tmp_path / "broadband.json"
    path.write_text(native.dumps(small_journey()), encoding="utf-8")
    return path


def test_import_then_list_then_export_gives_back_the_same_file(db, journey_file, capsys, tmp_path):
    assert main(["import", str(journey_file)]) == 0
    assert "imported as journey 1 'Fix my broadband'" in capsys.readouterr().out
    assert main(["list"]) == 0
    listed = capsys.readouterr().out
    assert "journey 1: Fix my broadband — 5 steps, 3 ratings" in listed
    out = tmp_path / "back.json"
    assert main(["export", "broadband", "--format", "json", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == journey_file.read_text(encoding="utf-8")


def test_export_without_out_writes_the_file_to_standard_output(db, journey_file, capsysbinary):
    main(["import", str(journey_file)])
    capsysbinary.readouterr()
    assert main(["export", "1"]) == 0
    assert json.loads(capsysbinary.readouterr().out)["journey"]["title"] == "Fix my broadband"


def test_check_validates_without_importing(db, journey_file, capsys):
    assert main(["check", str(journey_file)]) == 0
    assert "ok — 'Fix my broadband', 3 stages, 5 steps" in capsys.readouterr().out
    main(["list"])
    assert "no workshops yet" in capsys.readouterr().out


def test_a_bad_file_is_refused_with_every_problem_and_its_place(db, tmp_path, capsys, journey_file):
    doc = json.loads(journey_file.read_text())
    doc["steps"][4]["stage"] = "pay"
    doc["ratings"][1]["emotion"] = 7
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    assert main(["check", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "steps[4].stage: no stage 'pay' in this journey" in err
    assert "ratings[1].emotion: 7 is outside -3..3" in err


def test_importing_several_files_where_one_is_bad_imports_none(db, journey_file, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json")
    assert main(["import", str(journey_file), str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.json: refused" in err and "line 1, column 3" in err
    assert "nothing imported: 1 of 2 files refused" in err
    main(["list"])
    assert "no workshops yet" in capsys.readouterr().out


def test_an_unknown_journey_gets_one_clear_line_and_a_non_zero_exit(db, capsys):
    assert main(["export", "nothing-like-this"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["journeymap export: no journey 'nothing-like-this'; `journeymap list` "
                   "shows ids and titles"]


@pytest.mark.parametrize("verb", ["demo", "serve", "import", "check", "list", "export", "rules",
                                  "analyze", "report", "template", "charts"])
def test_every_verb_has_help_with_an_example(verb):
    out = subprocess.run([sys.executable, "-m", "journeymap", verb, "--help"],
                         capture_output=True, text=True, check=True).stdout
    assert "example: journeymap " + verb in out



def test_every_sample_file_a_help_example_names_is_shipped():
    import re
    from pathlib import Path

    from journeymap.cli import EXAMPLES

    root = Path(__file__).resolve().parents[2]
    named = {m for text in EXAMPLES.values() for m in re.findall(r"sample_journeys/[\w.-]+",
                                                                    text)}
    assert named, "the examples name at least one sample file"
    assert [n for n in sorted(named) if not (root / n).is_file()] == []

def test_the_command_reads_its_database_from_the_db_option(tmp_path, journey_file, capsys):
    url = f"sqlite:///{tmp_path / 'other.sqlite'}"
    assert main(["--db", url, "import", str(journey_file)]) == 0
    assert main(["list", "--db", url]) == 0
    assert "Fix my broadband" in capsys.readouterr().out


def test_analyze_prints_the_per_step_comparison_of_a_file_with_the_documented_columns(
        journey_file, capsys):
    assert main(["analyze", str(journey_file), "--format", "csv"]) == 0
    header = capsys.readouterr().out.splitlines()[0].split(",")
    assert header[:12] == ["step", "title", "stage", "n_assumed", "mean_assumed", "n_lived",
                           "mean_lived", "gap", "ci_low", "ci_high", "blind_spot",
                           "small_sample"]


def test_analyze_reads_a_journey_from_the_database_and_prints_peak_end(db, journey_file, capsys):
    main(["import", str(journey_file)])
    capsys.readouterr()
    assert main(["analyze", "broadband", "--what", "peak-end", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    lived = [r for r in rows if r["perspective"] == "lived"][0]
    # Sam: only s2 rated (-2.5) -> peak -2.5, end -2.5; anonymous: -3 -> peak = end = -3
    assert lived["n_people"] == 2 and lived["mean_remembered"] == -2.75


def test_analyze_names_the_tables_it_knows_when_asked_for_another(journey_file, capsys):
    assert main(["analyze", str(journey_file), "--what", "horoscope"]) == 1
    assert "no table 'horoscope'; choose one of comparison, peak-end" in capsys.readouterr().err


def test_import_and_check_pick_the_format_from_the_extension_or_the_format_option(
        db, tmp_path, capsys):
    from pathlib import Path

    ojf = Path(__file__).resolve().parents[1] / "interchange" / "fixtures" / "ojf" / \
        "customer-support.ojf"
    assert main(["check", str(ojf)]) == 0
    assert "ok — 'Sam, Tech-Savvy Parent" in capsys.readouterr().out
    mmd = tmp_path / "journey.txt"
    mmd.write_text("journey\n  title Buying a coffee\n  section Shop\n    Find it: 4: Customer\n",
                   encoding="utf-8")
    assert main(["import", str(mmd), "--format", "mermaid"]) == 0
    assert "'Buying a coffee'" in capsys.readouterr().out
    assert main(["export", "coffee", "--format", "mermaid"]) == 0


def test_a_mermaid_file_mermaid_refuses_is_refused_naming_the_line(db, tmp_path, capsys):
    mmd = tmp_path / "bad.mmd"
    mmd.write_text("journey\n  title T\n  section S\n    Find it: 4; Customer\n",
                   encoding="utf-8")
    assert main(["check", str(mmd)]) == 1
    assert "line 4" in capsys.readouterr().err


def test_charts_writes_every_chart_of_a_journey_as_an_svg_file(tmp_path, journey_file, capsys):
    import os
    from pathlib import Path

    if not Path("/usr/bin/chromium").exists():
        if os.environ.get("JOURNEYMAP_REQUIRE_BROWSER"):
            pytest.fail("Chromium is missing: apt-get install chromium")
        pytest.skip("chart images need Chromium")
    out = tmp_path / "charts"
    assert main(["charts", str(journey_file), "--format", "svg", "--out", str(out)]) == 0
    files = sorted(p.name for p in out.iterdir())
    # Sam and the anonymous customer rated one step each: no path to draw as a Sankey
    assert "fix-my-broadband-curve.svg" in files and len(files) == 7
    assert (out / "fix-my-broadband-curve.svg").read_text().lstrip().startswith("<svg")
    assert "nothing to draw yet for: sankey" in capsys.readouterr().err
