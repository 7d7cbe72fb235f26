"""The order of input rows never changes any table."""

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.analysis import TABLES

RATINGS = [(who, step, e, eff, succ) for who, step, e, eff, succ in [
    ("cust1", "s1", 1, 2, "yes"), ("cust1", "s2", -2, 4, "no"), ("cust1", "s3", 2, 3, "yes"),
    ("cust1", "s4", -2, 3, "partly"), ("cust2", "s1", 0, 1, "yes"), ("cust2", "s3", -3, 5, "no"),
    ("cust3", "s2", -1, 4, "no"), ("cust3", "s3", -2, 5, "no"), ("cust3", "s4", 1, 2, "yes"),
    ("staff1", "s1", 2, 1, "yes"), ("staff1", "s2", 1, 2, "yes"), ("staff1", "s3", 2, 2, "yes"),
    ("staff2", "s1", 1, 2, "yes"), ("staff2", "s3", 1, 3, "partly"), ("staff2", "s4", 2, 1, "yes"),
    ("staff3", "s3", 3, 1, "yes"), ("staff3", "s4", 0, 2, "yes")]]
PAIN = [("cust1", "s3", "Waiting too long on the phone", 3, 3, "time_and_effort", None, "p1"),
        ("cust2", "s3", "long wait on the phone", 2, 2, None, None, "p2"),
        ("cust3", "s3", "The technician never called back", 3, 4, "resolution", None, "p3"),
        ("cust1", "s2", "Confusing invoice", 1, 0, "expectations", None, "p4"),
        ("staff1", "s3", "Long wait on phone", 2, 0, "time_and_effort", None, "p5"),
        ("staff2", "s2", "Backoffice tool is slow", 2, 1, None, "employee", "p6")]
SKIPS = [("cust2", "s2"), ("cust3", "s1")]
PEOPLE = [("cust1", "Ada", "customer"), ("cust2", "Bo", "customer"),
          ("cust3", "Cy", "customer"), ("staff1", "Di", "staff"), ("staff2", "Ed", "staff"),
          ("staff3", "Flo", "staff")]


def build(frames, perm_r, perm_p, perm_s):
    return frames([RATINGS[i] for i in perm_r], pain_points=[PAIN[i] for i in perm_p],
                  skips=[SKIPS[i] for i in perm_s], people=PEOPLE)


def same(a: pd.DataFrame, b: pd.DataFrame):
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True),
                                  check_exact=False, rtol=1e-12, atol=1e-12,
                                  check_categorical=False)


@settings(max_examples=10, deadline=None)
@given(st.permutations(range(len(RATINGS))), st.permutations(range(len(PAIN))),
       st.permutations(range(len(SKIPS))))
def test_shuffling_input_rows_never_changes_a_result(frames, perm_r, perm_p, perm_s):
    base = build(frames, range(len(RATINGS)), range(len(PAIN)), range(len(SKIPS)))
    shuffled = build(frames, perm_r, perm_p, perm_s)
    for name, fn in TABLES.items():
        a, b = fn(base), fn(shuffled)
        if name == "ratings":  # same rows in the same (sorted) order
            a, b = a.drop(columns="comment"), b.drop(columns="comment")
        same(a, b)
