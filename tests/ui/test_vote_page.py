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
