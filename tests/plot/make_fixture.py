#!/usr/bin/env python3
"""Writes tests/plot/run1/, the hand-made run folder the plot tests draw.

The numbers are realistic (a 2-core x86-64 box, gcc 12, clang 14, two Go
releases, Rust) but invented and fixed (seeded), so the charts are the same
on every machine. Not part of the build; rerun after changing the contract:
    python3 tests/plot/make_fixture.py
"""
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "run1")
rng = random.Random(20250101)

# variant, impl, lang, toolchain, toolchain_version, build_version, lib, exports
VARIANTS = [
    ("c@gcc", "c", "c", "gcc", "c gcc 12.2.0", "gcc (Debian 12.2.0-14) 12.2.0",
     "build/variants/c@gcc/libbench.so"),
    ("c@clang", "c", "c", "clang", "c clang 14.0.6", "Debian clang version 14.0.6",
     "build/variants/c@clang/libbench.so"),
    ("go@local", "go", "go", "local", "go go1.26.8", "go version go1.26.8 linux/amd64",
     "build/variants/go@local/libbench.so"),
    ("go@go1.21.6", "go", "go", "go1.21.6", "go go1.21.6", "go version go1.21.6 linux/amd64",
     "build/variants/go@go1.21.6/libbench.so"),
    ("rust@local", "rust", "rust", "local", "rust rustc 1.95.0 (59807616e 2025-11-03)",
     "rustc 1.95.0 (59807616e 2025-11-03)", "build/variants/rust@local/libbench.so"),
    ("leak256k", "leak256k", "c", "", "leak256k 1.0", "", "/opt/libs/libleak256k.so"),
    ("segv", "segv", "c", "", "", "", "/opt/libs/libsegv.so"),
]
FAILED = {"segv"}

# ns per call (main thread); pthread multiplies by the factor.
CALL = {
    "c@gcc":       dict(floor=1.05, noop=1.52, add=1.61, fib20=21.5e3, fib30=2.71e6, hello=38.0),
    "c@clang":     dict(floor=1.06, noop=1.49, add=1.55, fib20=19.8e3, fib30=2.49e6, hello=41.0),
    "go@local":    dict(floor=1.04, noop=48.0, add=49.5, fib20=33.9e3, fib30=4.21e6, hello=171.0),
    "go@go1.21.6": dict(floor=1.07, noop=61.0, add=63.2, fib20=36.1e3, fib30=4.52e6, hello=212.0),
    "rust@local":  dict(floor=1.05, noop=1.55, add=1.63, fib20=22.7e3, fib30=2.83e6, hello=57.0),
    "leak256k":    dict(floor=1.05, noop=1.50, add=1.58, fib20=21.9e3, fib30=2.75e6, hello=39.0),
}
PTHREAD = {"c@gcc": 1.01, "c@clang": 1.01, "go@local": 1.35, "go@go1.21.6": 1.42,
           "rust@local": 1.02, "leak256k": 1.01}
WORKLOADS = [("floor", "floor"), ("noop", "noop"), ("add", "add"), ("fib/20", "fib20"),
             ("fib/30", "fib30"), ("hello", "hello")]
# dlopen us, first call us, rss delta KiB
LOAD = {"c@gcc": (74.0, 1.9, 132), "c@clang": (71.0, 1.8, 128), "go@local": (1480.0, 412.0, 4310),
        "go@go1.21.6": (1710.0, 486.0, 4720), "rust@local": (143.0, 2.6, 410),
        "leak256k": (78.0, 2.0, 396)}
# cycle us (fresh, pinned), leak bytes/cycle (fresh, pinned), unloaded (fresh), rss base KiB
CYCLE = {"c@gcc": ((58.0, 1.4), (12.0, 0.0), 1, 1856),
         "c@clang": ((55.0, 1.4), (8.0, 0.0), 1, 1848),
         "go@local": ((3.1, 1.2), (0.0, 0.0), 0, 9120),
         "go@go1.21.6": ((3.3, 1.3), (0.0, 0.0), 0, 9480),
         "rust@local": ((121.0, 1.5), (4.0, 0.0), 1, 2210),
         "leak256k": ((66.0, 1.4), (262144.0, 0.0), 0, 2080)}
CYCLES, SAMPLE_EVERY = 2000, 100
# file bytes, load bytes, text, data, needed, exports
SIZE = {"c@gcc": (15960, 16384, 1450, 616, 1, 9), "c@clang": (15704, 16384, 1390, 608, 1, 9),
        "go@local": (2298880, 3162112, 1011712, 41216, 2, 12),
        "go@go1.21.6": (2142208, 3014656, 958464, 39936, 2, 12),
        "rust@local": (431616, 462848, 297410, 14720, 3, 9),
        "leak256k": (16120, 16384, 1510, 624, 1, 9)}
