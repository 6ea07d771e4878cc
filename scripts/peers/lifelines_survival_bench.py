#!/usr/bin/env python3
"""Peer of `tme-bench survival`: the same Cox fit (Efron ties) and Harrell's C in lifelines, in process.

usage: lifelines_survival_bench.py DIR REPEATS   (DIR holds cox.csv and cindex.csv written by tme-bench)
Prints one JSON line: best-of-REPEATS seconds of each fit (data loading excluded), coefficients, C.
"""
import json, sys, time
import pandas as pd
from lifelines import CoxPHFitter
from lifelines.utils import concordance_index
d, repeats = sys.argv[1], int(sys.argv[2])
cox = pd.read_csv(d + "/cox.csv")
conc = pd.read_csv(d + "/cindex.csv")
def best(f):
    times = []
    for _ in range(repeats):
        t = time.perf_counter(); r = f(); times.append(time.perf_counter() - t)
    return min(times), r
cox_s, fit = best(lambda: CoxPHFitter().fit(cox, "time", "event"))
c_s, c = best(lambda: concordance_index(conc["time"], -conc["x0"], conc["event"]))
print(json.dumps({"cox_seconds": cox_s, "cindex_seconds": c_s,
                  "coefficients": [float(v) for v in fit.params_.values], "cindex": float(c)}))
