"""The ``journeymap`` command: a thin shell over the services.

Errors go to stderr as one clear line each and the exit status is non-zero (1 for a refused
input, 2 for a wrong command line).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from journeymap.domain.errors import ImportRefused, JourneymapError

EXAMPLES = {
    "demo": "journeymap demo --port 8501",
    "serve": "journeymap serve --port 8501 --db postgresql://postgres@127.0.0.1:5432/test",
    "import": "journeymap import sample_journeys/online-order-return.json",
    "check": "journeymap check my-journey.json survey.xlsx --scale 1..7",
    "list": "journeymap list",
    "export": "journeymap export 3 --format json --out journey.json",
    "rules": "journeymap rules",
    "analyze": "journeymap analyze sample_journeys/bank-current-account.json --what peak-end"
               "   |   --by tenure   |   --rounds",
    "report": "journeymap report sample_journeys/guasto-internet-casa.json --format pdf "
              "--out guasto.pdf",
    "template": "journeymap template --format xlsx --lang it --out modello.xlsx",
    "charts": "journeymap charts 2 --format svg --out charts/",
    "invite": "journeymap invite 1 --role customer --public-url http://192.168.1.20:8501",
    "phase": "journeymap phase 1 listen",
}

SAMPLES = Path(__file__).resolve().parent.parent / "sample_journeys"
APP = Path(__file__).resolve().parent / "ui" / "server.py"


class CliError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="journeymap",
        description="Customer journey mapping workshops: what staff assume beside what "
                    "customers lived.",
        epilog="example: journeymap demo   (then open the address it prints)")
    p.add_argument("--db", metavar="URL",
                   help="database URL (default: $JOURNEYMAP_DATABASE_URL, else the SQLite file "
                        "~/.journeymap/journeymap.sqlite)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def verb(name: str, help: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help, description=help,
                            epilog=f"example: {EXAMPLES[name]}")
        sp.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                        help="database URL (overrides $JOURNEYMAP_DATABASE_URL)")
        return sp

    def server_options(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--port", type=int, default=8501)
        sp.add_argument("--address", default="127.0.0.1",
                        help="address to listen on (0.0.0.0 to let phones in the room join)")
        sp.add_argument("--public-url", metavar="URL",
                        help="the address people in the room open, used in invitation links "
                             "and QR codes (default with --address 0.0.0.0: this machine's "
                             "address on the local network)")

    sp = verb("demo", "start the app on a fresh demo database holding the sample workshops")
    server_options(sp)
    sp.add_argument("--no-browser", action="store_true", help="(kept for symmetry; the app "
                    "always starts headless)")
    sp = verb("serve", "start the app on the database")
    server_options(sp)
    sp = verb("invite", "make an invitation link (and print its QR code) for a workshop")
    sp.add_argument("workshop", metavar="WORKSHOP", help="workshop id or unique name")
    sp.add_argument("--role", choices=["customer", "staff"], default="customer")
    sp.add_argument("--public-url", metavar="URL",
                    help="the app's address as people in the room open it (default: "
                         "$JOURNEYMAP_PUBLIC_URL, else http://localhost:8501/)")
    sp.add_argument("--days", type=int, default=7, help="days the link stays valid (1-365)")
    sp.add_argument("--uses", type=int, help="how many people may join with it (default: any)")
    sp.add_argument("--no-qr", action="store_true", help="print the link only")
    sp = verb("phase", "move a workshop to a phase: map, assume, listen, reveal, prioritise, act")
    sp.add_argument("workshop", metavar="WORKSHOP", help="workshop id or unique name")
    sp.add_argument("phase", metavar="PHASE",
                    choices=["map", "assume", "listen", "reveal", "prioritise", "act"])
    sp = verb("import", "import journey files (all or nothing per file)")
    sp.add_argument("files", nargs="+", metavar="FILE")
    sp.add_argument("--workshop", type=int, metavar="ID",
                    help="add to this workshop instead of creating one per file")
    sp.add_argument("--format", help="file format, when the extension does not say it")
    sp.add_argument("--lang", choices=["it", "en"],
                    help="language of the notes on what a file held and was not kept "
                         "(default: from LANG)")
    sp.add_argument("--scale", metavar="LOW..HIGH",
                    help="the scale of a survey export's scores (e.g. 1..7; default: "
                         "detected from the values)")
    sp = verb("check", "check journey files without importing them")
    sp.add_argument("files", nargs="+", metavar="FILE")
    sp.add_argument("--format", help="file format, when the extension does not say it")
    sp.add_argument("--lang", choices=["it", "en"],
                    help="language of the notes on what a file held and was not kept "
                         "(default: from LANG)")
    sp.add_argument("--scale", metavar="LOW..HIGH",
                    help="the scale of a survey export's scores (e.g. 1..7; default: "
                         "detected from the values)")
    verb("list", "list workshops and their journeys")
    sp = verb("export", "export a journey")
    sp.add_argument("journey", metavar="JOURNEY", help="journey id or unique title")
    sp.add_argument("--format", default="json")
    sp.add_argument("--out", metavar="PATH", help="file to write (default: standard output)")
    verb("rules", "print who may do what in each workshop phase")
    sp = verb("analyze", "compare what staff assumed with what customers lived, step by step")
    sp.add_argument("journey", metavar="JOURNEY_OR_FILE",
                    help="journey id or unique title in the database, or a journey file")
    sp.add_argument("--format", choices=["table", "csv", "json"], default="table")
    sp.add_argument("--what", default="comparison",
                    help="comparison (default), peak-end, split, pain-points, priority, or "
                         "another table: blind-spots, effort, success, pillars, paths…")
    sp.add_argument("--by", metavar="SEGMENT",
                    help="cut the comparison by a participant segment (its id, e.g. tenure): "
                         "each group's lived emotion against staff's assumption per step")
    sp.add_argument("--compare", nargs=2, metavar=("OPTION", "OPTION"),
                    help="with --by: two groups of the segment against each other, per step")
    sp.add_argument("--rounds", action="store_true",
                    help="lived emotion per step, first round against the last, with the "
                         "actions due in between")
    sp.add_argument("--round", type=int, metavar="N", dest="round_",
                    help="the round to analyse (default: the latest round with answers, "
                         "as on the Insight page)")
    sp = verb("report", "write the workshop report of a journey: an A4 PDF, or one HTML file "
              "with interactive charts that opens offline")
    sp.add_argument("journey", metavar="JOURNEY",
                    help="journey id or unique title in the database, or a journey file")
    sp.add_argument("--format", choices=["pdf", "html"], default="pdf")
    sp.add_argument("--lang", choices=["it", "en"],
                    help="language of the report (default: the workshop's)")
    sp.add_argument("--out", metavar="PATH",
                    help="file to write (default: a name from the journey's title)")
    sp = verb("template", "write the blank import template a facilitator fills in before the "
              "workshop (stages, steps, lanes, channels, transitions)")
    sp.add_argument("--format", choices=["xlsx", "csv"], default="xlsx",
                    help="xlsx (one sheet per table) or csv (a zip of CSV files)")
    sp.add_argument("--lang", choices=["it", "en"], default="en",
                    help="language of the headers and instructions")
    sp.add_argument("--out", metavar="PATH", help="file to write (default: the template's name)")
    sp = verb("charts", "write each chart of a journey's analysis as a PNG or SVG file")
    sp.add_argument("journey", metavar="JOURNEY_OR_FILE",
                    help="journey id or unique title in the database, or a journey file")
    sp.add_argument("--format", choices=["png", "svg"], default="png")
    sp.add_argument("--out", metavar="DIR", help="folder to write into (default: here)")
    return p


def _store(args):
    from journeymap.services import Store

    return Store.open(getattr(args, "db", None))


def _load_file(path: str, fmt: str | None = None):
    """A journey from a file, in the format its extension (or ``fmt``) names."""
    return _load_result(path, fmt).journey


def _load_result(path: str, fmt: str | None = None, scale: str | None = None):
    """The import result of a file (journey and notes), in the format its extension names."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise ImportRefused(p.name, [f"cannot read the file ({e.strerror})"]) from None
    from journeymap.interchange import load

    return load(data, p.name, format=fmt, scale=scale) if scale else \
        load(data, p.name, format=fmt)


