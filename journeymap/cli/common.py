"""What the commands share: the error they raise, the store they open, the journey an
argument names (a file or the database), and the notes an import prints."""

from __future__ import annotations

import os
from pathlib import Path

from journeymap.domain.errors import ImportRefused


class CliError(Exception):
    pass


def open_store(args):
    from journeymap.services import Store

    return Store.open(getattr(args, "db", None))


def load_file(path: str, fmt: str | None = None):
    """A journey from a file, in the format its extension (or ``fmt``) names."""
    return load_result(path, fmt).journey


def load_result(path: str, fmt: str | None = None, scale: str | None = None):
    """The import result of a file (journey and notes), in the format its extension names."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise ImportRefused(p.name, [f"cannot read the file ({e.strerror})"]) from None
    from journeymap.interchange import load

    return load(data, p.name, format=fmt, scale=scale) if scale else \
        load(data, p.name, format=fmt)


def notes_language(args) -> str:
    from journeymap.i18n import pick_language

    if getattr(args, "lang", None):
        return args.lang
    env = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG")
    return pick_language(env)


def print_notes(result, lang: str) -> None:
    """What a file held and was not kept, then the other notes, one indented line each."""
    from journeymap.i18n import t

    left_out, others = result.note_lines(lang)
    for head, lines in (("interchange.cli.left_out", left_out),
                        ("interchange.cli.notes", others)):
        if lines:
            print(f"  {t(head, lang, n=len(lines))}")
            for line in lines:
                print(f"    - {line}")


def load_columns(path: str, fmt: str | None = None):
    """``(journey, ratings)``: a native JSON file's ratings as columns (None for other
    formats, whose ratings stay in the journey)."""
    p = Path(path)
    if fmt in (None, "json") and p.suffix.lower() == ".json":
        from journeymap.interchange import native

        try:
            size = p.stat().st_size
        except OSError as e:
            raise ImportRefused(p.name, [f"cannot read the file ({e.strerror})"]) from None
        if size > native.MAX_FILE_BYTES:
            raise ImportRefused(p.name, [f"the file is {size / 1048576:.1f} MB; at most "
                                         f"{native.MAX_FILE_BYTES // 1048576} MB"])
        return native.loads_columns(p.read_bytes(), source=p.name)
    return load_file(path, fmt), None


def journey_arg(args):
    """The journey an argument names: a file's path, or an id/title in the database."""
    path = Path(args.journey)
    if path.suffix and path.exists():
        return load_file(str(path))
    from journeymap.services import SYSTEM, find_journey, load_journey

    store = open_store(args)
    return load_journey(store, SYSTEM, find_journey(store, SYSTEM, args.journey))


def frames_arg(args):
    """The frames of the journey an argument names. A native JSON file is read column-wise
    (its ratings never become one object each: a million of them load in seconds); a
    journey in the database is read as the Insight page reads it (each answer in its
    round)."""
    from journeymap.analysis import JourneyFrames

    path = Path(args.journey)
    if path.suffix.lower() == ".json" and path.exists():
        journey, ratings = load_columns(str(path))
        return JourneyFrames.from_journey(journey, ratings=ratings)
    if path.suffix and path.exists():
        return JourneyFrames.from_journey(load_file(str(path)))
    from journeymap.services import SYSTEM, find_journey, journey_frames

    store = open_store(args)
    return journey_frames(store, SYSTEM, find_journey(store, SYSTEM, args.journey))
