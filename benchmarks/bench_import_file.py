"""``journeymap import FILE`` of 1,000,000 ratings into SQLite and into PostgreSQL (COPY), whole
process: seconds and peak memory (max RSS), printed (no asserts):
``python benchmarks/bench_import_file.py [--ratings N] [--keep DIR] [--postgres URL]``.

The file is the one of ``bench_analyze_file.py`` (500 steps × 2,000 people). PostgreSQL runs
in a schema of its own, dropped afterwards; it is skipped without ``--postgres`` (default:
``$JOURNEYMAP_TEST_POSTGRES_URL``). Targets (issue 12): SQLite ≤ 20 s, PostgreSQL ≤ 15 s,
memory < 1.5 GB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_analyze_file import ROOT, write_file  # noqa: E402


def run(cmd: list[str], env: dict) -> tuple[float, float]:
    """Seconds and peak memory (MB) of one whole process (its CPU seconds, and the load
    average, are printed beside: on a busy machine the wall clock says little)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed")
    print(f"    ({cmd[-1] if cmd[-1] != 'list' else 'list'}: CPU {usage.ru_utime + usage.ru_stime:.1f} s "
          f"in the process, load average {os.getloadavg()[0]:.1f})")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ratings", type=int, default=1_000_000)
    ap.add_argument("--keep", help="folder for the file (kept between runs)")
    ap.add_argument("--postgres", default=os.environ.get("JOURNEYMAP_TEST_POSTGRES_URL"))
    args = ap.parse_args()
    n_steps, n_people = 500, max(4, args.ratings // 500)
    folder = Path(args.keep or tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"ratings-{n_steps * n_people}.json"
    if not path.exists():
        write_file(path, n_steps, n_people)
    env = dict(os.environ, PYTHONPATH=str(ROOT), JOURNEYMAP_MAX_FILE_MB="512")
    base = [sys.executable, "-m", "journeymap"]
    n = n_steps * n_people
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/bench.sqlite"
        run(base + ["--db", db, "list"], env)  # the schema exists before the clock starts
        s, mb = run(base + ["--db", db, "import", str(path)], env)
        print(f"{n:,} ratings into SQLite:      {s:6.1f} s, peak {mb:,.0f} MB "
              f"(targets: <= 20 s, < 1,536 MB)")
    if not args.postgres:
        print("PostgreSQL: skipped (give --postgres URL)")
        return
    from sqlalchemy import create_engine, text

    url = args.postgres.replace("postgresql://", "postgresql+psycopg://", 1)
    schema = "bench_" + uuid.uuid4().hex[:10]
    admin = create_engine(url)
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        sep = "&" if "?" in args.postgres else "?"
        db = f"{args.postgres}{sep}options=-csearch_path%3D{schema}"
        run(base + ["--db", db, "list"], env)
        s, mb = run(base + ["--db", db, "import", str(path)], env)
        print(f"{n:,} ratings into PostgreSQL:  {s:6.1f} s, peak {mb:,.0f} MB "
              f"(targets: <= 15 s, < 1,536 MB)")
    finally:
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
