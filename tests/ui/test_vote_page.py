"""Dot-voting through AppTest: the tally, the remaining budget, + and −, merging."""

from __future__ import annotations

from journeymap.services import add_pain_point, budget, map_rows, set_phase, tally

PAGE = "vote.py"


def texts(at) -> str:
    parts = []
    for kind in ("title", "subheader", "caption", "markdown", "info", "warning", "error"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label}={m.value}" for m in at.metric]
    return "\n".join(parts)


def _pains(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    step = map_rows(ui.store, ui.facilitator, ui.journey_id)["steps"][1]["id"]
    a = add_pain_point(ui.store, ui.people["customer"], step, "Forty minutes on hold")
    b = add_pain_point(ui.store, ui.people["customer"], step, "Hold music on a loop")
    return a, b


def test_voting_waits_for_the_prioritise_phase(ui):
    _pains(ui)
    at = ui.app("customer", PAGE)
    assert "Voting opens in the Prioritise phase" in texts(at)
    assert not [b for b in at.button if b.label == "+"]


def test_plus_and_minus_spend_and_return_votes_with_a_live_tally(ui):
    a, _ = _pains(ui)
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "prioritise")
    sam = ui.people["customer"]
    at = ui.app("customer", PAGE)
    assert "Your votes left=5 of 5" in texts(at)
    at.button(key=f"vote_plus_{a}").click().run()
    at.button(key=f"vote_plus_{a}").click().run()
    assert budget(ui.store, sam, ui.workshop_id)["remaining"] == 3
    assert "Your votes left=3 of 5" in texts(at)
    assert at.button(key=f"vote_plus_{a}").disabled  # at most two on one
    at.button(key=f"vote_minus_{a}").click().run()
    assert {r["id"]: r["votes"] for r in tally(ui.store, sam, ui.journey_id)}[a] == 1


def test_the_facilitator_merges_duplicates_on_the_vote_page(ui):
    a, b = _pains(ui)
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "prioritise")
    at = ui.app("facilitator", PAGE)
    at.selectbox(key="vote_merge_target").set_value(a)
    at.multiselect(key="vote_merge_sources").set_value([b])
    at.button[[x.label for x in at.button].index("Merge")].click().run()
    rows = tally(ui.store, ui.facilitator, ui.journey_id)
    assert [r["id"] for r in rows if r["merged"]] == [a]
    assert "1 duplicates merged in" in texts(at)


def test_cards_keep_their_place_while_people_vote_so_a_second_tap_lands_on_the_same_card(ui):
    a, b = _pains(ui)
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "prioritise")
    at = ui.app("customer", PAGE)

    def order():
        return [k for k in (c.key for c in at.button) if k and k.startswith("vote_plus_")]

    before = order()
    # the journey file's pain point (on the second step, severity 3) comes first, then a, b
    assert before[1:] == [f"vote_plus_{a}", f"vote_plus_{b}"]
    at.button(key=f"vote_plus_{b}").click().run()
    at.button(key=f"vote_plus_{b}").click().run()
    assert order() == before  # b now ranks above a, but its card did not move
    ranked = [r["id"] for r in tally(ui.store, ui.facilitator, ui.journey_id)]
    assert ranked.index(b) < ranked.index(a)


def test_a_voter_sees_twenty_five_cards_and_shows_more_in_the_same_order(ui):
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "listen")
    step = map_rows(ui.store, ui.facilitator, ui.journey_id)["steps"][1]["id"]
    sam = ui.people["customer"]
    mine = [add_pain_point(ui.store, sam, step, f"Problem number {i}") for i in range(30)]
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "prioritise")
    at = ui.app("customer", PAGE)

    def plus_keys():
        return [b.key for b in at.button if b.key and b.key.startswith("vote_plus_")]

    # 31 pain points: the journey file's one (on the second step) and these 30, in that order
    assert len(plus_keys()) == 25
    assert plus_keys()[1:] == [f"vote_plus_{i}" for i in mine[:24]]
    more = at.button(key="vote_more")
    assert more.label == "Show 6 more (25 of 31 shown)"
    more.click().run()
    assert plus_keys()[1:] == [f"vote_plus_{i}" for i in mine]
    assert not [b for b in at.button if b.key == "vote_more"]
    # a vote on a card that only "show more" revealed counts
    at.button(key=f"vote_plus_{mine[-1]}").click().run()
    assert {r["id"]: r["mine"] for r in tally(ui.store, sam, ui.journey_id)}[mine[-1]] == 1


def test_the_facilitator_sees_every_pain_point_ranked_by_votes_in_one_table(ui):
    a, b = _pains(ui)
    set_phase(ui.store, ui.facilitator, ui.workshop_id, "prioritise")
    from journeymap.services import vote
    sam = ui.people["customer"]
    vote(ui.store, sam, b)
    vote(ui.store, sam, b)
    vote(ui.store, sam, a)
    at = ui.app("facilitator", PAGE)
    [table] = [d.value for d in at.dataframe]
    # the journey's own pain point has 0 cast votes; b has 2, a has 1 (imported votes aside)
    by_text = dict(zip(table["Pain point"], table["Votes"]))
    assert by_text["Hold music on a loop"] == 2 + 0
    assert by_text["Forty minutes on hold"] == 1
    assert list(table["Votes"]) == sorted(table["Votes"], reverse=True)
    assert list(table["Rank"]) == list(range(1, len(table) + 1))