def _notes_language(args) -> str:
    from journeymap.i18n import pick_language

    if getattr(args, "lang", None):
        return args.lang
    env = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG")
    return pick_language(env)


def _print_notes(result, lang: str) -> None:
    """What a file held and was not kept, then the other notes, one indented line each."""
    from journeymap.i18n import t

    left_out, others = result.note_lines(lang)
    for head, lines in (("interchange.cli.left_out", left_out),
                        ("interchange.cli.notes", others)):
        if lines:
            print(f"  {t(head, lang, n=len(lines))}")
            for line in lines:
                print(f"    - {line}")


def _load_columns(path: str, fmt: str | None = None):
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
    return _load_file(path, fmt), None


def cmd_check(args) -> int:
    bad = 0
    lang = _notes_language(args)
    for f in args.files:
        try:
            result = _load_result(f, args.format, getattr(args, "scale", None))
        except ImportRefused as e:
            print(str(e), file=sys.stderr)
            bad += 1
            continue
        j = result.journey
        print(f"{f}: ok — '{j.title}', {len(j.stages)} stages, {len(j.steps)} steps, "
              f"{len(j.participants)} participants, {len(j.ratings)} ratings")
        _print_notes(result, lang)
    return 1 if bad else 0


def cmd_import(args) -> int:
    from journeymap.services import SYSTEM, import_journey

    journeys = []
    bad = 0
    lang = _notes_language(args)
    for f in args.files:
        try:
            scale = getattr(args, "scale", None)
            if scale is None and args.format in (None, "json") and f.lower().endswith(".json"):
                from journeymap.interchange import ImportResult

                journey, ratings = _load_columns(f, args.format)
                journeys.append((f, ImportResult(journey, "json"), ratings))
            else:
                journeys.append((f, _load_result(f, args.format, scale), None))
        except ImportRefused as e:
            print(str(e), file=sys.stderr)
            bad += 1
    if bad:
        print(f"nothing imported: {bad} of {len(args.files)} files refused", file=sys.stderr)
        return 1
    store = _store(args)
    for f, result, ratings in journeys:
        j = result.journey
        ws, jid = import_journey(store, SYSTEM, j, workshop_id=args.workshop, ratings=ratings)
        n = len(j.ratings) if ratings is None else len(ratings)
        print(f"{f}: imported as journey {jid} '{j.title}' in workshop {ws} "
              f"({len(j.steps)} steps, {n} ratings)")
        _print_notes(result, lang)
    return 0


