"""CSV and Excel: a template a facilitator fills before the workshop, and tables out.

**Import** (the map only, all or nothing). A workbook (``.xlsx``, one sheet per table) or a zip
of CSV files (one file per table, ``stages.csv``...) holding the tables

=============  ==========================================================================
journey        title, persona, goal, language (one row; optional — else the file's name)
stages         id, name (the order of the rows is the order of the stages; id optional)
steps          id, stage, title, lane, channel, description, moment_of_truth
transitions    from, to, label
=============  ==========================================================================

A single CSV file of steps is accepted too: its ``stage`` column names the stages, created in
order of first appearance (``Scoperta`` → id ``scoperta``). Without a stages table the same
happens. Table and column names are read in English or Italian (``steps``/``passi``,
``stage``/``fase``, ``moment of truth``/``momento della verità``), as are lanes (keys or their
labels: ``frontstage``, ``Front office``...) and yes/no (``yes``, ``sì``, ``x``, ``true``...).
CSV files may use ``,``, ``;`` or tabs. Other tables (ratings, participants... as exported) are
ignored with a note: the template carries the map, not the workshop's input.

Every problem names its place: ``steps.csv row 5, column 'stage': no stage 'pay' in this
journey`` (for a workbook: ``sheet 'steps' row 5, column 'stage': ...``); rows count as a
spreadsheet shows them, the header being row 1.

**Export**: JSON-free tables in the workshop's language — journey, stages, steps, transitions,
participants (anonymous participants' names are never written), ratings, pain points,
highlights, opportunities, and ``comparison`` from :mod:`journeymap.analysis` when that module
provides it (otherwise a ``notes`` table says it was left out). Exported stages/steps/
transitions import back as the map. CSV cells of text that start with ``= + - @`` (or an apostrophe)
get a leading apostrophe against spreadsheet formula injection; the importer removes it again.
In a workbook such text is stored as text, never as a formula, and characters XML cannot
hold (control characters, U+FFFE, U+FFFF) are left out.

Nothing is rescaled here: emotions are written on the native −3..+3 scale.

>>> data = template_csv("en")
>>> sorted(n for n in __import__("zipfile").ZipFile(__import__("io").BytesIO(data)).namelist())
['help.csv', 'journey.csv', 'stages.csv', 'steps.csv', 'transitions.csv']
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from journeymap.domain.errors import ImportRefused, JourneymapError, ValidationError
from journeymap.domain.graph import JourneyGraph
from journeymap.domain.model import LANGUAGES, Journey, Lane, Stage, Step, Transition
from journeymap.i18n import t

from . import csv_safe
from ._common import (
    Note,
    Problems,
    check_size,
    decode,
    left_out,
    open_zip,
    read_member,
    slug,
    unique,
    xml_chars,
)

#: the tables the template import reads, and their columns in file order
MAP_TABLES: dict[str, tuple[str, ...]] = {
    "journey": ("title", "persona", "goal", "language"),
    "stages": ("id", "name"),
    "steps": ("id", "stage", "title", "lane", "channel", "description", "moment_of_truth"),
    "transitions": ("from", "to", "label"),
}
REQUIRED = {"stages": ("name",), "steps": ("stage", "title"), "transitions": ("from", "to"),
            "journey": ()}
EXPORT_TABLES = ("journey", "stages", "steps", "transitions", "participants", "ratings",
                 "pain_points", "highlights", "opportunities", "comparison")
#: tables written by export that the import knows and skips quietly or with a note
OTHER_TABLES = ("participants", "ratings", "pain_points", "highlights", "opportunities",
                "comparison", "notes", "help")

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MIME = "application/zip"

_YES = {"yes", "y", "si", "s", "true", "vero", "1", "x"}
_NO = {"no", "n", "false", "falso", "0", ""}
_LANE_WORDS = {
    "customer": Lane.CUSTOMER, "client": Lane.CUSTOMER, "cliente": Lane.CUSTOMER,
    "customer action": Lane.CUSTOMER, "azione cliente": Lane.CUSTOMER,
    "front": Lane.FRONTSTAGE, "front office": Lane.FRONTSTAGE, "frontoffice": Lane.FRONTSTAGE,
    "onstage": Lane.FRONTSTAGE, "front stage": Lane.FRONTSTAGE,
    "back": Lane.BACKSTAGE, "back office": Lane.BACKSTAGE, "backoffice": Lane.BACKSTAGE,
    "back stage": Lane.BACKSTAGE, "retro": Lane.BACKSTAGE,
    "support": Lane.SUPPORT, "supporto": Lane.SUPPORT, "support processes": Lane.SUPPORT,
}


def _norm(text) -> str:
    """A header, table name or choice as compared: no accents, case, underscores, extra spaces."""
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    for ch in "_-":
        s = s.replace(ch, " ")
    return " ".join(s.replace("'", " ").split())


def _col_key(col: str) -> str:
    return "interchange.col." + col


def _aliases(key: str, kind: str) -> set[str]:
    out = {_norm(key)}
    for lang in LANGUAGES:
        out.add(_norm(t(f"interchange.{kind}.{key}", lang)))
    return out


def _lane_of(value: str) -> Lane | None:
    v = _norm(value)
    if not v:
        return Lane.CUSTOMER
    for lane in Lane:
        if v == lane.value or any(v == _norm(t(f"lane.{lane.value}", lg)) for lg in LANGUAGES):
            return lane
    return _LANE_WORDS.get(v)


def _bool_of(value: str) -> bool | None:
    v = _norm(value)
    if v in _YES:
        return True
    if v in _NO:
        return False
    return None


# reading ----------------------------------------------------------------------------------

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


def _read_csv(text: str, name: str, place: str, problems: Problems) -> RawTable | None:
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


def _read_zip(data: bytes, source: str, problems: Problems) -> list[RawTable]:
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
        tb = _read_csv(text, p.stem, p.name, problems)
        if tb:
            tables.append(tb)
    if not tables and not problems:
        problems.add(source, "the zip holds no CSV file (expected stages.csv, steps.csv, "
                             "transitions.csv)")
    return tables


def _read_xlsx(data: bytes, source: str, problems: Problems) -> list[RawTable]:
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


def _kind_of(table: RawTable) -> str | None:
    n = _norm(table.name)
    for key in (*MAP_TABLES, *OTHER_TABLES):
        if n in _aliases(key, "table"):
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
            hit = next((c for c in wanted if _norm(h) in _aliases(c, "col")), None)
            if hit is None:
                notes.append(left_out("tabular.column_ignored", place=table.place,
                                      column=h[:60], known=", ".join(
                                          t(_col_key(c), "en") for c in wanted)))
            elif hit in self.index:
                problems.add(f"{table.place}, column '{h}'",
                             f"a second column for '{t(_col_key(hit), 'en')}'")
            else:
                self.index[hit] = i
                self.header[hit] = h.strip()
        self.ok = True
        for c in REQUIRED[kind]:
            if c not in self.index:
                names = ", ".join(t(_col_key(x), "en") for x in wanted)
                problems.add(table.place, f"no column '{t(_col_key(c), 'en')}' (expected "
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
        tables = _read_xlsx(raw, source, problems)
    elif kind == "zip":
        tables = _read_zip(raw, source, problems)
    else:
        text = decode(raw, source)
        stem = PurePosixPath(source.replace("\\", "/")).name
        tb = _read_csv(text, PurePosixPath(stem).stem, stem, problems)
        tables = []
        if tb:
            if _kind_of(tb) not in ("steps", None):
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
        kind = _kind_of(tb)
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
            by_name.setdefault(_norm(stage.name), stage.key)
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
            if stage_ref not in journey.stage_keys() and _norm(stage_ref) not in by_name:
                key = unique(slug(stage_ref, "stage"), set(journey.stage_keys()))
                try:
                    journey.stages.append(Stage(key, stage_ref))
                    by_name[_norm(stage_ref)] = key
                except ValidationError as e:
                    problems.add(cols.place(n, "stage"), e.message)
                    continue
        stage_key = stage_ref if stage_ref in journey.stage_keys() else \
            by_name.get(_norm(stage_ref), stage_ref)
        lane_text = cols.get(cells, "lane")
        lane = _lane_of(lane_text)
        if lane is None:
            problems.add(cols.place(n, "lane"), f"'{lane_text}' is not a lane; use one of: "
                         + ", ".join(f"{ln.value} ({t('lane.' + ln.value, journey.language)})"
                                     for ln in Lane))
            continue
        mot_text = cols.get(cells, "moment_of_truth")
        mot = _bool_of(mot_text)
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
            by_title.setdefault(_norm(s.title), []).append(s.key)
        for n, cells in tt.rows if cols.ok else []:
            ends = []
            for col in ("from", "to"):
                ref = cols.get(cells, col)
                if ref in keys:
                    ends.append(ref)
                elif len(by_title.get(_norm(ref), [])) == 1:
                    ends.append(by_title[_norm(ref)][0])
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


# writing ----------------------------------------------------------------------------------

def _yes_no(v: bool, lang: str) -> str:
    return t("success.yes" if v else "success.no", lang)


def _label(prefix: str, value, lang: str) -> str:
    return t(f"{prefix}.{value}", lang) if value is not None else ""


def _num(x):
    if x is None:
        return ""
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def export_tables(j: Journey, with_comparison: bool = True
                  ) -> tuple[dict[str, tuple[list[str], list[list]]], list[str]]:
    """The journey as tables ``{key: (header, rows)}`` in its language, and notes."""
    lang = j.language
    notes: list[str] = []

    def head(*cols):
        return [t(_col_key(c), lang) for c in cols]

    tables: dict[str, tuple[list[str], list[list]]] = {}
    tables["journey"] = (head(*MAP_TABLES["journey"], "owner", "status", "evidence"), [[
        j.title, j.persona, j.goal, j.language, j.owner, _label("status", j.status, lang),
        _label("evidence", j.evidence, lang)]])
    tables["stages"] = (head("id", "name"), [[s.key, s.name] for s in j.stages])
    pos = JourneyGraph.of(j).position()
    steps = sorted(j.steps, key=lambda s: pos.get(s.key, len(pos)))
    tables["steps"] = (head(*MAP_TABLES["steps"]), [
        [s.key, s.stage, s.title, t(f"lane.{s.lane.value}", lang), s.channel, s.description,
         _yes_no(s.moment_of_truth, lang) if s.moment_of_truth else ""] for s in steps])
    tables["transitions"] = (head("from", "to", "label"),
                             [[x.source, x.target, x.label] for x in j.transitions])
    tables["participants"] = (head("id", "name", "role", "anonymous"), [
        [p.key, "" if p.anonymous else p.name, _label("role", p.role, lang),
         _yes_no(p.anonymous, lang)] for p in j.participants])
    tables["ratings"] = (head("participant", "step", "perspective", "emotion", "emotion_word",
                              "effort", "success", "comment"), [
        [r.participant, r.step, _label("perspective", r.perspective, lang), _num(r.emotion),
         t(f"word.{r.emotion_word}", lang) if r.emotion_word else "", _num(r.effort),
         _label("success", r.success, lang), r.comment] for r in j.ratings])
    tables["pain_points"] = (head("id", "participant", "step", "text", "severity", "pillar",
                                  "votes", "perspective"), [
        [p.key, p.participant, p.step, p.text, p.severity, _label("pillar", p.pillar, lang),
         p.votes, _label("perspective", p.perspective, lang)] for p in j.pain_points])
    tables["highlights"] = (head("participant", "step", "text", "perspective"), [
        [h.participant, h.step, h.text, _label("perspective", h.perspective, lang)]
        for h in j.highlights])
    tables["opportunities"] = (head("title", "owner", "due", "status", "pain_points"), [
        [o.title, o.owner, o.due.isoformat() if o.due else "",
         _label("opportunity", o.status, lang), ", ".join(o.pain_points)]
        for o in j.opportunities])
    if with_comparison:
        comp = comparison_table(j, notes)
        if comp is not None:
            tables["comparison"] = comp
    if notes:
        tables["notes"] = (head("note"), [[n] for n in notes])
    return tables, notes


def comparison_table(j: Journey, notes: list[str]) -> tuple[list[str], list[list]] | None:
    """``table(JourneyFrames.from_journey(j), "comparison")`` from journeymap.analysis, as a
    plain table; ``None`` with a note when that module or table is not available."""
    try:
        from journeymap.analysis import JourneyFrames, table  # noqa: PLC0415 - optional
    except ImportError as e:
        notes.append(f"comparison table left out: journeymap.analysis is not available ({e})")
        return None
    try:
        df = table(JourneyFrames.from_journey(j), "comparison")
    except Exception as e:  # the analysis is another module's contract; never break an export
        notes.append(f"comparison table left out: the analysis failed ({type(e).__name__}: {e})")
        return None
    try:
        header = [_analysis_label(str(c), j.language) for c in df.columns]
        rows = [[_plain(v) for v in rec] for rec in df.itertuples(index=False, name=None)]
    except AttributeError:
        notes.append("comparison table left out: the analysis did not return a table")
        return None
    return header, rows


def _analysis_label(col: str, lang: str) -> str:
    """The analysis module's own label for a column when it has one, else the column key."""
    try:
        return t(f"analysis.col.{col}", lang)
    except KeyError:
        return col


