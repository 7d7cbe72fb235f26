"""The one CSV writer: every CSV the product hands out is written here, formula-safe.

A spreadsheet runs a cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (and, in some,
a tab or a carriage return) as a formula, so user text such as ``=HYPERLINK(...)`` in a
comment could act when a facilitator opens the export in Excel. Every *text* cell that starts
with one of those characters, or with an apostrophe, gets a leading apostrophe: the text stays
readable ("-3 stars" shows as "'-3 stars") and runs nothing. Numbers are numbers and are
written as they are (``-2`` stays ``-2``). :func:`unguard` takes the apostrophe off again
(journeymap's own importer uses it, so an export read back gives the text that was typed).

- :func:`rows_csv` writes a header and rows of Python values (text, numbers, dates, None);
- :func:`frame_csv` writes a pandas DataFrame as ``DataFrame.to_csv(index=False)`` would,
  with its text cells guarded.

Only the standard library, at the bottom of the layers beside :mod:`journeymap.text` (the
escaping of user text for screens): the services, the file formats, the UI and the command
line all write their CSV here.

>>> rows_csv(["comment", "emotion"], [["-3 stars", -3], ["=1+1", 2]]).splitlines()
['comment,emotion', "'-3 stars,-3", "'=1+1,2"]
"""

from __future__ import annotations

import csv
import io
from typing import Any, Callable, Iterable

#: what makes a spreadsheet read a cell as a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_GUARDED = FORMULA_START + ("'",)


def guard(text: str) -> str:
    """``text`` as a cell no spreadsheet runs as a formula.

    >>> guard("=cmd|' /C calc'!A0"), guard("-3 stars"), guard("fine"), guard("'quoted")
    ("'=cmd|' /C calc'!A0", "'-3 stars", 'fine', "''quoted")
    """
    return "'" + text if text.startswith(_GUARDED) else text


def unguard(text: str) -> str:
    """What :func:`guard` was given (an apostrophe it added is taken off again).

    >>> unguard("'-3 stars"), unguard("'it's"), unguard("'")
    ('-3 stars', "'it's", "'")
    """
    if len(text) > 1 and text[0] == "'" and text[1] in _GUARDED:
        return text[1:]
    return text


def rows_csv(header: list[str], rows: Iterable[Iterable[Any]],
             cell: Callable[[Any], Any] | None = None) -> str:
    """A header and rows as CSV text (CRLF line ends); ``cell`` formats each value first
    (text it returns is guarded; numbers and None pass through as the csv module writes
    them)."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([guard(h) for h in header])
    for row in rows:
        values = [cell(v) if cell else v for v in row]
        w.writerow([guard(v) if isinstance(v, str) else v for v in values])
    return buf.getvalue()


def frame_csv(df) -> str:
    """A DataFrame as ``df.to_csv(index=False)`` with every text cell guarded (column names
    too); numbers, booleans and missing values are written exactly as pandas writes them."""
    out = df.copy()
    out.columns = [guard(c) if isinstance(c, str) else c for c in out.columns]
    for name in out.columns:
        col = out[name]
        if col.dtype == object or str(col.dtype) in ("string", "str"):
            out[name] = col.map(lambda v: guard(v) if isinstance(v, str) else v)
    return out.to_csv(index=False)
