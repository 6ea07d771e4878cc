-- TMEScope schema snapshot: every migration in sql/ applied to an empty database, dumped with
-- pg_dump --schema-only --no-owner --schema=tme and normalised (no versions, owners or SETs).
-- Generated; do not edit. The numbered migrations are the source of truth. After adding or
-- changing one, regenerate with:  .build/debug/tme db schema --out sql/schema.sql
-- (a test checks that this file equals what the migrations produce).

--
-- PostgreSQL database dump
--

--
-- Name: tme; Type: SCHEMA; Schema: -
--

CREATE SCHEMA tme;

--
-- Name: SCHEMA tme; Type: COMMENT; Schema: -
--

COMMENT ON SCHEMA tme IS 'TMEScope: slides, tumor-microenvironment metrics, genomics, outcomes and model scores of immunotherapy cohorts. Research use only.';

--
-- Name: cohorts; Type: TABLE; Schema: tme
--

CREATE TABLE tme.cohorts (
    cohort_id bigint NOT NULL,
    name text NOT NULL,
    description text,
    source_format text NOT NULL,
    source_path text,
    ingested_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT cohorts_name_check CHECK ((name ~ '^[A-Za-z0-9_.-]{1,64}$'::text)),
    CONSTRAINT cohorts_source_format_check CHECK ((source_format = ANY (ARRAY['tmescope'::text, 'cbioportal'::text, 'simulated'::text])))
);

--
-- Name: TABLE cohorts; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.cohorts IS 'One ingested cohort (a trial arm, a public study, or a simulated cohort).';

--
-- Name: COLUMN cohorts.name; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.cohorts.name IS 'Short unique name used on the command line (tme ingest DIR --cohort NAME).';

--
-- Name: COLUMN cohorts.source_format; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.cohorts.source_format IS 'Folder layout the cohort was read from: tmescope, cbioportal or simulated.';

--
-- Name: COLUMN cohorts.source_path; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.cohorts.source_path IS 'Folder the cohort was ingested from, as given on the command line.';

--
-- Name: genomic_biomarkers; Type: TABLE; Schema: tme
--

CREATE TABLE tme.genomic_biomarkers (
    sample_pk bigint NOT NULL,
    capture_size_mb double precision,
    nonsynonymous_count integer,
    tmb_per_mb double precision,
    tmb_high boolean,
    gep_score double precision,
    gep_genes_used integer,
    gep_missing_reason text,
    ifng_score double precision,
    ifng_genes_used integer,
    ifng_missing_reason text,
    cnv_burden_fraction double precision,
    msi_status text,
    stk11_mutated boolean,
    keap1_mutated boolean,
    pten_mutated boolean,
    b2m_mutated boolean,
    jak1_mutated boolean,
    jak2_mutated boolean,
    pole_mutated boolean,
    tp53_mutated boolean,
    kras_mutated boolean,
    egfr_mutated boolean,
    computed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT genomic_biomarkers_capture_size_mb_check CHECK ((capture_size_mb > (0)::double precision)),
    CONSTRAINT genomic_biomarkers_cnv_burden_fraction_check CHECK (((cnv_burden_fraction >= (0)::double precision) AND (cnv_burden_fraction <= (1)::double precision))),
    CONSTRAINT genomic_biomarkers_msi_status_check CHECK ((msi_status = ANY (ARRAY['MSI-H'::text, 'MSI-L'::text, 'MSS'::text]))),
    CONSTRAINT genomic_biomarkers_nonsynonymous_count_check CHECK ((nonsynonymous_count >= 0)),
    CONSTRAINT genomic_biomarkers_tmb_per_mb_check CHECK ((tmb_per_mb >= (0)::double precision))
);

--
-- Name: TABLE genomic_biomarkers; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.genomic_biomarkers IS 'Immunotherapy biomarkers computed from a sample''s genomic data.';

--
-- Name: COLUMN genomic_biomarkers.capture_size_mb; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.capture_size_mb IS 'Captured territory of the sequencing assay, megabases (e.g. 38 for an exome, 0.8 for FoundationOne CDx).';

--
-- Name: COLUMN genomic_biomarkers.nonsynonymous_count; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.nonsynonymous_count IS 'Distinct nonsynonymous coding mutations (maftools classes: frameshift, splice site, translation start, nonsense, nonstop, in-frame indel, missense).';

--
-- Name: COLUMN genomic_biomarkers.tmb_per_mb; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.tmb_per_mb IS 'Tumor mutational burden: nonsynonymous_count / capture_size_mb, mutations per megabase.';

--
-- Name: COLUMN genomic_biomarkers.tmb_high; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.tmb_high IS 'TMB-high: tmb_per_mb >= 10 mutations per megabase.';

--
-- Name: COLUMN genomic_biomarkers.gep_score; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.gep_score IS 'T-cell-inflamed gene expression profile (18 genes, Ayers et al. 2017): mean of per-gene z-scored log2 expression.';

--
-- Name: COLUMN genomic_biomarkers.gep_genes_used; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.gep_genes_used IS 'How many of the 18 GEP genes were measured and used.';

--
-- Name: COLUMN genomic_biomarkers.gep_missing_reason; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.gep_missing_reason IS 'Why gep_score is NULL (e.g. too few of the 18 genes measured).';

--
-- Name: COLUMN genomic_biomarkers.ifng_score; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.ifng_score IS 'IFN-gamma 6-gene score (Ayers et al. 2017): mean of per-gene z-scored log2 expression.';

--
-- Name: COLUMN genomic_biomarkers.ifng_genes_used; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.ifng_genes_used IS 'How many of the 6 IFN-gamma genes were measured and used.';

--
-- Name: COLUMN genomic_biomarkers.ifng_missing_reason; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.ifng_missing_reason IS 'Why ifng_score is NULL.';

--
-- Name: COLUMN genomic_biomarkers.cnv_burden_fraction; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.cnv_burden_fraction IS 'Fraction (0 to 1) of profiled genes with a non-zero copy-number call.';

--
-- Name: COLUMN genomic_biomarkers.msi_status; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.msi_status IS 'Microsatellite instability status as given by the input (MSI-H, MSI-L, MSS).';

--
-- Name: COLUMN genomic_biomarkers.stk11_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.stk11_mutated IS 'True when the sample has a nonsynonymous STK11 mutation.';

--
-- Name: COLUMN genomic_biomarkers.keap1_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.keap1_mutated IS 'True when the sample has a nonsynonymous KEAP1 mutation.';

--
-- Name: COLUMN genomic_biomarkers.pten_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.pten_mutated IS 'True when the sample has a nonsynonymous PTEN mutation.';

--
-- Name: COLUMN genomic_biomarkers.b2m_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.b2m_mutated IS 'True when the sample has a nonsynonymous B2M mutation.';

--
-- Name: COLUMN genomic_biomarkers.jak1_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.jak1_mutated IS 'True when the sample has a nonsynonymous JAK1 mutation.';

--
-- Name: COLUMN genomic_biomarkers.jak2_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.jak2_mutated IS 'True when the sample has a nonsynonymous JAK2 mutation.';

--
-- Name: COLUMN genomic_biomarkers.pole_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.pole_mutated IS 'True when the sample has a nonsynonymous POLE mutation.';

--
-- Name: COLUMN genomic_biomarkers.tp53_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.tp53_mutated IS 'True when the sample has a nonsynonymous TP53 mutation.';

--
-- Name: COLUMN genomic_biomarkers.kras_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.kras_mutated IS 'True when the sample has a nonsynonymous KRAS mutation.';

--
-- Name: COLUMN genomic_biomarkers.egfr_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.egfr_mutated IS 'True when the sample has a nonsynonymous EGFR mutation.';

--
-- Name: COLUMN genomic_biomarkers.computed_at; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.genomic_biomarkers.computed_at IS 'When the biomarkers were computed.';

--
-- Name: histology_synonyms; Type: TABLE; Schema: tme
--

CREATE TABLE tme.histology_synonyms (
    synonym text NOT NULL,
    term text NOT NULL,
    CONSTRAINT histology_synonyms_synonym_check CHECK ((synonym = lower(btrim(synonym))))
);

--
-- Name: TABLE histology_synonyms; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.histology_synonyms IS 'Lower-case spellings of histologies (including OncoTree detailed names such as Lung Adenocarcinoma) resolved to a term of tme.histologies.';

--
-- Name: model_runs; Type: TABLE; Schema: tme
--

CREATE TABLE tme.model_runs (
    model_run_pk bigint NOT NULL,
    model_id text NOT NULL,
    kind text NOT NULL,
    training_cohort_id bigint,
    config jsonb NOT NULL,
    metrics jsonb DEFAULT '{}'::jsonb NOT NULL,
    seed bigint,
    weights_sha256 text,
    git_commit text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT model_runs_weights_sha256_check CHECK ((weights_sha256 ~ '^[0-9a-f]{64}$'::text))
);

--
-- Name: TABLE model_runs; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.model_runs IS 'Trained models: configuration, training cohort, evaluation metrics and weight hashes.';

--
-- Name: COLUMN model_runs.model_id; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.model_runs.model_id IS 'Unique model identifier printed on reports.';

--
-- Name: COLUMN model_runs.kind; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.model_runs.kind IS 'Model family, e.g. fusion-attention-mil.';

--
-- Name: COLUMN model_runs.metrics; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.model_runs.metrics IS 'Cross-validated evaluation (C-index, AUC, Brier, calibration) as JSON.';

--
-- Name: COLUMN model_runs.weights_sha256; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.model_runs.weights_sha256 IS 'SHA-256 of the safetensors weight file.';

--
-- Name: outcomes; Type: TABLE; Schema: tme
--

CREATE TABLE tme.outcomes (
    patient_pk bigint NOT NULL,
    best_response text,
    os_months double precision,
    os_event boolean,
    pfs_months double precision,
    pfs_event boolean,
    objective_response boolean GENERATED ALWAYS AS (
CASE
    WHEN (best_response = ANY (ARRAY['CR'::text, 'PR'::text])) THEN true
    WHEN (best_response = ANY (ARRAY['SD'::text, 'PD'::text])) THEN false
    ELSE NULL::boolean
END) STORED,
    CONSTRAINT outcomes_best_response_check CHECK ((best_response = ANY (ARRAY['CR'::text, 'PR'::text, 'SD'::text, 'PD'::text, 'NE'::text]))),
    CONSTRAINT outcomes_check CHECK (((os_event IS NULL) OR (os_months IS NOT NULL))),
    CONSTRAINT outcomes_check1 CHECK (((pfs_event IS NULL) OR (pfs_months IS NOT NULL))),
    CONSTRAINT outcomes_os_months_check CHECK ((os_months >= (0)::double precision)),
    CONSTRAINT outcomes_pfs_months_check CHECK ((pfs_months >= (0)::double precision))
);

--
-- Name: TABLE outcomes; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.outcomes IS 'Outcome of immunotherapy per patient.';

