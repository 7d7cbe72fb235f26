"""Analysis of a journey: what staff assumed vs what customers lived. Pure pandas/numpy/scipy.

Every function takes a :class:`~journeymap.analysis.frames.JourneyFrames` (build one with
``JourneyFrames.from_journey(journey)``) and returns a DataFrame, steps always in the
journey's canonical order. :func:`table` gives any of them by name, which is what the
``journeymap analyze`` command prints.

>>> from journeymap.domain.model import Journey, Stage, Step, Participant, Rating
>>> j = Journey(title="T", stages=[Stage("a", "A")])
>>> j.add_step(Step("s1", "a", "Call"))
>>> j.add_participant(Participant("c1", "Ada"))
>>> _ = j.add_rating(Rating("c1", "s1", -1))
>>> list(table(j, "comparison").columns[:12])  # doctest: +NORMALIZE_WHITESPACE
['step', 'title', 'stage', 'n_assumed', 'mean_assumed', 'n_lived', 'mean_lived', 'gap',
 'ci_low', 'ci_high', 'blind_spot', 'small_sample']
"""

from __future__ import annotations

from typing import Callable

import pandas as pd

from .comparison import (ANALYZE_COLUMNS, FDR, MAIN_COLUMNS, TEST_COLUMNS, blind_spots,
                         compare, comparison)
from .distribution import FACE_COLUMNS, FACES, distribution, nearest_face
from .frames import JourneyFrames, frames_of
from .pain_points import (
    ANTICIPATION_THRESHOLD,
    anticipation,
    employee_pain_points,
    pain_points_by_step,
    pillars,
    unanticipated,
)
from .paths import actual_paths, followed_transitions, proposed_steps, skipped_steps
from .peak_end import peak_end, peak_end_people, peak_end_steps
from .priority import priority_pain_points, priority_steps
from .ratings import ratings_long
from .segments import MIN_PEOPLE, by_segment, rounds, segment_contrast, segment_groups
from .split import BENCHMARK, split
from .stats import CONFIDENCE, SMALL_SAMPLE

#: Every table by name. The first five are the ones the issue names for ``--what``.
TABLES: dict[str, Callable[[JourneyFrames], pd.DataFrame]] = {
    "comparison": comparison,
    "peak-end": peak_end,
    "split": split,
    "pain-points": pain_points_by_step,
    "priority": priority_pain_points,
    "blind-spots": blind_spots,
    "effort": lambda f: compare(f, "effort"),
    "success": lambda f: compare(f, "success"),
    "peak-end-people": peak_end_people,
    "peak-end-steps": peak_end_steps,
    "unanticipated": unanticipated,
    "anticipation": anticipation,
    "pillars": pillars,
    "employee-pain-points": employee_pain_points,
    "priority-steps": priority_steps,
    "paths": actual_paths,
    "transitions": followed_transitions,
    "skipped": skipped_steps,
    "proposed": proposed_steps,
    "ratings": ratings_long,
    "distribution": distribution,
    "rounds": rounds,
}


def table(frames, what: str = "comparison") -> pd.DataFrame:
    """The table ``what`` (a key of :data:`TABLES`) for a JourneyFrames or a Journey."""
    try:
        fn = TABLES[what]
    except KeyError:
        raise ValueError(f"no table '{what}'; choose one of {', '.join(TABLES)}") from None
    return fn(frames_of(frames))


__all__ = [
    "MIN_PEOPLE", "by_segment", "rounds", "segment_contrast", "segment_groups",
    "ANALYZE_COLUMNS", "FDR", "TEST_COLUMNS", "ANTICIPATION_THRESHOLD", "BENCHMARK", "CONFIDENCE", "JourneyFrames", "MAIN_COLUMNS",
    "SMALL_SAMPLE", "TABLES", "actual_paths", "anticipation", "blind_spots", "compare",
    "comparison", "distribution", "FACES", "FACE_COLUMNS", "nearest_face",
    "employee_pain_points", "followed_transitions", "frames_of",
    "pain_points_by_step", "peak_end", "peak_end_people", "peak_end_steps", "pillars",
    "priority_pain_points", "priority_steps", "proposed_steps", "ratings_long", "skipped_steps", "split",
    "table", "unanticipated",
]
