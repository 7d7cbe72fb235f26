"""The ``journeymap`` command: a thin shell over the services.

Errors go to stderr as one clear line each and the exit status is non-zero (1 for a refused
input, 2 for a wrong command line).

This module is the entry point only (:func:`main`, the table of commands); the command line is
declared in :mod:`.parser`, and the commands live by what they work on: :mod:`.files` (check,
import, export, template), :mod:`.workshops` (list, invite, phase, rules), :mod:`.analyze`
(analyze, charts, report) and :mod:`.serve` (demo, serve); what they share is in
:mod:`.common`.
"""

from __future__ import annotations

import sys

from journeymap.domain.errors import ImportRefused, JourneymapError

from .analyze import cmd_analyze, cmd_charts, cmd_report
from .common import CliError
from .files import cmd_check, cmd_export, cmd_import, cmd_template
from .parser import EXAMPLES, build_parser
from .serve import cmd_demo, cmd_serve, load_samples
from .workshops import cmd_invite, cmd_list, cmd_phase, cmd_rules

COMMANDS = {"demo": cmd_demo, "serve": cmd_serve, "import": cmd_import, "check": cmd_check,
            "list": cmd_list, "export": cmd_export, "rules": cmd_rules,
            "analyze": cmd_analyze, "report": cmd_report, "template": cmd_template,
            "charts": cmd_charts, "invite": cmd_invite, "phase": cmd_phase}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
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


__all__ = ["COMMANDS", "EXAMPLES", "CliError", "load_samples", "main"]
