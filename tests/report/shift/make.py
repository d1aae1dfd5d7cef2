#!/usr/bin/env python3
"""Writes the run folders of tests/report/shift/ (results.csv and
variants.csv) for `dlbench compare`'s same-build rows (tests/report/cli.sh).

moved/old -> moved/new: c@gcc, c@clang and rust@stable are the same build
in both runs (equal build_id) and every one of their timing rows is 22 to
30 % slower in new (median +25 %): the machine moved. go@local is another build whose rows
moved +25 % like them (not claimed vs the shift); rust@nightly's dlopen_us
moved +60 % (+28 % vs the shift: claimed) and its first_call_us did not
move (-20 % vs the shift, but nothing changed as measured: not claimed).
stable/old -> stable/new: the same, but the same-build rows moved +0.3 %
and go@local not at all; rust@nightly's dlopen_us +60 % (claimed).
unclear/old -> unclear/new: two same-build rows (the dlopen_us of c@gcc and
c@clang) +25 %, the other four unchanged: more claims than chance (1 in
10) but a median of 0: no clear shift, nothing adjusted (go@local's
dlopen_us +25 % stays claimed).
quick/old -> quick/new: 3 processes a side (`run --quick`): the smallest
two-sided Mann-Whitney p of 3+3 is 2 / C(6, 3) = 0.100 >= alpha 0.05, so
no row can be tested, not even rust@nightly's dlopen_us x800; the
same-build line must say it cannot tell, not "stable".
Values are fixed (no randomness): 20 processes a side (quick: 3), one sample each,
1 % noise from a fixed list, rotated between the runs.
Run: python3 tests/report/shift/make.py (from anywhere)."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
NOISE = [-1.9, 0.4, 1.2, -0.7, 0.0, 1.8, -1.1, 0.6, -0.3, 1.5,
         -1.6, 0.9, -0.5, 0.2, 1.1, -1.3, 0.7, -0.1, 1.9, -0.9]
# variant, impl, toolchain, build id old, build id new
VARIANTS = [
    ("c@gcc", "c", "gcc", "38d563b7a1c2e3f405162738495a6b7c8d9e0f10", None),
    ("c@clang", "c", "clang", "5a1be0c4d2e3f405162738495a6b7c8d9e0f1122", None),
    ("rust@stable", "rust", "stable", "9e77f1a0b1c2d3e4f5061728394a5b6c7d8e9f00", None),
    ("go@local", "go", "local", "0a0b0c0d0e0f101112131415161718191a1b1c1d",
     "1d1c1b1a191817161514131211100f0e0d0c0b0a"),
    ("rust@nightly", "rust", "nightly", "aa00bb11cc22dd33ee44ff5566778899aabbccdd",
     "ddccbbaa99887766554433221100ffee00112233"),
]
BASE = {"dlopen_us": 60.0, "first_call_us": 2.0}
# new / old per (case, variant, metric); absent: the case's machine factor
CASES = {
    "moved": (1.25, {("c@gcc", "dlopen_us"): 1.22, ("rust@stable", "dlopen_us"): 1.28,
                     ("c@gcc", "first_call_us"): 1.24, ("rust@stable", "first_call_us"): 1.30,
                     ("rust@nightly", "dlopen_us"): 1.60,
                     ("rust@nightly", "first_call_us"): 1.0}),
    "stable": (1.003, {("go@local", "dlopen_us"): 1.0, ("go@local", "first_call_us"): 1.0,
                       ("rust@nightly", "dlopen_us"): 1.60}),
    "unclear": (1.0, {("c@gcc", "dlopen_us"): 1.25, ("c@clang", "dlopen_us"): 1.25,
                      ("go@local", "dlopen_us"): 1.25}),
    "quick": (1.0, {("rust@nightly", "dlopen_us"): 800.0}),
}
PROCS = {"quick": 3}


def write(folder, side, factor, special, nproc):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "variants.csv"), "w") as f:
        f.write("variant,impl,lang,toolchain,toolchain_version,build_version,lib,file_bytes,"
                "exports,status,baseline,impl_index,toolchain_index,build_id\n")
        for i, (name, impl, tc, bid_old, bid_new) in enumerate(VARIANTS):
            bid = bid_old if side == "old" or bid_new is None else bid_new
            f.write(f"{name},{impl},{impl},{tc},{impl} {tc},,/libs/{name}/lib.so,16000,"
                    f"noop add,ok,{int(i == 0)},{i},0,{bid}\n")
    with open(os.path.join(folder, "results.csv"), "w") as f:
        f.write("variant,impl,toolchain,toolchain_version,scenario,workload,thread,metric,"
                "unit,rep,value,process\n")
        proc = 0
        for vi, (name, impl, tc, _, _) in enumerate(VARIANTS):
            for metric, base in BASE.items():
                k = factor if side == "new" else 1.0
                if side == "new":
                    k = special.get((name, metric), factor)
                base = base * (1 + 0.1 * vi)
                workload = "add" if metric == "first_call_us" else ""
                for r in range(nproc):
                    e = NOISE[(r + (7 if side == "new" else 0)) % 20]
                    v = round(base * k * (1 + e / 100), 4)
                    f.write(f"{name},{impl},{tc},{impl} {tc},load,{workload},main,{metric},"
                            f"us,{r},{v},{proc + r}\n")
                proc += nproc
            size = 16000 + 1000 * vi
            f.write(f"{name},{impl},{tc},{impl} {tc},size,,,file_bytes,bytes,0,{size},"
                    f"{proc}\n")
            proc += 1


for case, (factor, special) in CASES.items():
    for side in ("old", "new"):
        write(os.path.join(HERE, case, side), side, factor, special, PROCS.get(case, 20))
