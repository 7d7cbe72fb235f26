"""User text made literal wherever it is shown: the project's one escaping module.

User text (names, titles, comments, a workshop's name) reaches two kinds of renderer, and each
has one rule here:

- Markdown (Streamlit's ``st.markdown``, captions, titles, alerts, widget labels and help):
  :func:`esc` backslash-escapes what would start emphasis, links, HTML, lists, headings or maths.
- HTML (plotly labels and hovers, which read a small subset of tags, and the HTML report):
  :func:`plain` turns ``&``, ``<`` and ``>`` into entities and leaves quotes alone (plotly's
  labels know numeric references but not ``&quot;``; the report only puts user text in element
  content, where quotes are plain characters). :func:`short` collapses the spaces and cuts a
  label to a length before escaping it, so an entity is never cut in two.

Only the standard library: the UI, the charts and the report all import it.
"""

from __future__ import annotations

import html
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


def plain(text) -> str:
    """User text made literal inside HTML (a plotly label or the HTML report).

    >>> plain("<b>Sam's</b> & co")
    "&lt;b&gt;Sam's&lt;/b&gt; &amp; co"
    """
    return html.escape(str(text), quote=False)


def short(text, width: int) -> str:
    """Spaces collapsed, cut to ``width`` characters with "…", then made literal (:func:`plain`).

    >>> short("A  <very>   long title", 12)
    'A &lt;very&gt; lo…'
    """
    text = " ".join(str(text).split())
    return plain(text if len(text) <= width else text[:width - 1] + "…")
