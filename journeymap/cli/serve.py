"""Starting the app: ``demo`` (a fresh database holding the sample workshops) and ``serve``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from .common import CliError

SAMPLES = Path(__file__).resolve().parents[2] / "sample_journeys"
APP = Path(__file__).resolve().parents[1] / "ui" / "server.py"


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
           "--server.port", str(port), "--browser.gatherUsageStats", "false",
           "--client.toolbarMode", "minimal",
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
