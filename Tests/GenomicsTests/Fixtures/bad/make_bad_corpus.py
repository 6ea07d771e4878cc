#!/usr/bin/env python3
"""Writes the malformed-input corpus and expected.tsv (file, reader, exact expected message).
Each file has exactly one defect; the expected messages are written by hand here, not produced by
TMEScope. Readers: maf, expression, cnv_calls, cbio_patient, cbio_sample, outcomes_csv.
Run: python3 make_bad_corpus.py"""
import pathlib
here = pathlib.Path(__file__).parent
H = "Hugo_Symbol\tEntrez_Gene_Id\tNCBI_Build\tChromosome\tStart_Position\tEnd_Position\tVariant_Classification\tVariant_Type\tReference_Allele\tTumor_Seq_Allele1\tTumor_Seq_Allele2\tTumor_Sample_Barcode\tt_depth\tt_alt_count"
def row(gene="KRAS", build="GRCh38", start="100", end="100", vc="Missense_Mutation", vt="SNP", ref="C", a1="C", a2="A",
        sample="TCGA-XX-0001-01", depth="50", alt="10"):
    return "\t".join([gene, "3845", build, "chr12", start, end, vc, vt, ref, a1, a2, sample, depth, alt])
OK = row()
cases = []
def add(name, reader, text, message):
    (here / name).write_text(text)
    cases.append((name, reader, message))

add("maf_misspelt_class.maf", "maf", f"#version 2.4\n{H}\n{OK}\n{row(vc='Misense_Mutation')}\n",
    'maf_misspelt_class.maf:4: Variant_Classification "Misense_Mutation" is not a MAF class (did you mean Missense_Mutation?)')
add("maf_lowercase_class.maf", "maf", f"{H}\n{row(vc='missense_mutation')}\n",
    'maf_lowercase_class.maf:2: Variant_Classification "missense_mutation" is not a MAF class (did you mean Missense_Mutation?)')
add("maf_invented_class.maf", "maf", f"{H}\n{row(vc='Very_Bad_Thing')}\n",
    'maf_invented_class.maf:2: Variant_Classification "Very_Bad_Thing" is not a MAF class')
add("maf_missing_sample_column.maf", "maf", "#c\n" + H.replace("\tTumor_Sample_Barcode", "\tSample") + f"\n{OK}\n",
    "maf_missing_sample_column.maf:2: header has no Tumor_Sample_Barcode column, which a MAF file requires")
add("maf_nonnumeric_start.maf", "maf", f"{H}\n{row(start='12a', end='12')}\n",
    'maf_nonnumeric_start.maf:2: Start_Position "12a" is not a positive integer')
add("maf_zero_start.maf", "maf", f"{H}\n{row(start='0')}\n",
    'maf_zero_start.maf:2: Start_Position "0" is not a positive integer')
add("maf_end_before_start.maf", "maf", f"{H}\n{row(start='200', end='199')}\n",
    'maf_end_before_start.maf:2: End_Position "199" is not ≥ Start_Position (200)')
add("maf_short_row.maf", "maf", f"{H}\n{OK}\n" + "\t".join(OK.split("\t")[:-2]) + "\n",
    "maf_short_row.maf:3:75: line has 12 fields but the header has 14; check for missing or extra separators")
add("maf_mixed_builds.maf", "maf", f"{H}\n{OK}\n{OK}\n{row(build='GRCh37')}\n",
    'maf_mixed_builds.maf:4: NCBI_Build "GRCh37" differs from "GRCh38" at line 2; lift all variants to one build before loading')
add("maf_empty_sample.maf", "maf", f"{H}\n{row(sample='')}\n",
    "maf_empty_sample.maf:2: Tumor_Sample_Barcode is empty; a value is required")
add("maf_duplicate_column.maf", "maf", H + "\tChromosome\n" + OK + "\tchr1\n",
    "maf_duplicate_column.maf:1: header names column Chromosome twice; rename or remove one")
