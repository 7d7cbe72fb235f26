"""Speed of the facilitator's pages' server reruns, figures printed:
``python benchmarks/bench_room_pages.py``.

The journey of ``bench_insight_page.py`` (300 steps × 200 participants: 60,000 ratings, 400
pain points) in a SQLite file, the workshop at the Reveal, the facilitator signed in. Each
page runs in Streamlit's AppTest (the real script, the real caches): the first run, then the
median of warm reruns with nothing new (target: median < 300 ms). The presentation is
measured on each of its slides; the Actions page includes making its download links.
Then the workshop moves to Prioritise and a customer opens the vote page: its warm rerun, and
a tap on + (the vote written and the page redrawn), each a median.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pages import SCREENS, app_as, signed_in, timed_run  # noqa: E402
from bench_insight_page import big_journey  # noqa: E402

PAGES = tuple(sys.argv[1:]) or ("board.py", "present.py", "act.py", "vote.py", "invitations.py",
                                 "workshops.py")


def main(repeat: int = 9) -> None:
    tmp = Path(tempfile.mkdtemp())
    db = f"sqlite:///{tmp / 'bench.sqlite'}"
    os.environ["JOURNEYMAP_DATABASE_URL"] = db
    from journeymap.services import (
        Store,
        create_account,
        create_workshop,
        import_journey,
        set_phase,
    )

    store = Store.open(db)
    fac = create_account(store, "fran", "a long password", "Fran")
    ws = create_workshop(store, fac, "Benchmark", "en")
    j = big_journey()
    _, jid = import_journey(store, fac, j, ws)
    set_phase(store, fac, ws, "reveal")
    print(f"{len(j.ratings):,} ratings, {len(j.steps)} steps, {len(j.participants)} people, "
          f"{len(j.pain_points)} pain points; phase: reveal")

    def app_for(auth: dict):
        return app_as(auth, ws, jid, timeout=180)

    def app():
        return signed_in(fac, ws, jid, timeout=180)

    timed = timed_run

    print(f"{'page':28s} {'first run':>10s} {'warm median':>12s} {'warm max':>9s}")
    results = []
    for page in PAGES:
        at = app()
        at.switch_page(str(SCREENS / page))
        first = timed(at)
        slides = [None]
        if page == "present.py":
            slides = ["blind_spots", "curve", "votes"]
        for slide in slides:
            if slide is not None:
                at.session_state["present_slide"] = slide
                first = timed(at)
            warm = [timed(at) for _ in range(repeat)]
            name = page + (f" ({slide})" if slide else "")
            med = median(warm)
            results.append((name, med))
            flag = "" if med < 0.3 else "   <-- over 300 ms"
            print(f"{name:28s} {first * 1000:8.0f} ms {med * 1000:9.0f} ms "
                  f"{max(warm) * 1000:7.0f} ms{flag}")
    if "vote.py" in PAGES:
        results.append(_voter(app_for, store, fac, ws, repeat))
    print(f"slowest warm median: {max(m for _, m in results) * 1000:.0f} ms "
          f"(target < 300 ms)")
    store.close()


def _voter(app_for, store, fac, ws, repeat):
    """A customer on the vote page in Prioritise: warm rerun, and a tap on + then on −."""
    from sqlalchemy import select

    from journeymap.services import set_phase
    from journeymap.store import schema as T

    set_phase(store, fac, ws, "prioritise")
    with store.read() as uow:
        pid, name = uow.conn.execute(
            select(T.participants.c.id, T.participants.c.name)
            .where(T.participants.c.workshop_id == ws, T.participants.c.role == "customer")
            .order_by(T.participants.c.id).limit(1)).one()
    at = app_for({"kind": "participant", "name": name, "account_id": None,
                  "participant_id": pid, "workshop_id": ws, "role": "customer"})
    at.switch_page(str(SCREENS / "vote.py"))
    t = time.perf_counter()
    at.run()
    first = time.perf_counter() - t
    warm = []
    for _ in range(repeat):
        t = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - t)
    plus = next(b for b in at.button if b.key and b.key.startswith("vote_plus_"))
    minus_key = plus.key.replace("plus", "minus")
    taps = []
    for i in range(repeat):
        key = plus.key if i % 2 == 0 else minus_key
        t = time.perf_counter()
        at.button(key=key).click().run()
        taps.append(time.perf_counter() - t)
        assert not at.exception, [e.value for e in at.exception]
    name = "vote.py (customer voting)"
    print(f"{name:28s} {first * 1000:8.0f} ms {median(warm) * 1000:9.0f} ms "
          f"{max(warm) * 1000:7.0f} ms")
    print(f"{'vote.py (a tap on + or −)':28s} {'':>11s} {median(taps) * 1000:9.0f} ms "
          f"{max(taps) * 1000:7.0f} ms")
    return name, max(median(warm), median(taps))


if __name__ == "__main__":
    main()
