#!/usr/bin/env python3
"""Small expression fixture for the GEP / IFN-gamma tests and its expected scores, computed here with
the Python standard library only (statistics.mean / statistics.stdev, i.e. the n-1 sample SD), not with
TMEScope code. Run: python3 make_signature_reference.py  (writes expression_log2.tsv,
expression_tpm.tsv and signature_reference.json beside this script).

Formula (the documented one): x = log2 value (log2(TPM + 1) for the TPM file); per gene over the
cohort's samples with a value: z = (x - mean) / stdev (n-1); score = mean of z over the signature genes
that are present, non-constant and non-missing in the sample; nil when fewer than the minimum
(GEP 15 of 18, IFN-gamma 5 of 6).
"""
import json, math, pathlib, statistics

GEP = ["CCL5", "CD27", "CD274", "CD276", "CD8A", "CMKLR1", "CXCL9", "CXCR6", "HLA-DQA1", "HLA-DRB1",
       "HLA-E", "IDO1", "LAG3", "NKG7", "PDCD1LG2", "PSMB10", "STAT1", "TIGIT"]
IFNG = ["CXCL9", "CXCL10", "HLA-DRA", "IDO1", "IFNG", "STAT1"]
SIGS = {"tcell_inflamed_gep": (GEP, 15), "ifng_6": (IFNG, 5)}
samples = ["S1", "S2", "S3", "S4", "S5"]
genes = GEP + ["CXCL10", "HLA-DRA", "IFNG", "GAPDH"]

def value(g, s):
    gi, si = genes.index(g), samples.index(s)
    if g == "TIGIT":                      # constant across the cohort: unusable (SD 0)
        return 5.0
    if s == "S4" and g in ("CCL5", "CD27", "CD274", "LAG3"):   # S4: 4 GEP genes missing -> 13 usable < 15
        return None
    if s == "S5" and g == "IFNG":         # S5: one IFN-gamma gene missing -> 5 of 6, still scored
        return None
    return ((gi * 7 + si * 5) % 13) / 2.0 + 0.25 * si + 1.0

here = pathlib.Path(__file__).parent
log2 = {g: [value(g, s) for s in samples] for g in genes}
with open(here / "expression_log2.tsv", "w") as f:
    f.write("# log2 expression, synthetic; produced by make_signature_reference.py\n")
    f.write("Hugo_Symbol\tEntrez_Gene_Id\t" + "\t".join(samples) + "\n")
    for i, g in enumerate(genes):
        f.write(f"{g}\t{1000 + i}\t" + "\t".join("NA" if v is None else repr(v) for v in log2[g]) + "\n")
# The same data in linear units: TPM = 2^x - 1, so log2(TPM + 1) gives x back.
with open(here / "expression_tpm.tsv", "w") as f:
    f.write("Hugo_Symbol\t" + "\t".join(samples) + "\n")
    for g in genes:
        f.write(g + "\t" + "\t".join("" if v is None else repr(2.0 ** v - 1.0) for v in log2[g]) + "\n")

def scores(table):
    z = {}
    for g, xs in table.items():
        present = [x for x in xs if x is not None]
        if len(present) < 3:
            continue
        m, sd = statistics.mean(present), statistics.stdev(present)
        if sd > 0:
            z[g] = [None if x is None else (x - m) / sd for x in xs]
    out = {}
    for name, (sig, minimum) in SIGS.items():
        out[name] = []
        for si, s in enumerate(samples):
            used = [z[g][si] for g in sig if g in z and z[g][si] is not None]
            out[name].append({"sample": s, "genes_used": len(used),
                              "score": sum(used) / len(used) if len(used) >= minimum else None})
    return out

tpm_back = {g: [None if v is None else math.log2((2.0 ** v - 1.0) + 1.0) for v in xs] for g, xs in log2.items()}
ref = {"log2": scores(log2), "tpm": scores(tpm_back)}
(here / "signature_reference.json").write_text(json.dumps(ref, indent=2) + "\n")
print(json.dumps(ref["log2"], indent=1))
