-- Issue 19 ("honest numbers"):
-- 1. predictions.evaluation: whether a score is out-of-fold (the patient was in the model's training
--    cohort and only the fold model that held it out scored it) or external (no model saw the patient).
-- 2. samples.sequenced: whether the sample's DNA was sequenced (cBioPortal case list, the cohort's
--    `sequenced` column, or every sample when neither says otherwise); unsequenced samples have NULL TMB.
-- 3. Controlled vocabularies for screening and ingest: tumour types as OncoTree codes (a subset of
--    OncoTree 2021-11-02, with tissues as roots) and histology terms, each with synonyms.
-- 4. biomarker_summary gains evaluation, sequenced, tumor_type_code and histology_code (appended, so
--    CREATE OR REPLACE keeps grants and dependent views).

ALTER TABLE tme.predictions ADD COLUMN evaluation text
    CHECK (evaluation IN ('out_of_fold', 'external'));
COMMENT ON COLUMN tme.predictions.evaluation IS 'out_of_fold: the patient was in the training cohort and was scored only by the fold model(s) that held it out (k-fold cross-validation); external: no model of the ensemble was trained on the patient (the whole fold ensemble scored it); NULL: scored before TMEScope recorded this (such scores of training patients were in-sample; re-run tme score).';

ALTER TABLE tme.samples ADD COLUMN sequenced boolean;
COMMENT ON COLUMN tme.samples.sequenced IS 'True when the sample was sequenced (listed in the cBioPortal case list cases_sequenced, or sequenced = true in clinical.tsv, or every sample of a cohort with a MAF and no such list); false when it was not (its genomic biomarkers are NULL = not measured); NULL when no mutation data were ingested.';

-- MARK: tumour types (OncoTree)

CREATE TABLE tme.tumor_types (
    code        text PRIMARY KEY CHECK (code = upper(code)),
    name        text NOT NULL,
    parent_code text REFERENCES tme.tumor_types (code),
    level       text NOT NULL CHECK (level IN ('tissue', 'type'))
);
CREATE INDEX tumor_types_parent_idx ON tme.tumor_types (parent_code);
COMMENT ON TABLE tme.tumor_types IS 'Tumour types as OncoTree codes (oncotree.mskcc.org, subset of release 2021-11-02; tissues are the roots). A criterion on a code selects that code and every descendant (NSCLC selects LUAD, LUSC, …). Add codes with a migration.';
COMMENT ON COLUMN tme.tumor_types.parent_code IS 'The parent OncoTree node (NULL for a tissue).';

CREATE TABLE tme.tumor_type_synonyms (
    synonym text PRIMARY KEY CHECK (synonym = lower(btrim(synonym))),
    code    text NOT NULL REFERENCES tme.tumor_types (code)
);
CREATE INDEX tumor_type_synonyms_code_idx ON tme.tumor_type_synonyms (code);
COMMENT ON TABLE tme.tumor_type_synonyms IS 'Lower-case spellings (the code, the OncoTree name, common names) resolved to an OncoTree code.';