--
-- Name: COLUMN outcomes.best_response; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.outcomes.best_response IS 'RECIST 1.1 best overall response: CR, PR, SD, PD, or NE (not evaluable).';

--
-- Name: COLUMN outcomes.os_months; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.outcomes.os_months IS 'Overall survival: months from start of immunotherapy to death or last follow-up.';

--
-- Name: COLUMN outcomes.os_event; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.outcomes.os_event IS 'True if death was observed at os_months, false if censored.';

--
-- Name: COLUMN outcomes.pfs_months; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.outcomes.pfs_months IS 'Progression-free survival: months to progression, death or last follow-up.';

--
-- Name: COLUMN outcomes.pfs_event; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.outcomes.pfs_event IS 'True if progression or death was observed at pfs_months, false if censored.';

--
-- Name: COLUMN outcomes.objective_response; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.outcomes.objective_response IS 'True for CR or PR (objective response), false for SD or PD, NULL when not evaluable.';

--
-- Name: patients; Type: TABLE; Schema: tme
--

CREATE TABLE tme.patients (
    patient_pk bigint NOT NULL,
    cohort_id bigint NOT NULL,
    patient_id text NOT NULL,
    age_years double precision,
    sex text,
    tumor_type text,
    histology text,
    stage text,
    ecog integer,
    line_of_therapy integer,
    prior_therapy text,
    CONSTRAINT patients_age_years_check CHECK (((age_years >= (0)::double precision) AND (age_years <= (130)::double precision))),
    CONSTRAINT patients_ecog_check CHECK (((ecog >= 0) AND (ecog <= 5))),
    CONSTRAINT patients_line_of_therapy_check CHECK ((line_of_therapy >= 1)),
    CONSTRAINT patients_sex_check CHECK ((sex = ANY (ARRAY['female'::text, 'male'::text, 'other'::text, 'unknown'::text])))
);

--
-- Name: TABLE patients; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.patients IS 'Patients of a cohort, by pseudonym only; no direct identifiers are stored.';

--
-- Name: COLUMN patients.patient_id; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.patients.patient_id IS 'Pseudonymous patient identifier, unique within the cohort.';

--
-- Name: COLUMN patients.age_years; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.patients.age_years IS 'Age at start of immunotherapy, years.';

--
-- Name: COLUMN patients.sex; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.patients.sex IS 'Sex as recorded: female, male, other or unknown.';

--
-- Name: COLUMN patients.tumor_type; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.patients.tumor_type IS 'Tumor type as given (an OncoTree code, name or synonym of tme.tumor_type_synonyms, e.g. LUAD, NSCLC, melanoma); validated at ingest.';

--
-- Name: COLUMN patients.histology; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.patients.histology IS 'Histological subtype, e.g. adenocarcinoma, squamous cell carcinoma.';

--
-- Name: COLUMN patients.stage; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.patients.stage IS 'AJCC stage at treatment start (I to IV, with substage letters).';

--
-- Name: COLUMN patients.ecog; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.patients.ecog IS 'ECOG performance status, 0 (fully active) to 5 (dead).';

--
-- Name: COLUMN patients.line_of_therapy; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.patients.line_of_therapy IS 'Line of systemic therapy in which immunotherapy was given (1 = first line).';

--
-- Name: COLUMN patients.prior_therapy; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.patients.prior_therapy IS 'Prior systemic therapy, free text as recorded.';

--
-- Name: predictions; Type: TABLE; Schema: tme
--

CREATE TABLE tme.predictions (
    model_run_pk bigint NOT NULL,
    patient_pk bigint NOT NULL,
    response_probability double precision,
    response_probability_lower double precision,
    response_probability_upper double precision,
    risk_score double precision,
    risk_group text,
    modalities_used text[] NOT NULL,
    scored_at timestamp with time zone DEFAULT now() NOT NULL,
    evaluation text,
    CONSTRAINT predictions_evaluation_check CHECK ((evaluation = ANY (ARRAY['out_of_fold'::text, 'external'::text]))),
    CONSTRAINT predictions_response_probability_check CHECK (((response_probability >= (0)::double precision) AND (response_probability <= (1)::double precision))),
    CONSTRAINT predictions_response_probability_lower_check CHECK (((response_probability_lower >= (0)::double precision) AND (response_probability_lower <= (1)::double precision))),
    CONSTRAINT predictions_response_probability_upper_check CHECK (((response_probability_upper >= (0)::double precision) AND (response_probability_upper <= (1)::double precision))),
    CONSTRAINT predictions_risk_group_check CHECK ((risk_group = ANY (ARRAY['low'::text, 'high'::text])))
);

--
-- Name: TABLE predictions; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.predictions IS 'Model scores per patient.';

--
-- Name: COLUMN predictions.response_probability; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.predictions.response_probability IS 'Predicted probability of objective response (CR or PR).';

--
-- Name: COLUMN predictions.response_probability_lower; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.predictions.response_probability_lower IS 'Lower end of the 95% interval of response_probability (fold ensemble).';

--
-- Name: COLUMN predictions.response_probability_upper; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.predictions.response_probability_upper IS 'Upper end of the 95% interval of response_probability (fold ensemble).';

--
-- Name: COLUMN predictions.risk_score; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.predictions.risk_score IS 'Survival risk score (log relative hazard; higher = worse).';

--
-- Name: COLUMN predictions.risk_group; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.predictions.risk_group IS 'high or low, split at the training cohort''s median risk score.';

--
-- Name: COLUMN predictions.modalities_used; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.predictions.modalities_used IS 'Modalities the score was computed from: slide, genomics, clinical.';

--
-- Name: COLUMN predictions.evaluation; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.predictions.evaluation IS 'out_of_fold: the patient was in the training cohort and was scored only by the fold model(s) that held it out (k-fold cross-validation); external: no model of the ensemble was trained on the patient (the whole fold ensemble scored it); NULL: scored before TMEScope recorded this (such scores of training patients were in-sample; re-run tme score).';

--
-- Name: samples; Type: TABLE; Schema: tme
--

CREATE TABLE tme.samples (
    sample_pk bigint NOT NULL,
    patient_pk bigint NOT NULL,
    sample_id text NOT NULL,
    sample_type text,
    specimen_site text,
    collection_date date,
    sequenced boolean,
    CONSTRAINT samples_sample_type_check CHECK ((sample_type = ANY (ARRAY['primary'::text, 'metastasis'::text, 'recurrence'::text, 'unknown'::text])))
);

--
-- Name: TABLE samples; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.samples IS 'Tumor specimens; genomic data and slides refer to a sample of a patient.';

--
-- Name: COLUMN samples.sample_id; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.samples.sample_id IS 'Pseudonymous sample identifier (cBioPortal SAMPLE_ID).';

--
-- Name: COLUMN samples.collection_date; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.samples.collection_date IS 'Date the specimen was collected.';

--
-- Name: COLUMN samples.sequenced; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.samples.sequenced IS 'True when the sample was sequenced (listed in the cBioPortal case list cases_sequenced, or sequenced = true in clinical.tsv, or every sample of a cohort with a MAF and no such list); false when it was not (its genomic biomarkers are NULL = not measured); NULL when no mutation data were ingested.';

--
-- Name: slide_tme; Type: TABLE; Schema: tme
--

