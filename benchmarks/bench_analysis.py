"""Speed of the analysis, figures printed (no asserts): ``python benchmarks/bench_analysis.py``.

(a) 500 steps × 2,000 participants = 1,000,000 ratings: the full per-step comparison
    (emotion, effort and success, each with Welch intervals) against a bare pandas groupby
    computing count, mean and std of the same rows (emotion only), in the same run.
    Target: ratio ≤ 3.
(b) 300 steps × 200 participants = 60,000 ratings: every table and every chart.

Frames are built directly with numpy (not through a million dataclasses).
"""

from __future__ import annotations

import os
import sys
import time
from statistics import median

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from journeymap import analysis as A  # noqa: E402
from journeymap import charts as C  # noqa: E402
from journeymap.analysis.frames import PILLARS, JourneyFrames  # noqa: E402


def synthetic(n_steps: int, n_people: int, staff_share: float = 0.25, seed: int = 1,
              pain_points_per_customer: float = 0.0) -> JourneyFrames:
    """Every participant rates every step: customers lived, staff assumed."""
    rng = np.random.default_rng(seed)
    n_stages = max(1, n_steps // 20)
    steps = pd.DataFrame({
        "key": [f"s{i}" for i in range(n_steps)],
        "title": [f"Step {i}" for i in range(n_steps)],
        "stage": [f"g{i * n_stages // n_steps}" for i in range(n_steps)],
        "stage_name": [f"Stage {i * n_stages // n_steps}" for i in range(n_steps)],
        "stage_index": [i * n_stages // n_steps for i in range(n_steps)],
        "lane": "customer",
        "channel": [("web", "phone", "store", "email")[i % 4] for i in range(n_steps)],
        "moment_of_truth": False,
        "order": np.arange(n_steps)})
    n_staff = int(n_people * staff_share)
    roles = np.where(np.arange(n_people) < n_staff, "staff", "customer")
    people = pd.DataFrame({"key": [f"p{i}" for i in range(n_people)],
                           "name": [f"Person {i}" for i in range(n_people)],
                           "role": roles, "anonymous": False})
    pc = np.repeat(np.arange(n_people), n_steps)
    sc = np.tile(np.arange(n_steps), n_people)
    is_staff = pc < n_staff
    base = np.sin(sc / 7.0) * 1.5
    emotion = np.clip(np.round(base + np.where(is_staff, 1.0, 0.0)
                               + rng.normal(0, 1.2, len(pc))), -3, 3)
    effort = np.clip(np.round(3 - emotion / 2 + rng.normal(0, 0.8, len(pc))), 1, 5)
    success = rng.choice([0.0, 0.5, 1.0], len(pc), p=[0.2, 0.3, 0.5])
    step_keys, person_keys = list(steps["key"]), list(people["key"])
    ratings = pd.DataFrame({
        "participant": pd.Categorical.from_codes(pc, person_keys),
        "step": pd.Categorical.from_codes(sc, step_keys),
        "perspective": pd.Categorical.from_codes(np.where(is_staff, 0, 1),
                                                 ["assumed", "lived", "employee"]),
        "emotion": emotion, "effort": effort, "success": success,
        "comment": pd.Series([""] * len(pc), dtype="str"),
        "role": pd.Categorical.from_codes(np.where(is_staff, 1, 2),
                                          ["facilitator", "staff", "customer"])})
    n_pp = int(pain_points_per_customer * (n_people - n_staff)) + n_staff
    words = ["wait", "phone", "invoice", "slow", "confusing", "form", "app", "login",
             "technician", "late", "price", "email", "error", "refund", "queue"]
    pp_people = rng.integers(0, n_people, n_pp)
    pain = pd.DataFrame({
        "key": [f"pp{i}" for i in range(n_pp)],
        "participant": [person_keys[i] for i in pp_people],
        "step": [step_keys[i] for i in rng.integers(0, n_steps, n_pp)],
        "text": [" ".join(rng.choice(words, 4)) for _ in range(n_pp)],
        "severity": rng.integers(1, 4, n_pp),
        "pillar": [PILLARS[i] if i < 6 else None for i in rng.integers(0, 8, n_pp)],
        "votes": rng.integers(0, 4, n_pp),
        "perspective": np.where(pp_people < n_staff, "assumed", "lived")})
    transitions = pd.DataFrame({"source": step_keys[:-1], "target": step_keys[1:], "label": ""})
    return JourneyFrames(steps=steps, participants=people, ratings=ratings, pain_points=pain,
                         transitions=transitions, language="en", title="Benchmark")


def timed(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return median(times), out


def bench_comparison(repeat: int = 7) -> None:
    t0 = time.perf_counter()
    f = synthetic(500, 2000)
    print(f"(a) built {len(f.ratings):,} ratings in {time.perf_counter() - t0:.2f} s")
    r = f.ratings

    def bare():
        return r.groupby(["step", "perspective"], observed=True)["emotion"] \
            .agg(["count", "mean", "std"])

    bare(), A.comparison(f)  # warm up
    t_bare, _ = timed(bare, repeat)
    t_full, table = timed(lambda: A.comparison(f), repeat)
    print(f"    bare pandas groupby count/mean/std (emotion): {t_bare * 1000:8.1f} ms")
    print(f"    full comparison (emotion+effort+success, Welch): {t_full * 1000:8.1f} ms")
    print(f"    ratio full / bare: {t_full / t_bare:.2f}  (target <= 3)   "
          f"[{len(table)} steps, {int(table['blind_spot'].sum())} blind spots]")


def bench_everything(repeat: int = 5) -> None:
    f = synthetic(300, 200, pain_points_per_customer=2.0, seed=2)
    print(f"(b) {len(f.ratings):,} ratings, {len(f.pain_points):,} pain points")

    def tables():
        return {name: fn(f) for name, fn in A.TABLES.items()}

    def charts(t):
        return C.all_charts(f, t)

    tables()
    t_tables, got = timed(tables, repeat)
    t_charts, _ = timed(lambda: charts(got), repeat)
    t_all, _ = timed(lambda: charts(tables()), repeat)
    print(f"    all {len(A.TABLES)} tables: {t_tables * 1000:8.1f} ms")
    print(f"    all 8 charts (tables given): {t_charts * 1000:8.1f} ms")
    print(f"    tables + charts: {t_all * 1000:8.1f} ms")
    slow = sorted(((timed(lambda fn=fn: fn(f), 3)[0], n) for n, fn in A.TABLES.items()),
                  reverse=True)[:4]
    print("    slowest tables: " + ", ".join(f"{n} {s * 1000:.0f} ms" for s, n in slow))


if __name__ == "__main__":
    bench_comparison()
    bench_everything()
