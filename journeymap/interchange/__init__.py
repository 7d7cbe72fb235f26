"""Journeys in and out: the native JSON and the formats other tools speak.

========  ===========================  ======  ======  ==========================================
format    extensions                   import  export  scale on import
========  ===========================  ======  ======  ==========================================
json      .json                        yes     yes     native −3..+3
csv       .csv, .zip (CSV files)       yes     yes     (the map only: no ratings to rescale)
xlsx      .xlsx                        yes     yes     (the map only)
mermaid   .mmd, .mermaid               yes     yes     1..5 → (x−3)×1.5
cjml      .xml, .cjml                  yes     yes     1..5 → (x−3)×1.5
ojf       .ojf                         yes     yes     −5..+5 → x×0.6
survey    .csv, .xlsx (told by content)  yes     no      any scale → −3..+3 linearly
========  ===========================  ======  ======  ==========================================

Every import is all or nothing (:class:`~journeymap.domain.errors.ImportRefused` lists every
problem with its place) and returns an :class:`ImportResult`: the journey, its format, and
``notes`` saying what was rescaled, derived or dropped and why — the preview shown before
anything is written. The original scale of an imported journey is kept in ``journey.source``.

>>> detect_format("router.MMD"), detect_format("map.zip"), detect_format("x.txt", "cjml")
('mermaid', 'csv', 'cjml')
>>> r = load(b"journey\\n title T\\n section A\\n  Go: 5: Me\\n", "t.mmd")
>>> r.format, r.journey.ratings[0].emotion, r.journey.source["rescale"]
('mermaid', 3.0, '(x-3)*1.5')
>>> data, name, mime = export(r.journey, "cjml")
>>> name, mime
('t.xml', 'application/xml')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from journeymap.domain.errors import ImportRefused, ValidationError
from journeymap.domain.model import Journey

from . import cjml, mermaid, native, ojf, survey, tabular
from ._common import Note, check_size, note_text, slug


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    extensions: tuple[str, ...]
    mimetype: str
    can_import: bool = True
    can_export: bool = True


FORMATS: dict[str, Format] = {
    "json": Format("json", "journeymap JSON", (".json",), "application/json"),
    "csv": Format("csv", "CSV (a zip of tables)", (".csv", ".zip"), tabular.ZIP_MIME),
    "xlsx": Format("xlsx", "Excel", (".xlsx",), tabular.XLSX_MIME),
    "mermaid": Format("mermaid", "Mermaid journey", (".mmd", ".mermaid"), mermaid.MIME),
    "cjml": Format("cjml", "CJML 2.0 XML", (".xml", ".cjml"), cjml.MIME),
    "ojf": Format("ojf", "OpenJourney", (".ojf",), "application/json"),
    "survey": Format("survey", "Survey export (one row per respondent)", (), "text/csv",
                     can_export=False),
}
#: the extension an export is written with
EXPORT_EXTENSION = {"json": ".json", "csv": ".zip", "xlsx": ".xlsx", "mermaid": ".mmd",
                    "cjml": ".xml", "ojf": ".ojf"}
_ALIASES = {"excel": "xlsx", "zip": "csv", "mmd": "mermaid", "xml": "cjml",
            "openjourney": "ojf", "native": "json"}


@dataclass
class ImportResult:
    """What an import would create, before anything is written."""

    journey: Journey
    format: str
    notes: list[str] = field(default_factory=list)

    @property
    def left_out(self) -> list:
        """What the file held that the journey does not keep (each a translatable note)."""
        return [n for n in self.notes if getattr(n, "left_out", False)]

    @property
    def kept_notes(self) -> list:
        """The other notes: what was rescaled, derived, or kept somewhere else."""
        return [n for n in self.notes if not getattr(n, "left_out", False)]

    def note_lines(self, lang: str = "en") -> tuple[list[str], list[str]]:
        """``(left out, other notes)`` as text in ``lang``."""
        return ([note_text(n, lang) for n in self.left_out],
                [note_text(n, lang) for n in self.kept_notes])

    @property
    def counts(self) -> dict[str, int]:
        """How many of each thing the journey holds (for the preview)."""
        j = self.journey
        return {"stages": len(j.stages), "steps": len(j.steps),
                "transitions": len(j.transitions), "participants": len(j.participants),
                "ratings": len(j.ratings), "pain_points": len(j.pain_points),
                "highlights": len(j.highlights), "skips": len(j.skips),
                "proposals": len(j.proposals), "opportunities": len(j.opportunities)}


def _known() -> str:
    return ", ".join(f"{ext}" for f in FORMATS.values() for ext in f.extensions)


def detect_format(filename: str, explicit: str | None = None) -> str:
    """The format name for a file: ``explicit`` if given (checked), else from the extension.

    Raises :class:`ImportRefused` naming the known formats when neither tells."""
    if explicit:
        name = _ALIASES.get(explicit.lower().lstrip("."), explicit.lower().lstrip("."))
        if name not in FORMATS:
            raise ImportRefused(filename or "file", [
                f"--format {explicit}: not a known format (one of: {', '.join(FORMATS)})"])
        return name
    ext = PurePosixPath((filename or "").replace("\\", "/")).suffix.lower()
    for f in FORMATS.values():
        if ext in f.extensions:
            return f.name
    raise ImportRefused(filename or "file", [
        f"cannot tell the format from the name ('{ext or 'no extension'}'); use one of "
        f"{_known()} or say the format ({', '.join(FORMATS)})"])


def load(data: bytes, filename: str, format: str | None = None,
         language: str | None = None, scale: str | None = None) -> ImportResult:
    """Read a file of any importable format; all or nothing.

    ``language`` (it/en) is the journey's language for formats that do not carry one (CSV
    without a journey table, Mermaid, OJF, CJML without ``xml:lang``). A CSV or Excel file
    that is a survey export (one row per respondent, a column of scores per step) is read as
    one (``format="survey"`` says so); ``scale`` (``"1..7"``) states its scale."""
    if format and format.lower().lstrip(".") == "survey":
        name = "survey"
    else:
        name = detect_format(filename, format)
    source = PurePosixPath((filename or "file").replace("\\", "/")).name or "file"
    check_size(data, source)
    notes: list[str] = []
    if name == "json":
        journey = native.loads(data, source=source)
    elif name in ("csv", "xlsx", "survey"):
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if name == "xlsx" or (name == "survey" and source.lower().endswith((".xlsx",
                                                                           ".xlsm"))):
            kind = "xlsx"
        elif raw[:4] == b"PK\x03\x04":
            kind = "zip"
        else:
            kind = "csv"
        if name == "survey" or (kind != "zip" and (scale or survey.is_survey(raw, source,
                                                                              kind))):
            name = "survey"
            journey = survey.load(raw, source, language=language, kind=kind, scale=scale,
                                  notes=notes)
        else:
            journey, notes = tabular.load(raw, source, language=language, kind=kind)
    elif name == "mermaid":
        journey = mermaid.loads(data, source, language=language, notes=notes)
    elif name == "cjml":
        journey = cjml.loads(data, source, language=language, notes=notes)
    else:
        journey = ojf.loads(data, source, language=language, notes=notes)
    return ImportResult(journey, name, notes)


def export(journey: Journey, format: str) -> tuple[bytes, str, str]:
    """``(bytes, filename, mimetype)`` of a journey in ``format``."""
    name = detect_format("", format)
    fmt = FORMATS[name]
    if not fmt.can_export:
        raise ValidationError(f"{fmt.label} files can be imported, not exported; export as "
                              f"one of: {', '.join(n for n, f in FORMATS.items() if f.can_export)}",
                              "format")
    if name == "json":
        data = native.dumps(journey).encode("utf-8")
    elif name == "csv":
        data = tabular.to_csv_zip(journey)
    elif name == "xlsx":
        data = tabular.to_xlsx(journey)
    elif name == "mermaid":
        data = mermaid.dumps(journey).encode("utf-8")
    elif name == "ojf":
        data = ojf.dumps(journey).encode("utf-8")
    else:
        data = cjml.dumps(journey).encode("utf-8")
    return data, slug(journey.title, "journey") + EXPORT_EXTENSION[name], fmt.mimetype


def blank_template(format: str = "xlsx", language: str = "en") -> tuple[bytes, str, str]:
    """A blank template to fill before the workshop: ``(bytes, filename, mimetype)``.

    ``format`` is ``xlsx`` or ``csv`` (a zip of CSV files)."""
    name = detect_format("", format)
    if name == "xlsx":
        return tabular.template_xlsx(language), f"journeymap-template-{language}.xlsx", \
            tabular.XLSX_MIME
    if name == "csv":
        return tabular.template_csv(language), f"journeymap-template-{language}.zip", \
            tabular.ZIP_MIME
    raise ValidationError(f"no template as {name}; templates exist as xlsx and csv", "format")


__all__ = ["FORMATS", "Format", "ImportResult", "Note", "note_text", "blank_template", "detect_format", "export",
           "load", "slug"]
