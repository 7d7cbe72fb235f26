"""Vectorised group statistics and Welch's interval, shared by the analysis functions.

Per-group counts, means and standard deviations are computed with ``numpy.bincount`` over the
integer codes of a Categorical (two passes: mean first, then squared deviations, so the
variance is numerically stable). The interval for a difference of two means is Welch's:
the Welch–Satterthwaite degrees of freedom and the Student t quantile from
``scipy.stats.t``, one vectorised call for all steps at once.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

#: Either side with fewer ratings than this is a small sample: no blind spot is claimed.
SMALL_SAMPLE = 3
#: Confidence level of every interval.
CONFIDENCE = 0.95


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
        q = stats.t.ppf(0.5 + confidence / 2, df)
        half = q * se
        p = 2 * stats.t.sf(np.abs(diff) / se, df)
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
        half = stats.t.ppf(0.5 + confidence / 2, n - 1) * sd / np.sqrt(n)
    half = np.where(n > 1, half, np.nan)
    return mean - half, mean + half
