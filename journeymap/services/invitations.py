"""Getting in without an account: invitation links, joining, personal links.

An invitation is made by the facilitator for one role in one workshop. Its token is 192 bits
of an HMAC of the invitation's row under the database's secret key, stored only as its
SHA-256 hash, with an expiry, an optional limit of uses, and a revocation time; the
facilitator can see the link again (:func:`invitation_token`), nobody can guess it. Joining asks for a
display name (or anonymity) and consent, creates the participant, and gives them a personal
token of their own (also stored only as a hash) that brings them back as themselves.

Every wrong, expired, used-up or revoked token gets the same :class:`InvalidToken`: the
refusal says what to do and reveals nothing about any workshop.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets

from journeymap.domain import rules
from journeymap.domain.errors import InvalidToken, NotFound, ValidationError
from journeymap.domain.model import Role, clean_text

from .base import Actor, Store, authorize, now, record_change
from .secret import derived_key

TOKEN_BYTES = 24  # 192 bits
DEFAULT_DAYS = 14


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def create_invitation(store: Store, actor: Actor, workshop_id: int, role: str,
                      days: int = DEFAULT_DAYS, max_uses: int | None = None) -> tuple[int, str]:
    """Make a link for ``role`` (staff or customer). Returns (invitation id, token); only the
    token's hash is kept, and :func:`invitation_token` gives the token again."""
    role = Role.parse(role, "role")
    if role is Role.FACILITATOR:
        raise ValidationError("facilitators sign in with a password, not a link", "role",
                              key="error.facilitator_no_link")
    if not isinstance(days, int) or not 1 <= days <= 365:
        raise ValidationError("must be between 1 and 365 days", "days", key="error.days_range",
                              low=1, high=365)
    if max_uses is not None and (not isinstance(max_uses, int) or max_uses < 1):
        raise ValidationError("must be 1 or more, or empty for no limit", "max_uses",
                              key="error.max_uses")
    key = derived_key(store, "invitations")  # before the write: it may write it once
    t = now()
    with store.write() as uow:
        authorize(uow.conn, actor, workshop_id, "run_workshop")
        inv_id = uow.invitations.add(workshop_id, role.value, _hash(new_token()), created_at=t,
                                     expires_at=t + dt.timedelta(days=days), max_uses=max_uses)
        token = _derived_token(key, inv_id, workshop_id, role.value, t)
        uow.invitations.set_token_hash(inv_id, _hash(token))
        record_change(uow.conn, workshop_id, "invitation.create", actor)
        uow.commit()
    return inv_id, token


def _derived_token(key: bytes, invitation_id: int, workshop_id: int, role: str,
                   created_at: dt.datetime) -> str:
    """An invitation's token: an HMAC of what the row says, under the database's key
    (:mod:`journeymap.services.secret`), so the facilitator can see the link again while
    the database still keeps only its hash."""
    stamp = _aware(created_at).astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%S.%f")
    msg = f"invitation:{invitation_id}:{workshop_id}:{role}:{stamp}".encode("utf-8")
    digest = hmac.new(key, msg, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:TOKEN_BYTES]).decode("ascii")


def invitation_token(store: Store, actor: Actor, invitation_id: int) -> str:
    """The token of an invitation still in use, to show its link and QR code again.

    Raises :class:`NotFound` for an invitation revoked, expired, used up, or made before
    links could be shown again (its token was random and is gone)."""
    with store.read() as uow:
        row = uow.invitations.get(invitation_id)
        if row is None:
            raise NotFound("no such invitation", key="error.gone.invitation", what="invitation")
        authorize(uow.conn, actor, row.workshop_id, "run_workshop")
    if not _usable(row, now()):
        raise NotFound("this invitation can no longer be used: make a new one",
                       key="error.invitation_unusable")
    token = _derived_token(derived_key(store, "invitations"), row.id, row.workshop_id,
                           row.role, row.created_at)
    if _hash(token) != row.token_hash:
        raise NotFound("this link was made before links could be shown again: make a new one",
                       key="error.invitation_not_shown_again")
    return token


def list_invitations(store: Store, actor: Actor, workshop_id: int) -> list[dict]:
    with store.read() as uow:
        authorize(uow.conn, actor, workshop_id, "run_workshop")
        rows = uow.invitations.of_workshop(workshop_id)
    out = []
    for r in rows:
        d = dict(r._mapping)
        d.pop("token_hash")
        d["active"] = _usable(r, now())
        out.append(d)
    return out


