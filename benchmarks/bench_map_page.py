"""Server-side rerun time of the map page: 300 steps and 600 transitions vs 10 steps.

Runs the real page with Streamlit's AppTest (a facilitator signed in, the editing tabs and the
table editor included) and times reruns with nothing changed and reruns right after a change
(the workshop's change counter moved, so the cached map view is rebuilt). Prints medians and
the big/small ratio; targets: median < 300 ms and at most 2× the 10-step time.

    python benchmarks/bench_map_page.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pages import SCREENS, signed_in, timed_run  # noqa: E402
from journeymap.domain.model import (  # noqa: E402
    Journey,
    Participant,
    Rating,
    Stage,
    Step,
    Transition,
)

LANES = ("customer", "frontstage", "backstage", "support")


def big_journey(n_steps: int, n_transitions: int, n_stages: int = 6, seed: int = 1) -> Journey:
    """A journey of ``n_steps`` steps over ``n_stages`` stages and four lanes, a chain through
    all steps plus random extra transitions (mostly forward), and lived ratings."""
    rnd = random.Random(seed)
    j = Journey(title=f"Benchmark {n_steps}", persona="A customer", goal="Get it done")
    for i in range(n_stages):
        j.add_stage(Stage(f"st{i}", f"Stage {i + 1}"))
    for i in range(n_steps):
        j.add_step(Step(key=f"s{i}", stage=f"st{i * n_stages // n_steps}",
                        title=f"Step {i}: " + rnd.choice(["check the bill", "call the hotline",
                                                          "wait for an engineer",
                                                          "fill in a long online form"]),
                        lane=LANES[rnd.randrange(4)], channel=rnd.choice(["web", "phone", ""]),
                        moment_of_truth=rnd.random() < 0.05))
    edges = {(f"s{i}", f"s{i + 1}") for i in range(n_steps - 1)}
    while len(edges) < min(n_transitions, n_steps * (n_steps - 1)):
        a = rnd.randrange(n_steps)
        b = min(n_steps - 1, a + rnd.randint(-2, 12))
        if a != b:
            edges.add((f"s{a}", f"s{b}"))
    for a, b in sorted(edges, key=lambda e: (int(e[0][1:]), int(e[1][1:]))):
        j.add_transition(Transition(a, b, "if it fails" if rnd.random() < 0.1 else ""))
    for p in range(5):
        j.add_participant(Participant(f"c{p}", f"Customer {p}", "customer"))
        for i in range(0, n_steps, 3):
            j.add_rating(Rating(f"c{p}", f"s{i}", rnd.randint(-3, 3), perspective="lived"))
    return j


def _app(db_url: str, journey: Journey):
    from journeymap.services import create_account, create_workshop, import_journey

    from journeymap.ui.state import get_store
    store = get_store()
    fac = create_account(store, f"f{time.time_ns()}", "a long password", "Bench")
    ws = create_workshop(store, fac, "bench", "en")
    _, jid = import_journey(store, fac, journey, ws)
    at = signed_in(fac, ws, jid)
    at.switch_page(str(SCREENS / "map.py"))
    timed_run(at)
    return at, store, fac, ws, jid


def setup(db: str, n_steps: int, n_transitions: int):
    at, store, fac, ws, jid = _app(db, big_journey(n_steps, n_transitions))
    return at, store, fac, ws


def one_rerun(case, changed: bool) -> float:
    """One rerun of the page; with ``changed``, someone changed the workshop just before
    (its change counter moved, so the map view is rebuilt, not taken from the cache)."""
    from journeymap.services.base import record_change

    at, store, fac, ws = case
    if changed:
        with store.write() as uow:
            record_change(uow.conn, ws, "bench", fac)
            uow.commit()
    return timed_run(at)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=25)
    args = ap.parse_args()
    db = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"
    os.environ["JOURNEYMAP_DATABASE_URL"] = db  # one database, one store for both cases
    cases = {"small": setup(db, 10, 12), "big": setup(db, 300, 600)}
    times = {(c, k): [] for c in cases for k in ("warm", "changed")}
    for _ in range(args.runs):  # interleaved, so a busy moment on the machine hits both
        for c, case in cases.items():
            for kind in ("warm", "changed"):
                times[(c, kind)].append(one_rerun(case, kind == "changed"))
    small = {k: statistics.median(times[("small", k)]) for k in ("warm", "changed")}
    big = {k: statistics.median(times[("big", k)]) for k in ("warm", "changed")}
    for kind in ("warm", "changed"):
        ratio = big[kind] / small[kind]
        print(f"map page rerun, {kind:8s}: 10 steps {small[kind] * 1000:7.1f} ms | "
              f"300 steps/600 transitions {big[kind] * 1000:7.1f} ms | ratio {ratio:4.2f}×")
    ok = big["changed"] < 0.3 and big["changed"] / small["changed"] <= 2.0 and \
        big["warm"] < 0.3 and big["warm"] / small["warm"] <= 2.0
    print("targets (median < 300 ms, ≤ 2× the 10-step time):", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
