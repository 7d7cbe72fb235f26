"""The load benchmark runs as the README says, here at its smallest (two participants): it
starts a server, joins everyone by the invitation, and prints every figure it promises —
with no answer lost, every screen reached, and no screen rerun because someone else rated
(times are printed, not asserted)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_prints_its_figures_for_two_participants():
    out = subprocess.run(
        [sys.executable, "benchmarks/bench_workshop_load.py", "--participants", "2",
         "--steps", "2", "--idle", "1", "--settle", "0.2", "--gap", "0.1,0.2"],
        cwd=ROOT, capture_output=True, text=True, timeout=240,
        env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert out.returncode == 0, out.stderr[-3000:]
    text = out.stdout
    assert "2 of 2 participants joined" in text
    assert re.search(r"idle: server CPU \d+ % of one core .*memory \d+ MB", text)
    assert re.search(r"map -> listen reached screens: median [\d.]+ s, p95 [\d.]+ s, "
                     r"max [\d.]+ s; missing within 45 s: 0 of 2", text)
    # two customers, one face on each of two steps: four answers, all in the database
    assert "taps sent 4; answers expected 4, found in the database 4, lost 0" in text
    assert re.search(r"tap to saved on screen: median [\d.]+ s, p95 [\d.]+ s", text)
    # nobody's screen reran because someone else rated (the board's progress redraws alone)
    assert "nobody on that screen asked for, during the burst: 0 (3 screens)" in text
    assert "listen -> reveal reached screens" in text and "missing within 45 s: 0 of 2" in text
    assert "client errors" not in text
