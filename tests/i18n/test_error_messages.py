"""Every refusal is said in the user's language: each error the services raise carries a
catalog key, and :func:`journeymap.i18n.errors.describe` gives it in Italian (really Italian,
naming the field in the user's words) or English.

The refusals are provoked through the real services on SQLite, as a user's action would; a
source scan fails when someone raises a domain error in ``domain/`` or ``services/`` without
a key.
"""

from __future__ import annotations

import ast
import inspect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from journeymap.domain import errors as E
from journeymap.domain.errors import JourneymapError
from journeymap.domain.model import Journey, Participant, Rating, Stage, Step, clean_text
from journeymap.i18n import catalog
from journeymap.i18n.errors import describe, field_label
from journeymap.services import (
    SYSTEM,
    Actor,
    Store,
    add_highlight,
    add_pain_point,
    add_stage,
    add_step,
    add_transition,
    answer_step,
    clear_rating,
    create_account,
    create_journey,
    create_opportunity,
    create_workshop,
    decide_proposal,
    delete_my_input,
    delete_opportunity,
    delete_stage,
    erase_participant,
    find_journey,
    get_workshop,
    import_journey,
    load_journey,
    merge_pain_points,
    propose_step,
    rate_step,
    ratings_of,
    rename_stage,
    replies_for,
    reply,
    set_phase,
    skip_step,
    unvote,
    update_journey,
    update_opportunity,
    update_step,
    update_workshop,
    vote,
)
from journeymap.services import accounts, sessions
from journeymap.services import invitations as inv
from journeymap.services.catalogue import find_workshop
from journeymap.services.map_editing import bulk_save_steps, label_transition
from journeymap.store import schema as T

ROOT = Path(__file__).resolve().parents[2] / "journeymap"
GONE = 999_999  # an id no row has

#: words Italian borrows from English, allowed in an Italian message
LOANWORDS = {"workshop", "link", "password", "privacy", "journeymap", "list"}


class World:
    """The small journey in a workshop run by Fran: staff Giulia, customers Sam and an
    anonymous one; a second journey ("Other") with one step and one pain point by Sam."""

    def __init__(self, store, fac: Actor, journey: Journey):
        self.store = store
        self.fac = fac
        self.ws, self.jid = import_journey(store, self.fac, journey)
        with store.read() as uow:
            c = uow.conn
            self.pid = dict(c.execute(select(T.participants.c.key, T.participants.c.id)
                                      .where(T.participants.c.workshop_id == self.ws)).all())
            self.step = dict(c.execute(select(T.steps.c.key, T.steps.c.id)
                                       .where(T.steps.c.journey_id == self.jid)).all())
            self.stage = dict(c.execute(select(T.stages.c.key, T.stages.c.id)
                                        .where(T.stages.c.journey_id == self.jid)).all())
            self.pp1 = c.execute(select(T.pain_points.c.id).where(
                T.pain_points.c.participant_id == self.pid["p2"])).scalar_one()
            self.anon_rating = c.execute(select(T.ratings.c.id).where(
                T.ratings.c.participant_id == self.pid["p3"])).scalar_one()
        self.staff = Actor.participant(self.pid["p1"], self.ws, "staff", "Giulia")
        self.sam = Actor.participant(self.pid["p2"], self.ws, "customer", "Sam")
        self.anon = Actor.participant(self.pid["p3"], self.ws, "customer", "")
        self.other_jid = create_journey(store, self.fac, self.ws, "Other", stages=["Only"])
        with store.read() as uow:
            other_stage = uow.conn.execute(select(T.stages.c.id).where(
                T.stages.c.journey_id == self.other_jid)).scalar_one()
        self.other_step = add_step(store, self.fac, self.other_jid, other_stage, "Elsewhere")

    def phase(self, phase: str) -> None:
        set_phase(self.store, self.fac, self.ws, phase)

    def pain(self, text: str = "Slow") -> int:
        return add_pain_point(self.store, self.sam, self.step["s2"], text)


@dataclass
class Case:
    name: str
    key: str
    field: str | None
    call: Callable[[World], Any]
    phase: str = "listen"

    def __str__(self) -> str:
        return self.name


