"""Reading a template: a workbook, a zip of CSV files or one CSV of steps, into a journey
(the map only, all or nothing; every problem names its place)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from journeymap.domain.errors import ImportRefused, JourneymapError, ValidationError
from journeymap.domain.model import LANGUAGES, Journey, Lane, Stage, Step, Transition
from journeymap.i18n import t

from journeymap import csv_safe
from .._common import (
    Note,
    Problems,
    check_size,
    decode,
    left_out,
    open_zip,
    read_member,
    slug,
    unique,
)

from .columns import MAP_TABLES, OTHER_TABLES, REQUIRED, aliases, bool_of, col_key, lane_of, norm


@dataclass
class RawTable:
    """One table as found in a file: its own name, where it is, header and numbered rows."""

    name: str
    place: str  # "steps.csv" or "sheet 'steps'"
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def _cell_text(v, csv_escape: bool = False) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        if not math.isfinite(v):
            return str(v)
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, (dt.datetime, dt.date)):
        return v.date().isoformat() if isinstance(v, dt.datetime) else v.isoformat()
    s = str(v)
    return csv_safe.unguard(s) if csv_escape else s


def _sniff_delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(text: str, name: str, place: str, problems: Problems) -> RawTable | None:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    table: RawTable | None = None
    try:
        for n, row in enumerate(reader, start=1):
            cells = [_cell_text(c, csv_escape=True) for c in row]
            if table is None:
                table = RawTable(name, place, cells)
            elif any(c.strip() for c in cells):
                table.rows.append((n, cells))
    except csv.Error as e:
        problems.add(f"{place} line {reader.line_num}", f"not readable as CSV ({e})")
        return None
    if table is None:
        problems.add(place, "the file is empty (a header row is expected)")
    return table


def read_zip(data: bytes, source: str, problems: Problems) -> list[RawTable]:
    zf = open_zip(data, source)
    tables = []
    for info in zf.infolist():
        p = PurePosixPath(info.filename.replace("\\", "/"))
        if info.is_dir() or p.name.startswith(".") or "__MACOSX" in p.parts:
            continue
        if p.suffix.lower() != ".csv":
            continue
        raw = read_member(zf, info, source)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            problems.add(p.name, f"byte {e.start}: not UTF-8 text (save the file as UTF-8)")
            continue
        tb = read_csv(text, p.stem, p.name, problems)
        if tb:
            tables.append(tb)
    if not tables and not problems:
        problems.add(source, "the zip holds no CSV file (expected stages.csv, steps.csv, "
                             "transitions.csv)")
    return tables


def read_xlsx(data: bytes, source: str, problems: Problems) -> list[RawTable]:
    open_zip(data, source)  # refuses zip bombs before openpyxl unpacks anything
    import openpyxl  # noqa: PLC0415 - heavy, only when needed

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for broken files
        raise ImportRefused(source, [f"not a readable Excel workbook ({type(e).__name__}: {e})"]) \
            from None
    tables = []
    try:
        for ws in wb.worksheets:
            place = f"sheet '{ws.title}'"
            table: RawTable | None = None
            for n, row in enumerate(ws.iter_rows(values_only=True), start=1):
                cells = [_cell_text(c) for c in row]
                if table is None:
                    if not any(c.strip() for c in cells):
                        continue
                    table = RawTable(ws.title, place, cells)
                elif any(c.strip() for c in cells):
                    table.rows.append((n, cells))
            if table is not None:
                tables.append(table)
    except Exception as e:
        raise ImportRefused(source, [f"not a readable Excel workbook ({type(e).__name__}: {e})"]) \
            from None
    finally:
        wb.close()
    return tables


def kind_of(table: RawTable) -> str | None:
    """Which table of the template (or of an export) ``table`` is, by its name."""
    n = norm(table.name)
    for key in (*MAP_TABLES, *OTHER_TABLES):
        if n in aliases(key, "table"):
            return key
    return None


class _Columns:
    """Which column of a table holds which field, by its header in English or Italian."""

    def __init__(self, table: RawTable, kind: str, problems: Problems, notes: list[str]):
        self.table = table
        self.index: dict[str, int] = {}
        self.header: dict[str, str] = {}
        wanted = MAP_TABLES[kind]
        for i, h in enumerate(table.header):
            if not h.strip():
                continue
            hit = next((c for c in wanted if norm(h) in aliases(c, "col")), None)
            if hit is None:
                notes.append(left_out("tabular.column_ignored", place=table.place,
                                      column=h[:60], known=", ".join(
                                          t(col_key(c), "en") for c in wanted)))
            elif hit in self.index:
                problems.add(f"{table.place}, column '{h}'",
                             f"a second column for '{t(col_key(hit), 'en')}'")
            else:
                self.index[hit] = i
                self.header[hit] = h.strip()
        self.ok = True
        for c in REQUIRED[kind]:
            if c not in self.index:
                names = ", ".join(t(col_key(x), "en") for x in wanted)
                problems.add(table.place, f"no column '{t(col_key(c), 'en')}' (expected "
                                          f"columns: {names})")
                self.ok = False

    def get(self, cells: list[str], col: str) -> str:
        i = self.index.get(col)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    def place(self, row: int, col: str | None) -> str:
        if col is None or col not in self.header:
            return f"{self.table.place} row {row}"
        return f"{self.table.place} row {row}, column '{self.header[col]}'"


def load(data: bytes | str, source: str = "journey.xlsx", language: str | None = None,
         kind: str | None = None) -> tuple[Journey, list[str]]:
    """Read a template (xlsx, zip of CSV or a single steps CSV); ``(journey, notes)``.

    ``kind`` is ``"xlsx"``, ``"zip"`` or ``"csv"``; by default it is told from the bytes."""
    check_size(data, source)
    problems = Problems()
    notes: list[str] = []
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if kind is None:
        if raw[:4] == b"PK\x03\x04":
            kind = "xlsx" if source.lower().endswith((".xlsx", ".xlsm")) or \
                _zip_has(raw, "xl/workbook.xml") else "zip"
        else:
            kind = "csv"
    if kind == "xlsx":
        tables = read_xlsx(raw, source, problems)
    elif kind == "zip":
        tables = read_zip(raw, source, problems)
    else:
        text = decode(raw, source)
        stem = PurePosixPath(source.replace("\\", "/")).name
        tb = read_csv(text, PurePosixPath(stem).stem, stem, problems)
        tables = []
        if tb:
            if kind_of(tb) not in ("steps", None):
                problems.add(stem, "a single CSV file must be the steps table (with a stage "
                                   "column); put several tables in a zip or a workbook")
            tb.name = "steps"
            tables = [tb]
    problems.refuse_if_any(source)
    journey = _build(tables, source, language, problems, notes,
                     "xlsx" if kind == "xlsx" else "csv")
    problems.refuse_if_any(source)
    return journey, notes


def _zip_has(data: bytes, name: str) -> bool:
    try:
        return name in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except Exception:
        return False


def _build(tables: list[RawTable], source: str, language: str | None, problems: Problems,
           notes: list[str], fmt: str) -> Journey:
    found: dict[str, RawTable] = {}
    for tb in tables:
        kind = kind_of(tb)
        if kind in MAP_TABLES:
            if kind in found:
                problems.add(tb.place, f"a second {kind} table (the first is "
                                       f"{found[kind].place})")
            else:
                found[kind] = tb
        elif kind == "help":
            continue
        elif kind is not None:
            notes.append(left_out("tabular.table_input", place=tb.place))
        else:
            notes.append(left_out("tabular.table_unknown", place=tb.place))
    if "steps" not in found:
        problems.add(source, "no steps table (a sheet or file named steps, or passi)")
        return Journey(title="(refused)")

    # journey ------------------------------------------------------------------------------
    head = {"title": "", "persona": "", "goal": "", "language": language or "en"}
    jt = found.get("journey")
    if jt is not None:
        cols = _Columns(jt, "journey", problems, notes)
        if jt.rows:
            n, cells = jt.rows[0]
            for c in ("title", "persona", "goal", "language"):
                v = cols.get(cells, c)
                if v:
                    head[c] = v
            if len(jt.rows) > 1:
                notes.append(left_out("tabular.journey_rows", place=jt.place, row=n))
            lang = head["language"].lower()
            if lang not in LANGUAGES:
                problems.add(cols.place(n, "language"),
                             f"'{head['language']}' is not one of: {', '.join(LANGUAGES)}")
                lang = "en"
            head["language"] = lang
    if not head["title"]:
        head["title"] = PurePosixPath(source.replace("\\", "/")).stem or "Journey"
        notes.append(Note("tabular.title_from_file", title=head["title"][:80]))
    try:
        journey = Journey(title=head["title"], persona=head["persona"], goal=head["goal"],
                          language=head["language"])
    except ValidationError as e:
        where = cols.place(jt.rows[0][0], e.field) if jt is not None and jt.rows else source
        problems.add(where, e.message)
        journey = Journey(title="(refused)")
    journey.source = {"format": fmt, "file": source}

    # stages -------------------------------------------------------------------------------
    by_name: dict[str, str] = {}
    st = found.get("stages")
    if st is not None:
        cols = _Columns(st, "stages", problems, notes)
        taken: set[str] = set()
        for n, cells in st.rows if cols.ok else []:
            name = cols.get(cells, "name")
            key = cols.get(cells, "id") or unique(slug(name, "stage"), set(taken))
            try:
                stage = Stage(key, name)
            except ValidationError as e:
                problems.add(cols.place(n, e.field), e.message)
                continue
            if stage.key in taken:
                problems.add(cols.place(n, "id"), f"the stage id '{stage.key}' is used twice")
                continue
            taken.add(stage.key)
            journey.stages.append(stage)
            by_name.setdefault(norm(stage.name), stage.key)
        if not st.rows:
            problems.add(st.place, "no stages (one row per stage: id, name)")

    # steps --------------------------------------------------------------------------------
    sp = found["steps"]
    cols = _Columns(sp, "steps", problems, notes)
    derive = st is None
    if derive and cols.ok:
        notes.append(Note("tabular.stages_derived", place=sp.place))
    step_keys: set[str] = set()
    pending: list[tuple[int, list[str]]] = [r for r in sp.rows] if cols.ok else []
    generated: set[str] = set()
    for n, cells in pending:
        if not cols.get(cells, "id"):
            continue
        step_keys.add(cols.get(cells, "id"))
    for n, cells in pending:
        stage_ref = cols.get(cells, "stage")
        if derive and stage_ref:
            if stage_ref not in journey.stage_keys() and norm(stage_ref) not in by_name:
                key = unique(slug(stage_ref, "stage"), set(journey.stage_keys()))
                try:
                    journey.stages.append(Stage(key, stage_ref))
                    by_name[norm(stage_ref)] = key
                except ValidationError as e:
                    problems.add(cols.place(n, "stage"), e.message)
                    continue
        stage_key = stage_ref if stage_ref in journey.stage_keys() else \
            by_name.get(norm(stage_ref), stage_ref)
        lane_text = cols.get(cells, "lane")
        lane = lane_of(lane_text)
        if lane is None:
            problems.add(cols.place(n, "lane"), f"'{lane_text}' is not a lane; use one of: "
                         + ", ".join(f"{ln.value} ({t('lane.' + ln.value, journey.language)})"
                                     for ln in Lane))
            continue
        mot_text = cols.get(cells, "moment_of_truth")
        mot = bool_of(mot_text)
        if mot is None:
            problems.add(cols.place(n, "moment_of_truth"),
                         f"'{mot_text}' is not yes or no (leave it empty for no)")
            continue
        key = cols.get(cells, "id")
        if not key:
            key = unique(f"s{n - 1}", step_keys | generated)
            generated.add(key)
        try:
            step = Step(key=key, stage=stage_key, title=cols.get(cells, "title"), lane=lane,
                        channel=cols.get(cells, "channel"),
                        description=cols.get(cells, "description"), moment_of_truth=mot)
            journey.add_step(step)
        except ValidationError as e:
            problems.add(cols.place(n, e.field), e.message)
        except JourneymapError as e:
            problems.add(cols.place(n, None), e.message)

    # transitions --------------------------------------------------------------------------
    tt = found.get("transitions")
    if tt is not None:
        cols = _Columns(tt, "transitions", problems, notes)
        keys = {s.key for s in journey.steps}
        by_title: dict[str, list[str]] = {}
        for s in journey.steps:
            by_title.setdefault(norm(s.title), []).append(s.key)
        for n, cells in tt.rows if cols.ok else []:
            ends = []
            for col in ("from", "to"):
                ref = cols.get(cells, col)
                if ref in keys:
                    ends.append(ref)
                elif len(by_title.get(norm(ref), [])) == 1:
                    ends.append(by_title[norm(ref)][0])
                elif not ref:
                    problems.add(cols.place(n, col), "missing (required)")
                else:
                    problems.add(cols.place(n, col), f"no step '{ref}' in this journey")
            if len(ends) != 2:
                continue
            try:
                journey.transitions.append(Transition(ends[0], ends[1], cols.get(cells, "label")))
            except ValidationError as e:
                problems.add(cols.place(n, e.field), e.message)
    if not sp.rows and cols.ok:
        problems.add(sp.place, "no steps (one row per step: id, stage, title, lane...)")
    return journey
