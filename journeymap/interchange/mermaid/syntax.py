"""Mermaid's ``journey`` grammar as mermaid has it: what it does to a diagram's text before
parsing (front matter, directives, comment lines, entity codes hidden), its lexer rule by
rule, and the characters it reserves. One piece: the lexer and the preprocessing are the two
halves of how mermaid reads a diagram, each rule mirroring one of ``journey.jison``'s."""

from __future__ import annotations

import bisect
import html
import re
import textwrap

import yaml

from .._common import Note, Problems, left_out

#: the characters mermaid's journey lexer reserves in names, as mermaid entity codes
CODES = {":": "#58;", "#": "#35;", ";": "#59;", "<": "#60;"}
#: a name that would start a line as a keyword (the export codes its first letter)
KEYWORD = re.compile(r"^(journey(?![A-Za-z0-9_])|title\s|section\s|acctitle\s*:"
                     r"|accdescr\s*[:{]|%)", re.IGNORECASE)

# mermaid's lexer (journey.jison), rule by rule and in its order; jison appends \b to a
# literal ending in a word character ("journey"). ``title`` and ``section`` take their text
# up to the end of the line (mermaid's \s would also swallow a line break: a bare ``title``
# is refused here instead of eating the next line).
LEX = [(name, re.compile(rx, re.IGNORECASE)) for name, rx in (
    ("skip", r"%%(?!\{)[^\n]*"),
    ("skip", r"[^}\n]%%[^\n]*"),
    ("newline", r"\n+"),
    ("skip", r"\s+"),
    ("skip", r"#[^\n]*"),
    ("journey", r"journey(?![A-Za-z0-9_])"),
    ("title", r"title[^\S\n][^#\n;]+"),
    ("acc_title", r"accTitle\s*:\s*[^\n]*"),
    ("acc_descr", r"accDescr\s*:\s*[^\n]*"),
    ("acc_descr_multi", r"accDescr\s*\{\s*"),
    ("section", r"section[^\S\n][^#:\n;]+"),
    ("task_name", r"[^#:\n;]+"),
    ("task_data", r":[^#\n;]+"),
    (":", r":"),
    ("invalid", r"."),
)]
ENTITY = re.compile(r"#([A-Za-z0-9_]+);")
PLACE = re.compile("\ue000([A-Za-z0-9_]+)\ue001")
BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def decode_entities(text: str) -> str:
    """Mermaid's entity codes (``#35;``, ``#quot;``), hidden before lexing, as characters."""
    def one(m: re.Match) -> str:
        name = m.group(1)
        if name.isdigit() or (name[:1] == "+" and name[1:].isdigit()):
            n = int(name)
            if 0 < n <= 0x10FFFF and not 0xD800 <= n <= 0xDFFF:
                return chr(n)
            return f"#{name};"
        out = html.unescape(f"&{name};")
        return f"#{name};" if out == f"&{name};" else out
    return PLACE.sub(one, text)


def clean(text: str) -> str:
    return " ".join(BR.sub(" ", decode_entities(text)).split())


class Lexer:
    """Tokens of a preprocessed diagram, each with its line number in the original file."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos)

    def tokens(self):
        text, pos, end = self.text, 0, len(self.text)
        while pos < end:
            for name, rx in LEX:
                m = rx.match(text, pos)
                if m and m.end() > pos:
                    break
            else:  # pragma: no cover - "." always matches
                break
            if name == "acc_descr_multi":
                close = text.find("}", m.end())
                if close < 0:
                    yield "acc_descr_open", None, self.line(pos)
                    return
                yield "acc_descr_block", text[m.end():close], self.line(pos)
                pos = close + 1
                continue
            if name != "skip":
                yield name, m.group(0), self.line(pos)
            pos = m.end()


def preprocess(text: str, source: str, problems: Problems, notes: list, meta: dict) -> str:
    """What mermaid does before parsing: line ends, front matter, directives, comment lines.

    Removed parts are blanked, not cut, so every line keeps its number."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is not None and re.match(r"^\s*```\s*mermaid\s*$", lines[first], re.I):
        lines[first] = ""
        for i in range(len(lines) - 1, first, -1):
            if re.match(r"^\s*```\s*$", lines[i]):
                lines[i] = ""
                break
        notes.append(Note("mermaid.fence"))
        first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    text = textwrap.dedent("\n".join(lines))  # mermaid dedents a diagram taken from a page
    lines = text.split("\n")
    if first is not None and re.match(r"^-{3}\s*$", lines[first]):
        close = next((i for i in range(first + 1, len(lines))
                      if re.match(r"^-{3}\s*$", lines[i])), None)
        if close is None:
            problems.add(f"line {first + 1}", "the front matter opened here with '---' is "
                                              "never closed by a second '---' line")
            return ""
        body = "\n".join(lines[first + 1:close])
        try:
            data = yaml.safe_load(body) if body.strip() else {}
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            where = first + 2 + mark.line if mark is not None else first + 1
            problems.add(f"line {where}", "the front matter is not valid YAML "
                                          f"({getattr(e, 'problem', None) or 'unreadable'})")
            return ""
        if not isinstance(data, dict):
            data = {}
        if data.get("title") not in (None, ""):
            meta["title"] = (str(data["title"]), first + 1)
        if "config" in data:
            notes.append(left_out("mermaid.config", line=first + 1))
        for key in sorted(str(k) for k in data if k not in ("title", "config")):
            notes.append(left_out("mermaid.front_matter_key", field=key, line=first + 1))
        for i in range(first, close + 1):
            lines[i] = ""
        text = "\n".join(lines)

    def blank(m: re.Match) -> str:
        notes.append(left_out("mermaid.directive", line=text.count("\n", 0, m.start()) + 1))
        return "\n" * m.group(0).count("\n")
    text = re.sub(r"%%\{.*?\}%%", blank, text, flags=re.DOTALL)
    text = re.sub(r"(?m)^[ \t]*%%(?!\{)[^\n]*$", "", text)
    return ENTITY.sub(lambda m: f"\ue000{m.group(1)}\ue001", text)
