#!/usr/bin/env python3
"""Writes the survival benchmark table: N rows of time, event and 10 N(0,1) covariates x0..x9.

Proportional hazards with known beta_j = +-0.1 (j + 1) (signs alternating), exponential event times
(baseline hazard 1/year), uniform censoring over 5 years, times rounded up to whole days (as clinical
follow-up, so ties occur). Deterministic for a given seed (numpy's PCG64).

usage: make_survival_csv.py OUT.csv [--rows 100000] [--covariates 10] [--seed 2026]
"""
import argparse

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--rows", type=int, default=100_000)
parser.add_argument("--covariates", type=int, default=10)
parser.add_argument("--seed", type=int, default=2026)
a = parser.parse_args()

rng = np.random.default_rng(a.seed)
p = a.covariates
beta = np.array([(1 if j % 2 == 0 else -1) * 0.1 * (j + 1) for j in range(p)])
x = rng.standard_normal((a.rows, p))
event_time = rng.exponential(1.0, a.rows) * np.exp(-(x @ beta))
censor_time = rng.uniform(0, 5, a.rows)
grid = 1 / 365.25
time = np.ceil(np.minimum(event_time, censor_time) / grid) * grid
event = (event_time <= censor_time).astype(int)

with open(a.out, "w") as f:
    f.write("time,event," + ",".join(f"x{j}" for j in range(p)) + "\n")
    for i in range(a.rows):
        f.write(f"{float(time[i])!r},{event[i]}," + ",".join(repr(float(v)) for v in x[i]) + "\n")
