"""The tables and columns of the CSV/Excel template, and how headers, lanes and yes/no
are recognised in English or Italian (shared by reading, writing and the template)."""

from __future__ import annotations

import unicodedata

from journeymap.domain.model import LANGUAGES, Lane
from journeymap.i18n import t



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


def norm(text) -> str:
    """A header, table name or choice as compared: no accents, case, underscores, extra spaces."""
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    for ch in "_-":
        s = s.replace(ch, " ")
    return " ".join(s.replace("'", " ").split())


def col_key(col: str) -> str:
    return "interchange.col." + col


def aliases(key: str, kind: str) -> set[str]:
    out = {norm(key)}
    for lang in LANGUAGES:
        out.add(norm(t(f"interchange.{kind}.{key}", lang)))
    return out


def lane_of(value: str) -> Lane | None:
    v = norm(value)
    if not v:
        return Lane.CUSTOMER
    for lane in Lane:
        if v == lane.value or any(v == norm(t(f"lane.{lane.value}", lg)) for lg in LANGUAGES):
            return lane
    return _LANE_WORDS.get(v)


def bool_of(value: str) -> bool | None:
    v = norm(value)
    if v in _YES:
        return True
    if v in _NO:
        return False
    return None