# wall ms, user ms, sys ms
PROC = {"c@gcc": (1.21, 0.52, 0.61), "c@clang": (1.19, 0.50, 0.62), "go@local": (4.05, 3.10, 2.20),
        "go@go1.21.6": (4.62, 3.55, 2.41), "rust@local": (1.38, 0.60, 0.71),
        "leak256k": (1.24, 0.53, 0.63)}

REPS = 10
results = []  # (variant, scenario, workload, thread, metric, unit, rep, value)


def noisy(v, cv=0.015):
    return v * (1.0 + rng.gauss(0.0, cv))


for v, *_ in VARIANTS:
    if v in FAILED:
        continue
    c = CALL[v]
    for thread in ("main", "pthread"):
        f = 1.0 if thread == "main" or v not in PTHREAD else PTHREAD[v]
        for wl, key in WORKLOADS:
            if key == "floor" and thread == "pthread":
                f2 = 1.0
            else:
                f2 = f
            for rep in range(REPS):
                results.append((v, "call", wl, thread, "ns_per_call", "ns", rep,
                                noisy(c[key] * f2)))
            results.append((v, "call", wl, thread, "iterations", "count", 0,
                            int(5e6 / max(c[key], 1.0)) + 1))
    dl, fc, rss = LOAD[v]
    for rep in range(REPS):
        results.append((v, "load", "", "main", "dlopen_us", "us", rep, noisy(dl, 0.04)))
        results.append((v, "load", "add", "main", "first_call_us", "us", rep, noisy(fc, 0.06)))
        results.append((v, "load", "", "main", "rss_delta_kb", "KiB", rep, rss + rng.randint(-8, 8)))
        results.append((v, "load", "", "main", "threads_delta", "count", rep,
                        4 if v.startswith("go") else 0))
        results.append((v, "load", "", "main", "maps_delta", "count", rep,
                        14 if v.startswith("go") else 6))
    cyc, leak, unloaded, base = CYCLE[v]
    for mi, mode in enumerate(("fresh", "pinned")):
        for rep in range(REPS):
            results.append((v, "cycle", mode, "main", "cycle_us", "us", rep, noisy(cyc[mi], 0.03)))
        lb = leak[mi]
        results.append((v, "cycle", mode, "main", "leak_bytes_per_cycle", "bytes", 0, lb))
        results.append((v, "cycle", mode, "main", "leak_ci_low", "bytes", 0, lb * 0.98 - 3))
        results.append((v, "cycle", mode, "main", "leak_ci_high", "bytes", 0, lb * 1.02 + 3))
        results.append((v, "cycle", mode, "main", "rss_growth_kb", "KiB", 0,
                        round(lb * CYCLES / 1024)))
        results.append((v, "cycle", mode, "main", "unloaded", "", 0,
                        unloaded if mode == "fresh" else 0))
        b = base + (0 if mode == "fresh" else 40)
        for i in range(0, CYCLES + 1, SAMPLE_EVERY):
            jitter = rng.choice((0, 0, 0, 4, -4)) if i else 0
            kb = b + lb * i / 1024.0 + jitter
            results.append((v, "cycle", mode, "main", "rss_kb", "KiB", i, round(kb)))
    fb, lbytes, text, data, needed, exports = SIZE[v]
    for metric, unit, val in (("file_bytes", "bytes", fb), ("load_bytes", "bytes", lbytes),
                              ("text_bytes", "bytes", text), ("data_bytes", "bytes", data),
                              ("needed_count", "count", needed),
                              ("exported_symbols", "count", exports),
                              ("nodelete", "", 1 if v.startswith("go") else 0),
                              ("bind_now", "", 0)):
        results.append((v, "size", "", "", metric, unit, 0, val))
    wall, user, sys_ = PROC[v]
    for rep in range(REPS):
        results.append((v, "process", "once", "main", "wall_ms", "ms", rep, noisy(wall, 0.05)))
    results.append((v, "process", "once", "main", "user_ms", "ms", 0, user))
    results.append((v, "process", "once", "main", "system_ms", "ms", 0, sys_))


