"""Dot-voting on pain points with a budget of votes each, the tally, and merging duplicates (their
votes and authors follow the one kept)."""

from __future__ import annotations

from collections import defaultdict

from journeymap.domain.errors import NotFound, ValidationError

from .base import Actor, Store, authorize, record_change
from .journeys import workshop_of_journey
from .visibility import acting_participant, policy


DEFAULT_BUDGET = 5


MAX_VOTES_PER_PAIN_POINT = 2


def _pain_point(uow, pain_point_id: int):
    """The pain point with its ``journey_id`` and ``workshop_id`` (NotFound when gone)."""
    row = uow.pain_points.with_place(pain_point_id)
    if row is None:
        raise NotFound("this pain point no longer exists", key="error.gone.pain_point",
                       what="pain_point")
    return row


def budget(store: Store, actor: Actor, workshop_id: int,
           participant_id: int | None = None) -> dict:
    """``{"budget": 5, "used": 2, "remaining": 3}`` for the actor (or a named participant)."""
    with store.read() as uow:
        c = uow.conn
        ws = authorize(c, actor, workshop_id, "view_map")
        pid = actor.participant_id if actor.kind == "participant" else participant_id
        used = 0 if pid is None else uow.votes.count_of(pid)
        total = ws.vote_budget or DEFAULT_BUDGET
        return {"budget": total, "used": used, "remaining": max(0, total - used)}


def vote(store: Store, actor: Actor, pain_point_id: int,
         participant_id: int | None = None) -> dict:
    """Put one of the actor's dots on a pain point (Prioritise only). At most
    :data:`MAX_VOTES_PER_PAIN_POINT` on one, at most the workshop's budget in all.
    Returns the actor's budget afterwards."""
    with store.write() as uow:
        c = uow.conn
        pp = _pain_point(uow, pain_point_id)
        ws = authorize(c, actor, pp.workshop_id, "vote")
        pid, _ = acting_participant(c, actor, ws.id, participant_id)
        uow.participants.lock(pid)  # one person's votes are counted one after the other
        target = uow.pain_points.merge_root(pain_point_id)
        total = ws.vote_budget or DEFAULT_BUDGET
        used = uow.votes.count_of(pid)
        if used >= total:
            raise ValidationError(f"you have used all {total} of your votes; take one back "
                                  "to move it", "votes", key="error.votes_used_up", total=total)
        if uow.votes.count_on(pid, target) >= MAX_VOTES_PER_PAIN_POINT:
            raise ValidationError(f"at most {MAX_VOTES_PER_PAIN_POINT} votes on one pain point",
                                  "votes", key="error.votes_per_pain_point",
                                  max=MAX_VOTES_PER_PAIN_POINT)
        uow.votes.add(target, pid)
        record_change(c, ws.id, "vote", actor)
        uow.commit()
    return {"budget": total, "used": used + 1, "remaining": total - used - 1}


def unvote(store: Store, actor: Actor, pain_point_id: int,
           participant_id: int | None = None) -> None:
    """Take back one of the actor's dots from a pain point (Prioritise only)."""
    with store.write() as uow:
        c = uow.conn
        pp = _pain_point(uow, pain_point_id)
        ws = authorize(c, actor, pp.workshop_id, "vote")
        pid, _ = acting_participant(c, actor, ws.id, participant_id)
        target = uow.pain_points.merge_root(pain_point_id)
        if not uow.votes.remove_latest(pid, target):
            raise ValidationError("you have no vote on this pain point", "votes",
                                  key="error.no_vote")
        record_change(c, ws.id, "unvote", actor)
        uow.commit()


def tally(store: Store, actor: Actor, journey_id: int) -> list[dict]:
    """The pain points of a journey the actor may see, most votes first, each with
    ``votes`` (imported + cast, merged ones included), ``mine`` (the actor's votes),
    ``merged`` (how many duplicates were merged into it) and ``authors`` (visible names)."""
    with store.read() as uow:
        c = uow.conn
        ws_id = workshop_of_journey(c, journey_id)
        pol = policy(c, actor, ws_id)
        rows = uow.pain_points.of_journey(journey_id)
        people = {r.id: r for r in uow.participants.of_workshop(ws_id)}
        cast = defaultdict(int)
        mine = defaultdict(int)
        for ppid, voter in uow.votes.on([r.id for r in rows]):
            cast[ppid] += 1
            if pol.me is not None and voter == pol.me:
                mine[ppid] += 1
    by_id = {r.id: r for r in rows}

    def root(i):
        seen = set()
        while by_id[i].merged_into_id is not None and by_id[i].merged_into_id in by_id \
                and i not in seen:
            seen.add(i)
            i = by_id[i].merged_into_id
        return i

    groups = defaultdict(list)
    for r in rows:
        groups[root(r.id)].append(r)
    out = []
    for rid, members in groups.items():
        r = by_id[rid]
        if not pol.sees(r.perspective, r.participant_id):
            continue
        authors, author_ids = [], []
        for m in members:
            p = people.get(m.participant_id)
            if p is not None and p.id not in author_ids:
                author_ids.append(p.id)
                authors.append(pol.name(p))
        out.append({
            "id": r.id, "key": r.key, "text": r.text, "severity": r.severity,
            "pillar": r.pillar, "perspective": r.perspective, "step_id": r.step_id,
            "step_title": r.step_title, "step_key": r.step_key, "position": r.position,
            "votes": sum(m.imported_votes + cast[m.id] for m in members),
            "mine": sum(mine[m.id] for m in members), "merged": len(members) - 1,
            "merged_texts": [m.text for m in members if m.id != rid],
            "authors": authors, "author_ids": author_ids,
            "own": pol.me is not None and pol.me in author_ids,
        })
    out.sort(key=lambda d: (-d["votes"], -d["severity"], d["position"], d["id"]))
    return out


def merge_pain_points(store: Store, actor: Actor, source_ids: list[int],
                      target_id: int) -> None:
    """Merge duplicate pain points into ``target_id`` (facilitator). The duplicates stay as
    rows (their authors are kept: they show as authors of the target) with
    ``merged_into_id`` set; their votes and imported votes move to the target, and actions
    linked to them now link to the target."""
    source_ids = [int(s) for s in source_ids if int(s) != int(target_id)]
    if not source_ids:
        raise ValidationError("choose at least one other pain point to merge", "sources",
                              key="error.merge_needs_other")
    with store.write() as uow:
        c = uow.conn
        target = _pain_point(uow, target_id)
        ws = authorize(c, actor, target.workshop_id, "run_workshop")
        target_id = uow.pain_points.merge_root(target_id)
        for sid in source_ids:
            src = _pain_point(uow, sid)
            if src.journey_id != target.journey_id:
                raise ValidationError("both pain points must be in the same journey",
                                      "sources", key="error.merge_other_journey")
            if uow.pain_points.merge_root(sid) == target_id:
                continue
            group = [sid] + uow.pain_points.merged_into(sid)
            uow.pain_points.merge(group, target_id)
            uow.votes.move(group, target_id)
            uow.opportunities.relink(group, target_id)
        record_change(c, ws.id, "pain_point.merge", actor)
        uow.commit()