def cmd_list(args) -> int:
    from journeymap.services import SYSTEM, list_journeys, list_workshops

    store = _store(args)
    workshops = list_workshops(store, SYSTEM, include_archived=True)
    if not workshops:
        print("no workshops yet; try: journeymap import sample_journeys/*.json")
        return 0
    journeys = list_journeys(store, SYSTEM)
    for w in workshops:
        flag = " (archived)" if w["archived"] else ""
        print(f"workshop {w['id']}: {w['name']} [{w['language']}, phase {w['phase']}]{flag}")
        for j in journeys:
            if j["workshop_id"] == w["id"]:
                print(f"  journey {j['id']}: {j['title']} — {j['steps']} steps, "
                      f"{j['ratings']} ratings")
    return 0


def cmd_export(args) -> int:
    from journeymap.services import SYSTEM, find_journey, load_journey

    store = _store(args)
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


def cmd_rules(args) -> int:
    from journeymap.domain.rules import rules_table_markdown

    print(rules_table_markdown())
    return 0


def load_samples(store, owner_account_id: int | None) -> list[tuple[int, int]]:
    """Import every sample journey, each into its own workshop owned by the facilitator."""
    from journeymap.interchange import native
    from journeymap.services import SYSTEM
    from journeymap.services.journeys import import_journey
    from journeymap.services.workshops import create_workshop, set_phase

    out = []
    for path in sorted(SAMPLES.glob("*.json")):
        j = native.load_path(path)
        ws = create_workshop(store, SYSTEM, j.title, j.language,
                             owner_account_id=owner_account_id)
        out.append(import_journey(store, SYSTEM, j, workshop_id=ws))
        # the samples are complete workshops: open them at the reveal, where the comparison
        # of assumed and lived already tells its story
        set_phase(store, SYSTEM, ws, "reveal")
    return out


def cmd_demo(args) -> int:
    from journeymap.services import Store, ensure_demo_account
    from journeymap.store.engine import default_sqlite_path

    url = getattr(args, "db", None) or os.environ.get("JOURNEYMAP_DATABASE_URL")
    if url is None:
        path = default_sqlite_path().with_name("demo.sqlite")
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    store = Store.open(url)
    from journeymap.services import SYSTEM, list_workshops

    actor, password = ensure_demo_account(store)
    if not list_workshops(store, SYSTEM, include_archived=True):
        loaded = load_samples(store, actor.account_id)
        print(f"journeymap demo: {len(loaded)} sample workshops loaded into {url}")
    print("Demo facilitator — username: facilitator  password: "
          + (password or "(unchanged since this database was made)"))
    return _serve(url, args)


