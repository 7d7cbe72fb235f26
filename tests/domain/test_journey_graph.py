from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.domain.graph import JourneyGraph
from journeymap.domain.model import Stage, Step, Transition


def graph(stages, steps, edges):
    return JourneyGraph([Stage(k, k.upper()) for k in stages],
                        [Step(k, s, k.upper()) for k, s in steps],
                        [Transition(a, b) for a, b in edges])


def test_steps_are_ordered_by_stage_first_then_by_transitions_within_the_stage():
    g = graph(["a", "b"], [("x", "b"), ("y", "a"), ("z", "a")], [("z", "y"), ("y", "x")])
    assert g.order() == ["z", "y", "x"]


def test_a_loop_back_to_an_earlier_step_does_not_break_the_order(small_journey):
    g = JourneyGraph.of(small_journey())
    assert g.order() == ["s1", "s2", "s3", "s4", "s5"]


def test_entries_are_steps_nothing_leads_to_and_exits_end_in_the_last_stage(small_journey):
    g = JourneyGraph.of(small_journey())
    assert g.entries() == ["s1"]
    assert g.exits() == ["s5"]


def test_the_validation_report_names_unreachable_steps_dead_ends_and_loops():
    g = graph(["a", "b"], [("s1", "a"), ("s2", "a"), ("s3", "a"), ("s4", "b"), ("s5", "b")],
              [("s1", "s2"), ("s2", "s1"), ("s2", "s4"), ("s3", "s5")])
    report = g.validate()
    assert report.loops == [["s1", "s2"]]
    assert "s3" not in report.unreachable  # s3 is an entry of its own
    assert report.dead_ends == []
    g2 = graph(["a", "b"], [("s1", "a"), ("s2", "a"), ("s3", "b")], [("s1", "s2"), ("s3", "s3")])
    r2 = g2.validate()
    assert r2.dead_ends == ["s2"]          # leads nowhere, and not in the last stage
    assert r2.unreachable == ["s3"]         # only reached from itself
    assert not r2.ok


def test_a_step_with_no_transitions_at_all_is_reported_as_isolated():
    g = graph(["a"], [("s1", "a"), ("s2", "a"), ("s3", "a")], [("s1", "s2")])
    assert g.validate().isolated == ["s3"]


def test_a_map_without_any_transitions_is_not_reported_as_broken():
    assert graph(["a"], [("s1", "a"), ("s2", "a")], []).validate().ok


def test_path_enumeration_is_bounded_and_follows_the_branch(small_journey):
    g = JourneyGraph.of(small_journey())
    assert g.paths() == [["s1", "s2", "s3", "s4", "s5"]]
    many = graph(["a"], [(f"s{i}", "a") for i in range(12)],
                 [(f"s{i}", f"s{j}") for i in range(12) for j in range(i + 1, 12)])
    assert len(many.paths(limit=50)) == 50


@st.composite
def journeys(draw):
    n_stages = draw(st.integers(1, 4))
    stages = [f"st{i}" for i in range(n_stages)]
    n = draw(st.integers(0, 12))
    steps = [(f"s{i}", draw(st.sampled_from(stages))) for i in range(n)]
    keys = [k for k, _ in steps]
    edges = draw(st.lists(st.tuples(st.sampled_from(keys), st.sampled_from(keys)),
                          max_size=30)) if keys else []
    return stages, steps, edges


@settings(max_examples=150, deadline=None)
@given(journeys())
def test_any_edit_of_the_graph_keeps_every_step_in_the_order_once_with_stages_in_order(data):
    stages, steps, edges = data
    g = graph(stages, steps, edges)
    order = g.order()
    assert sorted(order) == sorted(k for k, _ in steps)
    stage_of = dict(steps)
    idx = [stages.index(stage_of[k]) for k in order]
    assert idx == sorted(idx)
    report = g.validate()
    assert set(report.unreachable) <= set(order)
    for p in g.paths(limit=20):
        assert all(g.g.has_edge(a, b) for a, b in zip(p, p[1:]))


@settings(max_examples=100, deadline=None)
@given(journeys())
def test_within_a_stage_a_forward_transition_without_a_loop_is_respected(data):
    stages, steps, edges = data
    g = graph(stages, steps, edges)
    pos = g.position()
    import networkx as nx
    for a, b in edges:
        same_stage = dict(steps)[a] == dict(steps)[b]
        if same_stage and a != b and not nx.has_path(g.g, b, a):
            assert pos[a] < pos[b]
