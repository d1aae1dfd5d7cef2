#!/usr/bin/env python3
"""Writes the hand-made run folders the report and compare tests read.

    tests/report/runs/20250601-101502/  the report fixture (and compare NEW):
        c@gcc (baseline), c@clang, go@go1.22.12, go@local (go go1.26.8),
        rust@local, leak256k (a brought library leaking 256 KiB per load
        cycle) and segv (failed in verify); governor powersave, turbo on.
    tests/report/runs/20250520-090000/  compare OLD: an earlier, smaller run
        (c@gcc, c@clang, go@go1.22.12, rust@local; call, load, size).
    tests/report/runs/go126-only.csv     a results.csv holding c@gcc and
        go@local only, for `compare --match impl` against OLD.

The numbers are invented but realistic (a 2-core x86-64 box) and fixed
(seeded), so the outputs are the same on every machine. summary.csv is
computed here from results.csv with the definitions of harness/stats.h and
harness/rundata.c (median, order-statistic 95 % CI, MAD, ratios, warnings),
so the two files agree. Not part of the build; rerun after changing the
fixture, then regenerate the goldens (UPDATE_GOLDEN=1 ctest -R report_):
    python3 tests/report/make_fixtures.py
"""
import math
import os
import random
from statistics import NormalDist

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS = os.path.join(HERE, "runs")

SERIES = {"rss_kb", "pss_kb", "private_dirty_kb", "iterations"}
TIMING = {"ns_per_call", "dlopen_us", "first_call_us", "cycle_us", "wall_ms"}