def revoke_invitation(store: Store, actor: Actor, invitation_id: int) -> None:
    with store.write() as uow:
        row = uow.invitations.get(invitation_id)
        if row is None:
            raise NotFound("no such invitation", key="error.gone.invitation", what="invitation")
        ws = row.workshop_id
        authorize(uow.conn, actor, ws, "run_workshop")
        uow.invitations.revoke(invitation_id)
        record_change(uow.conn, ws, "invitation.revoke", actor)
        uow.commit()


def _aware(ts: dt.datetime) -> dt.datetime:
    return ts if ts.tzinfo else ts.replace(tzinfo=dt.timezone.utc)


def _usable(row, at: dt.datetime) -> bool:
    return (row.revoked_at is None and _aware(row.expires_at) > at
            and (row.max_uses is None or row.uses < row.max_uses))


def check_invitation(store: Store, token: str) -> dict:
    """What the join page shows before joining: workshop name, language, role, privacy note.
    Raises InvalidToken for any token that cannot be used now."""
    with store.read() as uow:
        row = _invitation(uow, token)
        ws = uow.workshops.get(row.workshop_id)
    return {"workshop_id": ws.id, "workshop": ws.name, "language": ws.language,
            "role": row.role, "privacy_note": ws.privacy_note}


def _invitation(uow, token: str):
    """The invitation a token opens now (InvalidToken: unknown, unusable, workshop archived)."""
    if not isinstance(token, str) or not 10 <= len(token) <= 100:
        raise InvalidToken()
    row = uow.invitations.by_token_hash(_hash(token))
    if row is None or not _usable(row, now()):
        raise InvalidToken()
    if uow.workshops.is_archived(row.workshop_id):
        raise InvalidToken()
    return row


def join(store: Store, token: str, name: str = "", anonymous: bool = False,
         consent: bool = False) -> tuple[Actor, str]:
    """Join through an invitation. Returns the new participant and their personal token."""
    if not consent:
        raise ValidationError("please accept the privacy note to take part", "consent",
                              key="error.consent_needed")
    name = clean_text(name, "name", required=not anonymous, max_len=120)
    personal = new_token()
    with store.write() as uow:
        inv = _invitation(uow, token)
        # count the use atomically: a limited link can never be used more often than allowed
        if not uow.invitations.count_use(inv.id):
            raise InvalidToken()
        key = uow.participants.free_key(inv.workshop_id, inv.role[0])
        pid = uow.participants.add(inv.workshop_id, key, "" if anonymous else name, inv.role,
                                   bool(anonymous), _hash(personal), now())
        actor = Actor.participant(pid, inv.workshop_id, inv.role,
                                  name if not anonymous else "")
        record_change(uow.conn, inv.workshop_id, "participant.join", actor)
        uow.commit()
    return actor, personal


def resume(store: Store, personal_token: str, touch: bool = True) -> Actor:
    """The participant a personal link belongs to (InvalidToken otherwise)."""
    if not isinstance(personal_token, str) or not 10 <= len(personal_token) <= 100:
        raise InvalidToken()
    with store.read() as uow:
        row = uow.participants.by_token_hash(_hash(personal_token))
    if row is None or row.archived:
        raise InvalidToken()
    if touch:
        seen(store, row.id)
    return Actor.participant(row.id, row.workshop_id, row.role,
                             "" if row.anonymous else row.name)


def seen(store: Store, participant_id: int) -> None:
    """Note that a participant is here now (for the facilitator's live progress)."""
    with store.write() as uow:
        uow.participants.touch(participant_id)
        uow.commit()


def list_participants(store: Store, actor: Actor, workshop_id: int) -> list[dict]:
    """Participants of a workshop as the actor may see them: customers who chose anonymity
    stay nameless for everyone but the facilitator, and for customers before the reveal
    other people's names are hidden."""
    with store.read() as uow:
        ws = authorize(uow.conn, actor, workshop_id, "view_map")
        rows = uow.participants.of_workshop(workshop_id)
    names_ok = actor.kind != "participant" or rules.allowed(actor.role, "see_names", ws.phase)
    out = []
    for r in rows:
        d = {k: v for k, v in r._mapping.items() if k != "token_hash"}
        mine = actor.kind == "participant" and r.id == actor.participant_id
        if r.anonymous and actor.kind == "participant" and not mine:
            d["name"] = ""
        if not names_ok and not mine:
            d["name"] = ""
        out.append(d)
    return out
