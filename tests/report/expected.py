#!/usr/bin/env python3
"""Independent expected values for tests/report/test_report.c, computed with
scipy/numpy (pip install scipy; not a dependency of dlbench). Prints the
values the test hard-codes; rerun after changing the fixtures:
    python3 tests/report/expected.py
"""
import csv
import os

import numpy as np
from scipy.stats import mannwhitneyu

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS = os.path.join(HERE, "runs")

CASES = {
    "small_exact": ([1.1, 2.3, 3.5, 4.2], [5.0, 6.1, 7.7], "exact"),
    "overlap_exact": ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0],
                      [4.5, 6.5, 8.5, 10.5, 12.5, 14.5, 16.5, 18.5], "exact"),
    "ties_normal": ([1, 2, 2, 3, 3, 3, 4], [3, 4, 4, 5, 5, 6], "asymptotic"),
    "large_normal": ([i * 1.0 for i in range(25)], [i + 3.5 for i in range(25)],
                     "asymptotic"),
}
for name, (x, y, method) in CASES.items():
    r = mannwhitneyu(x, y, alternative="two-sided", method=method, use_continuity=True)
    print("%-14s U=%.17g p=%.17g" % (name, r.statistic, r.pvalue))

print("geomean 1 2 4 8 = %.17g" % np.exp(np.mean(np.log([1, 2, 4, 8]))))


def series(path):
    out = {}
    with open(path) as f:
        for row in csv.DictReader(f):
            if row["metric"] in ("rss_kb", "pss_kb", "private_dirty_kb", "iterations"):
                continue
            k = (row["variant"], row["impl"], row["scenario"], row["workload"], row["thread"],
                 row["metric"])
            out.setdefault(k, []).append(float(row["value"]))
    return out


old = series(os.path.join(RUNS, "20250520-090000", "results.csv"))
new = series(os.path.join(RUNS, "20250601-101502", "results.csv"))
g126 = series(os.path.join(RUNS, "go126-only.csv"))


def p_of(a, b):
    ties = len(set(a + b)) < len(a + b)
    method = "asymptotic" if ties or len(a) > 20 or len(b) > 20 else "exact"
    return mannwhitneyu(a, b, alternative="two-sided", method=method,
                        use_continuity=True).pvalue


for v, impl, wl, th in (("c@gcc", "c", "add", "main"), ("rust@local", "rust", "add", "main"),
                        ("go@go1.22.12", "go", "add", "pthread")):
    k = (v, impl, "call", wl, th, "ns_per_call")
    print("variant %s/call/%s/%s p=%.17g" % (v, wl, th, p_of(old[k], new[k])))
ko = ("go@go1.22.12", "go", "call", "add", "main", "ns_per_call")
kn = ("go@local", "go", "call", "add", "main", "ns_per_call")
print("impl go/call/add/main p=%.17g" % p_of(old[ko], g126[kn]))

# geomean of the medians of the ns_per_call pairs (variant matching)
pairs = [(np.median(old[k]), np.median(new[k])) for k in old
         if k[5] == "ns_per_call" and k in new]
a = np.exp(np.mean(np.log([p[0] for p in pairs])))
b = np.exp(np.mean(np.log([p[1] for p in pairs])))
print("geomean ns_per_call old=%.17g new=%.17g change_pct=%.17g n=%d" %
      (a, b, 100 * (b / a - 1), len(pairs)))