def num(v):
    """csv_number(): integers without a fraction, else %.6g."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v == int(v) and abs(v) < 1e15:
        return "%d" % int(v)
    return "%.6g" % v


def field(s):
    s = str(s)
    if s and (s[0] == " " or s[-1] == " " or any(c in s for c in ',"\r\n')):
        return '"' + s.replace('"', '""') + '"'
    return s


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def ci_rank(n, level=0.95):
    best, cdf = 0, 0.0
    for j in range(n // 2):
        cdf += math.comb(n, j) / 2.0 ** n
        if 1 - 2 * cdf >= level:
            best = j + 1
        else:
            break
    return best


def summarize(xs):
    n = len(xs)
    s = sorted(xs)
    med = median(xs)
    mean = sum(xs) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / (n - 1)) if n > 1 else 0.0
    cv = 100 * sd / abs(mean) if mean != 0 else 0.0
    mad = median([abs(x - med) for x in xs])
    k = ci_rank(n)
    lo, hi = (s[k - 1], s[n - k]) if k else (s[0], s[-1])
    out = 0
    for x in xs:
        if mad == 0:
            out += x != med
        elif abs(0.6745 * (x - med) / mad) > 3.5:
            out += 1
    # mde_pct: tests/stats/expected_mde.py's definition (README "How precise
    # is a run"); these fixtures have no process column, so over samples.
    mde = None
    if n >= 2 and med != 0:
        z = NormalDist().inv_cdf(0.975) + NormalDist().inv_cdf(0.80)
        sigma = mad / NormalDist().inv_cdf(0.75) if mad else sd
        mde = 100 * z * sigma * math.sqrt(2 / n) / abs(med)
    return dict(n=n, median=med, mean=mean, sd=sd, cv=cv, min=s[0], max=s[-1], mad=mad,
                lo=lo, hi=hi, out=out, mde=mde)


class Run:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.variants = []   # dicts
        self.rows = []       # (variant, scenario, workload, thread, metric, unit, rep, value)
        self.rep = {}

    def var(self, name, impl, lang, tc, tcv, build, lib, ok=True, baseline=False):
        self.variants.append(dict(name=name, impl=impl, lang=lang, tc=tc, tcv=tcv,
                                  build=build, lib=lib, ok=ok, baseline=baseline,
                                  file_bytes=""))

    def add(self, v, sc, wl, th, metric, unit, value, rep=None):
        key = (v, sc, wl, th, metric)
        if rep is None:
            rep = self.rep.get(key, 0)
            self.rep[key] = rep + 1
        self.rows.append((v, sc, wl, th, metric, unit, rep, value))

    def noisy(self, v, sc, wl, th, metric, unit, centre, n, rel, digits=4):
        for _ in range(n):
            x = centre * (1 + self.rng.gauss(0, rel))
            self.add(v, sc, wl, th, metric, unit, float("%.*g" % (digits, x)))

    def vinfo(self, name):
        return next(v for v in self.variants if v["name"] == name)

    def results_csv(self):
        out = ["variant,impl,toolchain,toolchain_version,scenario,workload,thread,metric,unit,"
               "rep,value"]
        for (v, sc, wl, th, m, u, rep, val) in self.rows:
            vi = self.vinfo(v)
            out.append(",".join(field(x) for x in (v, vi["impl"], vi["tc"], vi["tcv"], sc, wl,
                                                    th, m, u, num(rep), num(val))))
        return "\n".join(out) + "\n"

    def summary_csv(self, env_warnings):
        keys = []
        groups = {}
        for (v, sc, wl, th, m, u, rep, val) in self.rows:
            if m in SERIES:
                continue
            k = (v, sc, wl, th, m)
            if k not in groups:
                keys.append(k)
                groups[k] = (u, [])
            groups[k][1].append(val)
        base = next((v["name"] for v in self.variants if v["baseline"]), None)
        stats = {k: summarize(groups[k][1]) for k in keys}
        out = ["variant,impl,toolchain,toolchain_version,scenario,workload,thread,metric,unit,n,"
               "median,mean,stddev,cv,min,max,mad,ci_low,ci_high,ratio_to_baseline,warnings,"
               "ratio_ci_low,ratio_ci_high,outliers,mde_pct"]
        # rd_summarize() groups per variant in variant order.
        order = [v["name"] for v in self.variants]
        keys.sort(key=lambda k: order.index(k[0]))
        for k in keys:
            u, xs = groups[k]
            s = stats[k]
            ratio = rlo = rhi = None
            bk = (base,) + k[1:]
            if base and u != "bool" and bk in stats and stats[bk]["median"] != 0:
                b = stats[bk]
                ratio = s["median"] / b["median"]
                rlo = s["lo"] / b["hi"] if b["hi"] > 0 else None
                rhi = s["hi"] / b["lo"] if b["lo"] > 0 else float("inf")
            w = []
            if k[4] in TIMING:
                if s["n"] < 5:
                    w.append("too few samples (n=%d < 5)" % s["n"])
                if s["cv"] > 5.0:
                    w.append("cv %.1f%% > 5%%" % s["cv"])
                w += env_warnings
            vi = self.vinfo(k[0])
            out.append(",".join(field(x) for x in (
                k[0], vi["impl"], vi["tc"], vi["tcv"], k[1], k[2], k[3], k[4], u, num(s["n"]),
                num(s["median"]), num(s["mean"]), num(s["sd"]), num(s["cv"]), num(s["min"]),
                num(s["max"]), num(s["mad"]), num(s["lo"]), num(s["hi"]), num(ratio),
                ";".join(w), num(rlo), num(rhi), num(s["out"]), num(s["mde"]))))
        return "\n".join(out) + "\n"

    def variants_csv(self):
        out = ["variant,impl,lang,toolchain,toolchain_version,build_version,lib,file_bytes,"
               "exports,status,baseline"]
        for v in self.variants:
            fb = next((r[7] for r in self.rows if r[0] == v["name"] and r[4] == "file_bytes"),
                      None)
            out.append(",".join(field(x) for x in (
                v["name"], v["impl"], v["lang"], v["tc"], v["tcv"], v["build"], v["lib"],
                num(fb) if fb is not None else "",
                "noop add fib hello free info" if v["ok"] else "",
                "ok" if v["ok"] else "failed", "1" if v["baseline"] else "0")))
        return "\n".join(out) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="") as f:
        f.write(text)


GCC = ("c@gcc", "c", "c", "gcc", "c gcc 12.2.0", "gcc (Debian 12.2.0-14) 12.2.0",
       "/home/bench/dlbench/build/libs/c@gcc/libc.so")
CLANG = ("c@clang", "c", "c", "clang", "c clang 14.0.6", "Debian clang version 14.0.6",
         "/home/bench/dlbench/build/libs/c@clang/libc.so")
GO122 = ("go@go1.22.12", "go", "go", "go1.22.12", "go go1.22.12",
         "go version go1.22.12 linux/amd64",
         "/home/bench/dlbench/build/libs/go@go1.22.12/libgo.so")
GO126 = ("go@local", "go", "go", "local", "go go1.26.8", "go version go1.26.8 linux/amd64",
         "/home/bench/dlbench/build/libs/go@local/libgo.so")
RUST = ("rust@local", "rust", "rust", "local", "rust rustc 1.95.0 (59807616e 2026-04-14)",
        "rustc 1.95.0 (59807616e 2026-04-14)",
        "/home/bench/dlbench/build/libs/rust@local/librust.so")
LEAK = ("leak256k", "leak256k", "c", "", "leak256k 1.0", "", "/opt/libs/libleak256k.so")
SEGV = ("segv", "segv", "c", "", "", "", "/opt/libs/libsegv.so")

# ns per call: (floor, noop, add, fib/20, fib/30, hello) on the main thread,
# then the pthread values; relative noise of the main-thread add.
CALL = {
    "c@gcc": ((1.05, 1.52, 1.61, 21.5e3, 2.71e6, 38.0), (1.05, 1.53, 1.63, 21.6e3, 2.72e6, 38.4),
              0.012),
    "c@clang": ((1.06, 1.49, 1.55, 19.8e3, 2.49e6, 41.0),
                (1.06, 1.50, 1.57, 19.9e3, 2.50e6, 41.2), 0.012),
    # go1.22: every call from the C main thread pays ~91 us (golang/go#68587).
    "go@go1.22.12": ((1.07, 90.6e3, 91.0e3, 127e3, 4.61e6, 91.4e3),
                     (1.07, 198.0, 205.0, 36.1e3, 4.52e6, 212.0), 0.07),
    "go@local": ((1.04, 112.0, 118.0, 34.0e3, 4.21e6, 171.0),
                 (1.04, 108.0, 112.0, 33.9e3, 4.20e6, 168.0), 0.015),
    "rust@local": ((1.05, 1.55, 1.63, 22.7e3, 2.83e6, 57.0),
                   (1.05, 1.56, 1.65, 22.8e3, 2.84e6, 57.5), 0.012),
    "leak256k": ((1.05, 1.50, 1.58, 21.9e3, 2.75e6, 39.0),
                 (1.05, 1.51, 1.60, 22.0e3, 2.76e6, 39.3), 0.012),
}
WORKLOADS = ["floor", "noop", "add", "fib/20", "fib/30", "hello"]
# dlopen us, first call us, rss delta KiB, threads delta, maps delta
LOAD = {"c@gcc": (74.0, 0.15, 132, 0, 9), "c@clang": (71.0, 0.13, 128, 0, 9),
        "go@go1.22.12": (1710.0, 2480.0, 4720, 5, 46), "go@local": (1480.0, 1800.0, 4310, 5, 46),
        "rust@local": (143.0, 0.20, 410, 0, 11), "leak256k": (78.0, 0.15, 396, 0, 9)}
# cycle us (fresh, pinned); leak slope, CI low, CI high (fresh); unloaded (fresh, pinned)
CYCLE = {"c@gcc": ((58.0, 0.36), (0.2, -1.1, 1.4), (1, 1)),
         "c@clang": ((55.0, 0.28), (-0.3, -1.1, 0.5), (1, 1)),
         "go@go1.22.12": ((3.3, 1.3), (0.0, -0.4, 0.4), (0, 0)),
         "go@local": ((3.1, 1.2), (0.0, -0.4, 0.4), (0, 0)),
         "rust@local": ((121.0, 0.33), (1.0, -0.8, 2.9), (1, 1)),
         "leak256k": ((66.0, 0.35), (262144.0, 261120.0, 263168.0), (1, 1))}
# file, load, text, data bytes; needed, exported; nodelete, bind_now
SIZE = {"c@gcc": (15960, 16384, 1450, 616, 1, 9, 0, 0),
        "c@clang": (15704, 16384, 1390, 608, 1, 9, 0, 0),
        "go@go1.22.12": (2142208, 1507328, 498112, 331776, 1, 55, 1, 0),
        "go@local": (2298880, 1584085, 520236, 349276, 1, 55, 1, 0),
        "rust@local": (431616, 368640, 251904, 30208, 3, 12, 0, 0),
        "leak256k": (16120, 16384, 1466, 620, 1, 9, 0, 0)}
# process cold start: wall ms, runs
PROC = {"c@gcc": (0.92, 10), "c@clang": (0.90, 10), "go@go1.22.12": (4.8, 10),
        "go@local": (4.1, 10), "rust@local": (1.3, 10), "leak256k": (0.95, 3)}


def measure(run, name, reps, scenarios, call_scale=1.0):
    if "call" in scenarios:
        main, pth, rel = CALL[name]
        for th, vals in (("main", main), ("pthread", pth)):
            for wl, c in zip(WORKLOADS, vals):
                r = rel if wl != "floor" else 0.01
                run.noisy(name, "call", wl, th, "ns_per_call", "ns", c * call_scale, reps, r)
    if "load" in scenarios:
        dl, fc, rss, thr, maps = LOAD[name]
        run.noisy(name, "load", "", "main", "dlopen_us", "us", dl, reps, 0.03)
        run.noisy(name, "load", "add", "main", "first_call_us", "us", fc, reps, 0.03)
        run.noisy(name, "load", "", "main", "rss_delta_kb", "KiB", rss, reps, 0.01, 3)
        for _ in range(reps):
            run.add(name, "load", "", "main", "threads_delta", "count", thr)
            run.add(name, "load", "", "main", "maps_delta", "count", maps)
    if "cycle" in scenarios:
        (cf, cp), (slope, lo, hi), (uf, up) = CYCLE[name]
        for mode, cu, un in (("fresh", cf, uf), ("pinned", cp, up)):
            base = 1800.0 if name.startswith("c") else 9000.0
            for i in range(0, 2001, 500):
                grow = slope * i / 1024 if mode == "fresh" else 0
                run.add(name, "cycle", mode, "main", "rss_kb", "KiB", round(base + grow), i)
            run.noisy(name, "cycle", mode, "main", "cycle_us", "us", cu, 20, 0.04)
            run.add(name, "cycle", mode, "main", "unloaded", "bool", un)
            s, l, h = (slope, lo, hi) if mode == "fresh" else (0.0, -0.2, 0.2)
            run.add(name, "cycle", mode, "main", "leak_bytes_per_cycle", "bytes", s)
            run.add(name, "cycle", mode, "main", "leak_ci_low", "bytes", l)
            run.add(name, "cycle", mode, "main", "leak_ci_high", "bytes", h)
            mbps = s / (cu * 1e-6) / 1e6
            run.add(name, "cycle", mode, "main", "leak_mb_per_s", "MB/s", float("%.4g" % mbps))
            run.add(name, "cycle", mode, "main", "rss_growth_kb", "KiB",
                    round(s * 2000 / 1024) + 12)
    if "size" in scenarios:
        fb, lb, tb, db, need, exp, nod, bn = SIZE[name]
        for m, u, v in (("file_bytes", "bytes", fb), ("load_bytes", "bytes", lb),
                        ("text_bytes", "bytes", tb), ("data_bytes", "bytes", db),
                        ("needed_count", "count", need), ("exported_symbols", "count", exp),
                        ("nodelete", "bool", nod), ("bind_now", "bool", bn)):
            run.add(name, "size", "", "", m, u, v)
    if "process" in scenarios:
        wall, runs = PROC[name]
        run.noisy(name, "process", "once", "main", "wall_ms", "ms", wall, runs, 0.02)
        run.add(name, "process", "once", "main", "user_ms", "ms", float("%.3g" % (wall * 0.6)))
        run.add(name, "process", "once", "main", "system_ms", "ms", float("%.3g" % (wall * 0.3)))


def env_text(pairs, variants):
    lines = ["%s: %s" % kv for kv in pairs]
    for v in variants:
        lines.append("variant %s: %s" % (v[0], v[1]))
    return "\n".join(lines) + "\n"


BENCH_TOML = """# bench.toml used by this run (fixture)
[run]
repetitions = 10
cycles = 2000
sample_every = 500
pin_cpu = 1
scenarios = ["call", "load", "cycle", "size", "process"]

