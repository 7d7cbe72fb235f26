"""Segments and rounds: each group's lived emotion against staff's assumption, two groups
against each other, one round against the next — n, Welch intervals checked with scipy,
q-values within the comparison, a group of fewer than 3 people never shown apart."""

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from scipy import stats

from journeymap.analysis import by_segment, rounds, segment_contrast, segment_groups
from journeymap.analysis.frames import JourneyFrames
from journeymap.cli import main
from journeymap.interchange import native

STAFF = ["st1", "st2", "st3"]
NEW = ["n1", "n2", "n3", "n4"]
OLD = ["o1", "o2", "o3"]
ODD = ["x1", "x2"]  # a group of two: never shown apart


def doc(extra_ratings=()):
    ratings = []
    for p, e in zip(STAFF, [2, 1, 2]):
        ratings.append({"participant": p, "step": "s1", "emotion": e})
        ratings.append({"participant": p, "step": "s2", "emotion": 1})
    for p, e in zip(NEW, [-3, -2, -3, -2]):
        ratings.append({"participant": p, "step": "s1", "emotion": e})
    for p, e in zip(OLD, [1, 2, 1]):
        ratings.append({"participant": p, "step": "s1", "emotion": e})
    for p in NEW + OLD + ODD:
        ratings.append({"participant": p, "step": "s2", "emotion": 0})
    ratings += list(extra_ratings)
    people = [{"id": p, "name": p.upper(), "role": "staff"} for p in STAFF]
    people += [{"id": p, "name": p.upper(), "segments": {"tenure": "new"}} for p in NEW]
    people += [{"id": p, "name": p.upper(), "segments": {"tenure": "long"}} for p in OLD]
    people += [{"id": p, "name": p.upper(), "segments": {"tenure": "mid"}} for p in ODD]
    return {"format": "journeymap/1", "journey": {"title": "Seg", "language": "en"},
            "segments": [{"id": "tenure", "question": "Customer for",
                          "options": [{"id": "new", "label": "< 1 year"},
                                      {"id": "mid", "label": "1-5 years"},
                                      {"id": "long", "label": "> 5 years"}]}],
            "rounds": [{"round": 1, "date": "2026-01-10"}, {"round": 2, "date": "2026-03-10"}],
            "stages": [{"id": "a", "name": "A"}],
            "steps": [{"id": "s1", "stage": "a", "title": "Pay"},
                      {"id": "s2", "stage": "a", "title": "Wait"}],
            "participants": people, "ratings": ratings,
            "pain_points": [{"id": "pp1", "participant": "n1", "step": "s1", "text": "fees"}],
            "opportunities": [{"title": "Clear fees", "due": "2026-02-01", "status": "done",
                               "pain_points": ["pp1"]},
                              {"title": "Later fix", "due": "2026-06-01",
                               "pain_points": ["pp1"]}]}


def frames(d):
    return JourneyFrames.from_journey(native.loads(json.dumps(d)))


def test_a_group_of_fewer_than_three_people_is_never_shown_apart():
    groups, hidden = segment_groups(frames(doc()), "tenure")
    assert list(groups) == ["new", "long"] and hidden == ["mid"]
    table = by_segment(frames(doc()), "tenure")
    assert set(table["option"]) == {"new", "long"}
    assert not table["title"].isna().any() and "mid" not in set(table["option"])


def test_each_group_is_compared_with_staffs_assumption_as_scipy_computes_it():
    t = by_segment(frames(doc()), "tenure").set_index(["option", "step"])
    new = t.loc[("new", "s1")]
    ci = stats.ttest_ind([2, 1, 2], [-3, -2, -3, -2], equal_var=False).confidence_interval()
    assert (new["people"], new["n_assumed"], new["n_lived"]) == (4, 3, 4)
    assert (new["ci_low"], new["ci_high"]) == (pytest.approx(ci.low), pytest.approx(ci.high))
    # q across the four rows of the comparison (2 groups × 2 steps)
    p = t["p_value"].to_numpy()
    assert t["q_value"].to_numpy() == pytest.approx(stats.false_discovery_control(p))


def test_two_groups_against_each_other_show_where_new_customers_suffer():
    c = segment_contrast(frames(doc()), "tenure", "new", "long").set_index("step")
    ci = stats.ttest_ind([-3, -2, -3, -2], [1, 2, 1], equal_var=False).confidence_interval()
    s1 = c.loc["s1"]
    assert s1["difference"] == pytest.approx(-2.5 - 4 / 3)
    assert (s1["ci_low"], s1["ci_high"]) == (pytest.approx(ci.low), pytest.approx(ci.high))
    assert s1["different"] and not c.loc["s2", "different"]


