"""Writing a Mermaid ``journey``: one section per stage, one task per step scored with its
mean lived emotion, its named raters as actors, reserved characters as entity codes (see the
package's notes)."""

from __future__ import annotations

import re
from statistics import mean

from journeymap.domain.graph import JourneyGraph
from journeymap.domain.model import Journey, Perspective, Rating, Role

from .._common import emotion_to_five
from .syntax import CODES, KEYWORD

MIME = "text/vnd.mermaid"


def _code(text: str, extra: str = "") -> str:
    """Text with the characters mermaid reserves written as its entity codes."""
    s = " ".join(str(text).split())
    out = []
    for ch in s:
        if ch in CODES:
            out.append(CODES[ch])
        elif ch in extra:
            out.append(f"#{ord(ch)};")
        else:
            out.append(ch)
    s = re.sub(r"%(?=%)|(?<=%)%", "#37;", "".join(out))
    if KEYWORD.match(s):
        s = f"#{ord(s[0])};" + s[1:]
    return s


def _acc(text: str) -> str:
    return str(text).replace("#", "#35;")


def dumps(j: Journey) -> str:
    """The journey as Mermaid ``journey`` text (see the module's notes)."""
    lines = ["journey", f"  title {_code(j.title)}"]
    acc_title = str(j.source.get("acc_title") or "").strip()
    acc_descr = str(j.source.get("acc_descr") or "").strip()
    if acc_title:
        lines.append(f"  accTitle: {_acc(' '.join(acc_title.split()))}")
    if acc_descr:
        if "\n" in acc_descr and "}" not in acc_descr:
            lines.append("  accDescr {")
            lines.extend(f"    {_acc(x.strip())}" for x in acc_descr.splitlines() if x.strip())
            lines.append("  }")
        else:
            lines.append(f"  accDescr: {_acc(' '.join(acc_descr.split()))}")
    people = {p.key: p for p in j.participants}
    names: dict[str, str] = {}
    used: set[str] = set()
    for p in j.participants:
        if p.anonymous or not p.name.strip():
            continue
        base = " ".join(p.name.split())
        name, k = base, 1
        while name.casefold() in used:
            k += 1
            name = f"{base} ({k})"
        used.add(name.casefold())
        names[p.key] = _code(name, ",")
    order = JourneyGraph.of(j).order()
    steps = {s.key: s for s in j.steps}
    lived: dict[str, list[Rating]] = {}
    for r in j.ratings:
        if r.perspective is Perspective.LIVED or (
                r.perspective is None and r.participant in people
                and people[r.participant].role is Role.CUSTOMER):
            lived.setdefault(r.step, []).append(r)
    by_stage: dict[str, list[str]] = {}
    for k in order:
        by_stage.setdefault(steps[k].stage, []).append(k)
    for stage in j.stages:
        lines.append(f"  section {_code(stage.name)}")
        for k in by_stage.get(stage.key, []):
            rs = lived.get(k, [])
            score = emotion_to_five(mean(r.emotion for r in rs)) if rs else 3
            actors: list[str] = []
            for r in rs:
                n = names.get(r.participant)
                if n and n not in actors:
                    actors.append(n)
            tail = f": {', '.join(actors)}" if actors else ""
            lines.append(f"    {_code(steps[k].title)}: {score}{tail}")
    return "\n".join(lines) + "\n"
