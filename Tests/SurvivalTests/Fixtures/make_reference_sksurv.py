"""IPCW reference values (Uno's C, cumulative/dynamic AUC, Brier score, IBS) from scikit-survival.

    cd Tests/SurvivalTests/Fixtures && python3 make_reference_sksurv.py

Needs `pip install scikit-survival pandas` (made with scikit-survival 0.28.0). Uses veteran.csv
(written by make_reference.R) and writes sksurv_reference.csv (key,value). The score and the
predicted survival are simple deterministic functions of the covariates, recomputed in the tests:
    score    = age/100 - karno
    S(t | x) = exp(-t/100 * exp(0.03 * (60 - karno)))
"""
import numpy as np
import pandas as pd
from sksurv.metrics import (brier_score, concordance_index_ipcw, cumulative_dynamic_auc,
                            integrated_brier_score)
from sksurv.util import Surv

d = pd.read_csv("veteran.csv")
y = Surv.from_arrays(event=d["status"].values == 1, time=d["time"].values.astype(float))
score = d["age"].values / 100 - d["karno"].values
out = []
put = lambda k, v: out.append(f"{k},{float(v):.17g}")

put("uno.all", concordance_index_ipcw(y, y, score)[0])
put("uno.tau365", concordance_index_ipcw(y, y, score, tau=365)[0])
times = np.array([30.0, 60.0, 90.0, 180.0, 365.0])
auc, mean_auc = cumulative_dynamic_auc(y, y, score, times)
for t, a in zip(times, auc):
    put(f"auc.{int(t)}", a)
put("auc.mean", mean_auc)
pred = np.exp(-np.outer(np.ones(len(d)), times) / 100 * np.exp(0.03 * (60 - d["karno"].values))[:, None])
_, bs = brier_score(y, y, pred, times)
for t, b in zip(times, bs):
    put(f"brier.{int(t)}", b)
put("ibs", integrated_brier_score(y, y, pred, times))
with open("sksurv_reference.csv", "w") as f:
    f.write("key,value\n" + "\n".join(out) + "\n")