def _plain(v):
    """A DataFrame cell as a plain Python value for CSV/Excel."""
    if v is None:
        return ""
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        try:
            v = v.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(v, float) and not math.isfinite(v):
        return ""
    if isinstance(v, (str, int, float, bool)):
        return v
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    try:
        import pandas as pd  # noqa: PLC0415
        if pd.isna(v):
            return ""
    except (ImportError, TypeError, ValueError):
        pass
    return str(v)


def _csv_cell(v):
    """A value as :func:`csv_safe.rows_csv` should write it (numbers stay numbers)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return _num(v)
    return str(v)


def _csv_bytes(header: list[str], rows: list[list]) -> bytes:
    return csv_safe.rows_csv(header, rows, _csv_cell).encode("utf-8-sig")


def _zip_of(files: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return out.getvalue()


def _file_name(key: str, lang: str) -> str:
    """A table's file name in ``lang``, ascii only (``opportunità`` → ``opportunita``)."""
    name = unicodedata.normalize("NFKD", t(f"interchange.table.{key}", lang))
    return name.encode("ascii", "ignore").decode().replace(" ", "_")


def to_csv_zip(j: Journey) -> bytes:
    """A zip of CSV files (UTF-8 with BOM, comma separated), one per table."""
    tables, _ = export_tables(j)
    return _zip_of([(f"{_file_name(k, j.language)}.csv", _csv_bytes(h, rows))
                    for k, (h, rows) in tables.items()])