def fmt(x):
    if isinstance(x, int):
        return str(x)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return "%.6g" % x


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def median_ci(xs):
    s = sorted(xs)
    n = len(s)
    best = None
    for k in range(1, n // 2 + 1):
        cov = 1 - 2 * sum(math.comb(n, i) for i in range(k)) / 2 ** n
        if cov >= 0.95:
            best = k
    if best is None:
        return s[0], s[-1]
    return s[best - 1], s[n - best]


META = {v[0]: v for v in VARIANTS}
SERIES = {"rss_kb", "pss_kb", "private_dirty_kb", "iterations"}
groups = {}
for r in results:
    if r[4] in SERIES:
        continue
    groups.setdefault(r[:6], []).append(r[7])

os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "results.csv"), "w") as f:
    f.write("variant,impl,toolchain,toolchain_version,scenario,workload,thread,metric,unit,rep,value\n")
    for r in results:
        m = META[r[0]]
        f.write(",".join([r[0], m[1], m[3], '"%s"' % m[4] if "," in m[4] else m[4], *r[1:6],
                          str(r[6]), fmt(r[7])]) + "\n")

with open(os.path.join(OUT, "summary.csv"), "w") as f:
    f.write("variant,impl,toolchain,toolchain_version,scenario,workload,thread,metric,unit,n,median,"
            "mean,stddev,cv,min,max,mad,ci_low,ci_high,ratio_to_baseline,warnings,ratio_ci_low,"
            "ratio_ci_high,outliers\n")
    meds = {}
    for key, xs in groups.items():
        meds[key] = median(xs)
    for key, xs in groups.items():
        v, sc, wl, th, metric, unit = key
        m = META[v]
        n = len(xs)
        med = meds[key]
        mean = sum(xs) / n
        sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / (n - 1)) if n > 1 else 0.0
        cv = 100 * sd / abs(mean) if mean else 0.0
        mad = median([abs(x - med) for x in xs])
        lo, hi = median_ci(xs)
        base = meds.get(("c@gcc",) + key[1:])
        ratio = med / base if base else ""
        warn = "cv %.1f%% > 5%%" % cv if cv > 5 else ""
        f.write(",".join([v, m[1], m[3], m[4], sc, wl, th, metric, unit, str(n), fmt(med),
                          fmt(mean), fmt(sd), fmt(cv), fmt(min(xs)), fmt(max(xs)), fmt(mad),
                          fmt(lo), fmt(hi), fmt(ratio) if ratio != "" else "", warn, "", "",
                          "0"]) + "\n")

with open(os.path.join(OUT, "variants.csv"), "w") as f:
    f.write("variant,impl,lang,toolchain,toolchain_version,build_version,lib,file_bytes,exports,"
            "status,baseline,impl_index,toolchain_index\n")
    impls = []  # bench.toml order: the hue; the toolchain's place in its impl: the shade
    for v, impl, lang, tc, tv, bv, lib in VARIANTS:
        if impl not in impls:
            impls.append(impl)
        tci = sum(1 for w in VARIANTS[:[x[0] for x in VARIANTS].index(v)] if w[1] == impl)
        fb = SIZE[v][0] if v in SIZE else ""
        ex = SIZE[v][5] if v in SIZE else ""
        f.write(",".join([v, impl, lang, tc, tv, bv, lib, str(fb), str(ex),
                          "failed" if v in FAILED else "ok",
                          "1" if v == "c@gcc" else "0", str(impls.index(impl)), str(tci)]) + "\n")

with open(os.path.join(OUT, "failures.csv"), "w") as f:
    f.write("variant,scenario,cause,log\n")
    f.write('segv,verify,killed by SIGSEGV,"dlbench: measuring \'segv\' (verify)\n'
            'bench_add: segmentation fault at 0x0"\n')

with open(os.path.join(OUT, "env.txt"), "w") as f:
    f.write("""dlbench_version: 0.1.0
git_commit: 2b4f284
date: 2025-06-01T10:15:02Z
host: bench-01
cpu_model: Intel(R) Xeon(R) CPU E5-2673 v4 @ 2.30GHz
cpu_count: 2
kernel: 6.1.0-18-amd64
glibc: 2.36
governor: performance
turbo: unknown
loadavg: 0.21 0.18 0.10
config: bench.toml
seed: 42
baseline: c@gcc
status: complete
wall_s: 412.6
repetitions: 10
cycles: 2000
sample_every: 100
variant c@gcc: c gcc 12.2.0
variant c@clang: c clang 14.0.6
variant go@local: go go1.26.8
variant go@go1.21.6: go go1.21.6
variant rust@local: rust rustc 1.95.0 (59807616e 2025-11-03)
variant leak256k: leak256k 1.0
variant segv: failed (verify: killed by SIGSEGV)
""")
print("wrote", OUT)
