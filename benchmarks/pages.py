"""What the page benchmarks share: a facilitator's AppTest on the real app, and one timed run.

    at = signed_in(fac, ws, jid)           # app.py run once, facilitator signed in
    at.switch_page(str(SCREENS / "map.py"))
    seconds = timed_run(at)                 # one rerun, refused if the page raised
"""

from __future__ import annotations

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "journeymap" / "ui" / "app.py"
SCREENS = ROOT / "journeymap" / "ui" / "screens"


def signed_in(fac, workshop_id: int, journey_id: int | None = None, *, timeout: float = 120,
              lang: str = "en"):
    """An AppTest of the whole app with ``fac`` (a facilitator's Actor) signed in, the
    workshop (and journey) chosen, run once (the entry page)."""
    return app_as({"kind": "account", "name": fac.name, "account_id": fac.account_id,
                   "participant_id": None, "workshop_id": None, "role": "facilitator"},
                  workshop_id, journey_id, timeout=timeout, lang=lang)


def app_as(auth: dict, workshop_id: int, journey_id: int | None = None, *,
           timeout: float = 120, lang: str = "en"):
    """An AppTest of the whole app signed in as ``auth`` (the session's sign-in record)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at.session_state["lang"] = lang
    at.session_state["auth"] = auth
    at.session_state["workshop_id"] = workshop_id
    if journey_id is not None:
        at.session_state["journey_id"] = journey_id
    at.run()
    return at


def timed_run(at, cpu: list[float] | None = None) -> float:
    """Seconds of one run of the page (wall clock), after checking it raised nothing; the
    run's CPU seconds (this process, the page's thread included) go to ``cpu`` if given."""
    t, c = time.perf_counter(), time.process_time()
    at.run()
    elapsed = time.perf_counter() - t
    if cpu is not None:
        cpu.append(time.process_time() - c)
    assert not at.exception, [e.value for e in at.exception]
    return elapsed
