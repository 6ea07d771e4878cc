#!/usr/bin/env python3
"""Peer of `tme stats cindex`: Harrell's C of a risk score by lifelines, as a whole process.

usage: lifelines_cindex.py TABLE.csv SCORE_COLUMN
lifelines' concordance_index takes predicted survival times, so the risk score is negated
(higher score = higher risk, as `tme stats cindex --score`).
"""
import sys

import pandas as pd
from lifelines.utils import concordance_index

table = pd.read_csv(sys.argv[1])[["time", "event", sys.argv[2]]].dropna()
print(f"Harrell's C = {concordance_index(table['time'], -table[sys.argv[2]], table['event']):.6f}")
