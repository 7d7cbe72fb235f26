"""User text on screen: always shown as typed, never as Markdown or HTML.

Streamlit renders Markdown in ``st.markdown``, captions, titles, alerts, widget labels and
help texts. Every piece of user text (names, titles, comments, a workshop's name) that goes
into one of those passes through :func:`esc` — the app's one escaping helper; catalog
messages that carry user text are filled with :func:`tr_text`.
"""

from __future__ import annotations

import re

#: characters that start Markdown or HTML anywhere in a line (":" and "@" make autolinks)
_SPECIAL = set("\\`*_{}[]<>|~$:@")
#: what starts a heading, list, quote, rule or setext line at the beginning of a line
_LINE_START = re.compile(r"^(\s*(?:\d+)?)([#+\-=.)!>])")
_WWW = re.compile(r"(?i)\b(www)\.")


def esc(text) -> str:
    r"""User text made literal inside Markdown: no emphasis, links, autolinks, HTML, lists,
    headings or maths come from it (Markdown's special characters are backslash-escaped,
    ordinary punctuation is left alone, and line breaks stay line breaks).

    >>> print(esc("**bold** [link](http://x)"))
    \*\*bold\*\* \[link\](http\://x)
    >>> print(esc("<script>alert(1)</script>"))
    \<script\>alert(1)\</script\>
    >>> print(esc("1. first, www.example.com!"))
    1\. first, www\.example.com!
    """
    out = "".join("\\" + ch if ch in _SPECIAL else ch for ch in str(text))
    out = _WWW.sub(r"\1\\.", out)
    lines = [_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), ln)
             for ln in out.split("\n")]
    return "  \n".join(lines)


def tr_text(tr, key: str, **values) -> str:
    """A catalog message (translated by ``tr``) with its user-text values escaped."""
    return tr(key, **{k: esc(v) if isinstance(v, str) else v for k, v in values.items()})
