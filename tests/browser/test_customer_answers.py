"""A customer's answers, captured whole, in a real browser on a 390 px phone (in Italian).

Each tap happens once; afterwards the test waits for what the person would see (the tapped
choice highlighted, the next step's title) and reads the database. Nothing but an explicit,
confirmed action may delete or change an answer: not Next and Back, not a map edit, not an
accepted proposal, not a phase change, not a reload.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from journeymap.domain.model import Journey, Role
from journeymap.services import (
    Actor,
    add_step,
    create_workshop,
    decide_proposal,
    import_journey,
    list_proposals,
    map_rows,
    my_input,
    propose_step,
    set_phase,
)
from journeymap.services import invitations as inv
from journeymap.store import schema as T

from journeys import broadband

pytestmark = pytest.mark.browser

PHONE = 390


def journey() -> Journey:
    return broadband("it")


@pytest.fixture
def room(fresh_app):
    """A workshop in Listen with the journey above; ``room.steps`` maps keys to ids."""
    app = fresh_app
    ws, jid = import_journey(app.store, app.account, journey())
    set_phase(app.store, app.account, ws, "listen")
    app.ws, app.jid = ws, jid
    app.steps = {s["key"]: s["id"] for s in map_rows(app.store, app.account, jid)["steps"]}
    return app


def join(page, app, name: str, helpers):
    """Open a fresh customer invitation on ``page`` and join as ``name``; returns the actor."""
    _, token = inv.create_invitation(app.store, app.account, app.ws, "customer")
    page.goto(f"{app.url}/?invite={token}")
    page.get_by_role("textbox").first.fill(name)
    page.get_by_text("Ho letto l'informativa").click()
    page.get_by_role("button", name="Partecipa").click()
    page.get_by_text(f"Ciao, {name}").wait_for()
    helpers.settle(page)
    with app.store.read() as uow:
        pid = uow.conn.execute(select(T.participants.c.id).where(
            T.participants.c.name == name)).scalar_one()
    return Actor(kind="participant", name=name, account_id=None, participant_id=pid,
                 workshop_id=app.ws, role=Role.CUSTOMER)


def on_step(page, title: str, helpers) -> None:
    page.get_by_role("heading", name=title).wait_for()
    helpers.settle(page)


def tap_choice(page, group: str, label: str, helpers) -> None:
    """Tap one choice button once, and wait until it shows as the saved answer."""
    box = page.locator(f".st-key-{group}")
    box.get_by_role("button", name=label, exact=True).click()
    try:
        box.locator("button[kind='primary']", has_text=label).wait_for()
    except Exception:
        helpers.shot(page, f"FAILED-tap-{group}")
        print(page.locator(f".st-key-{group}").inner_html()[:1500])
        raise
    helpers.settle(page)


def saved(app, who, step_key: str):
    r = my_input(app.store, who, app.jid)["ratings"].get((app.steps[step_key], "lived"))
    return None if r is None else (r["emotion"], r["effort"], r["success"])


def writes_by(app, name: str) -> list[str]:
    """The kinds of change the person's own actions wrote to the change log, in order."""
    with app.store.read() as uow:
        return list(uow.conn.execute(select(T.changes.c.kind).where(T.changes.c.actor == name)
                                     .order_by(T.changes.c.id)).scalars())


def test_next_and_back_keep_every_answer_on_screen_and_in_the_database(
        room, context_factory, browser_helpers):
    h = browser_helpers
    phone = context_factory(PHONE, 844, locale="it-IT").new_page()
    sam = join(phone, room, "Sam", h)
    phone.get_by_role("button", name=re.compile("Valuta il percorso")).click()
    on_step(phone, "La connessione cade", h)
    tap_choice(phone, "rate_emotion", "😠 Arrabbiato", h)
    tap_choice(phone, "rate_effort", "Difficile", h)
    tap_choice(phone, "rate_success", "In parte", h)
    assert saved(room, sam, "s1") == (-2, 4, "partly")
    # the walk that lost answers 8 times in 10: Next, Back, again and again
    for _ in range(4):
        phone.get_by_role("button", name="Avanti →").click()
        on_step(phone, "Controlla la pagina di stato", h)
        phone.get_by_role("button", name="← Indietro").click()
        on_step(phone, "La connessione cade", h)
        box = phone.locator(".st-key-rate_emotion")
        assert box.locator("button[kind='primary']").inner_text().endswith("Arrabbiato")
        assert saved(room, sam, "s1") == (-2, 4, "partly")
    # every step answered, then the summary counts all of them
    for title, face in (("Controlla la pagina di stato", "🙁 Scontento"),
                        ("Chiama l'assistenza", "😡 Furioso"),
                        ("L'operatore fa un test di linea", "🙂 Contento")):
        phone.get_by_role("button", name="Avanti →").click()
        on_step(phone, title, h)
        tap_choice(phone, "rate_emotion", face, h)
    phone.get_by_role("button", name="Fine").click()
    phone.get_by_text("Hai risposto a 4 passi su 4").wait_for()
    mine = my_input(room.store, sam, room.jid)
    assert len(mine["ratings"]) == 4 and mine["skips"] == set()
    assert saved(room, sam, "s1") == (-2, 4, "partly")
    # nothing but the taps wrote: no skip, no deletion
    assert "skip" not in writes_by(room, "Sam") and "rating.delete" not in writes_by(room, "Sam")
    h.shot(phone, "answers-rate-done-390")