[[impl]]
name = "c"
dir = "impls/c"
build = "sh ../../scripts/build-c.sh {toolchain} {out}"
toolchains = ["gcc", "clang"]

[[impl]]
name = "go"
dir = "impls/go"
build = "sh ../../scripts/build-go.sh {toolchain} {out}"
toolchains = ["go1.22.12", "local"]

[[impl]]
name = "rust"
dir = "impls/rust"
build = "sh ../../scripts/build-rust.sh {toolchain} {out}"
toolchains = ["local"]

[[impl]]
name = "leak256k"
lib = "/opt/libs/libleak256k.so"

[[impl]]
name = "segv"
lib = "/opt/libs/libsegv.so"
"""


def main_fixture():
    run = Run(20250601)
    for v in (GCC, CLANG, GO122, GO126, RUST, LEAK):
        run.var(*v, baseline=v is GCC)
    run.var(*SEGV, ok=False)
    sc = ["call", "load", "cycle", "size", "process"]
    for v in (GCC, CLANG, GO122, GO126, RUST, LEAK):
        measure(run, v[0], 10, sc)
    d = os.path.join(RUNS, "20250601-101502")
    envw = ["governor powersave (not performance)", "turbo on"]
    write(os.path.join(d, "results.csv"), run.results_csv())
    write(os.path.join(d, "summary.csv"), run.summary_csv(envw))
    write(os.path.join(d, "variants.csv"), run.variants_csv())
    write(os.path.join(d, "failures.csv"),
          "variant,scenario,cause,log\n"
          'segv,verify,killed by SIGSEGV,"dlbench: verifying \'segv\'\n'
          "bench_add(2, 3): calling\n"
          'AddressSanitizer:DEADLYSIGNAL at <bench_add+0x4> ```"\n')
    write(os.path.join(d, "bench.toml"), BENCH_TOML)
    pairs = [("dlbench_version", "0.1.0"), ("git_commit", "8417eba"),
             ("date", "2025-06-01T10:15:02Z"), ("host", "bench-01"),
             ("cpu_model", "AMD EPYC 7763 64-Core Processor"), ("cpu_count", "2"),
             ("kernel", "Linux 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC x86_64"),
             ("glibc", "2.36"), ("governor", "powersave"), ("turbo", "on"),
             ("loadavg", "0.21 0.18 0.10"), ("config", "bench.toml"), ("seed", "42"),
             ("baseline", "c@gcc"), ("quick", "no"), ("repetitions", "10"),
             ("min_time_ms", "10"), ("warmup_ms", "5"), ("cycles", "2000"),
             ("sample_every", "500"), ("pin_cpu", "1"), ("timeout_s", "60"),
             ("scenarios", "call,load,cycle,size,process"), ("threads", "both")]
    vl = [(v[0], "info=%s; lib=%s" % (v[4], v[6])) for v in (GCC, CLANG, GO122, GO126, RUST,
                                                               LEAK)]
    vl.append(("segv", "failed (verify: killed by SIGSEGV)"))
    env = env_text(pairs, vl) + (
        "leak_check leak256k: valgrind memcheck, 201 cycles: definitely lost 52690944 B in "
        "201 blocks\n"
        "leak_verdict leak256k: leaks ~256 KiB per cycle: valgrind 262144 B/cycle definitely "
        "lost, RSS slope 262144 B/cycle\n"
        "leak_verdict c@gcc: no leak: valgrind 0 B definitely lost, RSS slope within noise\n"
        "loadavg_end: 0.35 0.22 0.12\nwall_s: 412.6\nstatus: complete\n")
    write(os.path.join(d, "env.txt"), env)


def old_fixture():
    run = Run(20250520)
    for v in (GCC, CLANG, GO122, RUST):
        run.var(*v, baseline=v is GCC)
    sc = ["call", "load", "size"]
    for v in (GCC, CLANG, GO122, RUST):
        # Slightly slower C and Rust calls in this older run.
        measure(run, v[0], 10 if v is not RUST else 3, sc, 1.0 if v[1] == "go" else 1.04)
    d = os.path.join(RUNS, "20250520-090000")
    write(os.path.join(d, "results.csv"), run.results_csv())
    write(os.path.join(d, "summary.csv"), run.summary_csv([]))
    write(os.path.join(d, "variants.csv"), run.variants_csv())
    write(os.path.join(d, "failures.csv"), "variant,scenario,cause,log\n")
    write(os.path.join(d, "bench.toml"), BENCH_TOML)
    write(os.path.join(d, "env.txt"), env_text(
        [("date", "2025-05-20T09:00:00Z"), ("cpu_model", "AMD EPYC 7763 64-Core Processor"),
         ("cpu_count", "2"), ("kernel", "Linux 6.1.0-18-amd64"), ("governor", "performance"),
         ("turbo", "off"), ("seed", "7"), ("baseline", "c@gcc"), ("pin_cpu", "1"),
         ("status", "complete")], []))


def go126_only():
    run = Run(20250602)
    for v in (GCC, GO126):
        run.var(*v, baseline=v is GCC)
    for v in (GCC, GO126):
        measure(run, v[0], 10, ["call", "load"])
    write(os.path.join(RUNS, "go126-only.csv"), run.results_csv())


if __name__ == "__main__":
    main_fixture()
    old_fixture()
    go126_only()