def cmd_serve(args) -> int:
    from journeymap.services import Store

    store = Store.open(getattr(args, "db", None))  # migrate before the app starts
    url = store.engine.url.render_as_string(hide_password=False)
    return _serve(url, args)


def _serve(url: str, args) -> int:
    from journeymap.links import default_public_url, is_local_only

    port, address = args.port, args.address
    try:
        public = default_public_url(address, port, args.public_url)
    except ValueError as e:
        raise CliError(f"--public-url: {e}") from None
    env = dict(os.environ, JOURNEYMAP_DATABASE_URL=url)
    if public:
        env["JOURNEYMAP_PUBLIC_URL"] = public
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP),
           "--server.headless", "true", "--server.address", address,
           "--server.port", str(port), "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal",
           "--server.fileWatcherType", "none", "--theme.base", "light"]
    here = f"http://{'localhost' if address in ('127.0.0.1', '0.0.0.0', '::') else address}:{port}"
    print(f"journeymap: open {here} in a browser (Ctrl+C stops)", flush=True)
    if public and public.rstrip("/") != here:
        print(f"journeymap: invitation links and QR codes use {public}", flush=True)
    if not public or is_local_only(public):
        print("journeymap: links open only on this computer; to let phones in the room join, "
              "start with --address 0.0.0.0 (and --public-url http://THIS-MACHINE:"
              f"{port} if needed)", flush=True)
    proc = subprocess.Popen(cmd, env=env)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.send_signal(signal.SIGINT)
        return proc.wait()


def _journey_arg(args):
    """The journey an argument names: a file's path, or an id/title in the database."""
    path = Path(args.journey)
    if path.suffix and path.exists():
        return _load_file(str(path))
    from journeymap.services import SYSTEM, find_journey, load_journey

    store = _store(args)
    return load_journey(store, SYSTEM, find_journey(store, SYSTEM, args.journey))


def cmd_charts(args) -> int:
    from journeymap.analysis import JourneyFrames
    from journeymap.charts.images import chart_images
    from journeymap.interchange import slug

    journey = _journey_arg(args)
    out = Path(args.out or ".")
    out.mkdir(parents=True, exist_ok=True)
    stem = slug(journey.title, "journey", 60)
    images = chart_images(JourneyFrames.from_journey(journey), args.format)
    for name, data in images.items():
        (out / f"{stem}-{name}.{args.format}").write_bytes(data)
    print(f"wrote {len(images)} charts of '{journey.title}' to {out}/ "
          f"({', '.join(images)})", file=sys.stderr)
    from journeymap.charts.images import CHART_NAMES

    empty = [n for n in CHART_NAMES if n not in images]
    if empty:
        print(f"nothing to draw yet for: {', '.join(empty)}", file=sys.stderr)
    return 0


def _frames_arg(args):
    """The frames of the journey an argument names. A native JSON file is read column-wise
    (its ratings never become one object each: a million of them load in seconds); a
    journey in the database is read as the Insight page reads it (each answer in its
    round)."""
    from journeymap.analysis import JourneyFrames

    path = Path(args.journey)
    if path.suffix.lower() == ".json" and path.exists():
        journey, ratings = _load_columns(str(path))
        return JourneyFrames.from_journey(journey, ratings=ratings)
    if path.suffix and path.exists():
        return JourneyFrames.from_journey(_load_file(str(path)))
    from journeymap.services import SYSTEM, find_journey, journey_frames

    store = _store(args)
    return journey_frames(store, SYSTEM, find_journey(store, SYSTEM, args.journey))


def _in_round(frames, number: int | None):
    """``frames`` in round ``number`` (None: the default round); says which on stderr when
    the journey has more than one."""
    if number is not None:
        if number not in frames.round_numbers:
            raise CliError(f"no round {number}; this journey has rounds "
                           f"{', '.join(map(str, frames.round_numbers))}")
        frames = frames.in_round(number)
    if frames.last_round > 1:
        print(f"round {frames.round} of {frames.last_round}"
              + ("" if number is not None else " (the latest with answers; --round N for "
                                                 "another)"), file=sys.stderr)
    return frames


