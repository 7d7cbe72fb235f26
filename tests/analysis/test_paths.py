"""Actual paths (CJML): customers' rated steps as the journey they had."""

from journeymap.analysis import actual_paths, followed_transitions, proposed_steps, skipped_steps

RATINGS = [("cust1", "s1", 1), ("cust1", "s2", 1), ("cust1", "s3", 1), ("cust1", "s4", 1),
           ("cust2", "s3", 0), ("cust2", "s1", 0),          # rows out of order
           ("cust3", "s2", -1), ("cust3", "s4", -1),
           ("staff1", "s1", 2), ("staff1", "s3", 2)]        # staff are no path
SKIPS = [("cust2", "s2")]


def test_each_customers_rated_steps_in_journey_order_are_their_path(frames):
    p = actual_paths(frames(RATINGS, skips=SKIPS)).set_index("participant")
    assert p.loc["cust1", "path"] == ["s1", "s2", "s3", "s4"]
    assert p.loc["cust2", "path"] == ["s1", "s3"]
    assert p.loc["cust2", "skipped"] == ["s2"]
    assert list(p.index) == ["cust1", "cust2", "cust3"]


def test_transitions_count_the_customers_who_followed_them_planned_or_ad_hoc(frames):
    t = followed_transitions(frames(RATINGS, skips=SKIPS))
    got = {(r.source, r.target): (r.planned, r.customers) for r in t.itertuples()}
    # planned s1→s2 (cust1), s2→s3 (cust1), s3→s4 (cust1); ad hoc s1→s3 (cust2), s2→s4 (cust3)
    assert got == {("s1", "s2"): (True, 1), ("s2", "s3"): (True, 1), ("s3", "s4"): (True, 1),
                   ("s1", "s3"): (False, 1), ("s2", "s4"): (False, 1)}
    assert list(t["planned"]) == [True, True, True, False, False]


def test_skipped_steps_count_explicit_skips_and_steps_left_unrated(frames):
    s = skipped_steps(frames(RATINGS, skips=SKIPS)).set_index("step")
    # 3 customers; s1 not rated by cust3; s2 skipped by cust2 and not rated by cust2;
    # s3 not rated by cust3; s4 not rated by cust2
    assert list(s["skipped"]) == [0, 1, 0, 0]
    assert list(s["not_rated"]) == [1, 1, 1, 1]
    assert set(s["customers"]) == {3}


def test_proposed_steps_are_listed_by_stage_with_the_step_they_follow(frames):
    f = frames(RATINGS, proposals=[("cust1", "Chat with a human", "b", "s3"),
                                   ("cust2", "Compare offers", "a", "s1")])
    p = proposed_steps(f)
    assert list(p["title"]) == ["Compare offers", "Chat with a human"]
    assert list(p["after_title"]) == ["S1", "S3"]
    assert list(p["stage_name"]) == ["Arrive", "Be helped"]