INSERT INTO tme.tumor_types (code, name, parent_code, level) VALUES
    ('LUNG', 'Lung', NULL, 'tissue'),
    ('SKIN', 'Skin', NULL, 'tissue'),
    ('EYE', 'Eye', NULL, 'tissue'),
    ('BLADDER', 'Bladder/Urinary Tract', NULL, 'tissue'),
    ('KIDNEY', 'Kidney', NULL, 'tissue'),
    ('HEAD_NECK', 'Head and Neck', NULL, 'tissue'),
    ('BOWEL', 'Bowel', NULL, 'tissue'),
    ('STOMACH', 'Esophagus/Stomach', NULL, 'tissue'),
    ('LIVER', 'Liver', NULL, 'tissue'),
    ('BREAST', 'Breast', NULL, 'tissue'),
    ('UTERUS', 'Uterus', NULL, 'tissue'),
    ('CERVIX', 'Cervix', NULL, 'tissue'),
    ('PLEURA', 'Pleura', NULL, 'tissue'),
    ('PROSTATE', 'Prostate', NULL, 'tissue'),
    ('NSCLC', 'Non-Small Cell Lung Cancer', 'LUNG', 'type'),
    ('LUAD', 'Lung Adenocarcinoma', 'NSCLC', 'type'),
    ('LUSC', 'Lung Squamous Cell Carcinoma', 'NSCLC', 'type'),
    ('LCLC', 'Large Cell Lung Carcinoma', 'NSCLC', 'type'),
    ('LUAS', 'Lung Adenosquamous Carcinoma', 'NSCLC', 'type'),
    ('SCLC', 'Small Cell Lung Cancer', 'LUNG', 'type'),
    ('MEL', 'Melanoma', 'SKIN', 'type'),
    ('SKCM', 'Cutaneous Melanoma', 'MEL', 'type'),
    ('ACRM', 'Acral Melanoma', 'MEL', 'type'),
    ('MUP', 'Melanoma of Unknown Primary', 'MEL', 'type'),
    ('UM', 'Uveal Melanoma', 'EYE', 'type'),
    ('MCC', 'Merkel Cell Carcinoma', 'SKIN', 'type'),
    ('CSCC', 'Cutaneous Squamous Cell Carcinoma', 'SKIN', 'type'),
    ('BLCA', 'Bladder Urothelial Carcinoma', 'BLADDER', 'type'),
    ('UTUC', 'Upper Tract Urothelial Carcinoma', 'BLADDER', 'type'),
    ('RCC', 'Renal Cell Carcinoma', 'KIDNEY', 'type'),
    ('CCRCC', 'Renal Clear Cell Carcinoma', 'RCC', 'type'),
    ('PRCC', 'Papillary Renal Cell Carcinoma', 'RCC', 'type'),
    ('HNSC', 'Head and Neck Squamous Cell Carcinoma', 'HEAD_NECK', 'type'),
    ('COADREAD', 'Colorectal Adenocarcinoma', 'BOWEL', 'type'),
    ('COAD', 'Colon Adenocarcinoma', 'COADREAD', 'type'),
    ('READ', 'Rectal Adenocarcinoma', 'COADREAD', 'type'),
    ('STAD', 'Stomach Adenocarcinoma', 'STOMACH', 'type'),
    ('ESCC', 'Esophageal Squamous Cell Carcinoma', 'STOMACH', 'type'),
    ('HCC', 'Hepatocellular Carcinoma', 'LIVER', 'type'),
    ('BRCA', 'Invasive Breast Carcinoma', 'BREAST', 'type'),
    ('UCEC', 'Endometrial Carcinoma', 'UTERUS', 'type'),
    ('CESC', 'Cervical Squamous Cell Carcinoma', 'CERVIX', 'type'),
    ('PLMESO', 'Pleural Mesothelioma', 'PLEURA', 'type'),
    ('PRAD', 'Prostate Adenocarcinoma', 'PROSTATE', 'type');

INSERT INTO tme.tumor_type_synonyms (synonym, code)
SELECT lower(code), code FROM tme.tumor_types
UNION SELECT lower(name), code FROM tme.tumor_types
UNION SELECT lower(replace(code, '_', ' ')), code FROM tme.tumor_types WHERE code LIKE '%\_%'
ON CONFLICT DO NOTHING;
INSERT INTO tme.tumor_type_synonyms (synonym, code) VALUES
    ('non small cell lung cancer', 'NSCLC'), ('non-small-cell lung cancer', 'NSCLC'),
    ('non-small cell lung carcinoma', 'NSCLC'), ('lung cancer', 'LUNG'),
    ('adenocarcinoma of the lung', 'LUAD'), ('squamous nsclc', 'LUSC'), ('squamous cell lung cancer', 'LUSC'),
    ('small cell lung carcinoma', 'SCLC'),
    ('skin cutaneous melanoma', 'SKCM'), ('uveal', 'UM'), ('merkel cell', 'MCC'),
    ('urothelial', 'BLADDER'), ('urothelial carcinoma', 'BLADDER'), ('urothelial cancer', 'BLADDER'),
    ('bladder cancer', 'BLADDER'), ('bladder urothelial cancer', 'BLCA'),
    ('kidney cancer', 'KIDNEY'), ('renal cell cancer', 'RCC'), ('clear cell renal cell carcinoma', 'CCRCC'),
    ('hnscc', 'HNSC'), ('head and neck cancer', 'HEAD_NECK'),
    ('colorectal cancer', 'COADREAD'), ('crc', 'COADREAD'), ('colon cancer', 'COAD'), ('rectal cancer', 'READ'),
    ('gastric cancer', 'STAD'), ('gastric adenocarcinoma', 'STAD'), ('esophageal squamous cell carcinoma', 'ESCC'),
    ('liver cancer', 'LIVER'), ('breast cancer', 'BREAST'), ('endometrial cancer', 'UCEC'),
    ('cervical cancer', 'CERVIX'), ('mesothelioma', 'PLMESO'), ('prostate cancer', 'PRAD')
ON CONFLICT DO NOTHING;

-- MARK: histology terms