def test_an_unknown_or_too_small_group_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="choose among: new, long"):
        segment_contrast(frames(doc()), "tenure", "mid", "long")
    with pytest.raises(ValueError, match="choose one of: tenure"):
        by_segment(frames(doc()), "age")


def round2(step, values, people=NEW):
    return [{"participant": p, "step": step, "emotion": e, "round": 2}
            for p, e in zip(people, values)]


def test_rounds_compare_lived_emotion_with_the_actions_due_in_between():
    d = doc(round2("s1", [2, 3, 2, 3]) + round2("s2", [0, 0, 0, 0]))
    r = rounds(frames(d)).set_index("step")
    first = [-3, -2, -3, -2, 1, 2, 1]
    ci = stats.ttest_ind([2, 3, 2, 3], first, equal_var=False).confidence_interval()
    s1 = r.loc["s1"]
    assert (s1["n_first"], s1["n_second"]) == (7, 4)
    assert s1["change"] == pytest.approx(2.5 - sum(first) / 7)
    assert (s1["ci_low"], s1["ci_high"]) == (pytest.approx(ci.low), pytest.approx(ci.high))
    assert s1["improved"] and not r.loc["s2", "improved"] and not r.loc["s2", "worsened"]
    # only the action due between 10 January and 10 March, beside the step it targeted
    assert s1["actions"] == "Clear fees (done, 2026-02-01)" and r.loc["s2", "actions"] == ""


def test_one_round_at_a_time_feeds_every_other_table_the_latest_with_answers_first():
    f = frames(doc(round2("s1", [3, 3, 3, 3])))
    assert (f.round, f.last_round) == (2, 2)
    assert len(f.ratings) == 4 and (f.ratings["round"] == 2).all()
    assert (f.other_ratings["round"] == 1).all() and len(f.all_ratings) == len(f.ratings) + len(
        f.other_ratings)
    assert (f.in_round(1).ratings["round"] == 1).all()


def test_analyze_cuts_by_segment_and_compares_rounds(tmp_path, capsys):
    path = tmp_path / "seg.json"
    path.write_text(json.dumps(doc(round2("s1", [2, 3, 2, 3]))))
    assert main(["analyze", str(path), "--by", "tenure", "--format", "csv",
                 "--round", "1"]) == 0
    printed = capsys.readouterr()
    out = pd.read_csv(__import__("io").StringIO(printed.out))
    assert set(out["option"]) == {"new", "long"} and "q_value" in out
    assert printed.err == "round 1 of 2\n"
    assert main(["analyze", str(path), "--by", "tenure", "--compare", "new", "long",
                 "--format", "json", "--round", "1"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["first"] == "new" and rows[0]["different"]
    assert main(["analyze", str(path), "--rounds", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["improved"] and rows[0]["actions"].startswith("Clear fees")
    assert main(["analyze", str(path), "--by", "age"]) == 1
    assert "no segment 'age'" in capsys.readouterr().err


def test_analyze_shows_the_latest_round_with_answers_unless_told_another(tmp_path, capsys):
    path = tmp_path / "seg.json"
    path.write_text(json.dumps(doc(round2("s1", [2, 3, 2, 3]))))
    assert main(["analyze", str(path), "--format", "json"]) == 0
    printed = capsys.readouterr()
    s1 = next(r for r in json.loads(printed.out) if r["step"] == "s1")
    # round 2: four new customers, 2, 3, 2, 3, and no staff guess yet
    assert (s1["n_lived"], s1["mean_lived"], s1["n_assumed"]) == (4, 2.5, 0)
    assert printed.err.startswith("round 2 of 2 (the latest with answers")
    assert main(["analyze", str(path), "--format", "json", "--round", "1"]) == 0
    s1 = next(r for r in json.loads(capsys.readouterr().out) if r["step"] == "s1")
    assert (s1["n_lived"], s1["n_assumed"]) == (7, 3)
    assert main(["analyze", str(path), "--round", "3"]) == 1
    assert "no round 3; this journey has rounds 1, 2" in capsys.readouterr().err


def test_segments_and_rounds_survive_export_and_import():
    d = doc(round2("s1", [1, 2, 1, 2]))
    j = native.loads(json.dumps(d))
    again = native.loads(native.dumps(j))
    assert again == j and native.dumps(again) == native.dumps(j)
    assert j.rounds[1].date == dt.date(2026, 3, 10)
