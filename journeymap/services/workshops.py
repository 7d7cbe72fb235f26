"""Workshops: create, rename, language, archive, phase, vote budget."""

from __future__ import annotations

from journeymap.domain.errors import InvalidChoice, NotFound, PermissionDenied
from journeymap.domain.model import LANGUAGES, Phase, check_int, clean_text

from .base import Actor, Store, authorize, record_change


def owner_of_new_workshop(actor: Actor) -> int | None:
    """The account a workshop made by ``actor`` belongs to (None: made by the system)."""
    if actor.kind == "account":
        return actor.account_id
    if actor.kind == "system":
        return None
    raise PermissionDenied("only a facilitator can create workshops",
                           key="error.denied.create_workshop")


def create_workshop(store: Store, actor: Actor, name: str, language: str = "en",
                    owner_account_id: int | None = None) -> int:
    name = clean_text(name, "name", required=True, max_len=200)
    if language not in LANGUAGES:
        raise InvalidChoice("language", language, LANGUAGES)
    owner = owner_of_new_workshop(actor) if actor.kind != "system" else owner_account_id
    with store.write() as uow:
        ws_id = uow.workshops.add(name, language, owner)
        uow.changes.record(ws_id, "workshop.create", actor.name)
        uow.commit()
    return ws_id


def list_workshops(store: Store, actor: Actor, include_archived: bool = False) -> list[dict]:
    """The workshops the actor may see: a facilitator's own, a participant's one."""
    with store.read() as uow:
        if actor.kind == "account":
            return uow.workshops.list(owner_account_id=actor.account_id,
                                      include_archived=include_archived)
        if actor.kind == "participant":
            return uow.workshops.list(only_id=actor.workshop_id,
                                      include_archived=include_archived)
        return uow.workshops.list(include_archived=include_archived)


def get_workshop(store: Store, actor: Actor, workshop_id: int) -> dict:
    with store.read() as uow:
        return dict(authorize(uow.conn, actor, workshop_id, "view_map")._mapping)


def update_workshop(store: Store, actor: Actor, workshop_id: int, expected_version: int,
                    **changes) -> dict:
    """Change name, language, archived, vote_budget, privacy_note or reveal_view."""
    allowed = {"name", "language", "archived", "vote_budget", "privacy_note", "reveal_view"}
    unknown = set(changes) - allowed
    if unknown:
        raise NotFound(f"a workshop has no field {', '.join(sorted(unknown))}",
                       key="error.no_field.workshop", what="field",
                       field=", ".join(sorted(unknown)))
    if "name" in changes:
        changes["name"] = clean_text(changes["name"], "name", required=True, max_len=200)
    if "language" in changes and changes["language"] not in LANGUAGES:
        raise InvalidChoice("language", changes["language"], LANGUAGES)
    if "privacy_note" in changes:
        changes["privacy_note"] = clean_text(changes["privacy_note"], "privacy_note",
                                             max_len=4000)
    if "vote_budget" in changes:
        changes["vote_budget"] = check_int(changes["vote_budget"], "vote_budget", 1, 50)
    with store.write() as uow:
        authorize(uow.conn, actor, workshop_id, "run_workshop")
        row = uow.workshops.save(workshop_id, expected_version, changes)
        record_change(uow.conn, workshop_id, "workshop.update", actor)
        uow.commit()
    return row


def set_phase(store: Store, actor: Actor, workshop_id: int, phase: Phase | str) -> None:
    phase = Phase.parse(phase, "phase")
    with store.write() as uow:
        authorize(uow.conn, actor, workshop_id, "run_workshop")
        uow.workshops.set_phase(workshop_id, phase.value)
        record_change(uow.conn, workshop_id, f"phase.{phase.value}", actor)
        uow.commit()