def test_a_map_edit_an_accepted_proposal_and_a_phase_change_change_no_answer_and_move_nobody(
        room, context_factory, browser_helpers):
    h = browser_helpers
    phone = context_factory(PHONE, 844, locale="it-IT").new_page()
    sam = join(phone, room, "Sam", h)
    phone.get_by_role("button", name=re.compile("Valuta il percorso")).click()
    on_step(phone, "La connessione cade", h)
    phone.get_by_role("button", name="Avanti →").click()
    on_step(phone, "Controlla la pagina di stato", h)
    tap_choice(phone, "rate_emotion", "😐 Neutro", h)
    tap_choice(phone, "rate_success", "Sì", h)
    before = saved(room, sam, "s2")
    progress = phone.get_by_text(re.compile(r"^Passo \d+ di \d+$")).first

    # the facilitator adds a step before the one on screen: the screen stays on its step
    stage = map_rows(room.store, room.account, room.jid)["steps"][0]["stage_id"]
    add_step(room.store, room.account, room.jid, stage, "Riavvia il modem", lane="customer",
             after_step_id=room.steps["s1"])
    phone.get_by_text("Passo 3 di 5", exact=True).wait_for()
    on_step(phone, "Controlla la pagina di stato", h)
    assert saved(room, sam, "s2") == before

    # another customer's proposal is accepted
    ada = inv.join(room.store, inv.create_invitation(room.store, room.account, room.ws,
                                                     "customer")[1], name="Ada",
                   consent=True)[0]
    propose_step(room.store, ada, room.jid, "Chiede a un vicino", after_step_id=room.steps["s2"])
    (p,) = list_proposals(room.store, room.account, room.jid)
    decide_proposal(room.store, room.account, p["id"], True)
    phone.get_by_text("Passo 3 di 6", exact=True).wait_for()
    on_step(phone, "Controlla la pagina di stato", h)
    assert saved(room, sam, "s2") == before

    # the phase goes back to Assume (rating closes for customers) and then to Listen again
    set_phase(room.store, room.account, room.ws, "assume")
    phone.get_by_text("Grazie di essere qui!", exact=False).first.wait_for()
    set_phase(room.store, room.account, room.ws, "listen")
    on_step(phone, "Controlla la pagina di stato", h)
    assert progress.inner_text() == "Passo 3 di 6"
    assert phone.locator(".st-key-rate_emotion button[kind='primary']").inner_text() \
        .endswith("Neutro")
    assert saved(room, sam, "s2") == before
    assert "rating.delete" not in writes_by(room, "Sam") and "skip" not in writes_by(room, "Sam")


def test_a_reload_on_every_participant_page_brings_back_the_same_person_in_the_same_place(
        room, context_factory, browser_helpers):
    h = browser_helpers
    phone = context_factory(PHONE, 844, locale="it-IT").new_page()
    join(phone, room, "Sam", h)
    phone.get_by_role("button", name=re.compile("Valuta il percorso")).click()
    on_step(phone, "La connessione cade", h)
    phone.get_by_role("button", name="Avanti →").click()
    on_step(phone, "Controlla la pagina di stato", h)
    phone.get_by_role("button", name="Avanti →").click()
    on_step(phone, "Chiama l'assistenza", h)
    assert "me=" in phone.url and "step=" in phone.url
    phone.reload()
    on_step(phone, "Chiama l'assistenza", h)  # the same step, as the same person
    # a phone that slept: the tab opened again from its address, in a new browser session
    other = context_factory(PHONE, 844, locale="it-IT").new_page()
    other.goto(phone.url)
    on_step(other, "Chiama l'assistenza", h)
    for path, marker in (("", "Ciao, Sam"), ("/map", "1\\. La connessione cade"),
                         ("/mine", "Sam")):
        me = re.search(r"me=([\w-]+)", phone.url).group(1)
        phone.goto(f"{room.url}{path}?me={me}")
        phone.get_by_text(marker.replace("\\", "")).first.wait_for()
        h.settle(phone)
        phone.reload()
        phone.get_by_text(marker.replace("\\", "")).first.wait_for()
        h.settle(phone)
        assert "me=" in phone.url


def test_a_facilitator_survives_a_reload_and_signing_out_really_signs_out(
        room, context_factory, browser_helpers):
    h = browser_helpers
    other_ws = create_workshop(room.store, room.account, "Secondo workshop", "it")
    ctx = context_factory(1440, 1000)
    page = ctx.new_page()
    h.sign_in(page, room)
    page.goto(f"{room.url}/map?ws={other_ws}")
    page.get_by_text("Secondo workshop").first.wait_for()
    page.reload()
    page.get_by_text("Signed in as Fran Facilitator").wait_for()
    page.get_by_text("Secondo workshop").first.wait_for()
    assert f"ws={other_ws}" in page.url
    cookies = ctx.cookies()
    session_cookie = [c for c in cookies if c["name"] == "journeymap_session"]
    assert session_cookie and session_cookie[0]["httpOnly"]
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="Sign in").wait_for()
    page.reload()
    page.get_by_role("button", name="Sign in").wait_for()
    # a copy of the old cookie opens nothing either: the session is gone on the server
    thief = context_factory(1440, 1000)
    thief.add_cookies(session_cookie)
    stolen = thief.new_page()
    stolen.goto(room.url)
    stolen.get_by_role("button", name="Sign in").wait_for()
    h.settle(stolen)
    assert "Signed in as" not in stolen.inner_text("body")
