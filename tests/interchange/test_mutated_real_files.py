"""Every importer, fed real files mutated the ways files go wrong in the wild — numbers for
text, missing keys, huge values, other encodings, truncation — answers with a clean import
or a clean refusal that names a place. Never a traceback."""

from __future__ import annotations

import copy
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.domain.errors import ImportRefused
from journeymap.interchange import load, native, tabular

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).resolve().parents[2] / "sample_journeys"

TEXT_FILES = sorted(FIXTURES.glob("real/*.mmd")) + sorted(FIXTURES.glob("survey/*.csv"))
JSON_FILES = sorted(FIXTURES.glob("ojf/*.ojf")) + [SAMPLES / "online-order-return.json"]
XML_FILES = sorted(FIXTURES.glob("cjml/*.xml"))
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

ODD_VALUES = st.sampled_from([0, -1, 7, 1e308, -1e308, 10**40, 3.5, True, None, "", " ",
                              "x" * 70_000, "٣", "\u202e", "<b>", "#59;", [], {}, [1, "a"],
                              {"a": None}])


def assert_clean(data: bytes, name: str, **kw) -> None:
    try:
        result = load(data, name, **kw)
    except ImportRefused as e:
        assert e.problems and all(isinstance(p, str) and p.strip() for p in e.problems)
        return
    j = result.journey
    assert j.title.strip()
    native.loads(native.dumps(j))  # what was imported is a valid journey
    for n in result.notes:
        str(n)


def encodings(text: str):
    return st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252", "utf-8-sig"]).map(
        lambda enc: text.encode(enc, errors="replace"))


def bytes_mutation(data: bytes):
    n = len(data)
    return st.one_of(
        st.integers(0, n).map(lambda k: data[:k]),                             # truncated
        st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, 255)).map(
            lambda t: data[:t[0]] + bytes([t[1]]) + data[t[0] + 1:]),          # a byte flipped
        st.integers(0, n).map(lambda k: data[:k] + b"\x00\xff\xfe" + data[k:]),
        st.just(data * 3),
    )


@st.composite
def mutated_text(draw, path: Path) -> tuple[bytes, str]:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    how = draw(st.sampled_from(["line", "delete", "swap", "huge", "encoding", "bytes"]))
    if how == "encoding":
        return draw(encodings(text)), path.name
    if how == "bytes":
        return draw(bytes_mutation(text.encode())), path.name
    i = draw(st.integers(0, len(lines) - 1))
    if how == "line":
        lines[i] = draw(st.sampled_from([
            "7", "x: y: z: w", ";", "#", ":", "section", "title", "journey", "---",
            "accDescr {", "%%{init: {}}%%", "1e308,-1e308,NaN", "\t" * 50,
            lines[i].replace(":", ";"), lines[i].replace("5", "five"),
            lines[i].replace(",", ",,,"), lines[i] + ",999"]))
    elif how == "delete":
        del lines[i]
    elif how == "swap":
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines[i] = lines[i] + "a" * draw(st.sampled_from([200, 5_000, 300_000]))
    return "\n".join(lines).encode(), path.name


def _paths(doc, prefix=()):
    yield prefix
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _paths(v, prefix + (i,))


@st.composite
def mutated_json(draw, path: Path) -> tuple[bytes, str]:
    text = path.read_text(encoding="utf-8")
    how = draw(st.sampled_from(["value", "value", "delete", "encoding", "bytes"]))
    if how == "encoding":
        return draw(encodings(text)), path.name
    if how == "bytes":
        return draw(bytes_mutation(text.encode())), path.name
    doc = json.loads(text)
    paths = [p for p in _paths(doc) if p]
    for _ in range(draw(st.integers(1, 3))):
        target = draw(st.sampled_from(paths))
        parent = doc
        try:
            for k in target[:-1]:
                parent = parent[k]
            if how == "delete" and isinstance(parent, dict):
                parent.pop(target[-1], None)
            else:
                parent[target[-1]] = copy.deepcopy(draw(ODD_VALUES))
        except (KeyError, IndexError, TypeError):
            continue
    return json.dumps(doc).encode(), path.name


@st.composite
def mutated_xml(draw, path: Path) -> tuple[bytes, str]:
    text = path.read_text(encoding="utf-8")
    how = draw(st.sampled_from(["text", "text", "delete", "attr", "encoding", "bytes"]))
    if how == "encoding":
        return draw(encodings(text)), path.name
    if how == "bytes":
        return draw(bytes_mutation(text.encode())), path.name
    root = ET.fromstring(text)
    elements = list(root.iter())
    for _ in range(draw(st.integers(1, 3))):
        el = draw(st.sampled_from(elements))
        if how == "text":
            el.text = draw(st.sampled_from(["7", "-1", "1e308", "", "x" * 70_000, "NaN",
                                            "3.5", "\u0663", "D9"]))
        elif how == "attr":
            for k in list(el.attrib):
                el.attrib[k] = draw(st.sampled_from(["", "ghost", "1", " x "]))
        else:
            for parent in root.iter():
                if el in list(parent):
                    parent.remove(el)
                    break
    return ET.tostring(root), path.name


@given(st.sampled_from(TEXT_FILES).flatmap(mutated_text))
@SETTINGS
def test_mermaid_and_survey_files_mutated_import_or_are_refused_cleanly(case):
    data, name = case
    assert_clean(data, name)


@given(st.sampled_from(JSON_FILES).flatmap(mutated_json))
@SETTINGS
def test_openjourney_and_native_files_mutated_import_or_are_refused_cleanly(case):
    data, name = case
    assert_clean(data, name)


@given(st.sampled_from(XML_FILES + [None]).flatmap(
    lambda p: mutated_xml(p) if p else st.just((None, "bank.xml"))))
@SETTINGS
def test_cjml_files_mutated_import_or_are_refused_cleanly(case):
    data, name = case
    if data is None:
        from journeymap.interchange import cjml
        data = cjml.dumps(load((SAMPLES / "bank-current-account.json").read_bytes(),
                               "b.json").journey).encode()
    assert_clean(data, name)


@given(st.lists(st.lists(ODD_VALUES.filter(lambda v: not isinstance(v, (list, dict))),
                         min_size=1, max_size=5), min_size=1, max_size=4),
       st.sampled_from(["survey", "template"]))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_workbooks_with_odd_cells_import_or_are_refused_cleanly(rows, kind):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Responses" if kind == "survey" else "steps"
    ws.append(["Name", "Find", "Pay"] if kind == "survey" else ["stage", "title"])
    for row in rows:
        ws.append([v if not isinstance(v, str) else v[:32_000] for v in row])
    out = io.BytesIO()
    wb.save(out)
    assert_clean(out.getvalue(), "odd.xlsx")
    assert tabular  # the template reader is the one that reads the 'steps' sheet