add("maf_only_comments.maf", "maf", "#version 2.4\n#nothing else\n",
    "maf_only_comments.maf: no header line found (expected a tab-separated header after any '#' comment lines)")
add("maf_bad_variant_type.maf", "maf", f"{H}\n{row(vt='SNV')}\n",
    'maf_bad_variant_type.maf:2: Variant_Type "SNV" is not a MAF variant type (SNP DNP TNP ONP INS DEL)')
add("maf_negative_depth.maf", "maf", f"{H}\n{row(depth='-3')}\n",
    'maf_negative_depth.maf:2: t_depth "-3" is not a non-negative integer')
add("maf_empty_gene.maf", "maf", f"{H}\n{row(gene=' ')}\n",
    "maf_empty_gene.maf:2: Hugo_Symbol is empty; a value is required")

E = "Hugo_Symbol\tEntrez_Gene_Id\tS1\tS2\tS3\n"
add("expr_nonnumeric.tsv", "expression", E + "CD8A\t925\t1.5\thigh\t2\n",
    'expr_nonnumeric.tsv:2: column 4 (sample 2) "high" is not a number (or NA for missing)')
add("expr_infinite.tsv", "expression", E + "CD8A\t925\t1.5\tinf\t2\n",
    'expr_infinite.tsv:2: column 4 (sample 2) "inf" is not a number (or NA for missing)')
add("expr_duplicate_gene.tsv", "expression", E + "CD8A\t925\t1\t2\t3\nSTAT1\t6772\t1\t2\t3\nCD8A\t925\t4\t5\t6\n",
    "expr_duplicate_gene.tsv:4: duplicate gene CD8A (first seen at line 2); each must appear once")
add("expr_field_count.tsv", "expression", E + "CD8A\t925\t1\t2\n",
    "expr_field_count.tsv:2:13: line has 4 fields but the header has 5; check for missing or extra separators")
add("expr_empty_gene.tsv", "expression", E + "\t925\t1\t2\t3\n",
    "expr_empty_gene.tsv:2: Hugo_Symbol is empty; a value is required")
add("expr_header_only.tsv", "expression", E,
    "expr_header_only.tsv: no gene rows found after the header")
add("cnv_out_of_range.tsv", "cnv_calls", "Hugo_Symbol\tS1\tS2\nCDKN2A\t-2\t3\n",
    'cnv_out_of_range.tsv:2: column 3 (sample 2) "3" is not a copy-number call -2, -1, 0, 1 or 2 (or NA) '
    "(log2 ratios must be read as log2 copy number, not calls)")
add("cnv_fractional.tsv", "cnv_calls", "Hugo_Symbol\tS1\tS2\nCDKN2A\t0.5\t0\n",
    'cnv_fractional.tsv:2: column 2 (sample 1) "0.5" is not a copy-number call -2, -1, 0, 1 or 2 (or NA) '
    "(log2 ratios must be read as log2 copy number, not calls)")

P = ("#Patient Identifier\tAge\tECOG\tBest Response\tOS\tOS status\n#d\td\td\td\td\td\n#STRING\tNUMBER\tNUMBER\tSTRING\tNUMBER\tSTRING\n"
     "#1\t1\t1\t1\t1\t1\nPATIENT_ID\tAGE\tECOG\tBEST_RESPONSE\tOS_MONTHS\tOS_STATUS\n")
add("clin_negative_os.txt", "cbio_patient", P + "P1\t60\t1\tPR\t-2\t1:DECEASED\n",
    'clin_negative_os.txt:6: OS_MONTHS "-2" is not a time in months ≥ 0')
add("clin_event_without_time.txt", "cbio_patient", P + "P1\t60\t1\tPR\t\t1:DECEASED\n",
    "clin_event_without_time.txt:6: OS_STATUS records an event but OS_MONTHS is empty; every status needs a time")
add("clin_time_without_status.txt", "cbio_patient", P + "P1\t60\t1\tPR\t12\tNA\n",
    "clin_time_without_status.txt:6: OS_MONTHS is given but OS_STATUS is empty; say whether the event happened (1) or the time is censored (0)")