CREATE TABLE tme.histologies (
    term        text PRIMARY KEY CHECK (term = lower(term)),
    parent_term text REFERENCES tme.histologies (term)
);
CREATE INDEX histologies_parent_idx ON tme.histologies (parent_term);
COMMENT ON TABLE tme.histologies IS 'Histological types (WHO classification names, lower case), with the broader type as parent; a criterion on a term selects it and every narrower term.';

CREATE TABLE tme.histology_synonyms (
    synonym text PRIMARY KEY CHECK (synonym = lower(btrim(synonym))),
    term    text NOT NULL REFERENCES tme.histologies (term)
);
CREATE INDEX histology_synonyms_term_idx ON tme.histology_synonyms (term);
COMMENT ON TABLE tme.histology_synonyms IS 'Lower-case spellings of histologies (including OncoTree detailed names such as Lung Adenocarcinoma) resolved to a term of tme.histologies.';

INSERT INTO tme.histologies (term, parent_term) VALUES
    ('carcinoma', NULL), ('melanoma', NULL), ('mesothelioma', NULL),
    ('adenocarcinoma', 'carcinoma'), ('squamous cell carcinoma', 'carcinoma'), ('urothelial carcinoma', 'carcinoma'),
    ('large cell carcinoma', 'carcinoma'), ('small cell carcinoma', 'carcinoma'), ('adenosquamous carcinoma', 'carcinoma'),
    ('clear cell carcinoma', 'carcinoma'), ('hepatocellular carcinoma', 'carcinoma'), ('merkel cell carcinoma', 'carcinoma'),
    ('cutaneous melanoma', 'melanoma'), ('acral melanoma', 'melanoma'), ('mucosal melanoma', 'melanoma'),
    ('uveal melanoma', 'melanoma');

INSERT INTO tme.histology_synonyms (synonym, term)
SELECT term, term FROM tme.histologies
ON CONFLICT DO NOTHING;
INSERT INTO tme.histology_synonyms (synonym, term) VALUES
    ('adeno', 'adenocarcinoma'), ('lung adenocarcinoma', 'adenocarcinoma'), ('colon adenocarcinoma', 'adenocarcinoma'),
    ('rectal adenocarcinoma', 'adenocarcinoma'), ('colorectal adenocarcinoma', 'adenocarcinoma'),
    ('stomach adenocarcinoma', 'adenocarcinoma'), ('prostate adenocarcinoma', 'adenocarcinoma'),
    ('squamous', 'squamous cell carcinoma'), ('scc', 'squamous cell carcinoma'),
    ('lung squamous cell carcinoma', 'squamous cell carcinoma'),
    ('head and neck squamous cell carcinoma', 'squamous cell carcinoma'),
    ('cutaneous squamous cell carcinoma', 'squamous cell carcinoma'),
    ('cervical squamous cell carcinoma', 'squamous cell carcinoma'),
    ('esophageal squamous cell carcinoma', 'squamous cell carcinoma'),
    ('urothelial', 'urothelial carcinoma'), ('bladder urothelial carcinoma', 'urothelial carcinoma'),
    ('upper tract urothelial carcinoma', 'urothelial carcinoma'), ('transitional cell carcinoma', 'urothelial carcinoma'),
    ('large cell lung carcinoma', 'large cell carcinoma'), ('small cell lung cancer', 'small cell carcinoma'),
    ('lung adenosquamous carcinoma', 'adenosquamous carcinoma'), ('renal clear cell carcinoma', 'clear cell carcinoma'),
    ('cutaneous', 'cutaneous melanoma'), ('skin cutaneous melanoma', 'cutaneous melanoma'),
    ('acral', 'acral melanoma'), ('mucosal', 'mucosal melanoma'), ('uveal', 'uveal melanoma'),
    ('pleural mesothelioma', 'mesothelioma')
ON CONFLICT DO NOTHING;

GRANT SELECT ON tme.tumor_types, tme.tumor_type_synonyms, tme.histologies, tme.histology_synonyms TO tme_analyst;

-- MARK: biomarker_summary (the 002 definition, with four columns appended)

