"""A tap made the instant a phone reconnects to a server that has never seen its session
(the server restarted, or the proxy moved the phone to another server) is saved.

Such a server holds none of the page's fragments yet: Streamlit drops a rerun aimed at a
fragment it does not hold. The app turns that rerun into a run of the whole page carrying
the same tap, so the answer is saved (``ui/live.install_tap_keeper``). Two servers on one
database stand for "another server"; the simulated browser (the load benchmark's, at
Streamlit's websocket protocol) sends the reconnect's rerun and the tap back to back, as a
browser whose person taps while the page is being rebuilt does.
"""

from __future__ import annotations

import asyncio


def lived(store, name: str) -> dict[int, int]:
    from sqlalchemy import select

    from journeymap.store import schema as T

    with store.read() as uow:
        return {r.step_id: round(r.emotion) for r in uow.conn.execute(
            select(T.ratings.c.step_id, T.ratings.c.emotion)
            .join(T.participants, T.participants.c.id == T.ratings.c.participant_id)
            .where(T.participants.c.name == name))}


def test_a_tap_sent_while_a_new_server_rebuilds_the_page_is_saved(bench, servers, tmp_path):
    from journeymap.services import set_phase

    db = f"sqlite:///{tmp_path / 'reconnect.sqlite'}"
    w = bench.make_workshop(db, n_steps=2)
    set_phase(w.store, w.facilitator, w.workshop_id, "listen")
    a_url, b_url = servers(db, n=2)
    first, second = w.steps[0], w.steps[1]

    async def scenario():
        phone = await bench.open_personal(a_url, w, "Nina")
        try:
            await phone.press(phone.widget_id(f"rate_emotion:{first}:-1"))
            face = phone.widget_id(f"rate_emotion:{first}:2")
            assert phone.fragment_of(face), "the answers are drawn by a fragment"
            # server A goes away; the browser reconnects to B with what is on its screen,
            # and the person's tap follows the reconnect's rerun at once
            await phone.reconnect(b_url)
            await phone.press(face)
            await phone.settle()
            return phone.errors
        finally:
            await phone.close()

    errors = asyncio.run(scenario())
    assert errors == []
    assert lived(w.store, "Nina") == {first: 2}
    assert second not in lived(w.store, "Nina")
