"""table(frames, what): every analysis by name, for frames or a Journey."""

import pytest

from journeymap.analysis import TABLES, table


def test_the_five_tables_the_cli_names_exist():
    assert {"comparison", "peak-end", "split", "pain-points", "priority"} <= set(TABLES)


def test_every_table_is_a_dataframe_even_for_an_empty_journey(frames):
    f = frames([])
    for name in TABLES:
        assert table(f, name).__class__.__name__ == "DataFrame", name


def test_an_unknown_table_is_refused_with_the_choices(frames):
    with pytest.raises(ValueError, match="no table 'gaps'; choose one of comparison, peak-end"):
        table(frames([]), "gaps")


def test_a_journey_is_accepted_as_well_as_frames():
    from journeymap.domain.model import Journey, Participant, Rating, Stage, Step

    j = Journey(title="T", stages=[Stage("a", "A")])
    j.add_step(Step("s1", "a", "Call"))
    j.add_participant(Participant("c1", "Ada"))
    j.add_rating(Rating("c1", "s1", -1))
    assert table(j, "comparison").loc[0, "mean_lived"] == -1.0
