"""The format registry: formats picked by extension or by name, one import result with notes,
exports with a file name and a media type, and blank templates."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from interchange_strategies import FIXTURES, refused

from journeymap.domain.errors import ImportRefused, ValidationError
from journeymap.interchange import (
    FORMATS,
    ImportResult,
    blank_template,
    detect_format,
    export,
    load,
    native,
)


@pytest.mark.parametrize("filename, fmt", [
    ("a.json", "json"), ("a.csv", "csv"), ("a.ZIP", "csv"), ("a.xlsx", "xlsx"),
    ("a.mmd", "mermaid"), ("a.mermaid", "mermaid"), ("a.xml", "cjml"), ("a.cjml", "cjml"),
    ("dir/a.ojf", "ojf"), ("C:\\maps\\a.ojf", "ojf"),
])
def test_the_format_is_told_from_the_extension(filename, fmt):
    assert detect_format(filename) == fmt


def test_an_explicit_format_wins_over_the_extension():
    assert detect_format("notes.txt", "mermaid") == "mermaid"
    assert detect_format("map.json", "excel") == "xlsx"


def test_an_unknown_extension_or_format_is_refused_with_the_choices():
    problems = refused(detect_format, "map.pdf")
    assert problems[0].startswith("cannot tell the format from the name ('.pdf'); use one of "
                                  ".json, .csv, .zip, .xlsx, .mmd, .mermaid, .xml, .cjml, .ojf")
    assert refused(detect_format, "map.json", "docx") == [
        "--format docx: not a known format (one of: json, csv, xlsx, mermaid, cjml, ojf, survey)"]


def test_every_ojf_fixture_loads_through_the_registry_with_notes_and_counts():
    for path in sorted((FIXTURES / "ojf").glob("*.ojf")):
        result = load(path.read_bytes(), path.name)
        assert isinstance(result, ImportResult) and result.format == "ojf"
        assert result.counts["steps"] == len(result.journey.steps) > 0
        assert any("score*0.6" in n for n in result.notes)


def test_a_journey_exported_in_each_format_loads_back_through_the_registry():
    original = load((FIXTURES / "ojf" / "customer-support.ojf").read_bytes(),
                    "customer-support.ojf", language="it").journey
    for fmt in ("json", "csv", "xlsx", "mermaid", "cjml"):
        data, name, mime = export(original, fmt)
        assert name.startswith("sam-tech-savvy-parent") and mime == FORMATS[fmt].mimetype
        back = load(data, name)
        assert back.format == fmt
        assert [s.title for s in back.journey.steps] == [s.title for s in original.steps]
    data, name, _ = export(original, "json")
    assert native.loads(data).source == {"format": "ojf", "version": "1.0", "scale": "-5..5",
                                         "rescale": "x*0.6"}


def test_a_single_csv_file_is_read_as_the_steps_table():
    result = load(b"stage,title\nDiscover,Look\n", "steps.csv")
    assert result.format == "csv" and result.counts["stages"] == 1


def test_ojf_can_be_exported_too():
    j = load(b"journey\n section A\n  Go: 3: Me\n", "a.mmd").journey
    data, name, mime = export(j, "ojf")
    assert (name, mime) == ("a.ojf", "application/json")
    assert load(data, name).journey.steps[0].title == "Go"


def test_a_huge_file_is_refused_before_any_format_reads_it():
    huge = b" " * (native.MAX_FILE_BYTES + 1)
    for name in ("a.json", "a.csv", "a.xlsx", "a.mmd", "a.xml", "a.ojf"):
        with pytest.raises(ImportRefused) as info:
            load(huge, name)
        assert info.value.problems == ["the file is 64.0 MB; at most 64 MB"]


def test_a_refusal_names_the_file_and_lists_its_problems():
    bad = json.dumps({"format": "journeymap/1", "journey": {"title": "T"},
                      "steps": [{"id": "s1", "stage": "pay", "title": "Pay"}]})
    with pytest.raises(ImportRefused) as info:
        load(bad.encode(), "uploads/bad.json")
    assert str(info.value) == ("bad.json: refused, 1 problem\n"
                               "  steps[0].stage: no stage 'pay' in this journey")


@pytest.mark.parametrize("fmt, suffix", [("xlsx", ".xlsx"), ("csv", ".zip")])
@pytest.mark.parametrize("lang", ["it", "en"])
def test_blank_templates_are_offered_in_both_languages(fmt, suffix, lang):
    data, name, mime = blank_template(fmt, lang)
    assert name == f"journeymap-template-{lang}{suffix}" and mime == FORMATS[fmt].mimetype
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None


def test_the_interchange_catalogs_hold_the_same_keys_and_placeholders_in_both_languages():
    import re
    from pathlib import Path

    import journeymap.i18n as i18n

    base = Path(i18n.__file__).parent
    en = json.loads((base / "en" / "interchange.json").read_text(encoding="utf-8"))
    it = json.loads((base / "it" / "interchange.json").read_text(encoding="utf-8"))
    assert en.keys() == it.keys()
    for key in en:
        assert set(re.findall(r"{(\w+)}", en[key])) == set(re.findall(r"{(\w+)}", it[key])), key


def test_the_readme_format_table_has_a_row_for_every_format_with_its_direction():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Other formats, in and out", 1)[1].split("\n## ", 1)[0]
    rows = [r for r in section.splitlines() if r.startswith("| ") and "---" not in r][1:]
    labels = {"json": "journeymap JSON", "csv": "CSV / Excel template",
              "xlsx": "CSV / Excel template", "survey": "survey export",
              "mermaid": "Mermaid `journey`", "cjml": "CJML 2.0 XML", "ojf": "OpenJourney"}
    cells = {r.split("|")[1].strip(): r.split("|")[3].strip() for r in rows}
    assert set(labels) == set(FORMATS)
    for name, fmt in FORMATS.items():
        direction = "both" if fmt.can_export else "in"
        assert cells[labels[name]] == direction, name
