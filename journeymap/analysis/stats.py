"""Vectorised group statistics and Welch's interval, shared by the analysis functions.

Per-group counts, means and standard deviations are computed with ``numpy.bincount`` over the
integer codes of a Categorical (two passes: mean first, then squared deviations, so the
variance is numerically stable). The interval for a difference of two means is Welch's:
the Welch–Satterthwaite degrees of freedom and the Student t quantile, one vectorised call for
all steps at once.

Many steps are tested at once, so the p-values of a journey get Benjamini–Hochberg q-values
(:func:`bh_qvalues`), and beside Welch's test on means stands a rank-based one that respects
that ratings are ordinal (:func:`mann_whitney`, for all groups at once).

The distributions come from ``scipy.special`` (``stdtrit``, ``stdtr``, ``ndtr``): the same
functions ``scipy.stats.t`` and ``norm`` call, without importing ``scipy.stats`` (seconds on a
busy machine, more than the analysis of a million ratings). The tests check every number
against ``scipy.stats`` (``ttest_ind``, ``mannwhitneyu``, ``false_discovery_control``).
"""

from __future__ import annotations

import numpy as np

#: Either side with fewer ratings than this is a small sample: no blind spot is claimed.
SMALL_SAMPLE = 3
#: Confidence level of every interval.
CONFIDENCE = 0.95
#: Above this many (group, distinct value) cells, ranks are computed by sorting instead.
RANK_CELLS = 20_000_000


def _t_ppf(q, df):
    """Student t quantile (``scipy.stats.t.ppf``), NaN where df is not positive."""
    from scipy.special import stdtrit

    df = np.asarray(df, float)
    with np.errstate(invalid="ignore"):
        return np.where(df > 0, stdtrit(np.where(df > 0, df, 1.0), q), np.nan)


def _t_sf(x, df):
    """Student t upper tail (``scipy.stats.t.sf``), NaN where df is not positive."""
    from scipy.special import stdtr

    df = np.asarray(df, float)
    with np.errstate(invalid="ignore"):
        return np.where(df > 0, stdtr(np.where(df > 0, df, 1.0), -np.asarray(x, float)),
                        np.nan)


def group_stats(codes: np.ndarray, values: np.ndarray, size: int):
    """Count, mean and sample standard deviation (ddof=1) of ``values`` per group code.

    ``codes`` are ints in ``0..size-1`` (rows with NaN values must be removed first).
    Groups with no rows get mean NaN; groups with fewer than 2 rows get sd NaN.

    >>> n, m, sd = group_stats(np.array([0, 0, 1]), np.array([1.0, 3.0, 5.0]), 3)
    >>> n.tolist(), m.tolist()[:2], sd.tolist()[0]
    ([2, 1, 0], [2.0, 5.0], 1.4142135623730951)
    """
    n = np.bincount(codes, minlength=size)[:size]
    total = np.bincount(codes, weights=values, minlength=size)[:size]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / n
        dev = values - mean[codes]
        ss = np.bincount(codes, weights=dev * dev, minlength=size)[:size]
        var = np.where(n > 1, ss / (n - 1), np.nan)
    return n, mean, np.sqrt(var)