CREATE TABLE tme.slide_tme (
    slide_pk bigint NOT NULL,
    tissue_area_mm2 double precision NOT NULL,
    tumor_area_mm2 double precision NOT NULL,
    stroma_area_mm2 double precision NOT NULL,
    lymphocyte_count bigint NOT NULL,
    macrophage_count bigint NOT NULL,
    tumor_cell_count bigint NOT NULL,
    stroma_cell_count bigint NOT NULL,
    lymphocyte_density_per_mm2 double precision,
    intratumoral_lymphocyte_density_per_mm2 double precision,
    stromal_lymphocyte_density_per_mm2 double precision,
    macrophage_density_per_mm2 double precision,
    tumor_cell_density_per_mm2 double precision,
    stromal_til_percent double precision,
    macrophage_lymphocyte_ratio double precision,
    tumor_lymphocyte_median_distance_um double precision,
    immune_phenotype text,
    pdl1_tps_percent double precision,
    pdl1_cps double precision,
    viable_tumor_cells bigint,
    ihc_adequate boolean,
    cd8_density_per_mm2 double precision,
    cd68_density_per_mm2 double precision,
    parameters jsonb DEFAULT '{}'::jsonb NOT NULL,
    computed_at timestamp with time zone DEFAULT now() NOT NULL,
    tile_feature_names text[],
    detector text DEFAULT 'classical'::text NOT NULL,
    detector_model text,
    detector_weights_sha256 text,
    CONSTRAINT slide_tme_detector_check CHECK ((detector <> ''::text)),
    CONSTRAINT slide_tme_detector_weights_sha256_check CHECK ((detector_weights_sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT slide_tme_immune_phenotype_check CHECK ((immune_phenotype = ANY (ARRAY['inflamed'::text, 'excluded'::text, 'desert'::text]))),
    CONSTRAINT slide_tme_lymphocyte_count_check CHECK ((lymphocyte_count >= 0)),
    CONSTRAINT slide_tme_macrophage_count_check CHECK ((macrophage_count >= 0)),
    CONSTRAINT slide_tme_pdl1_cps_check CHECK (((pdl1_cps >= (0)::double precision) AND (pdl1_cps <= (100)::double precision))),
    CONSTRAINT slide_tme_pdl1_tps_percent_check CHECK (((pdl1_tps_percent >= (0)::double precision) AND (pdl1_tps_percent <= (100)::double precision))),
    CONSTRAINT slide_tme_stroma_area_mm2_check CHECK ((stroma_area_mm2 >= (0)::double precision)),
    CONSTRAINT slide_tme_stroma_cell_count_check CHECK ((stroma_cell_count >= 0)),
    CONSTRAINT slide_tme_stromal_til_percent_check CHECK (((stromal_til_percent >= (0)::double precision) AND (stromal_til_percent <= (100)::double precision))),
    CONSTRAINT slide_tme_tissue_area_mm2_check CHECK ((tissue_area_mm2 >= (0)::double precision)),
    CONSTRAINT slide_tme_tumor_area_mm2_check CHECK ((tumor_area_mm2 >= (0)::double precision)),
    CONSTRAINT slide_tme_tumor_cell_count_check CHECK ((tumor_cell_count >= 0))
);

--
-- Name: TABLE slide_tme; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.slide_tme IS 'Slide-level tumor-microenvironment metrics, in physical units.';

--
-- Name: COLUMN slide_tme.tissue_area_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.tissue_area_mm2 IS 'Tissue area analysed, square millimetres.';

--
-- Name: COLUMN slide_tme.tumor_area_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.tumor_area_mm2 IS 'Area of tiles labelled tumor, square millimetres.';

--
-- Name: COLUMN slide_tme.stroma_area_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.stroma_area_mm2 IS 'Area of tiles labelled stroma, square millimetres.';

--
-- Name: COLUMN slide_tme.lymphocyte_density_per_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.lymphocyte_density_per_mm2 IS 'Lymphocytes per square millimetre of tissue.';

--
-- Name: COLUMN slide_tme.intratumoral_lymphocyte_density_per_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.intratumoral_lymphocyte_density_per_mm2 IS 'Lymphocytes per square millimetre of tumor compartment.';

--
-- Name: COLUMN slide_tme.stromal_lymphocyte_density_per_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.stromal_lymphocyte_density_per_mm2 IS 'Lymphocytes per square millimetre of stromal compartment.';

--
-- Name: COLUMN slide_tme.macrophage_density_per_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.macrophage_density_per_mm2 IS 'Macrophages (TAMs) per square millimetre of tissue.';

--
-- Name: COLUMN slide_tme.tumor_cell_density_per_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.tumor_cell_density_per_mm2 IS 'Tumor cells per square millimetre of tissue.';

--
-- Name: COLUMN slide_tme.stromal_til_percent; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.stromal_til_percent IS 'Stromal TILs, percent of stromal area occupied by mononuclear immune cells, averaged over the stroma (International TILs Working Group, Salgado et al. 2015).';

--
-- Name: COLUMN slide_tme.macrophage_lymphocyte_ratio; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.macrophage_lymphocyte_ratio IS 'Macrophage count divided by lymphocyte count.';

--
-- Name: COLUMN slide_tme.tumor_lymphocyte_median_distance_um; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.tumor_lymphocyte_median_distance_um IS 'Median distance from each tumor cell to its nearest lymphocyte, micrometres.';

--
-- Name: COLUMN slide_tme.immune_phenotype; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.immune_phenotype IS 'Immune phenotype from documented density thresholds: inflamed, excluded or desert.';

--
-- Name: COLUMN slide_tme.pdl1_tps_percent; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.pdl1_tps_percent IS 'PD-L1 tumor proportion score: percent of viable tumor cells with partial or complete membrane staining (22C3).';

--
-- Name: COLUMN slide_tme.pdl1_cps; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.pdl1_cps IS 'PD-L1 combined positive score: (PD-L1+ tumor cells + lymphocytes + macrophages) / viable tumor cells x 100, capped at 100.';

--
-- Name: COLUMN slide_tme.viable_tumor_cells; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.viable_tumor_cells IS 'Viable tumor cells counted on the IHC slide.';

--
-- Name: COLUMN slide_tme.ihc_adequate; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.ihc_adequate IS 'True when at least 100 viable tumor cells were counted (22C3 adequacy).';

--
-- Name: COLUMN slide_tme.cd8_density_per_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.cd8_density_per_mm2 IS 'CD8+ cells per square millimetre of tissue (CD8 IHC).';

--
-- Name: COLUMN slide_tme.cd68_density_per_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.cd68_density_per_mm2 IS 'CD68+ cells per square millimetre of tissue (CD68 IHC).';

--
-- Name: COLUMN slide_tme.parameters; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.parameters IS 'Quantification parameters used (JSON), for reproducibility.';

--
-- Name: COLUMN slide_tme.computed_at; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.computed_at IS 'When the metrics were computed.';

--
-- Name: COLUMN slide_tme.tile_feature_names; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.tile_feature_names IS 'Names (with units) of the components of tme.tile_features.features for this slide.';

--
-- Name: COLUMN slide_tme.detector; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.detector IS 'Nucleus detector of the run: classical (colour deconvolution + watershed) or instanseg (learned, InstanSeg brightfield_nuclei run natively).';

--
-- Name: COLUMN slide_tme.detector_model; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.detector_model IS 'Model name and version of a learned detector (e.g. brightfield_nuclei 0.1.1); NULL for the classical detector.';

--
-- Name: COLUMN slide_tme.detector_weights_sha256; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slide_tme.detector_weights_sha256 IS 'SHA-256 (hex) of the learned detector''s weights file; NULL for the classical detector.';

--
-- Name: slides; Type: TABLE; Schema: tme
--

CREATE TABLE tme.slides (
    slide_pk bigint NOT NULL,
    patient_pk bigint NOT NULL,
    sample_pk bigint,
    slide_id text NOT NULL,
    stain text NOT NULL,
    path text NOT NULL,
    sha256 text,
    width_px integer,
    height_px integer,
    mpp double precision,
    status text DEFAULT 'registered'::text NOT NULL,
    status_message text,
    quantified_at timestamp with time zone,
    CONSTRAINT slides_height_px_check CHECK ((height_px > 0)),
    CONSTRAINT slides_mpp_check CHECK ((mpp > (0)::double precision)),
    CONSTRAINT slides_sha256_check CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT slides_stain_check CHECK ((stain = ANY (ARRAY['H&E'::text, 'PD-L1'::text, 'CD8'::text, 'CD68'::text]))),
    CONSTRAINT slides_status_check CHECK ((status = ANY (ARRAY['registered'::text, 'quantifying'::text, 'quantified'::text, 'failed'::text]))),
    CONSTRAINT slides_width_px_check CHECK ((width_px > 0))
);

--
-- Name: TABLE slides; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.slides IS 'Whole-slide images (TIFF pyramids) of a patient, one row per stained section.';

--
-- Name: COLUMN slides.slide_id; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slides.slide_id IS 'Slide identifier, unique per patient (usually the file name without extension).';

--
-- Name: COLUMN slides.stain; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slides.stain IS 'H&E, or the IHC target: PD-L1 (22C3 conventions), CD8, CD68.';

--
-- Name: COLUMN slides.path; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slides.path IS 'Slide file path as registered at ingest.';

--
-- Name: COLUMN slides.sha256; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slides.sha256 IS 'SHA-256 of the slide file, for provenance.';

--
-- Name: COLUMN slides.width_px; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slides.width_px IS 'Level-0 width in pixels.';

--
-- Name: COLUMN slides.height_px; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slides.height_px IS 'Level-0 height in pixels.';

--
-- Name: COLUMN slides.mpp; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slides.mpp IS 'Level-0 resolution in micrometres per pixel.';

--
-- Name: COLUMN slides.status; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slides.status IS 'Quantification state: registered, quantifying, quantified, failed.';

--
-- Name: COLUMN slides.status_message; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slides.status_message IS 'Why quantification failed (slide, level and tile), when status = failed.';

--
-- Name: COLUMN slides.quantified_at; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.slides.quantified_at IS 'When quantification finished.';

--
-- Name: tumor_type_synonyms; Type: TABLE; Schema: tme
--

CREATE TABLE tme.tumor_type_synonyms (
    synonym text NOT NULL,
    code text NOT NULL,
    CONSTRAINT tumor_type_synonyms_synonym_check CHECK ((synonym = lower(btrim(synonym))))
);

--
-- Name: TABLE tumor_type_synonyms; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.tumor_type_synonyms IS 'Lower-case spellings (the code, the OncoTree name, common names) resolved to an OncoTree code.';

--
-- Name: biomarker_summary; Type: VIEW; Schema: tme
--

CREATE VIEW tme.biomarker_summary AS
 WITH he AS (
         SELECT DISTINCT ON (s.patient_pk) s.patient_pk,
            m.slide_pk,
            m.tissue_area_mm2,
            m.tumor_area_mm2,
            m.stroma_area_mm2,
            m.lymphocyte_count,
            m.macrophage_count,
            m.tumor_cell_count,
            m.stroma_cell_count,
            m.lymphocyte_density_per_mm2,
            m.intratumoral_lymphocyte_density_per_mm2,
            m.stromal_lymphocyte_density_per_mm2,
            m.macrophage_density_per_mm2,
            m.tumor_cell_density_per_mm2,
            m.stromal_til_percent,
            m.macrophage_lymphocyte_ratio,
            m.tumor_lymphocyte_median_distance_um,
            m.immune_phenotype,
            m.pdl1_tps_percent,
            m.pdl1_cps,
            m.viable_tumor_cells,
            m.ihc_adequate,
            m.cd8_density_per_mm2,
            m.cd68_density_per_mm2,
            m.parameters,
            m.computed_at,
            m.tile_feature_names
           FROM (tme.slides s
             JOIN tme.slide_tme m ON ((m.slide_pk = s.slide_pk)))
          WHERE (s.stain = 'H&E'::text)
          ORDER BY s.patient_pk, s.slide_id
        ), pdl1 AS (
         SELECT DISTINCT ON (s.patient_pk) s.patient_pk,
            m.pdl1_tps_percent,
            m.pdl1_cps,
            m.ihc_adequate
           FROM (tme.slides s
             JOIN tme.slide_tme m ON ((m.slide_pk = s.slide_pk)))
          WHERE (s.stain = 'PD-L1'::text)
          ORDER BY s.patient_pk, s.slide_id
        ), genomics AS (
         SELECT DISTINCT ON (sa.patient_pk) sa.patient_pk,
            g_1.sample_pk,
            g_1.capture_size_mb,
            g_1.nonsynonymous_count,
            g_1.tmb_per_mb,
            g_1.tmb_high,
            g_1.gep_score,
            g_1.gep_genes_used,
            g_1.gep_missing_reason,
            g_1.ifng_score,
            g_1.ifng_genes_used,
            g_1.ifng_missing_reason,
            g_1.cnv_burden_fraction,
            g_1.msi_status,
            g_1.stk11_mutated,
            g_1.keap1_mutated,
            g_1.pten_mutated,
            g_1.b2m_mutated,
            g_1.jak1_mutated,
            g_1.jak2_mutated,
            g_1.pole_mutated,
            g_1.tp53_mutated,
            g_1.kras_mutated,
            g_1.egfr_mutated,
            g_1.computed_at
           FROM (tme.samples sa
             JOIN tme.genomic_biomarkers g_1 ON ((g_1.sample_pk = sa.sample_pk)))
          ORDER BY sa.patient_pk, sa.sample_id
        ), latest_prediction AS (
         SELECT DISTINCT ON (pr.patient_pk) pr.patient_pk,
            r.model_id,
            pr.response_probability,
            pr.response_probability_lower,
            pr.response_probability_upper,
            pr.risk_score,
            pr.risk_group,
            pr.modalities_used,
            pr.evaluation
           FROM (tme.predictions pr
             JOIN tme.model_runs r ON ((r.model_run_pk = pr.model_run_pk)))
          ORDER BY pr.patient_pk, r.created_at DESC, r.model_run_pk DESC
        ), first_sample AS (
         SELECT DISTINCT ON (sa.patient_pk) sa.patient_pk,
            sa.sequenced
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
    ( SELECT ts.code
           FROM tme.tumor_type_synonyms ts
          WHERE (ts.synonym = lower(btrim(p.tumor_type)))) AS tumor_type_code,
    ( SELECT hs.term
           FROM tme.histology_synonyms hs
          WHERE (hs.synonym = lower(btrim(p.histology)))) AS histology_code
   FROM (((((((tme.patients p
     JOIN tme.cohorts c ON ((c.cohort_id = p.cohort_id)))
     LEFT JOIN tme.outcomes o ON ((o.patient_pk = p.patient_pk)))
     LEFT JOIN genomics g ON ((g.patient_pk = p.patient_pk)))
     LEFT JOIN he ON ((he.patient_pk = p.patient_pk)))
     LEFT JOIN pdl1 ON ((pdl1.patient_pk = p.patient_pk)))
     LEFT JOIN latest_prediction lp ON ((lp.patient_pk = p.patient_pk)))
     LEFT JOIN first_sample fs ON ((fs.patient_pk = p.patient_pk)));

--
-- Name: VIEW biomarker_summary; Type: COMMENT; Schema: tme
--

COMMENT ON VIEW tme.biomarker_summary IS 'One row per patient: clinical fields, outcome, genomic biomarkers of the first sample, TME metrics of the first H&E slide, PD-L1 scores of the first PD-L1 slide, and the newest model score. NULL means not measured (yet).';

--
-- Name: COLUMN biomarker_summary.cohort; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.cohort IS 'Cohort name (tme.cohorts.name).';

--
-- Name: COLUMN biomarker_summary.patient_id; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.patient_id IS 'Pseudonymous patient identifier, unique within the cohort.';

--
-- Name: COLUMN biomarker_summary.age_years; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.age_years IS 'Age at start of immunotherapy, years.';

--
-- Name: COLUMN biomarker_summary.sex; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.sex IS 'Sex as recorded: female, male, other or unknown.';

--
-- Name: COLUMN biomarker_summary.tumor_type; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.tumor_type IS 'Tumor type, e.g. NSCLC, melanoma, urothelial.';

--
-- Name: COLUMN biomarker_summary.histology; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.histology IS 'Histological subtype, e.g. adenocarcinoma, squamous cell carcinoma.';

--
-- Name: COLUMN biomarker_summary.stage; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.stage IS 'AJCC stage at treatment start (I to IV, with substage letters).';

--
-- Name: COLUMN biomarker_summary.ecog; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.ecog IS 'ECOG performance status, 0 (fully active) to 5 (dead).';

--
-- Name: COLUMN biomarker_summary.line_of_therapy; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.line_of_therapy IS 'Line of systemic therapy in which immunotherapy was given (1 = first line).';

--
-- Name: COLUMN biomarker_summary.best_response; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.best_response IS 'RECIST 1.1 best overall response: CR, PR, SD, PD, or NE (not evaluable).';

--
-- Name: COLUMN biomarker_summary.objective_response; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.objective_response IS 'True for CR or PR (objective response), false for SD or PD, NULL when not evaluable.';

--
-- Name: COLUMN biomarker_summary.os_months; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.os_months IS 'Overall survival: months from start of immunotherapy to death or last follow-up.';

--
-- Name: COLUMN biomarker_summary.os_event; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.os_event IS 'True if death was observed at os_months, false if censored.';

--
-- Name: COLUMN biomarker_summary.pfs_months; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.pfs_months IS 'Progression-free survival: months to progression, death or last follow-up.';

--
-- Name: COLUMN biomarker_summary.pfs_event; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.pfs_event IS 'True if progression or death was observed at pfs_months, false if censored.';

--
-- Name: COLUMN biomarker_summary.capture_size_mb; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.capture_size_mb IS 'Captured territory of the sequencing assay, megabases (e.g. 38 for an exome, 0.8 for FoundationOne CDx).';

--
-- Name: COLUMN biomarker_summary.nonsynonymous_count; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.nonsynonymous_count IS 'Distinct nonsynonymous coding mutations (maftools classes: frameshift, splice site, translation start, nonsense, nonstop, in-frame indel, missense).';

--
-- Name: COLUMN biomarker_summary.tmb_per_mb; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.tmb_per_mb IS 'Tumor mutational burden: nonsynonymous_count / capture_size_mb, mutations per megabase.';

--
-- Name: COLUMN biomarker_summary.tmb_high; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.tmb_high IS 'TMB-high: tmb_per_mb >= 10 mutations per megabase.';

--
-- Name: COLUMN biomarker_summary.gep_score; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.gep_score IS 'T-cell-inflamed gene expression profile (18 genes, Ayers et al. 2017): mean of per-gene z-scored log2 expression.';

--
-- Name: COLUMN biomarker_summary.ifng_score; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.ifng_score IS 'IFN-gamma 6-gene score (Ayers et al. 2017): mean of per-gene z-scored log2 expression.';

--
-- Name: COLUMN biomarker_summary.cnv_burden_fraction; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.cnv_burden_fraction IS 'Fraction (0 to 1) of profiled genes with a non-zero copy-number call.';

--
-- Name: COLUMN biomarker_summary.msi_status; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.msi_status IS 'Microsatellite instability status as given by the input (MSI-H, MSI-L, MSS).';

--
-- Name: COLUMN biomarker_summary.stk11_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.stk11_mutated IS 'True when the sample has a nonsynonymous STK11 mutation.';

--
-- Name: COLUMN biomarker_summary.keap1_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.keap1_mutated IS 'True when the sample has a nonsynonymous KEAP1 mutation.';

--
-- Name: COLUMN biomarker_summary.pten_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.pten_mutated IS 'True when the sample has a nonsynonymous PTEN mutation.';

--
-- Name: COLUMN biomarker_summary.b2m_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.b2m_mutated IS 'True when the sample has a nonsynonymous B2M mutation.';

--
-- Name: COLUMN biomarker_summary.jak1_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.jak1_mutated IS 'True when the sample has a nonsynonymous JAK1 mutation.';

--
-- Name: COLUMN biomarker_summary.jak2_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.jak2_mutated IS 'True when the sample has a nonsynonymous JAK2 mutation.';

--
-- Name: COLUMN biomarker_summary.pole_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.pole_mutated IS 'True when the sample has a nonsynonymous POLE mutation.';

--
-- Name: COLUMN biomarker_summary.tp53_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.tp53_mutated IS 'True when the sample has a nonsynonymous TP53 mutation.';

--
-- Name: COLUMN biomarker_summary.kras_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.kras_mutated IS 'True when the sample has a nonsynonymous KRAS mutation.';

--
-- Name: COLUMN biomarker_summary.egfr_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.egfr_mutated IS 'True when the sample has a nonsynonymous EGFR mutation.';

--
-- Name: COLUMN biomarker_summary.lymphocyte_density_per_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.lymphocyte_density_per_mm2 IS 'Lymphocytes per square millimetre of tissue.';

--
-- Name: COLUMN biomarker_summary.intratumoral_lymphocyte_density_per_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.intratumoral_lymphocyte_density_per_mm2 IS 'Lymphocytes per square millimetre of tumor compartment.';

--
-- Name: COLUMN biomarker_summary.stromal_lymphocyte_density_per_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.stromal_lymphocyte_density_per_mm2 IS 'Lymphocytes per square millimetre of stromal compartment.';

--
-- Name: COLUMN biomarker_summary.macrophage_density_per_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.macrophage_density_per_mm2 IS 'Macrophages (TAMs) per square millimetre of tissue.';

--
-- Name: COLUMN biomarker_summary.stromal_til_percent; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.stromal_til_percent IS 'Stromal TILs, percent of stromal area occupied by mononuclear immune cells, averaged over the stroma (International TILs Working Group, Salgado et al. 2015).';

--
-- Name: COLUMN biomarker_summary.macrophage_lymphocyte_ratio; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.macrophage_lymphocyte_ratio IS 'Macrophage count divided by lymphocyte count.';

--
-- Name: COLUMN biomarker_summary.immune_phenotype; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.immune_phenotype IS 'Immune phenotype from documented density thresholds: inflamed, excluded or desert.';

--
-- Name: COLUMN biomarker_summary.pdl1_tps_percent; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.pdl1_tps_percent IS 'PD-L1 tumor proportion score: percent of viable tumor cells with partial or complete membrane staining (22C3).';

--
-- Name: COLUMN biomarker_summary.pdl1_cps; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.pdl1_cps IS 'PD-L1 combined positive score: (PD-L1+ tumor cells + lymphocytes + macrophages) / viable tumor cells x 100, capped at 100.';

--
-- Name: COLUMN biomarker_summary.pdl1_adequate; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.pdl1_adequate IS 'True when the PD-L1 slide had at least 100 viable tumor cells.';

--
-- Name: COLUMN biomarker_summary.model_id; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.model_id IS 'Unique model identifier printed on reports.';

--
-- Name: COLUMN biomarker_summary.response_probability; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.response_probability IS 'Predicted probability of objective response (CR or PR).';

--
-- Name: COLUMN biomarker_summary.response_probability_lower; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.response_probability_lower IS 'Lower end of the 95% interval of response_probability (fold ensemble).';

--
-- Name: COLUMN biomarker_summary.response_probability_upper; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.response_probability_upper IS 'Upper end of the 95% interval of response_probability (fold ensemble).';

--
-- Name: COLUMN biomarker_summary.risk_score; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.risk_score IS 'Survival risk score (log relative hazard; higher = worse).';

--
-- Name: COLUMN biomarker_summary.risk_group; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.risk_group IS 'high or low, split at the training cohort''s median risk score.';

--
-- Name: COLUMN biomarker_summary.modalities_used; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.modalities_used IS 'Modalities the score was computed from: slide, genomics, clinical.';

--
-- Name: COLUMN biomarker_summary.evaluation; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.evaluation IS 'How the newest model score was obtained: out_of_fold (held out by cross-validation) or external (no ensemble member saw the patient).';

--
-- Name: COLUMN biomarker_summary.sequenced; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.sequenced IS 'Whether the first sample was sequenced; when false, TMB and mutation flags are NULL (not measured).';

--
-- Name: COLUMN biomarker_summary.tumor_type_code; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.tumor_type_code IS 'OncoTree code of tumor_type (tme.tumor_type_synonyms); NULL when the value is not in the vocabulary.';

--
-- Name: COLUMN biomarker_summary.histology_code; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.biomarker_summary.histology_code IS 'Histology term of histology (tme.histology_synonyms); NULL when the value is not in the vocabulary.';

--
-- Name: cnv; Type: TABLE; Schema: tme
--

CREATE TABLE tme.cnv (
    sample_pk bigint NOT NULL,
    gene text NOT NULL,
    value double precision NOT NULL,
    value_kind text NOT NULL,
    CONSTRAINT cnv_value_kind_check CHECK ((value_kind = ANY (ARRAY['gistic'::text, 'log2_ratio'::text])))
);

--
-- Name: TABLE cnv; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.cnv IS 'Copy number per gene and sample.';

--
-- Name: COLUMN cnv.value; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.cnv.value IS 'GISTIC call (-2 deep deletion, -1 loss, 0 neutral, 1 gain, 2 amplification) or log2 copy ratio, per value_kind.';

--
-- Name: cohorts_cohort_id_seq; Type: SEQUENCE; Schema: tme
--

ALTER TABLE tme.cohorts ALTER COLUMN cohort_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME tme.cohorts_cohort_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: expression; Type: TABLE; Schema: tme
--

CREATE TABLE tme.expression (
    sample_pk bigint NOT NULL,
    gene text NOT NULL,
    value double precision NOT NULL,
    unit text NOT NULL
);

--
-- Name: TABLE expression; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.expression IS 'Gene expression per sample.';

--
-- Name: COLUMN expression.value; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.expression.value IS 'Expression value in the stated unit.';

--
-- Name: COLUMN expression.unit; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.expression.unit IS 'Unit of value, e.g. log2(TPM+1), RSEM, TPM.';

--
-- Name: histologies; Type: TABLE; Schema: tme
--

CREATE TABLE tme.histologies (
    term text NOT NULL,
    parent_term text,
    CONSTRAINT histologies_term_check CHECK ((term = lower(term)))
);

--
-- Name: TABLE histologies; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.histologies IS 'Histological types (WHO classification names, lower case), with the broader type as parent; a criterion on a term selects it and every narrower term.';

--
-- Name: ingested_files; Type: TABLE; Schema: tme
--

CREATE TABLE tme.ingested_files (
    cohort_id bigint NOT NULL,
    kind text NOT NULL,
    file_name text NOT NULL,
    sha256 text NOT NULL,
    row_count bigint NOT NULL,
    parameters jsonb DEFAULT '{}'::jsonb NOT NULL,
    ingested_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ingested_files_kind_check CHECK ((kind = ANY (ARRAY['clinical'::text, 'outcomes'::text, 'mutations'::text, 'expression'::text, 'cnv'::text, 'slides'::text]))),
    CONSTRAINT ingested_files_row_count_check CHECK ((row_count >= 0)),
    CONSTRAINT ingested_files_sha256_check CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text))
);

--
-- Name: TABLE ingested_files; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.ingested_files IS 'One row per cohort and kind of input file last ingested (tme ingest): what was read, its checksum and the parameters used.';

--
-- Name: COLUMN ingested_files.cohort_id; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.ingested_files.cohort_id IS 'Cohort the file belongs to.';

--
-- Name: COLUMN ingested_files.kind; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.ingested_files.kind IS 'What the file holds: clinical, outcomes, mutations, expression, cnv or slides.';

--
-- Name: COLUMN ingested_files.file_name; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.ingested_files.file_name IS 'File name inside the cohort folder.';

--
-- Name: COLUMN ingested_files.sha256; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.ingested_files.sha256 IS 'SHA-256 of the file bytes as read (compressed bytes for .gz files).';

--
-- Name: COLUMN ingested_files.row_count; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.ingested_files.row_count IS 'Data rows read from the file (MAF rows, patients, genes, slides).';

--
-- Name: COLUMN ingested_files.parameters; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.ingested_files.parameters IS 'Parameters that shaped the stored values (capture size in Mb, expression scale, CNV kind), as JSON.';

--
-- Name: COLUMN ingested_files.ingested_at; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.ingested_files.ingested_at IS 'When this version of the file was loaded.';

--
-- Name: model_runs_model_run_pk_seq; Type: SEQUENCE; Schema: tme
--

ALTER TABLE tme.model_runs ALTER COLUMN model_run_pk ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME tme.model_runs_model_run_pk_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: mutations; Type: TABLE; Schema: tme
--

CREATE TABLE tme.mutations (
    mutation_pk bigint NOT NULL,
    sample_pk bigint NOT NULL,
    hugo_symbol text NOT NULL,
    entrez_gene_id integer,
    ncbi_build text,
    chromosome text NOT NULL,
    start_position bigint NOT NULL,
    end_position bigint NOT NULL,
    variant_classification text NOT NULL,
    variant_type text,
    reference_allele text NOT NULL,
    tumor_seq_allele2 text NOT NULL,
    hgvsp_short text,
    t_ref_count integer,
    t_alt_count integer,
    CONSTRAINT mutations_check CHECK ((end_position >= start_position)),
    CONSTRAINT mutations_start_position_check CHECK ((start_position > 0)),
    CONSTRAINT mutations_t_alt_count_check CHECK ((t_alt_count >= 0)),
    CONSTRAINT mutations_t_ref_count_check CHECK ((t_ref_count >= 0))
);

--
-- Name: TABLE mutations; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.mutations IS 'Somatic mutations (MAF core columns).';

--
-- Name: COLUMN mutations.start_position; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.mutations.start_position IS '1-based genomic start position on ncbi_build.';

--
-- Name: COLUMN mutations.variant_classification; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.mutations.variant_classification IS 'MAF Variant_Classification, e.g. Missense_Mutation, Nonsense_Mutation, Silent.';

--
-- Name: COLUMN mutations.hgvsp_short; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.mutations.hgvsp_short IS 'Protein change, short HGVS (e.g. p.G12C).';

--
-- Name: COLUMN mutations.t_alt_count; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.mutations.t_alt_count IS 'Reads supporting the variant allele in the tumor.';

--
-- Name: mutations_mutation_pk_seq; Type: SEQUENCE; Schema: tme
--

ALTER TABLE tme.mutations ALTER COLUMN mutation_pk ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME tme.mutations_mutation_pk_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: patients_patient_pk_seq; Type: SEQUENCE; Schema: tme
--

ALTER TABLE tme.patients ALTER COLUMN patient_pk ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME tme.patients_patient_pk_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: samples_sample_pk_seq; Type: SEQUENCE; Schema: tme
--

ALTER TABLE tme.samples ALTER COLUMN sample_pk ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME tme.samples_sample_pk_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: schema_migrations; Type: TABLE; Schema: tme
--

CREATE TABLE tme.schema_migrations (
    version integer NOT NULL,
    file_name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: screening_candidates; Type: VIEW; Schema: tme
--

CREATE VIEW tme.screening_candidates AS
 SELECT b.cohort,
    b.patient_id,
    b.tumor_type,
    b.stage,
    b.ecog,
    b.line_of_therapy,
    b.tmb_per_mb,
    b.tmb_high,
    b.pdl1_tps_percent,
    b.pdl1_cps,
    b.msi_status,
    b.immune_phenotype,
    b.gep_score,
    b.stk11_mutated,
    b.keap1_mutated,
    (b.pdl1_tps_percent >= (50)::double precision) AS pdl1_tps_high,
    (b.pdl1_tps_percent >= (1)::double precision) AS pdl1_tps_positive,
    (b.pdl1_cps >= (10)::double precision) AS pdl1_cps_high,
    (b.msi_status = 'MSI-H'::text) AS msi_high,
    (b.immune_phenotype = 'inflamed'::text) AS inflamed,
    (COALESCE(b.tmb_high, false) OR COALESCE((b.pdl1_tps_percent >= (50)::double precision), false) OR COALESCE((b.msi_status = 'MSI-H'::text), false) OR COALESCE((b.pdl1_cps >= (10)::double precision), false)) AS any_pd1_biomarker,
    ((b.tmb_high IS NOT NULL) AND (b.pdl1_tps_percent IS NOT NULL) AND (b.immune_phenotype IS NOT NULL)) AS biomarkers_complete,
    b.response_probability,
    b.risk_group
   FROM tme.biomarker_summary b;

--
-- Name: VIEW screening_candidates; Type: COMMENT; Schema: tme
--

COMMENT ON VIEW tme.screening_candidates IS 'Per patient, the PD-1/PD-L1 screening signals: TMB-high (>= 10 mut/Mb), PD-L1 TPS >= 1 % and >= 50 %, CPS >= 10, MSI-H, inflamed phenotype; any_pd1_biomarker is true when any established biomarker is positive. A NULL signal means the biomarker was not measured.';

--
-- Name: COLUMN screening_candidates.cohort; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.cohort IS 'Cohort name (tme.cohorts.name).';

--
-- Name: COLUMN screening_candidates.patient_id; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.patient_id IS 'Pseudonymous patient identifier, unique within the cohort.';

--
-- Name: COLUMN screening_candidates.tumor_type; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.tumor_type IS 'Tumor type, e.g. NSCLC, melanoma, urothelial.';

--
-- Name: COLUMN screening_candidates.stage; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.stage IS 'AJCC stage at treatment start (I to IV, with substage letters).';

--
-- Name: COLUMN screening_candidates.ecog; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.ecog IS 'ECOG performance status, 0 (fully active) to 5 (dead).';

--
-- Name: COLUMN screening_candidates.line_of_therapy; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.line_of_therapy IS 'Line of systemic therapy in which immunotherapy was given (1 = first line).';

--
-- Name: COLUMN screening_candidates.tmb_per_mb; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.tmb_per_mb IS 'Tumor mutational burden: nonsynonymous_count / capture_size_mb, mutations per megabase.';

--
-- Name: COLUMN screening_candidates.tmb_high; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.tmb_high IS 'TMB-high: tmb_per_mb >= 10 mutations per megabase.';

--
-- Name: COLUMN screening_candidates.pdl1_tps_percent; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.pdl1_tps_percent IS 'PD-L1 tumor proportion score: percent of viable tumor cells with partial or complete membrane staining (22C3).';

--
-- Name: COLUMN screening_candidates.pdl1_cps; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.pdl1_cps IS 'PD-L1 combined positive score: (PD-L1+ tumor cells + lymphocytes + macrophages) / viable tumor cells x 100, capped at 100.';

--
-- Name: COLUMN screening_candidates.msi_status; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.msi_status IS 'Microsatellite instability status as given by the input (MSI-H, MSI-L, MSS).';

--
-- Name: COLUMN screening_candidates.immune_phenotype; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.immune_phenotype IS 'Immune phenotype from documented density thresholds: inflamed, excluded or desert.';

--
-- Name: COLUMN screening_candidates.gep_score; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.gep_score IS 'T-cell-inflamed gene expression profile (18 genes, Ayers et al. 2017): mean of per-gene z-scored log2 expression.';

--
-- Name: COLUMN screening_candidates.stk11_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.stk11_mutated IS 'True when the sample has a nonsynonymous STK11 mutation.';

--
-- Name: COLUMN screening_candidates.keap1_mutated; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.keap1_mutated IS 'True when the sample has a nonsynonymous KEAP1 mutation.';

--
-- Name: COLUMN screening_candidates.pdl1_tps_high; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.pdl1_tps_high IS 'PD-L1 TPS >= 50 %.';

--
-- Name: COLUMN screening_candidates.pdl1_tps_positive; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.pdl1_tps_positive IS 'PD-L1 TPS >= 1 %.';

--
-- Name: COLUMN screening_candidates.pdl1_cps_high; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.pdl1_cps_high IS 'PD-L1 CPS >= 10.';

--
-- Name: COLUMN screening_candidates.msi_high; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.msi_high IS 'MSI-H.';

--
-- Name: COLUMN screening_candidates.inflamed; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.inflamed IS 'Immune phenotype is inflamed.';

--
-- Name: COLUMN screening_candidates.any_pd1_biomarker; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.any_pd1_biomarker IS 'True when any of TMB-high, TPS >= 50 %, MSI-H or CPS >= 10 holds.';

--
-- Name: COLUMN screening_candidates.biomarkers_complete; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.biomarkers_complete IS 'True when TMB, PD-L1 TPS and immune phenotype are all measured.';

--
-- Name: COLUMN screening_candidates.response_probability; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.response_probability IS 'Predicted probability of objective response (CR or PR).';

--
-- Name: COLUMN screening_candidates.risk_group; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.screening_candidates.risk_group IS 'high or low, split at the training cohort''s median risk score.';

--
-- Name: slides_slide_pk_seq; Type: SEQUENCE; Schema: tme
--

ALTER TABLE tme.slides ALTER COLUMN slide_pk ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME tme.slides_slide_pk_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: tile_attention; Type: TABLE; Schema: tme
--

CREATE TABLE tme.tile_attention (
    model_run_pk bigint NOT NULL,
    slide_pk bigint NOT NULL,
    level integer NOT NULL,
    x_px integer NOT NULL,
    y_px integer NOT NULL,
    attention_weight double precision NOT NULL,
    CONSTRAINT tile_attention_attention_weight_check CHECK (((attention_weight >= (0)::double precision) AND (attention_weight <= (1)::double precision)))
);

--
-- Name: TABLE tile_attention; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.tile_attention IS 'Attention weight of each tile in a model run (gated attention MIL, Ilse et al. 2018).';

--
-- Name: COLUMN tile_attention.attention_weight; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tile_attention.attention_weight IS 'Softmax attention weight of the tile within its patient''s bag (weights of one bag sum to 1).';

--
-- Name: tile_features; Type: TABLE; Schema: tme
--

CREATE TABLE tme.tile_features (
    slide_pk bigint NOT NULL,
    level integer NOT NULL,
    x_px integer NOT NULL,
    y_px integer NOT NULL,
    features real[] NOT NULL,
    CONSTRAINT tile_features_features_check CHECK ((cardinality(features) > 0))
);

--
-- Name: TABLE tile_features; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.tile_features IS 'Feature vector of each quantified tile (TME features in physical units: densities per mm2, nuclear morphology in um and um2, stain optical densities), the input of the fusion model''s attention over tiles.';

--
-- Name: COLUMN tile_features.features; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tile_features.features IS 'Feature values, in the order named by tme.slide_tme.tile_feature_names of the same slide.';

--
-- Name: tiles; Type: TABLE; Schema: tme
--

CREATE TABLE tme.tiles (
    slide_pk bigint NOT NULL,
    level integer NOT NULL,
    x_px integer NOT NULL,
    y_px integer NOT NULL,
    width_px integer NOT NULL,
    height_px integer NOT NULL,
    tissue_fraction double precision NOT NULL,
    region text NOT NULL,
    lymphocyte_count integer DEFAULT 0 NOT NULL,
    macrophage_count integer DEFAULT 0 NOT NULL,
    tumor_cell_count integer DEFAULT 0 NOT NULL,
    stroma_cell_count integer DEFAULT 0 NOT NULL,
    other_cell_count integer DEFAULT 0 NOT NULL,
    dab_positive_tumor_count integer,
    dab_positive_immune_count integer,
    mean_nucleus_area_um2 double precision,
    mean_hematoxylin_od double precision,
    CONSTRAINT tiles_dab_positive_immune_count_check CHECK ((dab_positive_immune_count >= 0)),
    CONSTRAINT tiles_dab_positive_tumor_count_check CHECK ((dab_positive_tumor_count >= 0)),
    CONSTRAINT tiles_height_px_check CHECK ((height_px > 0)),
    CONSTRAINT tiles_level_check CHECK ((level >= 0)),
    CONSTRAINT tiles_lymphocyte_count_check CHECK ((lymphocyte_count >= 0)),
    CONSTRAINT tiles_macrophage_count_check CHECK ((macrophage_count >= 0)),
    CONSTRAINT tiles_mean_nucleus_area_um2_check CHECK ((mean_nucleus_area_um2 >= (0)::double precision)),
    CONSTRAINT tiles_other_cell_count_check CHECK ((other_cell_count >= 0)),
    CONSTRAINT tiles_region_check CHECK ((region = ANY (ARRAY['tumor'::text, 'stroma'::text, 'mixed'::text, 'background'::text]))),
    CONSTRAINT tiles_stroma_cell_count_check CHECK ((stroma_cell_count >= 0)),
    CONSTRAINT tiles_tissue_fraction_check CHECK (((tissue_fraction >= (0)::double precision) AND (tissue_fraction <= (1)::double precision))),
    CONSTRAINT tiles_tumor_cell_count_check CHECK ((tumor_cell_count >= 0)),
    CONSTRAINT tiles_width_px_check CHECK ((width_px > 0)),
    CONSTRAINT tiles_x_px_check CHECK ((x_px >= 0)),
    CONSTRAINT tiles_y_px_check CHECK ((y_px >= 0))
);

--
-- Name: TABLE tiles; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.tiles IS 'Per-tile cell counts of a quantified slide; tiles are square regions of the analysis level.';

--
-- Name: COLUMN tiles.level; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tiles.level IS 'Pyramid level the tile was analysed at (0 = full resolution).';

--
-- Name: COLUMN tiles.x_px; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tiles.x_px IS 'Left edge of the tile in level-0 pixels.';

--
-- Name: COLUMN tiles.y_px; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tiles.y_px IS 'Top edge of the tile in level-0 pixels.';

--
-- Name: COLUMN tiles.width_px; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tiles.width_px IS 'Tile width in level-0 pixels.';

--
-- Name: COLUMN tiles.height_px; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tiles.height_px IS 'Tile height in level-0 pixels.';

--
-- Name: COLUMN tiles.tissue_fraction; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tiles.tissue_fraction IS 'Fraction (0 to 1) of the tile area covered by tissue.';

--
-- Name: COLUMN tiles.region; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tiles.region IS 'Compartment assigned from the cell mix: tumor, stroma, mixed or background.';

--
-- Name: COLUMN tiles.lymphocyte_count; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tiles.lymphocyte_count IS 'Lymphocytes (TILs) detected in the tile.';

--
-- Name: COLUMN tiles.macrophage_count; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tiles.macrophage_count IS 'Macrophages (TAMs) detected in the tile.';

--
-- Name: COLUMN tiles.tumor_cell_count; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tiles.tumor_cell_count IS 'Tumor cells detected in the tile.';

--
-- Name: COLUMN tiles.stroma_cell_count; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tiles.stroma_cell_count IS 'Stromal cells (fibroblasts, endothelium) detected in the tile.';

--
-- Name: COLUMN tiles.other_cell_count; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tiles.other_cell_count IS 'Detected nuclei that fit no class.';

--
-- Name: COLUMN tiles.dab_positive_tumor_count; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tiles.dab_positive_tumor_count IS 'IHC slides: tumor cells with positive DAB membrane staining; NULL on H&E.';

--
-- Name: COLUMN tiles.dab_positive_immune_count; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tiles.dab_positive_immune_count IS 'IHC slides: lymphocytes and macrophages with positive DAB staining; NULL on H&E.';

--
-- Name: COLUMN tiles.mean_nucleus_area_um2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tiles.mean_nucleus_area_um2 IS 'Mean nuclear area of the tile''s detected cells, square micrometres.';

--
-- Name: COLUMN tiles.mean_hematoxylin_od; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tiles.mean_hematoxylin_od IS 'Mean hematoxylin optical density inside nuclei (colour deconvolution, Ruifrok & Johnston 2001).';

--
-- Name: tme_by_slide; Type: VIEW; Schema: tme
--

CREATE VIEW tme.tme_by_slide AS
 SELECT c.name AS cohort,
    p.patient_id,
    s.slide_id,
    s.stain,
    s.mpp,
    s.width_px,
    s.height_px,
    s.status,
    m.tissue_area_mm2,
    m.tumor_area_mm2,
    m.stroma_area_mm2,
    m.lymphocyte_count,
    m.macrophage_count,
    m.tumor_cell_count,
    m.stroma_cell_count,
    m.lymphocyte_density_per_mm2,
    m.intratumoral_lymphocyte_density_per_mm2,
    m.stromal_lymphocyte_density_per_mm2,
    m.macrophage_density_per_mm2,
    m.tumor_cell_density_per_mm2,
    m.stromal_til_percent,
    m.macrophage_lymphocyte_ratio,
    m.tumor_lymphocyte_median_distance_um,
    m.immune_phenotype,
    m.pdl1_tps_percent,
    m.pdl1_cps,
    m.viable_tumor_cells,
    m.ihc_adequate,
    m.cd8_density_per_mm2,
    m.cd68_density_per_mm2,
    m.computed_at
   FROM (((tme.slides s
     JOIN tme.patients p ON ((p.patient_pk = s.patient_pk)))
     JOIN tme.cohorts c ON ((c.cohort_id = p.cohort_id)))
     LEFT JOIN tme.slide_tme m ON ((m.slide_pk = s.slide_pk)));

--
-- Name: VIEW tme_by_slide; Type: COMMENT; Schema: tme
--

COMMENT ON VIEW tme.tme_by_slide IS 'One row per slide: tumor-microenvironment metrics (NULL until quantified). Units as in the column names; definitions as on tme.slide_tme.';

--
-- Name: COLUMN tme_by_slide.cohort; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.cohort IS 'Cohort name (tme.cohorts.name).';

--
-- Name: COLUMN tme_by_slide.patient_id; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.patient_id IS 'Pseudonymous patient identifier, unique within the cohort.';

--
-- Name: COLUMN tme_by_slide.slide_id; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.slide_id IS 'Slide identifier, unique per patient (usually the file name without extension).';

--
-- Name: COLUMN tme_by_slide.stain; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.stain IS 'H&E, or the IHC target: PD-L1 (22C3 conventions), CD8, CD68.';

--
-- Name: COLUMN tme_by_slide.mpp; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.mpp IS 'Level-0 resolution in micrometres per pixel.';

--
-- Name: COLUMN tme_by_slide.width_px; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.width_px IS 'Level-0 width in pixels.';

--
-- Name: COLUMN tme_by_slide.height_px; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.height_px IS 'Level-0 height in pixels.';

--
-- Name: COLUMN tme_by_slide.status; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.status IS 'Quantification state: registered, quantifying, quantified, failed.';

--
-- Name: COLUMN tme_by_slide.tissue_area_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.tissue_area_mm2 IS 'Tissue area analysed, square millimetres.';

--
-- Name: COLUMN tme_by_slide.tumor_area_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.tumor_area_mm2 IS 'Area of tiles labelled tumor, square millimetres.';

--
-- Name: COLUMN tme_by_slide.stroma_area_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.stroma_area_mm2 IS 'Area of tiles labelled stroma, square millimetres.';

--
-- Name: COLUMN tme_by_slide.lymphocyte_count; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.lymphocyte_count IS 'Lymphocytes (TILs) detected in the tile.';

--
-- Name: COLUMN tme_by_slide.macrophage_count; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.macrophage_count IS 'Macrophages (TAMs) detected in the tile.';

--
-- Name: COLUMN tme_by_slide.tumor_cell_count; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.tumor_cell_count IS 'Tumor cells detected in the tile.';

--
-- Name: COLUMN tme_by_slide.stroma_cell_count; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.stroma_cell_count IS 'Stromal cells (fibroblasts, endothelium) detected in the tile.';

--
-- Name: COLUMN tme_by_slide.lymphocyte_density_per_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.lymphocyte_density_per_mm2 IS 'Lymphocytes per square millimetre of tissue.';

--
-- Name: COLUMN tme_by_slide.intratumoral_lymphocyte_density_per_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.intratumoral_lymphocyte_density_per_mm2 IS 'Lymphocytes per square millimetre of tumor compartment.';

--
-- Name: COLUMN tme_by_slide.stromal_lymphocyte_density_per_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.stromal_lymphocyte_density_per_mm2 IS 'Lymphocytes per square millimetre of stromal compartment.';

--
-- Name: COLUMN tme_by_slide.macrophage_density_per_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.macrophage_density_per_mm2 IS 'Macrophages (TAMs) per square millimetre of tissue.';

--
-- Name: COLUMN tme_by_slide.tumor_cell_density_per_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.tumor_cell_density_per_mm2 IS 'Tumor cells per square millimetre of tissue.';

--
-- Name: COLUMN tme_by_slide.stromal_til_percent; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.stromal_til_percent IS 'Stromal TILs, percent of stromal area occupied by mononuclear immune cells, averaged over the stroma (International TILs Working Group, Salgado et al. 2015).';

--
-- Name: COLUMN tme_by_slide.macrophage_lymphocyte_ratio; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.macrophage_lymphocyte_ratio IS 'Macrophage count divided by lymphocyte count.';

--
-- Name: COLUMN tme_by_slide.tumor_lymphocyte_median_distance_um; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.tumor_lymphocyte_median_distance_um IS 'Median distance from each tumor cell to its nearest lymphocyte, micrometres.';

--
-- Name: COLUMN tme_by_slide.immune_phenotype; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.immune_phenotype IS 'Immune phenotype from documented density thresholds: inflamed, excluded or desert.';

--
-- Name: COLUMN tme_by_slide.pdl1_tps_percent; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.pdl1_tps_percent IS 'PD-L1 tumor proportion score: percent of viable tumor cells with partial or complete membrane staining (22C3).';

--
-- Name: COLUMN tme_by_slide.pdl1_cps; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.pdl1_cps IS 'PD-L1 combined positive score: (PD-L1+ tumor cells + lymphocytes + macrophages) / viable tumor cells x 100, capped at 100.';

--
-- Name: COLUMN tme_by_slide.viable_tumor_cells; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.viable_tumor_cells IS 'Viable tumor cells counted on the IHC slide.';

--
-- Name: COLUMN tme_by_slide.ihc_adequate; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.ihc_adequate IS 'True when at least 100 viable tumor cells were counted (22C3 adequacy).';

--
-- Name: COLUMN tme_by_slide.cd8_density_per_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.cd8_density_per_mm2 IS 'CD8+ cells per square millimetre of tissue (CD8 IHC).';

--
-- Name: COLUMN tme_by_slide.cd68_density_per_mm2; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.cd68_density_per_mm2 IS 'CD68+ cells per square millimetre of tissue (CD68 IHC).';

--
-- Name: COLUMN tme_by_slide.computed_at; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tme_by_slide.computed_at IS 'When the biomarkers were computed.';

--
-- Name: tumor_types; Type: TABLE; Schema: tme
--

CREATE TABLE tme.tumor_types (
    code text NOT NULL,
    name text NOT NULL,
    parent_code text,
    level text NOT NULL,
    CONSTRAINT tumor_types_code_check CHECK ((code = upper(code))),
    CONSTRAINT tumor_types_level_check CHECK ((level = ANY (ARRAY['tissue'::text, 'type'::text])))
);

--
-- Name: TABLE tumor_types; Type: COMMENT; Schema: tme
--

COMMENT ON TABLE tme.tumor_types IS 'Tumour types as OncoTree codes (oncotree.mskcc.org, subset of release 2021-11-02; tissues are the roots). A criterion on a code selects that code and every descendant (NSCLC selects LUAD, LUSC, …). Add codes with a migration.';

--
-- Name: COLUMN tumor_types.parent_code; Type: COMMENT; Schema: tme
--

COMMENT ON COLUMN tme.tumor_types.parent_code IS 'The parent OncoTree node (NULL for a tissue).';

--
-- Name: cnv cnv_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.cnv
    ADD CONSTRAINT cnv_pkey PRIMARY KEY (sample_pk, gene);

--
-- Name: cohorts cohorts_name_key; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.cohorts
    ADD CONSTRAINT cohorts_name_key UNIQUE (name);

--
-- Name: cohorts cohorts_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.cohorts
    ADD CONSTRAINT cohorts_pkey PRIMARY KEY (cohort_id);

--
-- Name: expression expression_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.expression
    ADD CONSTRAINT expression_pkey PRIMARY KEY (sample_pk, gene);

--
-- Name: genomic_biomarkers genomic_biomarkers_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.genomic_biomarkers
    ADD CONSTRAINT genomic_biomarkers_pkey PRIMARY KEY (sample_pk);

--
-- Name: histologies histologies_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.histologies
    ADD CONSTRAINT histologies_pkey PRIMARY KEY (term);

--
-- Name: histology_synonyms histology_synonyms_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.histology_synonyms
    ADD CONSTRAINT histology_synonyms_pkey PRIMARY KEY (synonym);

--
-- Name: ingested_files ingested_files_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.ingested_files
    ADD CONSTRAINT ingested_files_pkey PRIMARY KEY (cohort_id, kind);

--
-- Name: model_runs model_runs_model_id_key; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.model_runs
    ADD CONSTRAINT model_runs_model_id_key UNIQUE (model_id);

--
-- Name: model_runs model_runs_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.model_runs
    ADD CONSTRAINT model_runs_pkey PRIMARY KEY (model_run_pk);

--
-- Name: mutations mutations_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.mutations
    ADD CONSTRAINT mutations_pkey PRIMARY KEY (mutation_pk);

--
-- Name: outcomes outcomes_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.outcomes
    ADD CONSTRAINT outcomes_pkey PRIMARY KEY (patient_pk);

--
-- Name: patients patients_cohort_id_patient_id_key; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.patients
    ADD CONSTRAINT patients_cohort_id_patient_id_key UNIQUE (cohort_id, patient_id);

--
-- Name: patients patients_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.patients
    ADD CONSTRAINT patients_pkey PRIMARY KEY (patient_pk);

--
-- Name: predictions predictions_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.predictions
    ADD CONSTRAINT predictions_pkey PRIMARY KEY (model_run_pk, patient_pk);

--
-- Name: samples samples_patient_pk_sample_id_key; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.samples
    ADD CONSTRAINT samples_patient_pk_sample_id_key UNIQUE (patient_pk, sample_id);

--
-- Name: samples samples_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.samples
    ADD CONSTRAINT samples_pkey PRIMARY KEY (sample_pk);

--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);

--
-- Name: slide_tme slide_tme_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.slide_tme
    ADD CONSTRAINT slide_tme_pkey PRIMARY KEY (slide_pk);

--
-- Name: slides slides_patient_pk_slide_id_key; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.slides
    ADD CONSTRAINT slides_patient_pk_slide_id_key UNIQUE (patient_pk, slide_id);

--
-- Name: slides slides_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.slides
    ADD CONSTRAINT slides_pkey PRIMARY KEY (slide_pk);

--
-- Name: tile_attention tile_attention_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.tile_attention
    ADD CONSTRAINT tile_attention_pkey PRIMARY KEY (model_run_pk, slide_pk, level, x_px, y_px);

--
-- Name: tile_features tile_features_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.tile_features
    ADD CONSTRAINT tile_features_pkey PRIMARY KEY (slide_pk, level, x_px, y_px);

--
-- Name: tiles tiles_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.tiles
    ADD CONSTRAINT tiles_pkey PRIMARY KEY (slide_pk, level, x_px, y_px);

--
-- Name: tumor_type_synonyms tumor_type_synonyms_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.tumor_type_synonyms
    ADD CONSTRAINT tumor_type_synonyms_pkey PRIMARY KEY (synonym);

--
-- Name: tumor_types tumor_types_pkey; Type: CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.tumor_types
    ADD CONSTRAINT tumor_types_pkey PRIMARY KEY (code);

--
-- Name: histologies_parent_idx; Type: INDEX; Schema: tme
--

CREATE INDEX histologies_parent_idx ON tme.histologies USING btree (parent_term);

--
-- Name: histology_synonyms_term_idx; Type: INDEX; Schema: tme
--

CREATE INDEX histology_synonyms_term_idx ON tme.histology_synonyms USING btree (term);

--
-- Name: model_runs_cohort_idx; Type: INDEX; Schema: tme
--

CREATE INDEX model_runs_cohort_idx ON tme.model_runs USING btree (training_cohort_id);

--
-- Name: mutations_gene_idx; Type: INDEX; Schema: tme
--

CREATE INDEX mutations_gene_idx ON tme.mutations USING btree (hugo_symbol);

--
-- Name: mutations_sample_idx; Type: INDEX; Schema: tme
--

CREATE INDEX mutations_sample_idx ON tme.mutations USING btree (sample_pk);

--
-- Name: patients_cohort_idx; Type: INDEX; Schema: tme
--

CREATE INDEX patients_cohort_idx ON tme.patients USING btree (cohort_id);

--
-- Name: predictions_patient_idx; Type: INDEX; Schema: tme
--

CREATE INDEX predictions_patient_idx ON tme.predictions USING btree (patient_pk);

--
-- Name: samples_patient_idx; Type: INDEX; Schema: tme
--

CREATE INDEX samples_patient_idx ON tme.samples USING btree (patient_pk);

--
-- Name: slides_patient_idx; Type: INDEX; Schema: tme
--

CREATE INDEX slides_patient_idx ON tme.slides USING btree (patient_pk);

--
-- Name: slides_sample_idx; Type: INDEX; Schema: tme
--

CREATE INDEX slides_sample_idx ON tme.slides USING btree (sample_pk);

--
-- Name: tile_attention_tile_idx; Type: INDEX; Schema: tme
--

CREATE INDEX tile_attention_tile_idx ON tme.tile_attention USING btree (slide_pk, level, x_px, y_px);

--
-- Name: tumor_type_synonyms_code_idx; Type: INDEX; Schema: tme
--

CREATE INDEX tumor_type_synonyms_code_idx ON tme.tumor_type_synonyms USING btree (code);

--
-- Name: tumor_types_parent_idx; Type: INDEX; Schema: tme
--

CREATE INDEX tumor_types_parent_idx ON tme.tumor_types USING btree (parent_code);

--
-- Name: cnv cnv_sample_pk_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.cnv
    ADD CONSTRAINT cnv_sample_pk_fkey FOREIGN KEY (sample_pk) REFERENCES tme.samples(sample_pk) ON DELETE CASCADE;

--
-- Name: expression expression_sample_pk_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.expression
    ADD CONSTRAINT expression_sample_pk_fkey FOREIGN KEY (sample_pk) REFERENCES tme.samples(sample_pk) ON DELETE CASCADE;

--
-- Name: genomic_biomarkers genomic_biomarkers_sample_pk_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.genomic_biomarkers
    ADD CONSTRAINT genomic_biomarkers_sample_pk_fkey FOREIGN KEY (sample_pk) REFERENCES tme.samples(sample_pk) ON DELETE CASCADE;

--
-- Name: histologies histologies_parent_term_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.histologies
    ADD CONSTRAINT histologies_parent_term_fkey FOREIGN KEY (parent_term) REFERENCES tme.histologies(term);

--
-- Name: histology_synonyms histology_synonyms_term_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.histology_synonyms
    ADD CONSTRAINT histology_synonyms_term_fkey FOREIGN KEY (term) REFERENCES tme.histologies(term);

--
-- Name: ingested_files ingested_files_cohort_id_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.ingested_files
    ADD CONSTRAINT ingested_files_cohort_id_fkey FOREIGN KEY (cohort_id) REFERENCES tme.cohorts(cohort_id) ON DELETE CASCADE;

--
-- Name: model_runs model_runs_training_cohort_id_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.model_runs
    ADD CONSTRAINT model_runs_training_cohort_id_fkey FOREIGN KEY (training_cohort_id) REFERENCES tme.cohorts(cohort_id) ON DELETE SET NULL;

--
-- Name: mutations mutations_sample_pk_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.mutations
    ADD CONSTRAINT mutations_sample_pk_fkey FOREIGN KEY (sample_pk) REFERENCES tme.samples(sample_pk) ON DELETE CASCADE;

--
-- Name: outcomes outcomes_patient_pk_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.outcomes
    ADD CONSTRAINT outcomes_patient_pk_fkey FOREIGN KEY (patient_pk) REFERENCES tme.patients(patient_pk) ON DELETE CASCADE;

--
-- Name: patients patients_cohort_id_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.patients
    ADD CONSTRAINT patients_cohort_id_fkey FOREIGN KEY (cohort_id) REFERENCES tme.cohorts(cohort_id) ON DELETE CASCADE;

--
-- Name: predictions predictions_model_run_pk_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.predictions
    ADD CONSTRAINT predictions_model_run_pk_fkey FOREIGN KEY (model_run_pk) REFERENCES tme.model_runs(model_run_pk) ON DELETE CASCADE;

--
-- Name: predictions predictions_patient_pk_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.predictions
    ADD CONSTRAINT predictions_patient_pk_fkey FOREIGN KEY (patient_pk) REFERENCES tme.patients(patient_pk) ON DELETE CASCADE;

--
-- Name: samples samples_patient_pk_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.samples
    ADD CONSTRAINT samples_patient_pk_fkey FOREIGN KEY (patient_pk) REFERENCES tme.patients(patient_pk) ON DELETE CASCADE;

--
-- Name: slide_tme slide_tme_slide_pk_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.slide_tme
    ADD CONSTRAINT slide_tme_slide_pk_fkey FOREIGN KEY (slide_pk) REFERENCES tme.slides(slide_pk) ON DELETE CASCADE;

--
-- Name: slides slides_patient_pk_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.slides
    ADD CONSTRAINT slides_patient_pk_fkey FOREIGN KEY (patient_pk) REFERENCES tme.patients(patient_pk) ON DELETE CASCADE;

--
-- Name: slides slides_sample_pk_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.slides
    ADD CONSTRAINT slides_sample_pk_fkey FOREIGN KEY (sample_pk) REFERENCES tme.samples(sample_pk) ON DELETE SET NULL;

--
-- Name: tile_attention tile_attention_model_run_pk_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.tile_attention
    ADD CONSTRAINT tile_attention_model_run_pk_fkey FOREIGN KEY (model_run_pk) REFERENCES tme.model_runs(model_run_pk) ON DELETE CASCADE;

--
-- Name: tile_attention tile_attention_slide_pk_level_x_px_y_px_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.tile_attention
    ADD CONSTRAINT tile_attention_slide_pk_level_x_px_y_px_fkey FOREIGN KEY (slide_pk, level, x_px, y_px) REFERENCES tme.tiles(slide_pk, level, x_px, y_px) ON DELETE CASCADE;

--
-- Name: tile_features tile_features_slide_pk_level_x_px_y_px_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.tile_features
    ADD CONSTRAINT tile_features_slide_pk_level_x_px_y_px_fkey FOREIGN KEY (slide_pk, level, x_px, y_px) REFERENCES tme.tiles(slide_pk, level, x_px, y_px) ON DELETE CASCADE;

--
-- Name: tiles tiles_slide_pk_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.tiles
    ADD CONSTRAINT tiles_slide_pk_fkey FOREIGN KEY (slide_pk) REFERENCES tme.slides(slide_pk) ON DELETE CASCADE;

--
-- Name: tumor_type_synonyms tumor_type_synonyms_code_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.tumor_type_synonyms
    ADD CONSTRAINT tumor_type_synonyms_code_fkey FOREIGN KEY (code) REFERENCES tme.tumor_types(code);

--
-- Name: tumor_types tumor_types_parent_code_fkey; Type: FK CONSTRAINT; Schema: tme
--

ALTER TABLE ONLY tme.tumor_types
    ADD CONSTRAINT tumor_types_parent_code_fkey FOREIGN KEY (parent_code) REFERENCES tme.tumor_types(code);

--
-- Name: SCHEMA tme; Type: ACL; Schema: -
--

GRANT USAGE ON SCHEMA tme TO tme_writer;
GRANT USAGE ON SCHEMA tme TO tme_analyst;

--
-- Name: TABLE cohorts; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.cohorts TO tme_writer;

--
-- Name: TABLE genomic_biomarkers; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.genomic_biomarkers TO tme_writer;

--
-- Name: TABLE histology_synonyms; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.histology_synonyms TO tme_writer;
GRANT SELECT ON TABLE tme.histology_synonyms TO tme_analyst;

--
-- Name: TABLE model_runs; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.model_runs TO tme_writer;

--
-- Name: TABLE outcomes; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.outcomes TO tme_writer;

--
-- Name: TABLE patients; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.patients TO tme_writer;

--
-- Name: TABLE predictions; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.predictions TO tme_writer;

--
-- Name: TABLE samples; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.samples TO tme_writer;

--
-- Name: TABLE slide_tme; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.slide_tme TO tme_writer;

--
-- Name: TABLE slides; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.slides TO tme_writer;

--
-- Name: TABLE tumor_type_synonyms; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.tumor_type_synonyms TO tme_writer;
GRANT SELECT ON TABLE tme.tumor_type_synonyms TO tme_analyst;

--
-- Name: TABLE biomarker_summary; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.biomarker_summary TO tme_writer;
GRANT SELECT ON TABLE tme.biomarker_summary TO tme_analyst;

--
-- Name: TABLE cnv; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.cnv TO tme_writer;

--
-- Name: SEQUENCE cohorts_cohort_id_seq; Type: ACL; Schema: tme
--

GRANT SELECT,USAGE ON SEQUENCE tme.cohorts_cohort_id_seq TO tme_writer;

--
-- Name: TABLE expression; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.expression TO tme_writer;

--
-- Name: TABLE histologies; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.histologies TO tme_writer;
GRANT SELECT ON TABLE tme.histologies TO tme_analyst;

--
-- Name: TABLE ingested_files; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.ingested_files TO tme_writer;

--
-- Name: SEQUENCE model_runs_model_run_pk_seq; Type: ACL; Schema: tme
--

GRANT SELECT,USAGE ON SEQUENCE tme.model_runs_model_run_pk_seq TO tme_writer;

--
-- Name: TABLE mutations; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.mutations TO tme_writer;

--
-- Name: SEQUENCE mutations_mutation_pk_seq; Type: ACL; Schema: tme
--

GRANT SELECT,USAGE ON SEQUENCE tme.mutations_mutation_pk_seq TO tme_writer;

--
-- Name: SEQUENCE patients_patient_pk_seq; Type: ACL; Schema: tme
--

GRANT SELECT,USAGE ON SEQUENCE tme.patients_patient_pk_seq TO tme_writer;

--
-- Name: SEQUENCE samples_sample_pk_seq; Type: ACL; Schema: tme
--

GRANT SELECT,USAGE ON SEQUENCE tme.samples_sample_pk_seq TO tme_writer;

--
-- Name: TABLE schema_migrations; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.schema_migrations TO tme_writer;

--
-- Name: TABLE screening_candidates; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.screening_candidates TO tme_writer;
GRANT SELECT ON TABLE tme.screening_candidates TO tme_analyst;

--
-- Name: SEQUENCE slides_slide_pk_seq; Type: ACL; Schema: tme
--

GRANT SELECT,USAGE ON SEQUENCE tme.slides_slide_pk_seq TO tme_writer;

--
-- Name: TABLE tile_attention; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.tile_attention TO tme_writer;

--
-- Name: TABLE tile_features; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.tile_features TO tme_writer;

--
-- Name: TABLE tiles; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.tiles TO tme_writer;

--
-- Name: TABLE tme_by_slide; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.tme_by_slide TO tme_writer;
GRANT SELECT ON TABLE tme.tme_by_slide TO tme_analyst;

--
-- Name: TABLE tumor_types; Type: ACL; Schema: tme
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE tme.tumor_types TO tme_writer;
GRANT SELECT ON TABLE tme.tumor_types TO tme_analyst;

--
-- Name: DEFAULT PRIVILEGES FOR SEQUENCES; Type: DEFAULT ACL; Schema: tme
--

ALTER DEFAULT PRIVILEGES IN SCHEMA tme GRANT SELECT,USAGE ON SEQUENCES  TO tme_writer;

--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: tme
--

ALTER DEFAULT PRIVILEGES IN SCHEMA tme GRANT SELECT,INSERT,DELETE,UPDATE ON TABLES  TO tme_writer;

--
-- PostgreSQL database dump complete
--
