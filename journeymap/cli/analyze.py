"""What a journey's input says: ``analyze`` (its tables), ``charts`` (PNG or SVG files) and
``report`` (the workshop report)."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import CliError, frames_arg, journey_arg


def cmd_charts(args) -> int:
    from journeymap.analysis import JourneyFrames
    from journeymap.charts.images import chart_images
    from journeymap.interchange import slug

    journey = journey_arg(args)
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


def in_round(frames, number: int | None):
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
    frames = frames_arg(args)
    if not args.rounds:  # --rounds compares the first round with the last
        frames = in_round(frames, args.round_)
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
        from journeymap.csv_safe import frame_csv

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

    journey = journey_arg(args)
    data = build(journey, args.format, args.lang)  # PdfUnavailable: one line, exit 1
    out = Path(args.out or report_filename(journey.title, args.format))
    out.write_bytes(data)
    print(f"wrote {out} ({len(data):,} bytes, {args.format.upper()} report of "
          f"'{journey.title}')", file=sys.stderr)
    return 0
