"""Small journeys for the analysis tests, built straight as JourneyFrames."""

import pandas as pd
import pytest

from journeymap.analysis.frames import JourneyFrames

#: s1, s2 in stage "a" (Arrive); s3, s4 in stage "b" (Be helped)
STEPS = [("s1", "a", "web"), ("s2", "a", "phone"), ("s3", "b", "phone"), ("s4", "b", "email")]


def make(ratings=(), steps=STEPS, pain_points=(), skips=(), transitions=None,
         proposals=(), people=None, language="en"):
    """Frames from tuples.

    ``ratings``: ``(who, step, emotion)`` or ``(who, step, emotion, effort, success)`` or with
    a 6th item, the perspective. People whose key starts with ``staff`` are staff (assumed),
    everyone else a customer (lived). ``pain_points``: ``(who, step, text, severity, votes,
    pillar[, perspective[, key]])``.
    """
    rows = []
    for r in ratings:
        r = tuple(r) + (None,) * (6 - len(r))
        rows.append(dict(participant=r[0], step=r[1], emotion=r[2], effort=r[3],
                         success=r[4], perspective=r[5]))
    keys = list(dict.fromkeys([r["participant"] for r in rows]
                              + [p[0] for p in pain_points] + [s[0] for s in skips]))
    if people is None:
        people = [(k, k.title(), "staff" if k.startswith("staff") else "customer")
                  for k in keys]
    pp = []
    for i, p in enumerate(pain_points):
        p = tuple(p) + (None,) * (8 - len(p))
        pp.append(dict(key=p[7] or f"pp{i + 1}", participant=p[0], step=p[1], text=p[2],
                       severity=p[3] or 2, votes=p[4] or 0, pillar=p[5], perspective=p[6]))
    if transitions is None:
        transitions = [(a[0], b[0], "") for a, b in zip(steps, steps[1:])]
    return JourneyFrames(
        steps=pd.DataFrame({"key": [s[0] for s in steps], "title": [s[0].upper() for s in steps],
                            "stage": [s[1] for s in steps], "channel": [s[2] for s in steps]}),
        participants=pd.DataFrame(people, columns=["key", "name", "role"]),
        ratings=pd.DataFrame(rows, columns=["participant", "step", "emotion", "effort",
                                            "success", "perspective"]),
        pain_points=pd.DataFrame(pp, columns=["key", "participant", "step", "text", "severity",
                                              "votes", "pillar", "perspective"]),
        skips=pd.DataFrame(list(skips), columns=["participant", "step"]),
        transitions=pd.DataFrame(transitions, columns=["source", "target", "label"]),
        proposals=pd.DataFrame(list(proposals),
                               columns=["participant", "title", "stage", "after"]),
        language=language, title="Router repair",
        stages={"a": "Arrive", "b": "Be helped"})


@pytest.fixture(scope="session")
def frames():
    """``frames(ratings=..., pain_points=..., ...)`` builds a small journey (see ``make``)."""
    return make
