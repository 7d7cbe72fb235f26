"""Journey files in and out: ``check``, ``import``, ``export`` and ``template``."""

from __future__ import annotations

import sys
from pathlib import Path

from journeymap.domain.errors import ImportRefused

from .common import load_columns, load_result, notes_language, open_store, print_notes


def cmd_check(args) -> int:
    bad = 0
    lang = notes_language(args)
    for f in args.files:
        try:
            result = load_result(f, args.format, getattr(args, "scale", None))
        except ImportRefused as e:
            print(str(e), file=sys.stderr)
            bad += 1
            continue
        j = result.journey
        print(f"{f}: ok — '{j.title}', {len(j.stages)} stages, {len(j.steps)} steps, "
              f"{len(j.participants)} participants, {len(j.ratings)} ratings")
        print_notes(result, lang)
    return 1 if bad else 0


def cmd_import(args) -> int:
    from journeymap.services import SYSTEM, import_journey

    journeys = []
    bad = 0
    lang = notes_language(args)
    for f in args.files:
        try:
            scale = getattr(args, "scale", None)
            if scale is None and args.format in (None, "json") and f.lower().endswith(".json"):
                from journeymap.interchange import ImportResult

                journey, ratings = load_columns(f, args.format)
                journeys.append((f, ImportResult(journey, "json"), ratings))
            else:
                journeys.append((f, load_result(f, args.format, scale), None))
        except ImportRefused as e:
            print(str(e), file=sys.stderr)
            bad += 1
    if bad:
        print(f"nothing imported: {bad} of {len(args.files)} files refused", file=sys.stderr)
        return 1
    store = open_store(args)
    for f, result, ratings in journeys:
        j = result.journey
        ws, jid = import_journey(store, SYSTEM, j, workshop_id=args.workshop, ratings=ratings)
        n = len(j.ratings) if ratings is None else len(ratings)
        print(f"{f}: imported as journey {jid} '{j.title}' in workshop {ws} "
              f"({len(j.steps)} steps, {n} ratings)")
        print_notes(result, lang)
    return 0


def cmd_export(args) -> int:
    from journeymap.services import SYSTEM, find_journey, load_journey

    store = open_store(args)
    jid = find_journey(store, SYSTEM, args.journey)
    journey = load_journey(store, SYSTEM, jid)
    fmt = args.format.lower()
    from journeymap.interchange import export

    data, _name, _mime = export(journey, fmt)
    if args.out:
        Path(args.out).write_bytes(data)
        print(f"wrote {args.out} ({len(data)} bytes)", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def cmd_template(args) -> int:
    from journeymap.interchange import blank_template

    data, name, _mime = blank_template(args.format, args.lang)
    out = Path(args.out or name)
    out.write_bytes(data)
    print(f"wrote {out} ({len(data):,} bytes): fill it in, then "
          f"`journeymap import {out.name}`", file=sys.stderr)
    return 0
