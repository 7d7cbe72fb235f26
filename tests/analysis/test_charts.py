"""Charts: figures whose traces carry the analysis numbers and whose titles state n."""

import numpy as np
import plotly.graph_objects as go
import pytest

from journeymap import analysis as A
from journeymap import charts as C
from journeymap.charts import palette

RATINGS = [("staff1", "s1", 2, 2), ("staff2", "s1", 1, 2), ("staff3", "s1", 3, 1),
           ("cust1", "s1", -1, 4), ("cust2", "s1", 0, 3), ("cust3", "s1", -2, 5),
           ("cust4", "s1", -1, 4), ("cust1", "s2", 1), ("cust2", "s2", 2), ("cust1", "s3", -3),
           ("cust2", "s4", 1), ("staff1", "s4", 2)]
PAIN = [("cust1", "s1", "Confusing invoice", 3, 2, "expectations"),
        ("cust2", "s1", "The invoice is confusing", 2, 1, "expectations"),
        ("staff1", "s1", "Slow website", 2, 0, "time_and_effort")]


@pytest.fixture
def f(frames):
    return frames(RATINGS, pain_points=PAIN)


def by_name(fig, name):
    found = [tr for tr in fig.data if tr.name == name]
    assert len(found) == 1, [tr.name for tr in fig.data]
    return found[0]


def test_the_emotion_curve_draws_both_layers_with_bands_and_marks_peak_and_end(f):
    fig = C.emotion_curve(A.comparison(f), "en")
    assert isinstance(fig, go.Figure)
    # lived means per step: s1 (−1+0−2−1)/4 = −1, s2 (1+2)/2 = 1.5, s3 −3, s4 1
    assert list(by_name(fig, "Lived").y) == [-1.0, 1.5, -3.0, 1.0]
    # assumed: s1 (2+1+3)/3 = 2, s2 and s3 none, s4 2
    assert list(by_name(fig, "Assumed").y[[0, 3]]) == [2.0, 2.0]
    assert by_name(fig, "Lived, 95% interval").fill == "toself"
    # peak: largest |mean| = |−3| at s3 (x = 2); end: last step with lived ratings, s4 (x = 3)
    assert list(by_name(fig, "Peak (Lived)").x) == [2]
    assert list(by_name(fig, "End (Lived)").x) == [3]
    # n: 8 lived ratings, 4 assumed ratings
    assert "n = 8 lived ratings, 4 assumed ratings" in fig.layout.title.text


def test_the_gap_bars_are_sorted_and_blind_spots_stand_out(f):
    fig = C.gap_bars(A.comparison(f), "en")
    blind = by_name(fig, "Blind spot")
    # s1: gap 2 − (−1) = 3, interval [1.008, 4.992] (see test_comparison)
    assert list(blind.y) == ["S1"] and list(blind.x) == [3.0]
    assert blind.error_x.array[0] == pytest.approx(4.99225 - 3, abs=1e-5)
    assert blind.marker.color == palette.VERMILLION
    # s4: assumed 2, lived 1 → gap 1 on one rating each: small sample
    assert list(by_name(fig, "Too few ratings").x) == [1.0]
    assert "blind spots: 1" in fig.layout.title.text and "n = 8" in fig.layout.title.text


def test_the_heatmap_has_one_row_per_person_and_perspective_and_one_column_per_step(f):
    fig = C.heatmap(A.ratings_long(f), "en", f.steps)
    z = np.array(fig.data[0].z, dtype=float)
    assert z.shape == (7, 4)  # 4 customers + 3 staff, 4 steps
    assert fig.data[0].y[0] == "Cust1 · Lived"
    # cust1 rated s1 −1, s2 1, s3 −3 and not s4
    assert z[0][:3].tolist() == [-1, 1, -3] and np.isnan(z[0][3])
    assert "n = 12 ratings by 7 people" in fig.layout.title.text


