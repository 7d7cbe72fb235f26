"""A tap that lands just as the facilitator closes rating is never lost in silence.

The facilitator moves the phase; for a moment (the live update on its way) a phone still
shows the rating screen, and its person taps a face. The answer is refused — rating is
closed — and the screen must say so: at once (the page as the phase now is) and, when
rating reopens before the person has seen that, on the step itself until their next tap.

Before, the refusal was a one-time message in the step area, wiped by the live update that
followed. When the update of the close came late (a busy server; or, with a lost retry in
the live hub, only together with the reopening: tests/live/test_push_retry.py), the phone
went back to the open rating screen with nothing saved and nothing said: seen once in
tests/browser/test_customer_answers_chaos.py as a face that never lit up and "answered 0
of 8" for a minute.

The race is made on purpose: the close is written without its change-log row, so the live
feed cannot see it and the tap is certain to land while the phone still shows rating open
(as when the update has not reached the phone yet). Reopening goes through the service,
so its live update comes as usual. The simulated browser is the load benchmark's (Streamlit's
websocket protocol, as tests/live/test_tap_after_reconnect.py).
"""

from __future__ import annotations

import asyncio
import time

CLOSED = "You can start as soon as the facilitator opens"
NOT_SAVED = "Your last tap did not count"
QUESTION = "How did you feel here?"


def lived(store, name: str) -> dict[int, int]:
    from sqlalchemy import select

    from journeymap.store import schema as T

    with store.read() as uow:
        return {r.step_id: round(r.emotion) for r in uow.conn.execute(
            select(T.ratings.c.step_id, T.ratings.c.emotion)
            .join(T.participants, T.participants.c.id == T.ratings.c.participant_id)
            .where(T.participants.c.name == name))}


def close_unseen(w) -> None:
    """Close rating (back to Assume) without telling the live feed: the update of the close
    has not reached any phone yet."""
    with w.store.write() as uow:
        uow.workshops.set_phase(w.workshop_id, "assume")
        uow.commit()


async def live_update(phone, since: float, timeout: float = 30.0) -> None:
    """Wait until a run of the whole page that the server started after ``since`` has
    finished on the phone."""
    deadline = time.monotonic() + timeout
    while not (phone.last_full_started > since and not phone._full_running
               and phone.last_full_finish_at > phone.last_full_started):
        if time.monotonic() > deadline:
            raise TimeoutError(f"no live update reached the phone within {timeout:.0f} s")
        await asyncio.sleep(0.02)


def test_a_tap_refused_as_rating_closes_is_said_at_once_and_after_rating_reopens(
        bench, servers, tmp_path):
    from journeymap.services import set_phase

    db = f"sqlite:///{tmp_path / 'closing.sqlite'}"
    w = bench.make_workshop(db, n_steps=2)
    set_phase(w.store, w.facilitator, w.workshop_id, "listen")
    (url,) = servers(db)
    first = w.steps[0]

    async def scenario():
        phone = await bench.open_personal(url, w, "Nina")
        try:
            face = phone.widget_id(f"rate_emotion:{first}:1")
            close_unseen(w)
            await phone.press(face)
            after_tap = phone.text()
            reopened = time.monotonic()
            await asyncio.get_running_loop().run_in_executor(
                None, set_phase, w.store, w.facilitator, w.workshop_id, "listen")
            await live_update(phone, since=reopened)
            return after_tap, phone.text(), phone.errors
        finally:
            await phone.close()

    after_tap, reopened, errors = asyncio.run(scenario())
    assert errors == []
    assert lived(w.store, "Nina") == {}  # refused: rating was closed when the tap landed
    assert QUESTION in reopened and NOT_SAVED in reopened, (
        "once rating reopened, the phone showed the step as if nothing had been tapped:\n"
        + reopened)
    assert CLOSED in after_tap and QUESTION not in after_tap, (
        "right after the refused tap the phone still offered rating:\n" + after_tap)
