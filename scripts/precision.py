#!/usr/bin/env python3
"""precision.py - a benchmark of the instrument itself (`make precision`).

Runs two default runs back to back (dlbench run -c CONFIG), then prints:
  1. the mde_pct of each timing result in both runs (the smallest change of
     the median that comparing two such runs resolves), and ratio_mde_pct
     of the paired ratios;
  2. whether the two runs' findings agree: for every result measured by
     several variants, which pairs of variants differ (95 % CIs of the
     medians apart) and in which direction; for paired ratios, whether the
     CI excludes 1 and on which side;
  3. the A/A false positives: `dlbench compare RUN1 RUN2 --csv` rows marked
     significant (two runs of the same code: every one is false);
  4. instructions per call: equal in both runs, or the relative difference.

Usage: python3 scripts/precision.py DLBENCH CONFIG [RUN ARGS...]
       python3 scripts/precision.py --runs RUN1 RUN2 DLBENCH   (no new runs)
It reads the run folders through their CSV files only."""
import csv
import math
import os
import subprocess
import sys
import time

TIMING = {"ns_per_call", "dlopen_us", "first_call_us", "cycle_us", "wall_ms", "ratio"}
COUNTS = {"instructions_per_call", "instructions", "instructions_per_cycle"}


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def num(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan


def env(run):
    out = {}
    with open(os.path.join(run, "env.txt")) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition(": ")
            out[k] = v
    return out


def key(r):
    return (r["variant"], r["scenario"], r["workload"], r["thread"], r["metric"])


def one_run(dlbench, config, args, n):
    t0 = time.time()
    load = open("/proc/loadavg").read().split()[:3]
    print(f"run {n}: {dlbench} run -c {config} {' '.join(args)} (load average {' '.join(load)})",
          flush=True)
    p = subprocess.run([dlbench, "run", "-c", config, "-q"] + args,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    last = [l for l in p.stderr.splitlines() if "run written to" in l]
    if p.returncode not in (0, 1) or not last:
        sys.exit(f"precision: run {n} failed (exit {p.returncode}):\n{p.stderr[-2000:]}")
    run = last[-1].split("written to ", 1)[1].split(" (")[0]
    print(f"run {n}: {run} in {time.time() - t0:.0f} s", flush=True)
    return run


def fmt(x, d=1):
    return "-" if math.isnan(x) else f"{x:.{d}f}"


def mde_table(s1, s2):
    print("\n1. mde_pct: smallest change of a median two such runs resolve (alpha 0.05, power 0.8)")
    have = "mde_pct" in (s1[0] if s1 else {})
    if not have:
        print("   (summary.csv has no mde_pct column: this dlbench predates it)")
    by2 = {key(r): r for r in s2}
    print(f"   {'result':58} {'run 1':>7} {'run 2':>7}  {'ratio_mde 1':>11} {'ratio_mde 2':>11}")
    for r in s1:
        if r["metric"] not in TIMING:
            continue
        o = by2.get(key(r), {})
        name = "/".join(x for x in key(r) if x)
        m1, m2 = num(r.get("mde_pct")), num(o.get("mde_pct"))
        q1, q2 = num(r.get("ratio_mde_pct")), num(o.get("ratio_mde_pct"))
        print(f"   {name:58} {fmt(m1):>7} {fmt(m2):>7}  {fmt(q1):>11} {fmt(q2):>11}")


def verdicts(summary):
    """{(scenario, workload, thread, metric, a, b): +1 / -1} for pairs of
    variants whose median CIs are apart; paired ratios against 1."""
    out = {}
    groups = {}
    for r in summary:
        if r["metric"] not in TIMING:
            continue
        if r["metric"] == "ratio":
            lo, hi = num(r["ci_low"]), num(r["ci_high"])
            d = 1 if lo > 1 else -1 if hi < 1 else 0
            out[(r["scenario"], r["workload"], r["thread"], "ratio", r["variant"], "baseline")] = d
            continue
        groups.setdefault((r["scenario"], r["workload"], r["thread"], r["metric"]), []).append(r)
    for k, rs in groups.items():
        for i, a in enumerate(rs):
            for b in rs[i + 1:]:
                alo, ahi, blo, bhi = (num(a["ci_low"]), num(a["ci_high"]), num(b["ci_low"]),
                                      num(b["ci_high"]))
                d = 1 if alo > bhi else -1 if ahi < blo else 0
                out[k + (a["variant"], b["variant"])] = d
    return out


def agreement(s1, s2):
    v1, v2 = verdicts(s1), verdicts(s2)
    common = [k for k in v1 if k in v2]
    same = [k for k in common if v1[k] == v2[k]]
    differ1 = sum(1 for k in common if v1[k] != 0)
    differ2 = sum(1 for k in common if v2[k] != 0)
    flipped = [k for k in common if v1[k] and v2[k] and v1[k] != v2[k]]
    print("\n2. findings: pairs of variants whose 95 % CIs are apart (paired ratios: CI vs 1)")
    print(f"   comparisons in both runs: {len(common)}; different in run 1: {differ1}, "
          f"in run 2: {differ2}; same verdict: {len(same)} of {len(common)}; "
          f"opposite directions: {len(flipped)}")
    for k in [k for k in common if v1[k] != v2[k]][:12]:
        word = {1: "higher", -1: "lower", 0: "tied"}
        print(f"   disagree: {'/'.join(x for x in k[:3] if x)} {k[3]} {k[4]} vs {k[5]}: "
              f"run 1 {word[v1[k]]}, run 2 {word[v2[k]]}")


def aa(dlbench, r1, r2):
    p = subprocess.run([dlbench, "compare", r1, r2, "--csv"], capture_output=True, text=True)
    if p.returncode != 0:
        print(f"\n3. A/A compare failed: {p.stderr.strip()}")
        return
    rs = list(csv.DictReader(p.stdout.splitlines()))
    tested = [r for r in rs if r.get("p") not in ("", None)]
    sig = [r for r in tested if r.get("significant") == "1"]
    tim = [r for r in tested if r["metric"] in TIMING]
    sig_t = [r for r in sig if r["metric"] in TIMING]
    print(f"\n3. A/A compare (same code twice): {len(sig)} of {len(tested)} tested results "
          f"claimed a change (p < 0.05 and at least the larger mde_pct; {len(sig_t)} of "
          f"{len(tim)} timing results); p < 0.05 alone would flag ~{0.05 * len(tested):.0f} "
          f"by chance")
    for r in sig_t[:12]:
        print(f"   {r['name']} {r['metric']}: {fmt(num(r['change_pct']), 2)} % (p {r['p']})")


def instructions(s1, s2):
    by2 = {key(r): r for r in s2}
    n = same = 0
    worst = (0.0, None)
    for r in s1:
        if r["metric"] not in COUNTS or key(r) not in by2:
            continue
        a, b = num(r["median"]), num(by2[key(r)]["median"])
        n += 1
        if a == b:
            same += 1
        elif a > 0:
            d = abs(b - a) / a * 100
            if d > worst[0]:
                worst = (d, "/".join(x for x in key(r) if x))
    print(f"\n4. instruction counts: {same} of {n} identical in both runs", end="")
    print(f"; largest difference {worst[0]:.3f} % ({worst[1]})" if worst[1] else "")
    for lang in ("c@", "rust@", "go@"):
        vals = [(r, by2[key(r)]) for r in s1 if r["metric"] == "instructions_per_call"
                and r["variant"].startswith(lang) and r["workload"] == "add" and key(r) in by2]
        for a, b in vals:
            print(f"   {a['variant']} add/{a['thread']}: {a['median']} vs {b['median']} instr")


def main():
    a = sys.argv[1:]
    if len(a) >= 3 and a[0] == "--runs":
        r1, r2, dlbench = a[1], a[2], a[3] if len(a) > 3 else "build/dlbench"
    elif len(a) >= 2:
        dlbench, config, args = a[0], a[1], a[2:]
        r1 = one_run(dlbench, config, args, 1)
        r2 = one_run(dlbench, config, args, 2)
    else:
        sys.exit(__doc__)
    for i, r in enumerate((r1, r2), 1):
        e = env(r)
        print(f"run {i}: {os.path.basename(os.path.normpath(r))}: wall {e.get('wall_s', '?')} s, "
              f"load average at start {e.get('loadavg', '?')}, at end {e.get('loadavg_end', '?')}")
    s1 = rows(os.path.join(r1, "summary.csv"))
    s2 = rows(os.path.join(r2, "summary.csv"))
    mde_table(s1, s2)
    agreement(s1, s2)
    aa(dlbench, r1, r2)
    instructions(s1, s2)


if __name__ == "__main__":
    main()
