"""The workshops in the database: ``list``, ``invite``, ``phase``, and the ``rules`` of each
phase."""

from __future__ import annotations

import os
import sys

from .common import CliError, open_store


def cmd_list(args) -> int:
    from journeymap.services import SYSTEM, list_journeys, list_workshops

    store = open_store(args)
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


def cmd_rules(args) -> int:
    from journeymap.domain.rules import rules_table_markdown

    print(rules_table_markdown())
    return 0


def cmd_invite(args) -> int:
    import segno

    from journeymap.links import is_local_only, normalise_base
    from journeymap.services import SYSTEM, find_workshop
    from journeymap.services import invitations as inv

    store = open_store(args)
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

    store = open_store(args)
    ws = find_workshop(store, SYSTEM, args.workshop)
    set_phase(store, SYSTEM, ws, args.phase)
    w = get_workshop(store, SYSTEM, ws)
    print(f"workshop {ws}: {w['name']} is now in phase {w['phase']}")
    return 0
