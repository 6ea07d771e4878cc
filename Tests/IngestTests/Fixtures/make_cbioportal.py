#!/usr/bin/env python3
"""Writes cohort_small_cbio/: the same data as cohort_small/ laid out as a cBioPortal study (meta_*.txt,
data_clinical_patient.txt and data_clinical_sample.txt with their four '#' header lines, '1:DECEASED'
style statuses, data_mutations.txt, data_cna.txt, data_mrna_seq_v2_rsem.txt with Entrez ids).
Run: python3 make_cbioportal.py"""
import csv, pathlib, shutil
here = pathlib.Path(__file__).parent
src, out = here / "cohort_small", here / "cohort_small_cbio"
shutil.rmtree(out, ignore_errors=True); out.mkdir()
read = lambda f: list(csv.DictReader(open(src / f), delimiter="\t"))
clinical, outcomes = read("clinical.tsv"), {r["patient_id"]: r for r in read("outcomes.tsv")}

def clinical_file(name, cols, rows):
    with open(out / name, "w") as f:
        for _ in range(4):   # display names, descriptions, datatypes, priorities
            f.write("#" + "\t".join(c.title() for c in cols) + "\n")
        f.write("\t".join(cols) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

def status(event, yes, no):
    return "" if event == "" else (yes if event == "1" else no)

pcols = ["PATIENT_ID", "AGE", "SEX", "STAGE", "ECOG", "LINE_OF_THERAPY", "PRIOR_THERAPY", "BEST_RESPONSE",
         "OS_STATUS", "OS_MONTHS", "PFS_STATUS", "PFS_MONTHS"]
prow = []
for c in clinical:
    o = outcomes[c["patient_id"]]
    prow.append([c["patient_id"], c["age_years"], c["sex"], c["stage"], c["ecog"], c["line_of_therapy"], c["prior_therapy"],
                 o["best_response"], status(o["os_event"], "1:DECEASED", "0:LIVING"), o["os_months"],
                 status(o["pfs_event"], "1:PROGRESSION", "0:PROGRESSION_FREE"), o["pfs_months"]])
clinical_file("data_clinical_patient.txt", pcols, prow)
clinical_file("data_clinical_sample.txt", ["PATIENT_ID", "SAMPLE_ID", "ONCOTREE_CODE", "CANCER_TYPE_DETAILED", "MSI_STATUS"],
              [[c["patient_id"], c["sample_id"], c["tumor_type"], c["histology"], c["msi_status"]] for c in clinical])
shutil.copy(src / "mutations.maf", out / "data_mutations.txt")
shutil.copy(src / "slides.tsv", out / "slides.tsv")
for name, source in [("data_cna.txt", "cnv.tsv"), ("data_mrna_seq_v2_rsem.txt", "expression.tsv")]:
    rows = [l.rstrip("\n").split("\t") for l in open(src / source)]
    with open(out / name, "w") as f:
        for i, r in enumerate(rows):
            if source == "cnv.tsv":   # add the Entrez column cBioPortal files carry
                r = [r[0], "Entrez_Gene_Id" if i == 0 else str(100 + i)] + r[1:]
            f.write("\t".join(r) + "\n")
meta = {
    "meta_study.txt": ["type_of_cancer: mixed", "name: cohort_small as a cBioPortal study", "short_name: small",
                       "description: hand-made test study", "add_global_case_list: true"],
    "meta_clinical_patient.txt": ["genetic_alteration_type: CLINICAL", "datatype: PATIENT_ATTRIBUTES", "data_filename: data_clinical_patient.txt"],
    "meta_clinical_sample.txt": ["genetic_alteration_type: CLINICAL", "datatype: SAMPLE_ATTRIBUTES", "data_filename: data_clinical_sample.txt"],
    "meta_mutations.txt": ["genetic_alteration_type: MUTATION_EXTENDED", "datatype: MAF", "stable_id: mutations", "data_filename: data_mutations.txt"],
    "meta_cna.txt": ["genetic_alteration_type: COPY_NUMBER_ALTERATION", "datatype: DISCRETE", "stable_id: gistic", "data_filename: data_cna.txt"],
    "meta_mrna_seq_v2_rsem.txt": ["genetic_alteration_type: MRNA_EXPRESSION", "datatype: CONTINUOUS", "stable_id: rna_seq_v2_mrna",
                                  "data_filename: data_mrna_seq_v2_rsem.txt"],
}
for name, lines in meta.items():
    (out / name).write_text("cancer_study_identifier: small\n" + "\n".join(lines) + "\n")
print("wrote", out)
