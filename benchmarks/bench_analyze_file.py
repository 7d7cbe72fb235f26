"""``journeymap analyze FILE`` on 1,000,000 ratings against bare pandas reading the same file
and grouping it, whole processes, best of three, printed side by side (no asserts):
``python benchmarks/bench_analyze_file.py [--ratings N] [--keep DIR]``.

The file: 500 steps × 2,000 participants (a quarter staff), every participant rates every
step, emotion −3..+3 with effort and success — a native ``journeymap/1`` file of about 100 MB
at a million ratings (the size limit is lifted for the run with JOURNEYMAP_MAX_FILE_MB).

The baseline is what a researcher would type with bare pandas::

    s = pd.read_json(path, typ="series")          # the file's sections
    df = pd.DataFrame(s["ratings"])                 # one row per rating
    df.groupby(["step", "perspective"])["emotion"].mean()

Target (issue 12): analyze ≤ 1.5 × the baseline.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]

BASELINE = """
import sys, pandas as pd
s = pd.read_json(sys.argv[1], typ="series")
df = pd.DataFrame(s["ratings"])
print(df.groupby(["step", "perspective"])["emotion"].mean().size)
"""


def write_file(path: Path, n_steps: int, n_people: int, seed: int = 1) -> int:
    import json

    rng = np.random.default_rng(seed)
    n_staff = n_people // 4
    stages = [{"id": f"g{i}", "name": f"Stage {i}"} for i in range(max(1, n_steps // 20))]
    steps = [{"id": f"s{i}", "stage": f"g{i * len(stages) // n_steps}", "title": f"Step {i}",
              "lane": "customer", "channel": ("web", "phone", "store", "email")[i % 4]}
             for i in range(n_steps)]
    people = [{"id": f"p{i}", "name": f"Person {i}",
               "role": "staff" if i < n_staff else "customer"} for i in range(n_people)]
    pc = np.repeat(np.arange(n_people), n_steps)
    sc = np.tile(np.arange(n_steps), n_people)
    staff = pc < n_staff
    emotion = np.clip(np.round(np.sin(sc / 7.0) * 1.5 + staff + rng.normal(0, 1.2, len(pc))),
                      -3, 3).astype(int)
    effort = np.clip(np.round(3 - emotion / 2 + rng.normal(0, 0.8, len(pc))), 1, 5).astype(int)
    success = np.array(["no", "partly", "yes"])[rng.choice(3, len(pc), p=[.2, .3, .5])]
    with open(path, "w", encoding="utf-8") as f:
        head = {"format": "journeymap/1",
                "journey": {"title": "A million ratings", "language": "en"},
                "stages": stages, "steps": steps,
                "transitions": [{"from": f"s{i}", "to": f"s{i + 1}"} for i in range(n_steps - 1)],
                "participants": people}
        text = json.dumps(head, ensure_ascii=False)
        f.write(text[:-1] + ', "ratings": [')
        chunk = 50_000
        for start in range(0, len(pc), chunk):
            part = slice(start, start + chunk)
            rows = [f'{{"participant": "p{p}", "step": "s{s}", "emotion": {e}, '
                    f'"effort": {ef}, "success": "{su}", "perspective": "{pe}"}}'
                    for p, s, e, ef, su, pe in zip(
                        pc[part], sc[part], emotion[part], effort[part], success[part],
                        np.where(staff[part], "assumed", "lived"))]
            f.write(("," if start else "") + ",".join(rows))
        f.write("]}\n")
    return len(pc)


def best_of(cmd: list[str], runs: int = 3, env=None) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ratings", type=int, default=1_000_000)
    ap.add_argument("--keep", help="folder for the file (kept between runs)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    n_steps = 500
    n_people = max(4, args.ratings // n_steps)
    folder = Path(args.keep or tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"ratings-{n_steps * n_people}.json"
    if not path.exists():
        t = time.perf_counter()
        write_file(path, n_steps, n_people)
        print(f"wrote {path} ({path.stat().st_size / 1e6:.0f} MB) in "
              f"{time.perf_counter() - t:.1f} s")
    env = dict(os.environ, PYTHONPATH=str(ROOT), JOURNEYMAP_MAX_FILE_MB="512")
    n = n_steps * n_people
    base = best_of([sys.executable, "-c", BASELINE, str(path)], args.runs, env)
    ours = best_of([sys.executable, "-m", "journeymap", "analyze", str(path), "--format",
                    "csv"], args.runs, env)
    print(f"{n:,} ratings, whole process, best of {args.runs}:")
    print(f"  bare pandas read_json + groupby-mean  {base:6.2f} s")
    print(f"  journeymap analyze FILE               {ours:6.2f} s")
    print(f"  ratio {ours / base:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