def _two_votes_then_a_third(w):
    w.phase("prioritise")
    vote(w.store, w.sam, w.pp1)
    vote(w.store, w.sam, w.pp1)
    vote(w.store, w.sam, w.pp1)


def _budget_used_up(w):
    update_workshop(w.store, w.fac, w.ws, get_workshop(w.store, w.fac, w.ws)["version"],
                    vote_budget=1)
    second = w.pain()
    w.phase("prioritise")
    vote(w.store, w.sam, w.pp1)
    vote(w.store, w.sam, second)


def _decided_twice(outcome: bool):
    def run(w):
        pid = propose_step(w.store, w.sam, w.jid, "Tweet", after_step_id=w.step["s1"])
        decide_proposal(w.store, w.fac, pid, accept=outcome)
        decide_proposal(w.store, w.fac, pid, accept=True)
    return run


def _stale_stage(w):
    rename_stage(w.store, w.fac, w.stage["help"], 1, "Help")
    rename_stage(w.store, w.staff, w.stage["help"], 1, "Support")


def _stale_workshop(w):
    v = get_workshop(w.store, w.fac, w.ws)["version"]
    update_workshop(w.store, w.fac, w.ws, v, name="First")
    update_workshop(w.store, w.fac, w.ws, v, name="Second")


def _ambiguous(w):
    create_journey(w.store, w.fac, w.ws, "Other two")
    find_journey(w.store, w.fac, "Oth")


def _other_participant_workshop(w):
    ws2 = create_workshop(w.store, w.fac, "Second workshop")
    stranger = Actor.participant(w.pid["p2"], ws2, "customer", "Sam")
    get_workshop(w.store, stranger, w.ws)


def _other_facilitator(w):
    olga = create_account(w.store, "olga", "another long password", "Olga")
    get_workshop(w.store, olga, w.ws)


def _username_taken(w):
    create_account(w.store, "fran", "yet another password")


def _join_without_consent(w):
    _, token = inv.create_invitation(w.store, w.fac, w.ws, "customer")
    inv.join(w.store, token, name="Ada", consent=False)


def _reply_to_staff(w):
    hid = add_highlight(w.store, w.staff, w.step["s4"], "Good tools", perspective="employee")
    w.phase("reveal")
    reply(w.store, w.staff, "highlight", hid, "Nice")


def _unvote_without_vote(w):
    w.phase("prioritise")
    unvote(w.store, w.sam, w.pp1)


