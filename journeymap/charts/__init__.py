"""Charts of the analysis: DataFrame in, plotly ``go.Figure`` out (no streamlit).

>>> import journeymap.analysis as A
>>> from journeymap.domain.model import Journey, Stage, Step, Participant, Rating
>>> j = Journey(title="T", stages=[Stage("a", "A")])
>>> j.add_step(Step("s1", "a", "Call"))
>>> j.add_participant(Participant("c1", "Ada"))
>>> _ = j.add_rating(Rating("c1", "s1", -1))
>>> fig = emotion_curve(A.comparison(A.JourneyFrames.from_journey(j)), "en")
>>> "n = 1" in fig.layout.title.text
True
"""

from .figures import (
    effort_emotion,
    emotion_curve,
    gap_bars,
    heatmap,
    paths_sankey,
    pillar_bars,
    priority_bars,
    split_bars,
)


def all_charts(frames, tables: dict | None = None) -> dict:
    """Every chart of a journey's Insight page, by name, from its frames (and the tables
    already computed, when given: keys as in :data:`journeymap.analysis.TABLES`)."""
    from journeymap import analysis as A

    tables = dict(tables or {})

    def get(name):
        if name not in tables:
            tables[name] = A.TABLES[name](frames)
        return tables[name]

    lang = frames.language
    paths = get("paths")
    return {
        "curve": emotion_curve(get("comparison"), lang),
        "gap": gap_bars(get("comparison"), lang),
        "heatmap": heatmap(get("ratings"), lang, frames.steps),
        "split": split_bars(get("split"), lang),
        "pillars": pillar_bars(get("pillars"), lang),
        "effort": effort_emotion(get("comparison"), lang),
        "priority": priority_bars(get("priority"), lang),
        "sankey": paths_sankey(get("transitions"), lang, len(paths)),
    }


__all__ = ["all_charts", "effort_emotion", "emotion_curve", "gap_bars", "heatmap",
           "paths_sankey", "pillar_bars", "priority_bars", "split_bars"]
