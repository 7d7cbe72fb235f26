"""The command line: every verb of ``journeymap``, its options, its help and an example."""

from __future__ import annotations

import argparse

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



def _reading_options(sp) -> None:
    """The options of the commands that read journey files (import, check)."""
    sp.add_argument("--format", help="file format, when the extension does not say it")
    sp.add_argument("--lang", choices=["it", "en"],
                    help="language of the notes on what a file held and was not kept "
                         "(default: from LANG)")
    sp.add_argument("--scale", metavar="LOW..HIGH",
                    help="the scale of a survey export's scores (e.g. 1..7; default: "
                         "detected from the values)")

def build_parser() -> argparse.ArgumentParser:
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
    _reading_options(sp)
    sp = verb("check", "check journey files without importing them")
    sp.add_argument("files", nargs="+", metavar="FILE")
    _reading_options(sp)
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
