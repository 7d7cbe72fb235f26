"""The sample workshops in ``sample_journeys/``: well-formed, realistic, and telling a story.

These tests read the committed JSON files the way a user's first run would, and compute every
property of the story on their own (they do not trust the generator's self-check).
"""

from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from scipy import stats

from journeymap.domain.graph import JourneyGraph
from journeymap.domain.model import EMOTION_WORDS, Lane, Perspective, Role
from journeymap.interchange import native

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_journeys"
FILES = sorted(SAMPLES.glob("*.json"))
CUSTOMER_FACING = (Lane.CUSTOMER, Lane.FRONTSTAGE)


def _generator():
    spec = importlib.util.spec_from_file_location("sample_journeys_generate",
                                                  SAMPLES / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator():
    return _generator()


@pytest.fixture(scope="module", params=FILES, ids=lambda p: p.stem)
def journey(request):
    return native.load_path(request.param)


@pytest.fixture(scope="module")
def journeys():
    return {p.stem: native.load_path(p) for p in FILES}


def lived(j, step=None):
    """Customers' lived ratings of the workshop itself (round 1; round 2 is the same map run
    again after the actions, see test_sample_rounds_and_segments.py)."""
    return [r for r in j.ratings if r.perspective is Perspective.LIVED and r.round == 1
            and (step is None or r.step == step)]


def assumed(j, step=None):
    return [r for r in j.ratings if r.perspective is Perspective.ASSUMED
            and (step is None or r.step == step)]


def people(j, role):
    return [p for p in j.participants if p.role is role]


def customer_facing(j):
    return [s.key for s in j.steps if s.lane in CUSTOMER_FACING]


def welch_gap_interval(a, b):
    with warnings.catch_warnings():  # one side all agreeing is fine for Welch
        warnings.simplefilter("ignore", RuntimeWarning)
        ci = stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
    return ci.low, ci.high


# the files ---------------------------------------------------------------------------------

def test_there_are_at_least_three_sample_workshops_and_a_generator_beside_them():
    assert len(FILES) >= 3
    assert (SAMPLES / "generate.py").is_file()


def test_every_sample_loads_with_the_native_reader():
    for path in FILES:
        j = native.load_path(path)
        assert j.title and j.steps, path.name


def test_samples_come_in_italian_and_in_english(journeys):
    languages = {j.language for j in journeys.values()}
    assert {"it", "en"} <= languages


def test_every_sample_names_a_persona_a_goal_an_owner_a_status_and_an_evidence_level(journey):
    assert journey.persona and journey.goal and journey.owner
    assert str(journey.status) in {"current", "future"}
    assert str(journey.evidence) in {"assumed", "partly_researched", "researched"}


# the map ------------------------------------------------------------------------------------

def test_every_sample_has_at_least_five_stages_and_twelve_steps(journey):
    assert len(journey.stages) >= 5
    assert len(journey.steps) >= 12
    used = {s.stage for s in journey.steps}
    assert used == set(journey.stage_keys()), "every stage holds at least one step"


def test_every_sample_uses_all_four_lanes(journey):
    assert {s.lane for s in journey.steps} == set(Lane)


def test_customer_facing_steps_say_through_which_channel(journey):
    facing = [s for s in journey.steps if s.lane in CUSTOMER_FACING]
    with_channel = [s for s in facing if s.channel]
    assert len(with_channel) >= 0.7 * len(facing)
    assert len({s.channel for s in with_channel}) >= 3


def test_every_sample_marks_a_couple_of_moments_of_truth(journey):
    assert sum(s.moment_of_truth for s in journey.steps) >= 2


def test_every_sample_has_a_branch_with_two_labelled_ways_out(journey):
    g = JourneyGraph.of(journey).g
    branches = [n for n in g if g.out_degree(n) >= 2
                and all(d["label"] for _, _, d in g.out_edges(n, data=True))]
    assert branches, "no step with two labelled outgoing transitions"


def test_every_sample_has_a_loop_back_to_an_earlier_step(journey):
    graph = JourneyGraph.of(journey)
    report = graph.validate()
    assert report.loops
    pos = graph.position()
    assert any(pos[t.target] < pos[t.source] for t in journey.transitions)


def test_every_sample_map_has_no_unreachable_steps_dead_ends_or_islands(journey):
    report = JourneyGraph.of(journey).validate()
    assert report.ok, report


# the people ---------------------------------------------------------------------------------

def test_every_sample_has_one_facilitator(journey):
    assert len(people(journey, Role.FACILITATOR)) == 1


def test_at_least_three_staff_guess_most_customer_facing_steps(journey):
    facing = set(customer_facing(journey))
    guessers = [p for p in people(journey, Role.STAFF)
                if len({r.step for r in assumed(journey) if r.participant == p.key} & facing)
                >= 0.7 * len(facing)]
    assert len(guessers) >= 3
    assert {r.step for r in assumed(journey)} <= facing, "staff guess only what customers meet"


def test_at_least_eight_customers_rate_what_they_lived_across_most_customer_facing_steps(journey):
    facing = customer_facing(journey)
    raters = {r.participant for r in lived(journey)}
    customers = {p.key for p in people(journey, Role.CUSTOMER)}
    assert len(raters & customers) >= 8
    covered = {r.step for r in lived(journey)}
    assert len(covered & set(facing)) >= 0.8 * len(facing)
    for c in raters:
        mine = {r.step for r in lived(journey) if r.participant == c}
        assert len(mine) >= 0.5 * len(facing), f"{c} rated only {len(mine)} steps"


def test_a_couple_of_customers_stay_anonymous(journey):
    anonymous = [p for p in people(journey, Role.CUSTOMER) if p.anonymous]
    assert 1 <= len(anonymous) <= 3
    assert any(not p.name for p in anonymous)


def test_staff_also_rate_their_own_work_on_backstage_and_support_steps(journey):
    own = [r for r in journey.ratings if r.perspective is Perspective.EMPLOYEE]
    lanes = {journey.step(r.step).lane for r in own}
    assert len(own) >= 3
    assert {Lane.BACKSTAGE, Lane.SUPPORT} <= lanes
    staff = {p.key for p in people(journey, Role.STAFF)}
    assert {r.participant for r in own} <= staff


# the ratings --------------------------------------------------------------------------------

def test_ratings_use_whole_emotions_the_effort_scale_and_the_emotion_vocabulary(journey):
    for r in journey.ratings:
        assert float(r.emotion).is_integer() and -3 <= r.emotion <= 3
        assert r.effort is None or 1 <= r.effort <= 5
        assert not r.emotion_word or r.emotion_word in EMOTION_WORDS
    words = [r.emotion_word for r in journey.ratings if r.emotion_word]
    assert 0.1 * len(journey.ratings) <= len(words) < 0.8 * len(journey.ratings)
    assert {str(r.success) for r in journey.ratings if r.success} == {"yes", "partly", "no"}


def test_customers_do_not_all_give_the_same_number(journey):
    spread = [len({r.emotion for r in lived(journey, s)}) for s in customer_facing(journey)
              if len(lived(journey, s)) >= 8]
    assert sum(n >= 2 for n in spread) >= 0.6 * len(spread)


def test_customers_comment_in_their_own_words_not_from_a_template(journey):
    comments = [r.comment for r in lived(journey) if r.comment]
    assert len(comments) >= 30
    assert len(set(comments)) == len(comments), "a comment appears twice"
    openings = {c.split()[0].lower() for c in comments}
    assert len(openings) >= 0.4 * len(comments), "too many comments start the same way"


def test_some_customers_skip_a_step_and_propose_a_missing_one(journey):
    customers = {p.key for p in people(journey, Role.CUSTOMER)}
    assert journey.skips and {s.participant for s in journey.skips} <= customers
    for s in journey.skips:
        assert all(r.participant != s.participant for r in lived(journey, s.step)), \
            "nobody rates a step they said did not happen to them"
    proposals = [p for p in journey.proposals if p.participant in customers]
    assert 1 <= len(proposals) <= 3
    assert all(str(p.status) == "pending" for p in proposals)


# pain points, highlights, opportunities -----------------------------------------------------

def test_pain_points_carry_a_severity_a_pillar_and_votes(journey):
    assert len(journey.pain_points) >= 8
    for p in journey.pain_points:
        assert 1 <= p.severity <= 3
        assert p.pillar is not None
        assert 0 <= p.votes <= 8
    assert len({p.pillar for p in journey.pain_points}) >= 4
    assert max(p.votes for p in journey.pain_points) >= 6


def test_pain_points_come_from_customers_staff_guesses_and_staff_own_work(journey):
    by = {str(p.perspective) for p in journey.pain_points}
    assert by == {"lived", "assumed", "employee"}
    own = [p for p in journey.pain_points if p.perspective is Perspective.EMPLOYEE]
    assert any(journey.step(p.step).lane in (Lane.BACKSTAGE, Lane.SUPPORT) for p in own)


def test_some_staff_guesses_anticipate_a_customer_pain_point_and_some_miss(journey):
    customer_steps = {p.step for p in journey.pain_points if p.perspective is Perspective.LIVED}
    guessed = [p.step for p in journey.pain_points if p.perspective is Perspective.ASSUMED]
    assert any(s in customer_steps for s in guessed), "no guess matched a customer's pain"
    assert customer_steps - set(guessed), "staff anticipated every customer pain point"


def test_highlights_come_from_customers_and_from_staff(journey):
    roles = {journey.participant(h.participant).role for h in journey.highlights}
    assert {Role.CUSTOMER, Role.STAFF} <= roles


def test_opportunities_have_an_owner_a_due_date_and_link_existing_pain_points(journey):
    assert 1 <= len(journey.opportunities) <= 3
    keys = {p.key for p in journey.pain_points}
    for o in journey.opportunities:
        assert o.owner and o.due is not None and o.pain_points
        assert set(o.pain_points) <= keys


# the story ----------------------------------------------------------------------------------

def test_staff_are_measurably_too_optimistic_on_at_least_two_steps(journey):
    blind_spots = []
    for step in customer_facing(journey):
        a = [r.emotion for r in assumed(journey, step)]
        b = [r.emotion for r in lived(journey, step)]
        if len(a) < 3 or len(b) < 8:
            continue
        low, high = welch_gap_interval(a, b)
        if low > 0:
            blind_spots.append((step, round(low, 2), round(high, 2)))
    assert len(blind_spots) >= 2, blind_spots


def test_somewhere_staff_feared_worse_than_customers_lived(journeys):
    gaps = []
    for j in journeys.values():
        for step in customer_facing(j):
            a = [r.emotion for r in assumed(j, step)]
            b = [r.emotion for r in lived(j, step)]
            if len(a) >= 3 and len(b) >= 4:
                gaps.append(statistics.mean(a) - statistics.mean(b))
    assert min(gaps) <= -1.5


def test_most_customers_remember_the_same_painful_peak(journey):
    peaks = []
    for c in people(journey, Role.CUSTOMER):
        mine = [r for r in lived(journey) if r.participant == c.key]
        if not mine:
            continue
        top = max(abs(r.emotion) for r in mine)
        at_top = [r for r in mine if abs(r.emotion) == top]
        peaks.append((at_top[0].step, at_top[0].emotion) if len(at_top) == 1 else None)
    counts = {}
    for p in peaks:
        if p is not None:
            counts[p[0]] = counts.get(p[0], 0) + 1
    step, n = max(counts.items(), key=lambda kv: kv[1])
    assert n > len(peaks) / 2, counts
    assert statistics.mean(r.emotion for r in lived(journey, step)) <= -2


def test_the_ending_colours_memory_differently_from_the_average(journey):
    order = JourneyGraph.of(journey).position()
    ends = []
    for c in people(journey, Role.CUSTOMER):
        mine = sorted((r for r in lived(journey) if r.participant == c.key),
                      key=lambda r: order[r.step])
        if mine:
            ends.append(mine[-1].emotion)
    end = statistics.mean(ends)
    average = statistics.mean(r.emotion for r in lived(journey))
    assert abs(end) >= 1
    assert abs(end - average) >= 1
    assert (end > 0) == (end > average), "the ending should pull memory away from the average"


# determinism --------------------------------------------------------------------------------

def test_regenerating_the_samples_gives_exactly_the_committed_files(generator):
    rendered = generator.render_all()
    assert sorted(rendered) == [p.name for p in FILES]
    for name, text in rendered.items():
        assert (SAMPLES / name).read_text(encoding="utf-8") == text, f"{name} is out of date"


def test_building_twice_in_one_process_gives_the_same_journeys(generator):
    first = {slug: native.dumps(j) for slug, j in generator.build_all().items()}
    second = {slug: native.dumps(j) for slug, j in generator.build_all().items()}
    assert first == second


def test_export_then_import_then_export_gives_identical_text(journey):
    text = native.dumps(journey)
    assert native.dumps(native.loads(text)) == text


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_committed_files_are_the_canonical_export(path):
    text = path.read_text(encoding="utf-8")
    assert native.dumps(native.loads(text)) == text


def test_the_generator_runs_as_a_script_and_finds_nothing_to_rewrite():
    result = subprocess.run([sys.executable, str(SAMPLES / "generate.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
