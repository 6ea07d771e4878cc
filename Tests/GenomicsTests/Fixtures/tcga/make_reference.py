#!/usr/bin/env python3
"""Real public MAFs for the TMB test, and an independent (pandas) count of their TMB.

Source: the PyPI package pymaftools 0.5.0 (MIT licence) ships two open-access TCGA MAFs from the
GDC "aliquot-merged-masked" somatic mutation files (open access, GRCh38):
  - pymaftools/data/example_single_sample.maf  (TCGA-43-8118-01A, TCGA-LUSC, complete per-aliquot file
    with its '#version gdc-1.0.0' header comments)
  - pymaftools/data/example_multisample.maf    (6 TCGA-LUAD tumours, 60 rows each)
They are committed here gzip-compressed (also exercising the gzip reader), byte-identical once
decompressed. Re-create with:
    pip install --no-deps pymaftools==0.5.0 && pip install pandas && python3 make_reference.py
The expected counts (reference.json) come from pandas alone, not from TMEScope code:
    distinct (sample, chromosome, start, end, ref, alt) rows whose Variant_Classification is in the
    maftools non-synonymous set, divided by the capture size.
"""
import gzip, importlib.util, json, pathlib, shutil
import pandas as pd

NONSYN = {"Frame_Shift_Del", "Frame_Shift_Ins", "Splice_Site", "Translation_Start_Site", "Nonsense_Mutation",
          "Nonstop_Mutation", "In_Frame_Del", "In_Frame_Ins", "Missense_Mutation"}
CAPTURE_MB = 38.0
here = pathlib.Path(__file__).parent
# locate the installed package without importing it (its __init__ pulls in scikit-learn etc.)
data = pathlib.Path(importlib.util.find_spec("pymaftools").submodule_search_locations[0]) / "data"
reference = {"capture_mb": CAPTURE_MB, "source": "pymaftools 0.5.0 (PyPI) data/, GDC open-access TCGA MAFs", "files": {}}
for name in ["example_single_sample.maf", "example_multisample.maf"]:
    with open(data / name, "rb") as src, gzip.GzipFile(here / (name + ".gz"), "wb", mtime=0) as dst:
        shutil.copyfileobj(src, dst)
    d = pd.read_csv(data / name, sep="\t", comment="#", dtype=str, keep_default_na=False)
    alt = d.Tumor_Seq_Allele2.where(d.Tumor_Seq_Allele2 != d.Reference_Allele, d.Tumor_Seq_Allele1)
    d = d.assign(alt=alt)
    ns = d[d.Variant_Classification.isin(NONSYN)].drop_duplicates(
        ["Tumor_Sample_Barcode", "Chromosome", "Start_Position", "End_Position", "Reference_Allele", "alt"])
    counts = ns.groupby("Tumor_Sample_Barcode").size().reindex(sorted(d.Tumor_Sample_Barcode.unique()), fill_value=0)
    reference["files"][name + ".gz"] = {
        "rows": int(len(d)),
        "samples": [{"sample": s, "nonsynonymous": int(n), "tmb_per_mb": n / CAPTURE_MB, "tmb_high": n / CAPTURE_MB >= 10}
                    for s, n in counts.items()],
    }
(here / "reference.json").write_text(json.dumps(reference, indent=2) + "\n")
print(json.dumps(reference, indent=2))