def welch(n_a, mean_a, sd_a, n_b, mean_b, sd_b, confidence: float = CONFIDENCE):
    """Difference of means ``a − b`` with Welch's interval, element-wise over arrays.

    Returns ``(diff, low, high, df, p_value)``. Where a side has fewer than 2 values the
    interval is NaN. Where both sides have zero spread (everyone said the same) the
    difference is exact: the interval is ``[diff, diff]`` and ``p`` is 0 if ``diff != 0``.

    >>> d, lo, hi, df, p = welch(3, 2.0, 1.0, 3, 0.0, 1.0)
    >>> round(float(lo), 3), round(float(hi), 3), float(df)
    (-0.267, 4.267, 4.0)
    """
    n_a, n_b = np.asarray(n_a, float), np.asarray(n_b, float)
    mean_a, mean_b = np.asarray(mean_a, float), np.asarray(mean_b, float)
    sd_a, sd_b = np.asarray(sd_a, float), np.asarray(sd_b, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        diff = mean_a - mean_b
        va, vb = sd_a * sd_a / n_a, sd_b * sd_b / n_b
        se2 = va + vb
        # Welch–Satterthwaite degrees of freedom: what scipy's t distribution needs
        df = se2 * se2 / (va * va / (n_a - 1) + vb * vb / (n_b - 1))
        se = np.sqrt(se2)
        q = _t_ppf(0.5 + confidence / 2, df)
        half = q * se
        p = 2 * _t_sf(np.abs(diff) / se, df)
        exact = (se2 == 0) & (n_a > 1) & (n_b > 1)
        half = np.where(exact, 0.0, half)
        p = np.where(exact, np.where(diff != 0, 0.0, 1.0), p)
    return diff, diff - half, diff + half, df, p


def mean_interval(n, mean, sd, confidence: float = CONFIDENCE):
    """The t interval of a mean, element-wise: ``mean ± t(df = n − 1) · sd / √n``.

    NaN where n < 2. Returns ``(low, high)``.

    >>> lo, hi = mean_interval(4, 1.0, 2.0)  # t(0.975, 3) = 3.182; 3.182 * 2 / 2 = 3.182
    >>> round(float(lo), 3), round(float(hi), 3)
    (-2.182, 4.182)
    """
    n, mean, sd = (np.asarray(x, float) for x in (n, mean, sd))
    with np.errstate(invalid="ignore", divide="ignore"):
        half = _t_ppf(0.5 + confidence / 2, n - 1) * sd / np.sqrt(n)
    half = np.where(n > 1, half, np.nan)
    return mean - half, mean + half


def bh_qvalues(p, family=None) -> np.ndarray:
    """Benjamini–Hochberg q-values of the p-values in ``family`` (a boolean mask; default:
    every finite p), NaN elsewhere. The same numbers as
    ``scipy.stats.false_discovery_control(p[family], method="bh")``.

    A step whose q < 0.05 is one where, among all the steps called different at that level,
    at most 5 % are expected to be false alarms.

    >>> bh_qvalues([0.01, 0.04, 0.03, 0.5]).round(4).tolist()
    [0.04, 0.0533, 0.0533, 0.5]
    """
    p = np.asarray(p, float)
    fam = np.isfinite(p) if family is None else (np.asarray(family, bool) & np.isfinite(p))
    q = np.full(p.shape, np.nan)
    ps = p[fam]
    m = len(ps)
    if m == 0:
        return q
    o = np.argsort(ps, kind="stable")
    ranked = ps[o] * m / np.arange(1, m + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]  # monotone from the largest down
    out = np.empty(m)
    out[o] = np.clip(ranked, 0, 1)
    q[fam] = out
    return q


def grouped_ranks(groups: np.ndarray, values: np.ndarray, size: int):
    """Average ranks (1-based, ties get the mean of their positions) of ``values`` within
    each group, and per group the tie term ``Σ (t³ − t)`` over runs of equal values.

    >>> r, ties = grouped_ranks(np.array([0, 0, 0, 1]), np.array([2.0, 1.0, 2.0, 5.0]), 2)
    >>> r.tolist(), ties.tolist()
    ([2.5, 1.0, 2.5, 1.0], [6.0, 0.0])
    """
    n = len(values)
    ranks = np.empty(n)
    if n == 0:
        return ranks, np.zeros(size)
    o = np.lexsort((values, groups))
    g, v = groups[o], values[o]
    new_group = np.r_[True, g[1:] != g[:-1]]
    new_run = new_group | np.r_[True, v[1:] != v[:-1]]
    pos = np.arange(n)
    group_start = np.maximum.accumulate(np.where(new_group, pos, 0))
    run_id = np.cumsum(new_run) - 1
    run_start = pos[new_run]
    run_len = np.diff(np.r_[run_start, n])
    # positions within the group of the run's first and last member, 1-based
    first = run_start - group_start[run_start] + 1
    avg = first + (run_len - 1) / 2
    ranks[o] = avg[run_id]
    t = run_len.astype(float)
    ties = np.bincount(g[run_start], weights=t ** 3 - t, minlength=size)[:size]
    return ranks, ties


def _rank_sums(codes: np.ndarray, side: np.ndarray, values: np.ndarray, size: int):
    """Per group: the sum of side A's average ranks, and the tie term Σ (t³ − t).

    Ratings take few distinct values (seven faces), so the ranks come from a count per
    (group, value) cell — linear time; many distinct values fall back to sorting."""
    import pandas as pd

    vcode, uniques = pd.factorize(values, sort=True)
    k = len(uniques)
    if k == 0 or size * k > RANK_CELLS:
        ranks, ties = grouped_ranks(codes, values, size)
        return np.bincount(codes[side], weights=ranks[side], minlength=size)[:size], ties
    cell = codes * k + vcode
    count = np.bincount(cell, minlength=size * k)[:size * k].reshape(size, k).astype(float)
    count_a = np.bincount(cell[side], minlength=size * k)[:size * k].reshape(size, k)
    average = np.cumsum(count, axis=1) - count + (count + 1) / 2
    return (count_a * average).sum(axis=1), (count ** 3 - count).sum(axis=1)


def mann_whitney(codes: np.ndarray, side: np.ndarray, values: np.ndarray, size: int):
    """The Mann–Whitney test of side A (``side`` True) against side B in every group at once:
    normal approximation with tie correction and continuity correction, two-sided — the
    numbers of ``scipy.stats.mannwhitneyu(a, b, method="asymptotic")``.

    Returns ``(u, p, superiority)``: U of side A, the p-value, and U / (n_A · n_B), the chance
    that a random A rating is above a random B one (ties count half). NaN where a side has
    no rating; ``p`` is 1 where every rating in the group is equal.

    >>> u, p, s = mann_whitney(np.zeros(6, int), np.array([1, 1, 1, 0, 0, 0], bool),
    ...                        np.array([3.0, 2, 2, -1, 0, 2]), 1)
    >>> float(u[0]), round(float(p[0]), 4), round(float(s[0]), 3)  # 3 beats 3; each 2 beats 2, ties 1
    (8.0, 0.1642, 0.889)
    """
    from scipy.special import ndtr

    side = np.asarray(side, bool)
    n_a = np.bincount(codes[side], minlength=size)[:size].astype(float)
    n = np.bincount(codes, minlength=size)[:size].astype(float)
    n_b = n - n_a
    r_a, ties = _rank_sums(codes, side, values, size)
    with np.errstate(invalid="ignore", divide="ignore"):
        u = r_a - n_a * (n_a + 1) / 2
        both = (n_a > 0) & (n_b > 0)
        u = np.where(both, u, np.nan)
        mu = n_a * n_b / 2
        var = n_a * n_b / 12 * ((n + 1) - ties / (n * (n - 1)))
        num = np.maximum(u, n_a * n_b - u) - mu - 0.5
        z = num / np.sqrt(var)
        p = np.where(var > 0, np.clip(2 * ndtr(-z), 0, 1), 1.0)
        p = np.where(both, p, np.nan)
        sup = u / (n_a * n_b)
    return u, p, sup
