#!/usr/bin/env python3
"""Independent computation of the expected mde_pct values in test_stats.c
(test_mde). Python standard library only (statistics.NormalDist), no scipy,
nothing shared with harness/results/stats.c; run by hand when a value
changes:  python3 tests/stats/expected_mde.py

mde_pct = 100 * (z(1 - alpha/2) + z(power)) * sigma * sqrt(2 / n) / |median|
with alpha = 0.05, power = 0.80 and sigma = MAD / z(0.75) (the MAD of a
normal sample scaled to its standard deviation; the sample standard
deviation when the MAD is 0): the normal-approximation
minimum detectable effect of a two-sample comparison with n values a side
(README, "How precise is a run")."""
import math
from statistics import NormalDist, median, stdev

N = NormalDist()
Z = N.inv_cdf(0.975) + N.inv_cdf(0.80)
K = 1 / N.inv_cdf(0.75)
print(f"z(0.975) + z(0.80) = {Z:.15g}; 1 / z(0.75) = {K:.15g}")


def mde_pct(x):
    if len(x) < 2:
        return float("nan")
    m = median(x)
    if m == 0:
        return float("nan")
    sigma = K * median(abs(v - m) for v in x)
    if sigma == 0:
        sigma = stdev(x)
    return 100 * Z * sigma * math.sqrt(2 / len(x)) / abs(m)


cases = {
    # by hand too: median 3, MAD 1
    "hand_1_5": [5.0, 1.0, 4.0, 2.0, 3.0],
    # 20 per-process dlopen medians (us), an A/A run of c@gcc
    "dlopen_20": [57.8, 61.2, 59.0, 60.5, 58.3, 62.0, 57.1, 60.0, 59.4, 58.8,
                  57.5, 63.1, 58.9, 59.9, 60.7, 58.1, 61.5, 59.2, 57.9, 60.2],
    # negative median: relative to |median|
    "negative_4": [-10.0, -12.0, -11.0, -9.0],
    "constant_3": [7.0, 7.0, 7.0],
    # MAD 0 (a 10 ns clock tick): the standard deviation, sqrt(20), instead
    "ticks_5": [40.0, 40.0, 50.0, 40.0, 40.0],
}
for name, x in cases.items():
    print(f"{name}: median {median(x):.15g} mde_pct {mde_pct(x):.15g}")