CREATE OR REPLACE VIEW tme.biomarker_summary AS
WITH he AS (
    SELECT DISTINCT ON (s.patient_pk) s.patient_pk, m.*
    FROM tme.slides s JOIN tme.slide_tme m ON m.slide_pk = s.slide_pk
    WHERE s.stain = 'H&E'
    ORDER BY s.patient_pk, s.slide_id
), pdl1 AS (
    SELECT DISTINCT ON (s.patient_pk) s.patient_pk, m.pdl1_tps_percent, m.pdl1_cps, m.ihc_adequate
    FROM tme.slides s JOIN tme.slide_tme m ON m.slide_pk = s.slide_pk
    WHERE s.stain = 'PD-L1'
    ORDER BY s.patient_pk, s.slide_id
), genomics AS (
    SELECT DISTINCT ON (sa.patient_pk) sa.patient_pk, g.*
    FROM tme.samples sa JOIN tme.genomic_biomarkers g ON g.sample_pk = sa.sample_pk
    ORDER BY sa.patient_pk, sa.sample_id
), latest_prediction AS (
    SELECT DISTINCT ON (pr.patient_pk) pr.patient_pk, r.model_id, pr.response_probability,
           pr.response_probability_lower, pr.response_probability_upper, pr.risk_score, pr.risk_group,
           pr.modalities_used, pr.evaluation
    FROM tme.predictions pr JOIN tme.model_runs r ON r.model_run_pk = pr.model_run_pk
    ORDER BY pr.patient_pk, r.created_at DESC, r.model_run_pk DESC
), first_sample AS (
    SELECT DISTINCT ON (sa.patient_pk) sa.patient_pk, sa.sequenced
    FROM tme.samples sa
    ORDER BY sa.patient_pk, sa.sample_id
)
SELECT c.name AS cohort,
       p.patient_id,
       p.age_years,
       p.sex,
       p.tumor_type,
       p.histology,
       p.stage,
       p.ecog,
       p.line_of_therapy,
       o.best_response,
       o.objective_response,
       o.os_months,
       o.os_event,
       o.pfs_months,
       o.pfs_event,
       g.capture_size_mb,
       g.nonsynonymous_count,
       g.tmb_per_mb,
       g.tmb_high,
       g.gep_score,
       g.ifng_score,
       g.cnv_burden_fraction,
       g.msi_status,
       g.stk11_mutated,
       g.keap1_mutated,
       g.pten_mutated,
       g.b2m_mutated,
       g.jak1_mutated,
       g.jak2_mutated,
       g.pole_mutated,
       g.tp53_mutated,
       g.kras_mutated,
       g.egfr_mutated,
       he.lymphocyte_density_per_mm2,
       he.intratumoral_lymphocyte_density_per_mm2,
       he.stromal_lymphocyte_density_per_mm2,
       he.macrophage_density_per_mm2,
       he.stromal_til_percent,
       he.macrophage_lymphocyte_ratio,
       he.immune_phenotype,
       pdl1.pdl1_tps_percent,
       pdl1.pdl1_cps,
       pdl1.ihc_adequate AS pdl1_adequate,
       lp.model_id,
       lp.response_probability,
       lp.response_probability_lower,
       lp.response_probability_upper,
       lp.risk_score,
       lp.risk_group,
       lp.modalities_used,
       lp.evaluation,
       fs.sequenced,
       (SELECT ts.code FROM tme.tumor_type_synonyms ts WHERE ts.synonym = lower(btrim(p.tumor_type))) AS tumor_type_code,
       (SELECT hs.term FROM tme.histology_synonyms hs WHERE hs.synonym = lower(btrim(p.histology))) AS histology_code
FROM tme.patients p
JOIN tme.cohorts c ON c.cohort_id = p.cohort_id
LEFT JOIN tme.outcomes o ON o.patient_pk = p.patient_pk
LEFT JOIN genomics g ON g.patient_pk = p.patient_pk
LEFT JOIN he ON he.patient_pk = p.patient_pk
LEFT JOIN pdl1 ON pdl1.patient_pk = p.patient_pk
LEFT JOIN latest_prediction lp ON lp.patient_pk = p.patient_pk
LEFT JOIN first_sample fs ON fs.patient_pk = p.patient_pk;

COMMENT ON COLUMN tme.biomarker_summary.evaluation IS 'How the newest model score was obtained: out_of_fold (held out by cross-validation) or external (no ensemble member saw the patient).';
COMMENT ON COLUMN tme.biomarker_summary.sequenced IS 'Whether the first sample was sequenced; when false, TMB and mutation flags are NULL (not measured).';
COMMENT ON COLUMN tme.biomarker_summary.tumor_type_code IS 'OncoTree code of tumor_type (tme.tumor_type_synonyms); NULL when the value is not in the vocabulary.';
COMMENT ON COLUMN tme.biomarker_summary.histology_code IS 'Histology term of histology (tme.histology_synonyms); NULL when the value is not in the vocabulary.';
COMMENT ON COLUMN tme.patients.tumor_type IS 'Tumor type as given (an OncoTree code, name or synonym of tme.tumor_type_synonyms, e.g. LUAD, NSCLC, melanoma); validated at ingest.';