def test_the_split_stacks_shares_per_stage_beside_the_benchmark(f):
    fig = C.split_bars(A.split(f), "en")
    pos = by_name(fig, "Positive")
    # stage a (s1, s2) lived: −1, 0, −2, −1, 1, 2 → positive 2/6 = 33.3 %; stage b: −3, 1 → 50 %
    assert list(pos.x) == ["Arrive", "Be helped", "Benchmark (Zendesk)"]
    assert list(pos.y) == pytest.approx([100 / 3, 50.0, 56.0])
    assert list(by_name(fig, "Negative").y)[-1] == pytest.approx(19.0)
    assert "n = 8 ratings" in fig.layout.title.text


def test_the_pillars_chart_puts_assumed_beside_lived(f):
    fig = C.pillar_bars(A.pillars(f), "en")
    lived, assumed = by_name(fig, "Lived"), by_name(fig, "Assumed")
    assert list(lived.x)[2] == "Expectations" and lived.y[2] == 2
    assert assumed.y[4] == 1  # time & effort
    assert "n = 1 assumed, 2 lived" in fig.layout.title.text


def test_effort_against_emotion_has_a_point_per_rated_step(f):
    fig = C.effort_emotion(A.comparison(f), "en")
    lived = by_name(fig, "Lived")
    # s1 lived effort (4+3+5+4)/4 = 4, emotion −1; other steps have no effort
    assert list(lived.x) == [4.0] and list(lived.y) == [-1.0]
    assert "n = 1 steps" in fig.layout.title.text


def test_the_priority_chart_ranks_pain_points(f):
    p = A.priority_pain_points(f)
    fig = C.priority_bars(p, "en")
    assert list(fig.data[0].x) == pytest.approx(list(p["priority"]))
    assert fig.data[0].x[0] >= fig.data[0].x[-1]
    assert "n = 2 customer pain points" in fig.layout.title.text


def test_the_sankey_shows_followed_transitions_only(f):
    fig = C.paths_sankey(A.followed_transitions(f), "en", 4)
    link = fig.data[0].link
    # paths: cust1 s1 s2 s3; cust2 s1 s2 s4; cust3 s1; cust4 s1
    # → s1→s2: 2, s2→s3: 1, s2→s4: 1 (not on the map: the map goes s2→s3→s4)
    assert sorted(link.value) == [1, 1, 2]
    assert "n = 4 customers" in fig.layout.title.text


def test_labels_follow_the_journeys_language(frames):
    f = frames(RATINGS, language="it")
    fig = C.emotion_curve(A.comparison(f), f.language)
    assert {tr.name for tr in fig.data} >= {"Vissuto", "Ipotizzato"}
    assert fig.layout.title.text.startswith("L'emozione lungo il percorso (n = 8")


def test_every_chart_of_the_page_builds_and_states_its_n(f):
    figs = C.all_charts(f)
    assert set(figs) == {"curve", "gap", "heatmap", "split", "pillars", "effort", "priority",
                         "sankey"}
    assert all("n = " in fig.layout.title.text for fig in figs.values())


def test_charts_of_an_empty_journey_still_build(frames):
    f = frames([])
    assert all(isinstance(fig, go.Figure) for fig in C.all_charts(f).values())


def test_user_text_in_chart_labels_is_escaped_so_plotly_shows_it_literally():
    from journeymap import analysis as A
    from journeymap import charts as C
    from journeymap.domain.model import Journey, Participant, Rating, Stage, Step

    j = Journey(title="T", stages=[Stage("a", "A")])
    j.add_step(Step("s1", "a", "<b>Pay</b> **now**"))
    j.add_participant(Participant("c1", "<i>Ada</i>"))
    j.add_rating(Rating("c1", "s1", -1))
    f = A.JourneyFrames.from_journey(j)
    curve = C.emotion_curve(A.comparison(f), "en")
    assert list(curve.layout.xaxis.ticktext) == ["&lt;b&gt;Pay&lt;/b&gt; **now**"]
    heat = C.heatmap(A.table(f, "ratings"), "en", steps=f.steps)
    assert "&lt;i&gt;Ada&lt;/i&gt;" in heat.data[0].y[0]
