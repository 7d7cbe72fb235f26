"""The sample journeys tell their story through the analysis: blind spots and peaks found in
the workshop itself (round 1; round 2, weeks later, after the actions: see
tests/samples/test_sample_rounds_and_segments.py)."""

import importlib.util
import sys
from pathlib import Path

import pytest

from journeymap.analysis import JourneyFrames, comparison, peak_end_steps, table
from journeymap.interchange.native import load_path

ROOT = Path(__file__).resolve().parents[2] / "sample_journeys"
FILES = sorted(ROOT.glob("*.json"))


def stories():
    """The story each sample was written to tell, from the generator's own specs."""
    gen = ROOT / "generate.py"
    if not gen.exists():
        return {}
    spec = importlib.util.spec_from_file_location("_sample_generate", gen)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while being built
    try:
        spec.loader.exec_module(mod)
    finally:
        sys.modules.pop(spec.name, None)
    return {s.slug: s.story for s in mod.specs()}


pytestmark = pytest.mark.skipif(not FILES, reason="no sample journeys yet")


@pytest.fixture(scope="module")
def story_of():
    return stories()


def workshop(path: Path) -> JourneyFrames:
    """The sample's first round: the workshop the story was written for."""
    return JourneyFrames.from_journey(load_path(path)).in_round(1)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_blind_spot_of_the_story_is_found_with_staff_too_optimistic(path, story_of):
    story = story_of[path.stem]
    c = comparison(workshop(path)).set_index("step")
    for step in story.blind_spots:
        assert c.loc[step, "blind_spot"], f"{path.stem}: {step} not found as a blind spot"
        assert c.loc[step, "gap"] > 0 and c.loc[step, "ci_low"] > 0


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_the_storys_peak_is_the_step_most_often_a_customers_peak(path, story_of):
    story = story_of[path.stem]
    s = peak_end_steps(workshop(path))
    assert s.loc[s["peak_lived"].idxmax(), "step"] == story.peak


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_the_ending_has_the_storys_sign(path, story_of):
    story = story_of[path.stem]
    c = comparison(workshop(path))
    end = c[c["n_lived"] > 0].iloc[-1]["mean_lived"]
    assert (end > 0) == (story.ending == "positive")


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_table_and_chart_builds_in_the_journeys_language(path):
    from journeymap.charts import all_charts

    f = workshop(path)
    tables = {name: table(f, name) for name in ("comparison", "peak-end", "split",
                                                "pain-points", "priority")}
    assert all(len(t) for t in tables.values())
    figs = all_charts(f)
    assert all("n = " in fig.layout.title.text for fig in figs.values())
    # round 2 (no pain points this time) builds too
    later = JourneyFrames.from_journey(load_path(path))
    assert later.round == 2
    assert all("n = " in fig.layout.title.text for fig in all_charts(later).values())
