"""Store benchmarks (issue: foundation). Prints its figures; asserts nothing.

    python benchmarks/bench_store.py [--postgres URL]

1. Import of a journey with 300 steps and 60,000 ratings (200 participants), from the file's
   bytes to committed rows, on SQLite. Target: under 10 s.
2. 100 concurrent writers × 20 ratings each (threads, all released together): ratings kept,
   errors, and the p50/p95/max latency of one write, on SQLite and on PostgreSQL.
   Target: 2,000 kept, 0 errors, p95 under 50 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, func, insert, select, text  # noqa: E402

from journeymap.domain.model import (  # noqa: E402
    Journey, Participant, Rating, Stage, Step, Transition)
from journeymap.interchange import native  # noqa: E402
from journeymap.services import SYSTEM, Store, import_journey, map_rows, rate_step, set_phase  # noqa: E402
from journeymap.services.base import Actor, now  # noqa: E402
from journeymap.store import schema as T  # noqa: E402

LANES = ["customer", "frontstage", "backstage", "support"]


def big_journey(n_steps=300, n_people=200, seed=7) -> Journey:
    rng = random.Random(seed)
    j = Journey(title=f"Benchmark {n_steps}x{n_people}", language="en")
    for i in range(10):
        j.add_stage(Stage(f"st{i}", f"Stage {i}"))
    for i in range(n_steps):
        j.add_step(Step(f"s{i}", f"st{i * 10 // n_steps}", f"Step {i}", lane=LANES[i % 4],
                        channel="web"))
    for i in range(n_steps - 1):
        j.add_transition(Transition(f"s{i}", f"s{i + 1}"))
    for p in range(n_people):
        j.add_participant(Participant(f"p{p}", f"Person {p}",
                                      "staff" if p % 10 == 0 else "customer"))
    for p in range(n_people):
        for i in range(n_steps):
            j.ratings.append(Rating(f"p{p}", f"s{i}", rng.randint(-3, 3),
                                    perspective="assumed" if p % 10 == 0 else "lived",
                                    effort=rng.randint(1, 5), success="yes"))
    return j


def bench_import(url: str) -> None:
    data = native.dumps(big_journey()).encode()
    store = Store.open(url)
    t0 = time.perf_counter()
    journey = native.loads(data, "bench.json")
    t1 = time.perf_counter()
    import_journey(store, SYSTEM, journey)
    t2 = time.perf_counter()
    with store.read() as uow:
        n = uow.conn.execute(select(func.count()).select_from(T.ratings)).scalar_one()
    print(f"import 300 steps x 60,000 ratings ({len(data) / 1e6:.1f} MB) on "
          f"{store.dialect}: parse+check {t1 - t0:.2f} s, write {t2 - t1:.2f} s, "
          f"total {t2 - t0:.2f} s (target < 10 s); {n} ratings stored")


def bench_writers(url: str, label: str, writers=100, each=20) -> None:
    store = Store.open(url)
    j = big_journey(n_steps=each, n_people=0)
    ws, jid = import_journey(store, SYSTEM, j)
    set_phase(store, SYSTEM, ws, "listen")
    steps = [s["id"] for s in map_rows(store, SYSTEM, jid)["steps"]]
    with store.write() as uow:
        ids = [uow.conn.execute(insert(T.participants).values(
            workshop_id=ws, key=f"c{i}", name=f"C{i}", role="customer", anonymous=False,
            created_at=now())).inserted_primary_key[0] for i in range(writers)]
        uow.commit()
    actors = [Actor.participant(pid, ws, "customer", f"C{i}") for i, pid in enumerate(ids)]
    latencies: list[float] = []
    errors: list[Exception] = []
    lock = threading.Lock()
    barrier = threading.Barrier(writers)

    def work(actor):
        rng = random.Random(actor.participant_id)
        barrier.wait()
        mine = []
        for step in steps:
            t = time.perf_counter()
            try:
                rate_step(store, actor, step, rng.randint(-3, 3), effort=rng.randint(1, 5),
                          success="partly", comment="bench")
            except Exception as e:  # counted
                with lock:
                    errors.append(e)
            mine.append(time.perf_counter() - t)
        with lock:
            latencies.extend(mine)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(writers) as pool:
        list(pool.map(work, actors))
    wall = time.perf_counter() - t0
    with store.read() as uow:
        kept = uow.conn.execute(select(func.count()).select_from(T.ratings)
                                .where(T.ratings.c.participant_id.in_(ids))).scalar_one()
    q = statistics.quantiles(latencies, n=100)
    print(f"{writers} writers x {each} ratings on {label}: kept {kept}/{writers * each}, "
          f"errors {len(errors)}, p50 {q[49] * 1000:.1f} ms, p95 {q[94] * 1000:.1f} ms, "
          f"max {max(latencies) * 1000:.1f} ms, {writers * each / wall:.0f} writes/s "
          "(target: all kept, 0 errors, p95 < 50 ms)")
    if errors:
        print("  first error:", repr(errors[0]))
    store.engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--postgres", default=os.environ.get(
        "JOURNEYMAP_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_import(f"sqlite:///{tmp}/import.sqlite")
        bench_writers(f"sqlite:///{tmp}/writers.sqlite", "SQLite")
    schema = "jm_bench_" + uuid.uuid4().hex[:8]
    try:
        admin = create_engine(args.postgres.replace("postgresql://", "postgresql+psycopg://", 1))
        with admin.begin() as c:
            c.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as e:  # pragma: no cover - no server here
        print(f"PostgreSQL skipped: {e.__class__.__name__}: {e}")
        return
    try:
        bench_writers(f"{args.postgres}?options=-csearch_path%3D{schema}", "PostgreSQL")
    finally:
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


if __name__ == "__main__":
    main()