def to_xlsx(j: Journey) -> bytes:
    """An Excel workbook, one sheet per table."""
    tables, _ = export_tables(j)
    return _workbook({t(f"interchange.table.{k}", j.language): v for k, v in tables.items()})


def _workbook(sheets: dict[str, tuple[list[str], list[list]]],
              lane_col: tuple[str, int, list[str]] | None = None) -> bytes:
    import openpyxl  # noqa: PLC0415
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, (header, rows) in sheets.items():
        ws = wb.create_sheet(title=name[:31])
        ws.append(header)
        for c in ws[1]:
            c.font = Font(bold=True)
        for r in rows:
            ws.append([xml_chars(ILLEGAL_CHARACTERS_RE.sub("", v)) if isinstance(v, str)
                       else v for v in r])
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    c.data_type = "s"  # text that looks like a formula stays text
        ws.freeze_panes = "A2"
        for i, h in enumerate(header, start=1):
            width = max([len(str(h))] + [len(str(r[i - 1])) for r in rows[:200]
                                         if i - 1 < len(r)])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(10, width + 2))
    if lane_col is not None:
        from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415
        sheet, col, choices = lane_col
        ws = wb[sheet]
        dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"',
                            allow_blank=True)
        letter = get_column_letter(col)
        dv.add(f"{letter}2:{letter}1000")
        ws.add_data_validation(dv)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _template_tables(lang: str) -> dict[str, tuple[list[str], list[list]]]:
    lanes = "; ".join(f"{t('lane.' + ln.value, lang)} ({ln.value})" for ln in Lane)
    tables = {k: ([t(_col_key(c), lang) for c in cols], [])
              for k, cols in MAP_TABLES.items()}
    tables["journey"] = (tables["journey"][0], [["", "", "", lang]])
    help_rows = [[t("interchange.help.intro", lang)]] + [
        [t(f"interchange.help.{k}", lang, lanes=lanes) if k == "step_lane"
         else t(f"interchange.help.{k}", lang)]
        for k in ("stage_id", "stage_name", "step_id", "step_stage", "step_lane",
                  "step_channel", "step_mot", "transition")]
    tables["help"] = ([t("interchange.col.meaning", lang)], help_rows)
    return tables


def template_xlsx(lang: str = "en") -> bytes:
    """A blank template workbook in ``lang`` (headers, a lane drop-down, a help sheet)."""
    lang = lang if lang in LANGUAGES else "en"
    tables = _template_tables(lang)
    sheets = {t(f"interchange.table.{k}", lang): v for k, v in tables.items()}
    lane_index = MAP_TABLES["steps"].index("lane") + 1
    return _workbook(sheets, (t("interchange.table.steps", lang), lane_index,
                              [t(f"lane.{ln.value}", lang) for ln in Lane]))


def template_csv(lang: str = "en") -> bytes:
    """A blank template as a zip of CSV files in ``lang``."""
    lang = lang if lang in LANGUAGES else "en"
    return _zip_of([(f"{_file_name(k, lang)}.csv", _csv_bytes(h, rows))
                    for k, (h, rows) in _template_tables(lang).items()])