add("clin_duplicate_patient.txt", "cbio_patient", P + "P1\t60\t1\tPR\t12\t0:LIVING\nP2\t61\t1\tSD\t3\t1:DECEASED\nP1\t60\t1\tPR\t12\t0:LIVING\n",
    "clin_duplicate_patient.txt:8: duplicate PATIENT_ID (first seen at line 6); each must appear once")
add("clin_bad_status.txt", "cbio_patient", P + "P1\t60\t1\tPR\t12\t2:UNKNOWN\n",
    'clin_bad_status.txt:6: OS_STATUS "2:UNKNOWN" is not an event status (1:DECEASED, 0:LIVING, 1, 0, dead, alive …)')
add("clin_bad_ecog.txt", "cbio_patient", P + "P1\t60\t7\tPR\t12\t0:LIVING\n",
    'clin_bad_ecog.txt:6: ECOG "7" is not an ECOG status 0…5')
add("clin_bad_age.txt", "cbio_patient", P + "P1\tsixty\t1\tPR\t12\t0:LIVING\n",
    'clin_bad_age.txt:6: AGE "sixty" is not an age in years within 0…130')
add("clin_bad_response.txt", "cbio_patient", P + "P1\t60\t1\tCRR\t12\t0:LIVING\n",
    'clin_bad_response.txt:6: BEST_RESPONSE "CRR" is not a RECIST best response (CR, PR, SD, PD, NE)')
add("clin_missing_column.txt", "cbio_patient", P.replace("\tOS_STATUS\n", "\tSTATUS\n") + "P1\t60\t1\tPR\t12\t0:LIVING\n",
    "clin_missing_column.txt:5: header has no OS_STATUS column, which the declared column map requires")
add("clin_bad_sex.tsv", "tmescope_clinical",
    "patient_id\tsample_id\tage_years\tsex\ttumor_type\tcancer_type\thistology\tstage\tecog\tline_of_therapy\tprior_therapy\n"
    "P1\tP1-T1\t60\tyes\tNSCLC\tLung\tadeno\tIV\t1\t1\tnone\n",
    'clin_bad_sex.tsv:2: sex "yes" is not a sex (female, male, other, unknown)')
add("clin_empty_patient.txt", "cbio_patient", P + "\t60\t1\tPR\t12\t0:LIVING\n",
    "clin_empty_patient.txt:6: PATIENT_ID is empty; a value is required")
add("clin_duplicate_sample.txt", "cbio_sample",
    "#a\n#b\n#c\n#d\nSAMPLE_ID\tPATIENT_ID\tMSI_STATUS\nS1\tP1\tMSS\nS2\tP1\tMSI-H\nS1\tP2\tMSS\n",
    "clin_duplicate_sample.txt:8: duplicate SAMPLE_ID (first seen at line 6); each must appear once")
add("clin_bad_msi.txt", "cbio_sample", "SAMPLE_ID\tPATIENT_ID\tMSI_STATUS\nS1\tP1\tmaybe\n",
    'clin_bad_msi.txt:2: MSI_STATUS "maybe" is not an MSI status (MSI-H, MSI-L, MSS)')
add("outcomes_unterminated_quote.csv", "outcomes_csv",
    "patient_id,best_response,os_months,os_event,pfs_months,pfs_event\nP1,PR,\"12,0,3,1\n",
    'outcomes_unterminated_quote.csv:2:7: unterminated quoted field; close the quote or double a quote inside the field ("")')
add("outcomes_short_row.csv", "outcomes_csv",
    "patient_id,best_response,os_months,os_event,pfs_months,pfs_event\nP1,PR,12,0\n",
    "outcomes_short_row.csv:2:11: line has 4 fields but the header has 6; check for missing or extra separators")

with open(here / "expected.tsv", "w") as f:
    f.write("file\treader\tmessage\n")
    for c in cases:
        f.write("\t".join(c) + "\n")
print(len(cases), "cases")
