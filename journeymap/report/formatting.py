"""Numbers, intervals, p-values, percentages and dates as the report prints them in the
workshop's language: a real minus sign, ``,`` as the Italian decimal mark, ``—`` for nothing.

>>> fmt_number(1.25, "it"), fmt_number(-0.5, "en"), fmt_number(float("nan"), "en")
('+1,2', '−0.5', '—')
>>> fmt_interval(0.9, 2.7, "it"), fmt_interval(-0.1, 0.4, "en")
('[+0,9; +2,7]', '[−0.1, +0.4]')
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

MINUS = "\u2212"
DASH = "\u2014"


def is_missing(x) -> bool:
    return x is None or (isinstance(x, (float, np.floating)) and math.isnan(x))


def fmt_number(x, lang: str, digits: int = 1, sign: bool = True) -> str:
    """A number as the report prints it: sign, one decimal, ``,`` in Italian, a real minus."""
    if is_missing(x):
        return DASH
    s = f"{float(x):+.{digits}f}" if sign else f"{float(x):.{digits}f}"
    if s.lstrip("+-").strip("0.") == "":  # -0.0 / +0.0 -> 0.0 without a sign
        s = f"{0:.{digits}f}"
    s = s.replace("-", MINUS)
    return s.replace(".", ",") if lang == "it" else s


def fmt_interval(low, high, lang: str) -> str:
    """A 95% interval: ``[+0.9, +2.7]`` (English) or ``[+0,9; +2,7]`` (Italian)."""
    if is_missing(low) or is_missing(high):
        return DASH
    sep = "; " if lang == "it" else ", "
    return f"[{fmt_number(low, lang)}{sep}{fmt_number(high, lang)}]"


def fmt_percent(x) -> str:
    return DASH if is_missing(x) else f"{100 * float(x):.0f}%"


def fmt_p(x, lang: str) -> str:
    """A p- or q-value: three decimals, ``<0.001`` below that.

    >>> fmt_p(0.0498, "en"), fmt_p(0.00001, "it"), fmt_p(float("nan"), "en")
    ('0.050', '<0,001', '—')
    """
    if is_missing(x):
        return DASH
    s = "<0.001" if float(x) < 0.001 else f"{float(x):.3f}"
    return s.replace(".", ",") if lang == "it" else s


def fmt_date(d, lang: str) -> str:
    if not d:
        return DASH
    if isinstance(d, str):
        try:
            d = dt.date.fromisoformat(d)
        except ValueError:
            return d
    return d.strftime("%d/%m/%Y") if lang == "it" else d.isoformat()


def fmt_int(x) -> str:
    return DASH if is_missing(x) else f"{int(x)}"
