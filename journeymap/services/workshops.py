"""Workshops: create, rename, language, archive, phase, vote budget."""

from __future__ import annotations

from sqlalchemy import insert, select, update

from journeymap.domain.errors import InvalidChoice, NotFound, PermissionDenied, StaleEdit
from journeymap.domain.model import LANGUAGES, Phase, clean_text
from journeymap.store import schema as T

from .base import Actor, Store, authorize, now, record_change


def _owner_of(actor: Actor) -> int | None:
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
    owner = _owner_of(actor) if actor.kind != "system" else owner_account_id
    with store.write() as uow:
        ws_id = _insert_workshop(uow.conn, name, language, owner)
        record_change(uow.conn, ws_id, "workshop.create", actor)
        uow.commit()
    return ws_id


def _insert_workshop(conn, name: str, language: str, owner: int | None) -> int:
    t = now()
    return conn.execute(insert(T.workshops).values(
        name=name, language=language, phase="map", archived=False, vote_budget=5,
        privacy_note="", reveal_view="comparison", owner_account_id=owner, version=1,
        created_at=t, updated_at=t)).inserted_primary_key[0]


def list_workshops(store: Store, actor: Actor, include_archived: bool = False) -> list[dict]:
    q = select(T.workshops).order_by(T.workshops.c.id)
    if actor.kind == "account":
        q = q.where(T.workshops.c.owner_account_id == actor.account_id)
    elif actor.kind == "participant":
        q = q.where(T.workshops.c.id == actor.workshop_id)
    if not include_archived:
        q = q.where(T.workshops.c.archived.is_(False))
    with store.read() as uow:
        return [dict(r._mapping) for r in uow.conn.execute(q)]


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
        from journeymap.domain.model import check_int
        changes["vote_budget"] = check_int(changes["vote_budget"], "vote_budget", 1, 50)
    with store.write() as uow:
        authorize(uow.conn, actor, workshop_id, "run_workshop")
        row = _save_versioned(uow.conn, T.workshops, workshop_id, expected_version, changes,
                              "workshop", actor, stamp_by=False)
        record_change(uow.conn, workshop_id, "workshop.update", actor)
        uow.commit()
    return row


def set_phase(store: Store, actor: Actor, workshop_id: int, phase: Phase | str) -> None:
    phase = Phase.parse(phase, "phase")
    with store.write() as uow:
        authorize(uow.conn, actor, workshop_id, "run_workshop")
        uow.conn.execute(update(T.workshops).where(T.workshops.c.id == workshop_id)
                         .values(phase=phase.value, updated_at=now(),
                                 version=T.workshops.c.version + 1))
        record_change(uow.conn, workshop_id, f"phase.{phase.value}", actor)
        uow.commit()


def _save_versioned(conn, table, row_id: int, expected_version: int, changes: dict, kind: str,
                    actor: Actor, stamp_by: bool = True) -> dict:
    """Compare-and-set on ``version``: refuse a stale save with the newer content."""
    values = dict(changes, version=table.c.version + 1, updated_at=now())
    if stamp_by:
        values["updated_by"] = actor.name[:120]
    res = conn.execute(update(table).where(table.c.id == row_id,
                                           table.c.version == expected_version).values(**values))
    if res.rowcount == 0:
        current = conn.execute(select(table).where(table.c.id == row_id)).first()
        if current is None:
            raise NotFound(f"this {kind} was deleted by someone else", key=f"error.gone.{kind}",
                           what=kind)
        cur = dict(current._mapping)
        raise StaleEdit(kind, cur, cur.get("updated_by") or None, attempted=changes)
    return dict(conn.execute(select(table).where(table.c.id == row_id)).first()._mapping)
