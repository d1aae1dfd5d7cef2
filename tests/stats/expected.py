#!/usr/bin/env python3
"""Independent computation of the expected values in test_stats.c.

Not part of the build: run by hand (needs scipy) when a test value changes.
Each block prints the numbers pasted into test_stats.c, computed with
scipy / plain combinatorics rather than with harness/stats.c."""
import itertools
import math

from scipy import stats

print("== median CI: largest k with P(k <= B <= n-k) >= 0.95, B ~ Bin(n, 1/2)")
for n in (5, 6, 10, 30):
    best = 0
    for k in range(1, n // 2 + 1):
        cover = sum(math.comb(n, i) for i in range(k, n - k + 1)) / 2**n
        if cover >= 0.95:
            best = k
    cov = (sum(math.comb(n, i) for i in range(best, n - best + 1)) / 2**n
           if best else float("nan"))
    # cross-check with scipy's binomial
    sc = 1 - 2 * stats.binom.cdf(best - 1, n, 0.5) if best else float("nan")
    print(f"n={n}: k={best} -> [X({best}), X({n - best + 1})], "
          f"coverage {cov:.6f} (scipy {sc:.6f})")

print("== regression on Anscombe's quartet, set I")
ax = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5]
ay = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]
lr = stats.linregress(ax, ay)
tq = stats.t.ppf(0.975, len(ax) - 2)
print(f"slope {lr.slope:.12g} intercept {lr.intercept:.12g} "
      f"r2 {lr.rvalue**2:.12g}")
print(f"slope CI [{lr.slope - tq * lr.stderr:.12g}, "
      f"{lr.slope + tq * lr.stderr:.12g}]")

print("== t quantiles, two-sided")
for level, df in ((0.95, 1), (0.95, 10), (0.95, 30), (0.99, 5), (0.5, 2),
                  (0.95, 2.5), (0.95, 1e9)):
    print(f"level {level} df {df}: {stats.t.ppf((1 + level) / 2, df):.12g}")

print("== normal cdf")
for z in (-1, 1.959963984540054, 3, -6):
    print(f"Phi({z}) = {stats.norm.cdf(z):.15g}")


def brute_mw(x, y):
    """Exact two-sided p by enumerating every split of the pooled sample."""
    pooled = x + y
    u_obs = sum((a > b) + 0.5 * (a == b) for a in x for b in y)
    le = ge = total = 0
    for idx in itertools.combinations(range(len(pooled)), len(x)):
        xs = [pooled[i] for i in idx]
        ys = [pooled[i] for i in range(len(pooled)) if i not in idx]
        u = sum((a > b) + 0.5 * (a == b) for a in xs for b in ys)
        total += 1
        le += u <= u_obs
        ge += u >= u_obs
    return u_obs, min(1.0, 2 * min(le, ge) / total)


print("== Mann-Whitney")
cases = {
    "exact_8_10": ([1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06],
                   [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.061, 3.14,
                    1.292, 0.10]),
    "hand_3_3": ([4.0, 5.0, 6.0], [1.0, 2.0, 3.0]),
    "hand_2_2": ([1.0, 2.0], [3.0, 4.0]),
}
for name, (x, y) in cases.items():
    r = stats.mannwhitneyu(x, y, alternative="two-sided", method="exact")
    print(f"{name}: scipy U={r.statistic} p={r.pvalue:.15g}; "
          f"brute force U,p={brute_mw(x, y)}")

x20 = [float(3 * i + 1) for i in range(20)]      # 1, 4, ..., 58
y20 = [float(3 * i + 8) for i in range(20)]      # 8, 11, ..., 65
r = stats.mannwhitneyu(x20, y20, alternative="two-sided", method="exact")
print(f"exact_20_20: scipy U={r.statistic} p={r.pvalue:.15g}")

xt = [1, 2, 2, 3, 3, 3, 4, 5]
yt = [3, 4, 4, 5, 5, 6, 6, 7, 7]
r = stats.mannwhitneyu(xt, yt, alternative="two-sided", method="asymptotic",
                       use_continuity=True)
print(f"ties: scipy U={r.statistic} p={r.pvalue:.15g}")

xl = [float(2 * i) for i in range(25)]           # 0, 2, ..., 48
yl = [float(2 * i + 11) for i in range(22)]      # 11, 13, ..., 53
r = stats.mannwhitneyu(xl, yl, alternative="two-sided", method="asymptotic",
                       use_continuity=True)
print(f"large_25_22: scipy U={r.statistic} p={r.pvalue:.15g}")

xi = [1.0, 2, 3, 4, 5]
r = stats.mannwhitneyu(xi, xi, alternative="two-sided", method="asymptotic",
                       use_continuity=True)
print(f"identical: scipy U={r.statistic} p={r.pvalue:.15g}")
