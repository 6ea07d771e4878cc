#!/usr/bin/env python3
"""Peer of `tme stats cox`: the same Cox model (Efron ties) fitted by lifelines, as a whole process.

usage: lifelines_cox.py TABLE.csv [COVARIATE ...]   (default: every column but time and event)
Prints lifelines' summary (coefficients, SE, z, p, HR CIs, concordance, LR test) like `tme stats cox`.
"""
import sys

import pandas as pd
from lifelines import CoxPHFitter

table = pd.read_csv(sys.argv[1])
covariates = sys.argv[2:] or [c for c in table.columns if c not in ("time", "event")]
fit = CoxPHFitter().fit(table[["time", "event"] + covariates].dropna(), "time", "event")
fit.print_summary(decimals=5)