CASES = [
    # values a user types ------------------------------------------------------------------
    Case("an empty step title", "error.empty", "title",
         lambda w: add_step(w.store, w.fac, w.jid, w.stage["help"], "   ")),
    Case("an empty stage name", "error.empty", "name",
         lambda w: add_stage(w.store, w.fac, w.jid, "")),
    Case("an empty pain point", "error.empty", "text",
         lambda w: add_pain_point(w.store, w.sam, w.step["s2"], " ")),
    Case("an empty action title", "error.empty", "title",
         lambda w: create_opportunity(w.store, w.fac, w.jid, ""), "act"),
    Case("a comment of 5000 characters", "error.too_long", "comment",
         lambda w: rate_step(w.store, w.sam, w.step["s1"], 1, comment="x" * 5000)),
    Case("a step title of 301 characters", "error.too_long", "title",
         lambda w: update_step(w.store, w.fac, w.step["s1"], 1, title="y" * 301)),
    Case("an owner of 121 characters", "error.too_long", "owner",
         lambda w: create_opportunity(w.store, w.fac, w.jid, "Call back", owner="o" * 121),
         "act"),
    Case("a word for an emotion", "error.expected.number", "emotion",
         lambda w: rate_step(w.store, w.sam, w.step["s1"], "happy")),
    Case("no emotion at all", "error.expected.number", "emotion",
         lambda w: rate_step(w.store, w.sam, w.step["s1"], None)),
    Case("a word for an effort", "error.expected.whole_number", "effort",
         lambda w: rate_step(w.store, w.sam, w.step["s1"], 1, effort="hard")),
    Case("a number for a stage name", "error.expected.text", "name",
         lambda w: add_stage(w.store, w.fac, w.jid, 42)),
    Case("an emotion of 5", "error.out_of_range", "emotion",
         lambda w: rate_step(w.store, w.sam, w.step["s1"], 5)),
    Case("an effort of 6", "error.out_of_range", "effort",
         lambda w: answer_step(w.store, w.sam, w.step["s1"], effort=6)),
    Case("a vote budget of 0", "error.out_of_range", "vote_budget",
         lambda w: update_workshop(w.store, w.fac, w.ws, 1, vote_budget=0)),
    Case("an unknown lane", "error.invalid_choice", "lane",
         lambda w: add_step(w.store, w.fac, w.jid, w.stage["help"], "Pay", lane="kitchen")),
    Case("an unknown success", "error.invalid_choice", "success",
         lambda w: rate_step(w.store, w.sam, w.step["s1"], 1, success="maybe")),
    Case("an unknown emotion word", "error.invalid_choice", "emotion_word",
         lambda w: rate_step(w.store, w.sam, w.step["s1"], 1, emotion_word="meh")),
    Case("an unknown pillar", "error.invalid_choice", "pillar",
         lambda w: add_pain_point(w.store, w.sam, w.step["s2"], "Slow", pillar="speed")),
    Case("an unknown action status", "error.invalid_choice", "status",
         lambda w: create_opportunity(w.store, w.fac, w.jid, "Call back", status="later"),
         "act"),
    Case("an unknown language", "error.invalid_choice", "language",
         lambda w: create_workshop(w.store, w.fac, "W", language="de")),
    Case("a reply to a step", "error.invalid_choice", "target",
         lambda w: reply(w.store, w.fac, "step", w.step["s1"], "Hi")),
    Case("deleting a vote as one's input", "error.invalid_choice", "kind",
         lambda w: delete_my_input(w.store, w.sam, "vote", 1)),
    Case("a due date written the Italian way", "error.not_a_date", "due",
         lambda w: create_opportunity(w.store, w.fac, w.jid, "Call back", due="31/12/2026"),
         "act"),
    Case("a step in a stage that is not there", "error.unknown_stage", "stage",
         lambda w: add_step(w.store, w.fac, w.jid, GONE, "Pay")),
    Case("a password of five letters", "error.password_too_short", "password",
         lambda w: create_account(w.store, "olga", "short")),
    Case("a username already taken", "error.username_taken", "username", _username_taken),
    Case("a link valid for 0 days", "error.days_range", "days",
         lambda w: inv.create_invitation(w.store, w.fac, w.ws, "customer", days=0)),
    Case("a link usable 0 times", "error.max_uses", "max_uses",
         lambda w: inv.create_invitation(w.store, w.fac, w.ws, "customer", max_uses=0)),
    Case("a link for a facilitator", "error.facilitator_no_link", "role",
         lambda w: inv.create_invitation(w.store, w.fac, w.ws, "facilitator")),
    Case("joining without consent", "error.consent_needed", "consent", _join_without_consent),
    # the rating screen ----------------------------------------------------------------------
    Case("an effort before a face", "error.face_first", "emotion",
         lambda w: answer_step(w.store, w.sam, w.step["s1"], effort=2)),
    Case("taking the face away", "error.face_required", "emotion",
         lambda w: answer_step(w.store, w.sam, w.step["s2"], emotion=None)),
    Case("rating a deleted step", "error.gone.step", None,
         lambda w: rate_step(w.store, w.sam, GONE, 1)),
    Case("a pain point on a deleted step", "error.gone.step", None,
         lambda w: add_pain_point(w.store, w.sam, GONE, "Slow")),
    Case("skipping a deleted step", "error.gone.step", None,
         lambda w: skip_step(w.store, w.sam, GONE)),
    Case("clearing the rating of a deleted step", "error.gone.step", None,
         lambda w: clear_rating(w.store, w.sam, GONE)),
    Case("rating as someone else", "error.denied.write_own", None,
         lambda w: rate_step(w.store, w.sam, w.step["s1"], 1, participant_id=w.pid["p3"])),
    Case("a pain point as someone else", "error.denied.write_own", None,
         lambda w: add_pain_point(w.store, w.sam, w.step["s2"], "Slow",
                                  participant_id=w.pid["p3"])),
    Case("a facilitator rating for nobody", "error.which_participant", "participant",
         lambda w: rate_step(w.store, w.fac, w.step["s1"], 1)),
    Case("a facilitator pain point for nobody", "error.which_participant", "participant",
         lambda w: add_highlight(w.store, w.fac, w.step["s1"], "Nice")),
    Case("a rating for a participant not in the workshop", "error.no_participant", None,
         lambda w: rate_step(w.store, w.fac, w.step["s1"], 1, participant_id=GONE)),
    Case("a pain point for a participant not in the workshop", "error.no_participant", None,
         lambda w: add_pain_point(w.store, w.fac, w.step["s2"], "Slow", participant_id=GONE)),
    Case("a customer writing an assumption", "error.denied.customers_rate_lived", None,
         lambda w: add_pain_point(w.store, w.sam, w.step["s2"], "Slow",
                                  perspective="assumed")),
    Case("staff writing a lived pain point", "error.denied.staff_not_lived", None,
         lambda w: add_pain_point(w.store, w.staff, w.step["s2"], "Slow",
                                  perspective="lived")),
    Case("reading someone else's ratings", "error.denied.see_own", None,
         lambda w: ratings_of(w.store, w.sam, w.pid["p3"], w.jid)),
    # the phases and roles -------------------------------------------------------------------
    Case("voting while listening", "error.closed_in_phase", None,
         lambda w: vote(w.store, w.sam, w.pp1)),
    Case("a customer rating in the map phase", "error.closed_in_phase", None,
         lambda w: rate_step(w.store, w.sam, w.step["s1"], 1), "map"),
    Case("a customer changing the map", "error.denied.role", None,
         lambda w: add_stage(w.store, w.sam, w.jid, "Pay")),
    Case("staff running the workshop", "error.denied.role", None,
         lambda w: set_phase(w.store, w.staff, w.ws, "reveal")),
    Case("a workshop of another facilitator", "error.denied.other_facilitator", None,
         _other_facilitator),
    Case("a workshop one was not invited to", "error.denied.not_invited", None,
         _other_participant_workshop),
    Case("a customer creating a workshop", "error.denied.create_workshop", None,
         lambda w: create_workshop(w.store, w.sam, "Mine")),
    Case("a wrong password", "error.denied.credentials", None,
         lambda w: accounts.authenticate(w.store, "fran", "not the password")),
    Case("a customer keeping a session", "error.denied.session_facilitator_only", None,
         lambda w: sessions.start_session(w.store, w.sam)),
    Case("a wrong link", "error.invalid_token", None,
         lambda w: inv.check_invitation(w.store, "not-a-real-token-at-all")),
    # the map --------------------------------------------------------------------------------
    Case("two people saving one stage", "error.stale_edit_by", None, _stale_stage),
    Case("two saves of the workshop settings", "error.stale_edit", None, _stale_workshop),
    Case("deleting a stage that holds steps", "error.stage_not_empty", "stage",
         lambda w: delete_stage(w.store, w.fac, w.stage["help"])),
    Case("connecting steps of two journeys", "error.steps_other_journey", "to",
         lambda w: add_transition(w.store, w.fac, w.step["s1"], w.other_step)),
    Case("connecting two connected steps", "error.already_connected", "to",
         lambda w: add_transition(w.store, w.fac, w.step["s1"], w.step["s2"])),
    Case("renaming a deleted stage", "error.gone.stage", None,
         lambda w: rename_stage(w.store, w.fac, GONE, 1, "Pay")),
    Case("editing a deleted step", "error.gone.step", None,
         lambda w: update_step(w.store, w.fac, GONE, 1, title="Pay")),
    Case("saving a table with a deleted step", "error.gone.step", None,
         lambda w: bulk_save_steps(w.store, w.fac, w.jid,
                                   edits=[{"id": GONE, "version": 1, "title": "Pay"}])),
    Case("labelling a deleted connection", "error.gone.transition", None,
         lambda w: label_transition(w.store, w.fac, GONE, "if it fails")),
    Case("a journey that is not there", "error.no_journey", None,
         lambda w: load_journey(w.store, w.fac, GONE)),
    Case("a workshop that is not there", "error.no_workshop", None,
         lambda w: get_workshop(w.store, SYSTEM, GONE)),
    Case("a journey title nobody gave", "error.no_journey_named", None,
         lambda w: find_journey(w.store, w.fac, "Holiday")),
    Case("a journey title two journeys share", "error.ambiguous_journey", None, _ambiguous),
    Case("a workshop name nobody gave", "error.no_workshop_named", None,
         lambda w: find_workshop(w.store, w.fac, "Holiday")),
    Case("a workshop name two workshops share", "error.ambiguous_workshop", None,
         lambda w: (create_workshop(w.store, w.fac, "Bank one"),
                    create_workshop(w.store, w.fac, "Bank two"),
                    find_workshop(w.store, w.fac, "Bank"))),
    Case("a journey field that is not there", "error.no_field.journey", None,
         lambda w: update_journey(w.store, w.fac, w.jid, 1, colour="red")),
    Case("a step field that is not there", "error.no_field.step", None,
         lambda w: update_step(w.store, w.fac, w.step["s1"], 1, colour="red")),
    Case("a workshop field that is not there", "error.no_field.workshop", None,
         lambda w: update_workshop(w.store, w.fac, w.ws, 1, colour="red")),
    # proposals ------------------------------------------------------------------------------
    Case("a proposal in no stage", "error.which_stage", "stage",
         lambda w: propose_step(w.store, w.sam, w.jid, "Tweet")),
    Case("a proposal in a stage that is not there", "error.no_stage", "stage",
         lambda w: propose_step(w.store, w.sam, w.jid, "Tweet", stage_id=GONE)),
    Case("a proposal after a step of another journey", "error.after_other_journey", "after",
         lambda w: propose_step(w.store, w.sam, w.jid, "Tweet", after_step_id=w.other_step)),
    Case("a proposal after a deleted step", "error.gone.step", None,
         lambda w: propose_step(w.store, w.sam, w.jid, "Tweet", after_step_id=GONE)),
    Case("deciding a proposal twice (declined)", "error.proposal_already.declined", "status",
         _decided_twice(False)),
    Case("deciding a proposal twice (accepted)", "error.proposal_already.accepted", "status",
         _decided_twice(True)),
    Case("deciding a deleted proposal", "error.gone.proposal", None,
         lambda w: decide_proposal(w.store, w.fac, GONE, accept=True)),
    # votes, merging, replies ---------------------------------------------------------------
    Case("a third vote on one pain point", "error.votes_per_pain_point", "votes",
         _two_votes_then_a_third),
    Case("a vote beyond the budget", "error.votes_used_up", "votes", _budget_used_up),
    Case("taking back a vote one never gave", "error.no_vote", "votes", _unvote_without_vote),
    Case("voting on a deleted pain point", "error.gone.pain_point", None,
         lambda w: vote(w.store, w.sam, GONE), "prioritise"),
    Case("voting as someone else", "error.denied.act_as_self", None,
         lambda w: vote(w.store, w.sam, w.pp1, participant_id=w.pid["p3"]), "prioritise"),
    Case("voting for a participant not in the workshop", "error.no_participant", None,
         lambda w: vote(w.store, w.fac, w.pp1, participant_id=GONE), "prioritise"),
    Case("merging a pain point into itself", "error.merge_needs_other", "sources",
         lambda w: merge_pain_points(w.store, w.fac, [w.pp1], w.pp1)),
    Case("merging pain points of two journeys", "error.merge_other_journey", "sources",
         lambda w: merge_pain_points(
             w.store, w.fac, [add_pain_point(w.store, w.sam, w.other_step, "Far")], w.pp1)),
    Case("replying to staff", "error.reply_customers_only", "target", _reply_to_staff),
    Case("replying to a deleted rating", "error.gone.rating", None,
         lambda w: reply(w.store, w.fac, "rating", GONE, "Sorry")),
    Case("replying to a deleted highlight", "error.gone.highlight", None,
         lambda w: reply(w.store, w.fac, "highlight", GONE, "Thanks")),
    Case("reading someone else's replies", "error.denied.replies_own", None,
         lambda w: replies_for(w.store, w.sam, participant_id=w.pid["p3"])),
    Case("asking for replies to nobody", "error.whose_replies", "participant",
         lambda w: replies_for(w.store, w.fac)),
    Case("asking for replies to a participant not there", "error.no_participant", None,
         lambda w: replies_for(w.store, w.fac, participant_id=GONE)),
    # actions, one's own input, erasure, invitations -----------------------------------------
    Case("an action for a pain point not in the journey", "error.no_pain_point", "pain_points",
         lambda w: create_opportunity(w.store, w.fac, w.jid, "Call back",
                                      pain_point_ids=[GONE]), "act"),
    Case("editing a deleted action", "error.gone.action", None,
         lambda w: update_opportunity(w.store, w.fac, GONE, 1, title="Call back"), "act"),
    Case("deleting a deleted action", "error.gone.action", None,
         lambda w: delete_opportunity(w.store, w.fac, GONE), "act"),
    Case("an action field that is not there", "error.no_field.opportunity", None,
         lambda w: update_opportunity(w.store, w.fac, GONE, 1, colour="red"), "act"),
    Case("deleting someone else's rating", "error.denied.delete_own", None,
         lambda w: delete_my_input(w.store, w.sam, "rating", w.anon_rating)),
    Case("deleting a skip already gone", "error.gone.skip", None,
         lambda w: delete_my_input(w.store, w.sam, "skip", GONE)),
    Case("deleting a pain point already gone", "error.gone.pain_point", None,
         lambda w: delete_my_input(w.store, w.sam, "pain_point", GONE)),
    Case("erasing a participant twice", "error.gone.participant", None,
         lambda w: erase_participant(w.store, w.fac, GONE)),
    Case("revoking an invitation that is not there", "error.gone.invitation", None,
         lambda w: inv.revoke_invitation(w.store, w.fac, GONE)),
]


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One database and one facilitator account (hashing a password takes a while); each
    test gets a workshop of its own in it."""
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('errors') / 'jm.sqlite'}")
    yield store, create_account(store, "fran", "a long password", "Fran")
    store.close()


@pytest.fixture
def world(shared, small_journey):
    return World(*shared, small_journey())


def _refusal(world: World, case: Case) -> JourneymapError:
    world.phase(case.phase)
    with pytest.raises(JourneymapError) as caught:
        case.call(world)
    return caught.value


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) >= 3}


def _value_words(err: JourneymapError) -> set[str]:
    """Words the user (or the data) supplied: they are the same in every language."""
    out: set[str] = set()
    for v in err.values.values():
        for part in v if isinstance(v, (tuple, list)) else (v,):
            out |= _words(str(part))
    return out


@pytest.mark.parametrize("case", CASES, ids=str)
def test_each_refusal_carries_its_key_and_reads_as_italian(world, case):
    err = _refusal(world, case)
    assert err.key == case.key, err.message
    assert getattr(err, "field", None) == case.field
    assert case.key in catalog("it") and case.key in catalog("en")

    italian, english = describe(err, "it"), describe(err, "en")
    if case.field:
        assert italian.startswith(catalog("it")[f"error.field.{case.field}"] + ": ")
        assert english.startswith(catalog("en")[f"error.field.{case.field}"] + ": ")
    english_words = (_words(err.message) | _words(english)) - _value_words(err) - LOANWORDS
    if case.field:
        english_words -= _words(field_label(case.field, "en"))
    leaked = english_words & _words(italian)
    assert not leaked, f"English words {sorted(leaked)} in {italian!r}"
    assert italian != english


# a dozen messages, written out by hand in both languages ---------------------------------

HAND_WRITTEN = {
    "an empty step title": ("Titolo: non può essere vuoto", "Title: must not be empty"),
    "a comment of 5000 characters": (
        "Commento: è lungo 5000 caratteri, al massimo 2000",
        "Comment: is 5000 characters long; at most 2000"),
    "a word for an emotion": (
        "Emozione: serve un numero, invece è il testo «happy»",
        "Emotion: expected a number, got text 'happy'"),
    "an effort of 6": ("Sforzo: deve essere tra 1 e 5 (invece è 6)",
                       "Effort: must be between 1 and 5 (it is 6)"),
    "an unknown success": (
        "Riuscita: «maybe» non è tra le scelte possibili: Sì, In parte, No",
        "Success: 'maybe' is not one of: Yes, Partly, No"),
    "a due date written the Italian way": (
        "Scadenza: «31/12/2026» non è una data nel formato 2026-12-31",
        "Due date: '31/12/2026' is not a date like 2026-12-31"),
    "rating a deleted step": ("Questo passo non esiste più (qualcuno l'ha eliminato)",
                              "This step no longer exists (someone deleted it)"),
    "voting while listening": (
        "Votare non è possibile nella fase Ascolto (è possibile in: Priorità)",
        "Voting is not open in the Listen phase (open in: Prioritise)"),
    "a customer changing the map": ("Il ruolo cliente non permette di modificare la mappa",
                                    "The role customer does not allow changing the map"),
    "two people saving one stage": (
        "Fran l'ha modificato da quando l'hai aperto; il tuo testo è conservato qui sotto: "
        "riapplicalo alla nuova versione",
        "Fran changed this since you opened it; your text is kept below, re-apply it to the "
        "new version"),
    "a vote beyond the budget": (
        "Voti: hai già usato tutti i tuoi voti (1): riprendine uno per spostarlo",
        "Votes: you have used all your votes (1); take one back to move it"),
    "deleting a stage that holds steps": (
        "Tappa: contiene ancora 3 passi: spostali o eliminali prima",
        "Stage: still holds 3 steps; move or delete them first"),
    "a wrong link": (
        "Questo link non è più valido: chiedi al facilitatore un link nuovo",
        "This link is not valid any more; ask the facilitator for a new link"),
}


@pytest.mark.parametrize("name", sorted(HAND_WRITTEN))
def test_representative_messages_read_as_written_by_hand(world, name):
    (case,) = [c for c in CASES if c.name == name]
    err = _refusal(world, case)
    assert (describe(err, "it"), describe(err, "en")) == HAND_WRITTEN[name]


def test_the_english_text_the_command_line_prints_is_unchanged(world):
    cases = {c.name: c for c in CASES}
    expected = {
        "an empty step title": "title must not be empty",
        "a comment of 5000 characters": "is 5000 characters long; at most 2000",
        "voting while listening": "not open in the listen phase (open in: prioritise)",
        "a customer changing the map": "a customer may not edit map",
        "rating a deleted step": "this step no longer exists (someone deleted it)",
    }
    for name, text in expected.items():
        assert str(_refusal(world, cases[name])) == text


# refusals only the domain model gives (imports and the command line reach them) -----------

DOMAIN_CASES = [
    ("error.expected.true_false", "moment_of_truth",
     lambda: Step("s1", "a", "Pay", moment_of_truth="yes")),
    ("error.expected.true_false", "anonymous",
     lambda: Participant("p1", "Ada", anonymous="no")),
    ("error.unknown_step", "step", lambda: Journey("T").step("s9")),
    ("error.unknown_participant", "participant",
     lambda: Journey("T").add_rating(Rating("nobody", "s1", 0))),
    ("error.duplicate_id.stage", "id",
     lambda: Journey("T", stages=[Stage("a", "A")]).add_stage(Stage("a", "B"))),
    ("error.not_a_date", "due",
     lambda: __import__("journeymap.domain.model", fromlist=["Opportunity"])
     .Opportunity("Call back", due=12)),
]


@pytest.mark.parametrize("key,field,call", DOMAIN_CASES, ids=[c[0] for c in DOMAIN_CASES])
def test_refusals_of_the_model_read_as_italian_too(key, field, call):
    with pytest.raises(JourneymapError) as caught:
        call()
    err = caught.value
    assert (err.key, err.field) == (key, field)
    italian = describe(err, "it")
    assert italian.startswith(field_label(field, "it") + ": ")
    assert not ((_words(err.message) - _value_words(err) - LOANWORDS) & _words(italian))


def test_a_file_refused_whole_keeps_its_places_under_an_italian_head():
    err = E.ImportRefused("map.csv", ["steps.csv row 4, column 'title': title must not be empty"])
    assert describe(err, "it") == (
        "Map.csv: rifiutato, problemi trovati: 1\n"
        "  steps.csv row 4, column 'title': title must not be empty")


def test_an_error_without_a_key_comes_back_in_english_with_its_field():
    assert describe(E.ValidationError("expected a list of ids", "steps"), "it") == \
        "steps: expected a list of ids"
    assert describe(ValueError("boom"), "it") == "boom"


# every raise site has a key ----------------------------------------------------------------

ERROR_CLASSES = {name: cls for name, cls in vars(E).items()
                 if isinstance(cls, type) and issubclass(cls, JourneymapError)}


def _fixes_its_key(cls) -> bool:
    """A typed error sets its key itself: its constructor takes no ``key``."""
    return "key" not in inspect.signature(cls.__init__).parameters


def _error_constructions(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) \
                else None
            if name in ERROR_CLASSES:
                yield node, ERROR_CLASSES[name]


def _sources():
    return sorted(list((ROOT / "domain").rglob("*.py")) + list((ROOT / "services").rglob("*.py")))


def test_no_error_is_raised_in_the_domain_or_the_services_without_a_key():
    unkeyed, seen = [], 0
    for path in _sources():
        if path.name == "errors.py" and path.parent.name == "domain":
            continue
        for node, cls in _error_constructions(path):
            seen += 1
            if _fixes_its_key(cls):
                continue
            if not any(k.arg == "key" for k in node.keywords):
                unkeyed.append(f"{path.relative_to(ROOT)}:{node.lineno} {cls.__name__}")
    assert unkeyed == []
    assert seen >= 90  # the scan does see the raise sites


def test_every_literal_key_of_a_raise_site_is_in_both_catalogs():
    missing = []
    for path in _sources():
        for node, cls in _error_constructions(path):
            for k in node.keywords:
                if k.arg == "key" and isinstance(k.value, ast.Constant):
                    for lang in ("it", "en"):
                        if k.value.value not in catalog(lang):
                            missing.append(f"{lang}: {k.value.value}")
    typed = [cls.key for cls in ERROR_CLASSES.values() if cls.__dict__.get("key")]
    missing += [f"{lang}: {k}" for k in typed for lang in ("it", "en") if k not in catalog(lang)]
    assert missing == []


def test_keys_made_from_a_kind_exist_for_every_kind():
    kinds = {
        "error.gone": ["step", "stage", "transition", "journey", "workshop", "action",
                       "proposal", "pain_point", "rating", "highlight", "skip", "participant",
                       "invitation", "step_or_participant"],
        "error.duplicate_id": ["stage", "step", "participant"],
        "error.expected": ["text", "number", "whole_number", "true_false"],
        "error.proposal_already": ["accepted", "declined"],
        "error.no_field": ["workshop", "journey", "step", "opportunity"],
    }
    missing = [f"{lang}: {p}.{k}" for p, ks in kinds.items() for k in ks
               for lang in ("it", "en") if f"{p}.{k}" not in catalog(lang)]
    assert missing == []


def test_every_field_a_refusal_names_has_a_label_in_both_languages():
    fields = {c.field for c in CASES if c.field} | {c[1] for c in DOMAIN_CASES}
    for lang in ("it", "en"):
        assert [f for f in sorted(fields) if f"error.field.{f}" not in catalog(lang)] == []


# any over-long text, any field ----------------------------------------------------------------

FIELDS_WITH_LABELS = sorted(k.removeprefix("error.field.") for k in catalog("en")
                            if k.startswith("error.field."))


@settings(max_examples=60, deadline=None)
@given(field=st.sampled_from(FIELDS_WITH_LABELS), limit=st.integers(1, 300),
       extra=st.integers(1, 5000), padding=st.sampled_from(["", "  ", "\n"]))
def test_any_over_long_text_is_refused_with_its_length_and_limit_in_both_languages(
        field, limit, extra, padding):
    text = padding + "à" * (limit + extra) + padding
    with pytest.raises(E.TextTooLong) as caught:
        clean_text(text, field, max_len=limit)
    n = limit + extra
    assert describe(caught.value, "it") == \
        f"{catalog('it')['error.field.' + field]}: è lungo {n} caratteri, al massimo {limit}"
    assert describe(caught.value, "en") == \
        f"{catalog('en')['error.field.' + field]}: is {n} characters long; at most {limit}"
    assert str(caught.value) == f"is {n} characters long; at most {limit}"