def cmd_analyze(args) -> int:
    from journeymap.analysis import TABLES, table

    if args.what not in TABLES:
        raise CliError(f"no table '{args.what}'; choose one of {', '.join(TABLES)}")
    frames = _frames_arg(args)
    if not args.rounds:  # --rounds compares the first round with the last
        frames = _in_round(frames, args.round_)
    if args.compare and not args.by:
        raise CliError("--compare needs --by SEGMENT")
    try:
        if args.by and args.compare:
            from journeymap.analysis import segment_contrast

            df = segment_contrast(frames, args.by, *args.compare)
        elif args.by:
            from journeymap.analysis import by_segment

            df = by_segment(frames, args.by)
        elif args.rounds:
            df = table(frames, "rounds")
        else:
            df = table(frames, args.what)
    except ValueError as e:
        raise CliError(str(e)) from None
    if args.format == "csv":
        from journeymap.interchange.csv_safe import frame_csv

        sys.stdout.write(frame_csv(df))
    elif args.format == "json":
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        import pandas as pd

        from journeymap.analysis import ANALYZE_COLUMNS

        if args.what == "comparison" and not (args.by or args.rounds):
            df = df[list(ANALYZE_COLUMNS)]
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 40):
            print(df.to_string(index=False, formatters=_formatters(df)))
    return 0


def _formatters(df) -> dict:
    """Two decimals for every number, three for p- and q-values (0.049 is not 0.05)."""
    def two(x):
        return f"{x:.2f}"

    def three(x):
        return f"{x:.3f}"

    return {c: (three if c.endswith(("p_value", "q_value", "rank_p", "rank_q")) else two)
            for c in df.columns if df[c].dtype.kind == "f"}


def cmd_report(args) -> int:
    from journeymap.report import build, report_filename

    journey = _journey_arg(args)
    data = build(journey, args.format, args.lang)  # PdfUnavailable: one line, exit 1
    out = Path(args.out or report_filename(journey.title, args.format))
    out.write_bytes(data)
    print(f"wrote {out} ({len(data):,} bytes, {args.format.upper()} report of "
          f"'{journey.title}')", file=sys.stderr)
    return 0


def cmd_template(args) -> int:
    from journeymap.interchange import blank_template

    data, name, _mime = blank_template(args.format, args.lang)
    out = Path(args.out or name)
    out.write_bytes(data)
    print(f"wrote {out} ({len(data):,} bytes): fill it in, then "
          f"`journeymap import {out.name}`", file=sys.stderr)
    return 0


def cmd_invite(args) -> int:
    import segno

    from journeymap.links import is_local_only, normalise_base
    from journeymap.services import SYSTEM, find_workshop
    from journeymap.services import invitations as inv

    store = _store(args)
    ws = find_workshop(store, SYSTEM, args.workshop)
    base = args.public_url or os.environ.get("JOURNEYMAP_PUBLIC_URL") or "http://localhost:8501/"
    try:
        base = normalise_base(base)
    except ValueError as e:
        raise CliError(f"--public-url: {e}") from None
    _, token = inv.create_invitation(store, SYSTEM, ws, args.role, days=args.days,
                                     max_uses=args.uses)
    link = f"{base}?invite={token}"
    print(link)
    if not args.no_qr:
        segno.make(link, error="m").terminal(compact=True)
    if is_local_only(base):
        print("journeymap invite: this link opens only on this computer; give --public-url "
              "with the address phones in the room can reach", file=sys.stderr)
    return 0


def cmd_phase(args) -> int:
    from journeymap.services import SYSTEM, find_workshop, get_workshop, set_phase

    store = _store(args)
    ws = find_workshop(store, SYSTEM, args.workshop)
    set_phase(store, SYSTEM, ws, args.phase)
    w = get_workshop(store, SYSTEM, ws)
    print(f"workshop {ws}: {w['name']} is now in phase {w['phase']}")
    return 0


COMMANDS = {"demo": cmd_demo, "serve": cmd_serve, "import": cmd_import, "check": cmd_check,
            "list": cmd_list, "export": cmd_export, "rules": cmd_rules,
            "analyze": cmd_analyze, "report": cmd_report, "template": cmd_template,
            "charts": cmd_charts, "invite": cmd_invite, "phase": cmd_phase}


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    try:
        return COMMANDS[args.command](args)
    except ImportRefused as e:
        print(str(e), file=sys.stderr)
        return 1
    except (JourneymapError, CliError) as e:
        print(f"journeymap {args.command}: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
