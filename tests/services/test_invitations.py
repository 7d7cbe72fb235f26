"""Invitation links and personal links: unguessable, stored only as hashes, expiring,
limited, revocable; every bad token gets the same refusal; a personal link resumes its own
participant and nobody else."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select, update

from journeymap.domain.errors import InvalidToken, ValidationError
from journeymap.services import create_account, create_workshop, update_workshop
from journeymap.services import invitations as inv
from journeymap.store import schema as T


@pytest.fixture
def setup(store):
    fac = create_account(store, "fran", "a long password", "Fran")
    ws = create_workshop(store, fac, "W", "en")
    return store, fac, ws


def test_tokens_carry_at_least_128_bits_and_only_their_hash_is_stored(setup):
    store, fac, ws = setup
    inv_id, token = inv.create_invitation(store, fac, ws, "customer")
    assert len(token) * 6 >= 128  # url-safe base64: 6 bits a character
    _, personal = inv.join(store, token, name="Ada", consent=True)
    with store.read() as uow:
        stored = list(uow.conn.execute(select(T.invitations.c.token_hash)).scalars())
        people = list(uow.conn.execute(select(T.participants.c.token_hash)).scalars())
    assert token not in stored and personal not in people
    assert stored == [inv._hash(token)] and people == [inv._hash(personal)]
    assert "token_hash" not in inv.list_invitations(store, fac, ws)[0]


def test_expired_links_are_refused(setup):
    store, fac, ws = setup
    inv_id, token = inv.create_invitation(store, fac, ws, "staff", days=1)
    with store.write() as uow:
        uow.conn.execute(update(T.invitations).values(
            expires_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1)))
        uow.commit()
    with pytest.raises(InvalidToken):
        inv.join(store, token, name="Late", consent=True)


def test_max_uses_hold_under_concurrent_joins(setup):
    store, fac, ws = setup
    _, token = inv.create_invitation(store, fac, ws, "customer", max_uses=3)
    results = []

    def one(i):
        try:
            inv.join(store, token, name=f"P{i}", consent=True)
            results.append("ok")
        except InvalidToken:
            results.append("refused")

    threads = [threading.Thread(target=one, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("ok") == 3 and results.count("refused") == 7
    assert len(inv.list_participants(store, fac, ws)) == 3


def test_a_revoked_link_is_refused(setup):
    store, fac, ws = setup
    inv_id, token = inv.create_invitation(store, fac, ws, "customer")
    inv.revoke_invitation(store, fac, inv_id)
    with pytest.raises(InvalidToken):
        inv.check_invitation(store, token)
    assert inv.list_invitations(store, fac, ws)[0]["active"] is False


def test_wrong_expired_and_revoked_tokens_get_the_same_message(setup):
    store, fac, ws = setup
    i1, revoked = inv.create_invitation(store, fac, ws, "customer")
    inv.revoke_invitation(store, fac, i1)
    _, expired = inv.create_invitation(store, fac, ws, "customer", days=1)
    with store.write() as uow:
        uow.conn.execute(update(T.invitations).where(T.invitations.c.id != i1).values(
            expires_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)))
        uow.commit()
    messages = set()
    for token in (revoked, expired, inv.new_token(), "short", "x" * 500):
        with pytest.raises(InvalidToken) as err:
            inv.check_invitation(store, token)
        messages.add(str(err.value))
    assert len(messages) == 1


def test_archiving_the_workshop_stops_its_links(setup):
    store, fac, ws = setup
    _, token = inv.create_invitation(store, fac, ws, "customer")
    _, personal = inv.join(store, token, name="Ada", consent=True)
    update_workshop(store, fac, ws, 1, archived=True)
    with pytest.raises(InvalidToken):
        inv.check_invitation(store, token)
    with pytest.raises(InvalidToken):
        inv.resume(store, personal)


def test_a_personal_link_resumes_the_same_participant_and_nobody_else(setup):
    store, fac, ws = setup
    _, token = inv.create_invitation(store, fac, ws, "customer")
    ada, ada_link = inv.join(store, token, name="Ada", consent=True)
    bob, bob_link = inv.join(store, token, name="Bob", consent=True)
    assert inv.resume(store, ada_link).participant_id == ada.participant_id
    assert inv.resume(store, bob_link).participant_id == bob.participant_id
    assert ada_link != bob_link
    with pytest.raises(InvalidToken):
        inv.resume(store, ada_link[:-1] + ("A" if ada_link[-1] != "A" else "B"))


def test_joining_needs_consent_and_a_name_unless_anonymous(setup):
    store, fac, ws = setup
    _, token = inv.create_invitation(store, fac, ws, "customer")
    with pytest.raises(ValidationError):
        inv.join(store, token, name="Ada", consent=False)
    with pytest.raises(ValidationError):
        inv.join(store, token, name="", consent=True)
    anon, _ = inv.join(store, token, anonymous=True, consent=True)
    assert anon.name == ""


def test_the_facilitator_can_see_a_link_again_and_it_still_joins(setup):
    store, fac, ws = setup
    staff_id, staff = inv.create_invitation(store, fac, ws, "staff")
    customer_id, customer = inv.create_invitation(store, fac, ws, "customer")
    assert staff != customer
    assert inv.invitation_token(store, fac, staff_id) == staff
    assert inv.invitation_token(store, fac, customer_id) == customer
    actor, _ = inv.join(store, inv.invitation_token(store, fac, staff_id), name="Giulia",
                        consent=True)
    assert actor.role.value == "staff"


def test_a_revoked_link_is_not_shown_again_and_nobody_else_may_ask(setup):
    from journeymap.domain.errors import NotFound, PermissionDenied

    store, fac, ws = setup
    inv_id, _ = inv.create_invitation(store, fac, ws, "customer")
    other = create_account(store, "olga", "another long password", "Olga")
    with pytest.raises(PermissionDenied):
        inv.invitation_token(store, other, inv_id)
    inv.revoke_invitation(store, fac, inv_id)
    with pytest.raises(NotFound):
        inv.invitation_token(store, fac, inv_id)
