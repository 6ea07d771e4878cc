-- TMEScope schema v1: the tables the pipeline writes.
-- Conventions: snake_case, plural tables, units in column names, identity keys, an index on
-- every foreign key, COMMENT ON for every definition. Analysts read the views of 002.

CREATE SCHEMA IF NOT EXISTS tme;
COMMENT ON SCHEMA tme IS 'TMEScope: slides, tumor-microenvironment metrics, genomics, outcomes and model scores of immunotherapy cohorts. Research use only.';

-- MARK: cohorts and patients ------------------------------------------------------------------

CREATE TABLE tme.cohorts (
    cohort_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9_.-]{1,64}$'),
    description   text,
    source_format text NOT NULL CHECK (source_format IN ('tmescope', 'cbioportal', 'simulated')),
    source_path   text,
    ingested_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE tme.cohorts IS 'One ingested cohort (a trial arm, a public study, or a simulated cohort).';
COMMENT ON COLUMN tme.cohorts.name IS 'Short unique name used on the command line (tme ingest DIR --cohort NAME).';
COMMENT ON COLUMN tme.cohorts.source_format IS 'Folder layout the cohort was read from: tmescope, cbioportal or simulated.';
COMMENT ON COLUMN tme.cohorts.source_path IS 'Folder the cohort was ingested from, as given on the command line.';

CREATE TABLE tme.patients (
    patient_pk      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cohort_id       bigint NOT NULL REFERENCES tme.cohorts (cohort_id) ON DELETE CASCADE,
    patient_id      text NOT NULL,
    age_years       double precision CHECK (age_years BETWEEN 0 AND 130),
    sex             text CHECK (sex IN ('female', 'male', 'other', 'unknown')),
    tumor_type      text,
    histology       text,
    stage           text,
    ecog            integer CHECK (ecog BETWEEN 0 AND 5),
    line_of_therapy integer CHECK (line_of_therapy >= 1),
    prior_therapy   text,
    UNIQUE (cohort_id, patient_id)
);
CREATE INDEX patients_cohort_idx ON tme.patients (cohort_id);
COMMENT ON TABLE tme.patients IS 'Patients of a cohort, by pseudonym only; no direct identifiers are stored.';
COMMENT ON COLUMN tme.patients.patient_id IS 'Pseudonymous patient identifier, unique within the cohort.';
COMMENT ON COLUMN tme.patients.age_years IS 'Age at start of immunotherapy, years.';
COMMENT ON COLUMN tme.patients.sex IS 'Sex as recorded: female, male, other or unknown.';
COMMENT ON COLUMN tme.patients.histology IS 'Histological subtype, e.g. adenocarcinoma, squamous cell carcinoma.';
COMMENT ON COLUMN tme.patients.prior_therapy IS 'Prior systemic therapy, free text as recorded.';
COMMENT ON COLUMN tme.patients.tumor_type IS 'Tumor type, e.g. NSCLC, melanoma, urothelial.';
COMMENT ON COLUMN tme.patients.stage IS 'AJCC stage at treatment start (I to IV, with substage letters).';
COMMENT ON COLUMN tme.patients.ecog IS 'ECOG performance status, 0 (fully active) to 5 (dead).';
COMMENT ON COLUMN tme.patients.line_of_therapy IS 'Line of systemic therapy in which immunotherapy was given (1 = first line).';

CREATE TABLE tme.samples (
    sample_pk       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_pk      bigint NOT NULL REFERENCES tme.patients (patient_pk) ON DELETE CASCADE,
    sample_id       text NOT NULL,
    sample_type     text CHECK (sample_type IN ('primary', 'metastasis', 'recurrence', 'unknown')),
    specimen_site   text,
    collection_date date,
    UNIQUE (patient_pk, sample_id)
);
CREATE INDEX samples_patient_idx ON tme.samples (patient_pk);
COMMENT ON TABLE tme.samples IS 'Tumor specimens; genomic data and slides refer to a sample of a patient.';
COMMENT ON COLUMN tme.samples.sample_id IS 'Pseudonymous sample identifier (cBioPortal SAMPLE_ID).';
COMMENT ON COLUMN tme.samples.collection_date IS 'Date the specimen was collected.';

CREATE TABLE tme.outcomes (
    patient_pk    bigint PRIMARY KEY REFERENCES tme.patients (patient_pk) ON DELETE CASCADE,
    best_response text CHECK (best_response IN ('CR', 'PR', 'SD', 'PD', 'NE')),
    objective_response boolean GENERATED ALWAYS AS (best_response IN ('CR', 'PR')) STORED,
    os_months     double precision CHECK (os_months >= 0),
    os_event      boolean,
    pfs_months    double precision CHECK (pfs_months >= 0),
    pfs_event     boolean,
    CHECK (os_event IS NULL OR os_months IS NOT NULL),
    CHECK (pfs_event IS NULL OR pfs_months IS NOT NULL)
);
COMMENT ON TABLE tme.outcomes IS 'Outcome of immunotherapy per patient.';
COMMENT ON COLUMN tme.outcomes.best_response IS 'RECIST 1.1 best overall response: CR, PR, SD, PD, or NE (not evaluable).';
COMMENT ON COLUMN tme.outcomes.objective_response IS 'True for CR or PR (objective response), false for SD or PD, NULL when not evaluable.';
COMMENT ON COLUMN tme.outcomes.os_months IS 'Overall survival: months from start of immunotherapy to death or last follow-up.';
COMMENT ON COLUMN tme.outcomes.os_event IS 'True if death was observed at os_months, false if censored.';
COMMENT ON COLUMN tme.outcomes.pfs_months IS 'Progression-free survival: months to progression, death or last follow-up.';
COMMENT ON COLUMN tme.outcomes.pfs_event IS 'True if progression or death was observed at pfs_months, false if censored.';

-- MARK: slides and tissue ---------------------------------------------------------------------

CREATE TABLE tme.slides (
    slide_pk       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_pk     bigint NOT NULL REFERENCES tme.patients (patient_pk) ON DELETE CASCADE,
    sample_pk      bigint REFERENCES tme.samples (sample_pk) ON DELETE SET NULL,
    slide_id       text NOT NULL,
    stain          text NOT NULL CHECK (stain IN ('H&E', 'PD-L1', 'CD8', 'CD68')),
    path           text NOT NULL,
    sha256         text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    width_px       integer CHECK (width_px > 0),
    height_px      integer CHECK (height_px > 0),
    mpp            double precision CHECK (mpp > 0),
    status         text NOT NULL DEFAULT 'registered'
                   CHECK (status IN ('registered', 'quantifying', 'quantified', 'failed')),
    status_message text,
    quantified_at  timestamptz,
    UNIQUE (patient_pk, slide_id)
);
CREATE INDEX slides_patient_idx ON tme.slides (patient_pk);
CREATE INDEX slides_sample_idx ON tme.slides (sample_pk);
COMMENT ON TABLE tme.slides IS 'Whole-slide images (TIFF pyramids) of a patient, one row per stained section.';
COMMENT ON COLUMN tme.slides.slide_id IS 'Slide identifier, unique per patient (usually the file name without extension).';
COMMENT ON COLUMN tme.slides.quantified_at IS 'When quantification finished.';
COMMENT ON COLUMN tme.slides.stain IS 'H&E, or the IHC target: PD-L1 (22C3 conventions), CD8, CD68.';
COMMENT ON COLUMN tme.slides.path IS 'Slide file path as registered at ingest.';
COMMENT ON COLUMN tme.slides.sha256 IS 'SHA-256 of the slide file, for provenance.';
COMMENT ON COLUMN tme.slides.width_px IS 'Level-0 width in pixels.';
COMMENT ON COLUMN tme.slides.height_px IS 'Level-0 height in pixels.';
COMMENT ON COLUMN tme.slides.mpp IS 'Level-0 resolution in micrometres per pixel.';
COMMENT ON COLUMN tme.slides.status IS 'Quantification state: registered, quantifying, quantified, failed.';
COMMENT ON COLUMN tme.slides.status_message IS 'Why quantification failed (slide, level and tile), when status = failed.';

CREATE TABLE tme.tiles (
    slide_pk                  bigint NOT NULL REFERENCES tme.slides (slide_pk) ON DELETE CASCADE,
    level                     integer NOT NULL CHECK (level >= 0),
    x_px                      integer NOT NULL CHECK (x_px >= 0),
    y_px                      integer NOT NULL CHECK (y_px >= 0),
    width_px                  integer NOT NULL CHECK (width_px > 0),
    height_px                 integer NOT NULL CHECK (height_px > 0),
    tissue_fraction           double precision NOT NULL CHECK (tissue_fraction BETWEEN 0 AND 1),
    region                    text NOT NULL CHECK (region IN ('tumor', 'stroma', 'mixed', 'background')),
    lymphocyte_count          integer NOT NULL DEFAULT 0 CHECK (lymphocyte_count >= 0),
    macrophage_count          integer NOT NULL DEFAULT 0 CHECK (macrophage_count >= 0),
    tumor_cell_count          integer NOT NULL DEFAULT 0 CHECK (tumor_cell_count >= 0),
    stroma_cell_count         integer NOT NULL DEFAULT 0 CHECK (stroma_cell_count >= 0),
    other_cell_count          integer NOT NULL DEFAULT 0 CHECK (other_cell_count >= 0),
    dab_positive_tumor_count  integer CHECK (dab_positive_tumor_count >= 0),
    dab_positive_immune_count integer CHECK (dab_positive_immune_count >= 0),
    mean_nucleus_area_um2     double precision CHECK (mean_nucleus_area_um2 >= 0),
    mean_hematoxylin_od       double precision,
    PRIMARY KEY (slide_pk, level, x_px, y_px)
);
COMMENT ON TABLE tme.tiles IS 'Per-tile cell counts of a quantified slide; tiles are square regions of the analysis level.';
COMMENT ON COLUMN tme.tiles.level IS 'Pyramid level the tile was analysed at (0 = full resolution).';
COMMENT ON COLUMN tme.tiles.x_px IS 'Left edge of the tile in level-0 pixels.';
COMMENT ON COLUMN tme.tiles.y_px IS 'Top edge of the tile in level-0 pixels.';
COMMENT ON COLUMN tme.tiles.width_px IS 'Tile width in level-0 pixels.';
COMMENT ON COLUMN tme.tiles.height_px IS 'Tile height in level-0 pixels.';
COMMENT ON COLUMN tme.tiles.tissue_fraction IS 'Fraction (0 to 1) of the tile area covered by tissue.';
COMMENT ON COLUMN tme.tiles.region IS 'Compartment assigned from the cell mix: tumor, stroma, mixed or background.';
COMMENT ON COLUMN tme.tiles.lymphocyte_count IS 'Lymphocytes (TILs) detected in the tile.';
COMMENT ON COLUMN tme.tiles.macrophage_count IS 'Macrophages (TAMs) detected in the tile.';
COMMENT ON COLUMN tme.tiles.tumor_cell_count IS 'Tumor cells detected in the tile.';
COMMENT ON COLUMN tme.tiles.stroma_cell_count IS 'Stromal cells (fibroblasts, endothelium) detected in the tile.';
COMMENT ON COLUMN tme.tiles.other_cell_count IS 'Detected nuclei that fit no class.';
COMMENT ON COLUMN tme.tiles.dab_positive_tumor_count IS 'IHC slides: tumor cells with positive DAB membrane staining; NULL on H&E.';
COMMENT ON COLUMN tme.tiles.dab_positive_immune_count IS 'IHC slides: lymphocytes and macrophages with positive DAB staining; NULL on H&E.';
COMMENT ON COLUMN tme.tiles.mean_nucleus_area_um2 IS 'Mean nuclear area of the tile''s detected cells, square micrometres.';
COMMENT ON COLUMN tme.tiles.mean_hematoxylin_od IS 'Mean hematoxylin optical density inside nuclei (colour deconvolution, Ruifrok & Johnston 2001).';

CREATE TABLE tme.slide_tme (
    slide_pk                                 bigint PRIMARY KEY REFERENCES tme.slides (slide_pk) ON DELETE CASCADE,
    tissue_area_mm2                          double precision NOT NULL CHECK (tissue_area_mm2 >= 0),
    tumor_area_mm2                           double precision NOT NULL CHECK (tumor_area_mm2 >= 0),
    stroma_area_mm2                          double precision NOT NULL CHECK (stroma_area_mm2 >= 0),
    lymphocyte_count                         bigint NOT NULL CHECK (lymphocyte_count >= 0),
    macrophage_count                         bigint NOT NULL CHECK (macrophage_count >= 0),
    tumor_cell_count                         bigint NOT NULL CHECK (tumor_cell_count >= 0),
    stroma_cell_count                        bigint NOT NULL CHECK (stroma_cell_count >= 0),
    lymphocyte_density_per_mm2               double precision,
    intratumoral_lymphocyte_density_per_mm2  double precision,
    stromal_lymphocyte_density_per_mm2       double precision,
    macrophage_density_per_mm2               double precision,
    tumor_cell_density_per_mm2               double precision,
    stromal_til_percent                      double precision CHECK (stromal_til_percent BETWEEN 0 AND 100),
    macrophage_lymphocyte_ratio              double precision,
    tumor_lymphocyte_median_distance_um      double precision,
    immune_phenotype                         text CHECK (immune_phenotype IN ('inflamed', 'excluded', 'desert')),
    pdl1_tps_percent                         double precision CHECK (pdl1_tps_percent BETWEEN 0 AND 100),
    pdl1_cps                                 double precision CHECK (pdl1_cps BETWEEN 0 AND 100),
    viable_tumor_cells                       bigint,
    ihc_adequate                             boolean,
    cd8_density_per_mm2                      double precision,
    cd68_density_per_mm2                     double precision,
    parameters                               jsonb NOT NULL DEFAULT '{}',
    computed_at                              timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE tme.slide_tme IS 'Slide-level tumor-microenvironment metrics, in physical units.';
COMMENT ON COLUMN tme.slide_tme.tissue_area_mm2 IS 'Tissue area analysed, square millimetres.';
COMMENT ON COLUMN tme.slide_tme.tumor_area_mm2 IS 'Area of tiles labelled tumor, square millimetres.';
COMMENT ON COLUMN tme.slide_tme.stroma_area_mm2 IS 'Area of tiles labelled stroma, square millimetres.';
COMMENT ON COLUMN tme.slide_tme.lymphocyte_density_per_mm2 IS 'Lymphocytes per square millimetre of tissue.';
COMMENT ON COLUMN tme.slide_tme.intratumoral_lymphocyte_density_per_mm2 IS 'Lymphocytes per square millimetre of tumor compartment.';
COMMENT ON COLUMN tme.slide_tme.stromal_lymphocyte_density_per_mm2 IS 'Lymphocytes per square millimetre of stromal compartment.';
COMMENT ON COLUMN tme.slide_tme.macrophage_density_per_mm2 IS 'Macrophages (TAMs) per square millimetre of tissue.';
COMMENT ON COLUMN tme.slide_tme.tumor_cell_density_per_mm2 IS 'Tumor cells per square millimetre of tissue.';
COMMENT ON COLUMN tme.slide_tme.stromal_til_percent IS 'Stromal TILs, percent of stromal area occupied by mononuclear immune cells, averaged over the stroma (International TILs Working Group, Salgado et al. 2015).';
COMMENT ON COLUMN tme.slide_tme.macrophage_lymphocyte_ratio IS 'Macrophage count divided by lymphocyte count.';
COMMENT ON COLUMN tme.slide_tme.tumor_lymphocyte_median_distance_um IS 'Median distance from each tumor cell to its nearest lymphocyte, micrometres.';
COMMENT ON COLUMN tme.slide_tme.immune_phenotype IS 'Immune phenotype from documented density thresholds: inflamed, excluded or desert.';
COMMENT ON COLUMN tme.slide_tme.pdl1_tps_percent IS 'PD-L1 tumor proportion score: percent of viable tumor cells with partial or complete membrane staining (22C3).';
COMMENT ON COLUMN tme.slide_tme.pdl1_cps IS 'PD-L1 combined positive score: (PD-L1+ tumor cells + lymphocytes + macrophages) / viable tumor cells x 100, capped at 100.';
COMMENT ON COLUMN tme.slide_tme.viable_tumor_cells IS 'Viable tumor cells counted on the IHC slide.';
COMMENT ON COLUMN tme.slide_tme.ihc_adequate IS 'True when at least 100 viable tumor cells were counted (22C3 adequacy).';
COMMENT ON COLUMN tme.slide_tme.cd8_density_per_mm2 IS 'CD8+ cells per square millimetre of tissue (CD8 IHC).';
COMMENT ON COLUMN tme.slide_tme.cd68_density_per_mm2 IS 'CD68+ cells per square millimetre of tissue (CD68 IHC).';
COMMENT ON COLUMN tme.slide_tme.computed_at IS 'When the metrics were computed.';
COMMENT ON COLUMN tme.slide_tme.parameters IS 'Quantification parameters used (JSON), for reproducibility.';

-- MARK: genomics ------------------------------------------------------------------------------

CREATE TABLE tme.mutations (
    mutation_pk            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sample_pk              bigint NOT NULL REFERENCES tme.samples (sample_pk) ON DELETE CASCADE,
    hugo_symbol            text NOT NULL,
    entrez_gene_id         integer,
    ncbi_build             text,
    chromosome             text NOT NULL,
    start_position         bigint NOT NULL CHECK (start_position > 0),
    end_position           bigint NOT NULL CHECK (end_position >= start_position),
    variant_classification text NOT NULL,
    variant_type           text,
    reference_allele       text NOT NULL,
    tumor_seq_allele2      text NOT NULL,
    hgvsp_short            text,
    t_ref_count            integer CHECK (t_ref_count >= 0),
    t_alt_count            integer CHECK (t_alt_count >= 0)
);
CREATE INDEX mutations_sample_idx ON tme.mutations (sample_pk);
CREATE INDEX mutations_gene_idx ON tme.mutations (hugo_symbol);
COMMENT ON TABLE tme.mutations IS 'Somatic mutations (MAF core columns).';
COMMENT ON COLUMN tme.mutations.start_position IS '1-based genomic start position on ncbi_build.';
COMMENT ON COLUMN tme.mutations.variant_classification IS 'MAF Variant_Classification, e.g. Missense_Mutation, Nonsense_Mutation, Silent.';
COMMENT ON COLUMN tme.mutations.hgvsp_short IS 'Protein change, short HGVS (e.g. p.G12C).';
COMMENT ON COLUMN tme.mutations.t_alt_count IS 'Reads supporting the variant allele in the tumor.';

CREATE TABLE tme.expression (
    sample_pk bigint NOT NULL REFERENCES tme.samples (sample_pk) ON DELETE CASCADE,
    gene      text NOT NULL,
    value     double precision NOT NULL,
    unit      text NOT NULL,
    PRIMARY KEY (sample_pk, gene)
);
COMMENT ON TABLE tme.expression IS 'Gene expression per sample.';
COMMENT ON COLUMN tme.expression.value IS 'Expression value in the stated unit.';
COMMENT ON COLUMN tme.expression.unit IS 'Unit of value, e.g. log2(TPM+1), RSEM, TPM.';

CREATE TABLE tme.cnv (
    sample_pk  bigint NOT NULL REFERENCES tme.samples (sample_pk) ON DELETE CASCADE,
    gene       text NOT NULL,
    value      double precision NOT NULL,
    value_kind text NOT NULL CHECK (value_kind IN ('gistic', 'log2_ratio')),
    PRIMARY KEY (sample_pk, gene)
);
COMMENT ON TABLE tme.cnv IS 'Copy number per gene and sample.';
COMMENT ON COLUMN tme.cnv.value IS 'GISTIC call (-2 deep deletion, -1 loss, 0 neutral, 1 gain, 2 amplification) or log2 copy ratio, per value_kind.';

CREATE TABLE tme.genomic_biomarkers (
    sample_pk              bigint PRIMARY KEY REFERENCES tme.samples (sample_pk) ON DELETE CASCADE,
    capture_size_mb        double precision CHECK (capture_size_mb > 0),
    nonsynonymous_count    integer CHECK (nonsynonymous_count >= 0),
    tmb_per_mb             double precision CHECK (tmb_per_mb >= 0),
    tmb_high               boolean,
    gep_score              double precision,
    gep_genes_used         integer,
    gep_missing_reason     text,
    ifng_score             double precision,
    ifng_genes_used        integer,
    ifng_missing_reason    text,
    cnv_burden_fraction    double precision CHECK (cnv_burden_fraction BETWEEN 0 AND 1),
    msi_status             text CHECK (msi_status IN ('MSI-H', 'MSI-L', 'MSS')),
    stk11_mutated          boolean,
    keap1_mutated          boolean,
    pten_mutated           boolean,
    b2m_mutated            boolean,
    jak1_mutated           boolean,
    jak2_mutated           boolean,
    pole_mutated           boolean,
    tp53_mutated           boolean,
    kras_mutated           boolean,
    egfr_mutated           boolean,
    computed_at            timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE tme.genomic_biomarkers IS 'Immunotherapy biomarkers computed from a sample''s genomic data.';
COMMENT ON COLUMN tme.genomic_biomarkers.capture_size_mb IS 'Captured territory of the sequencing assay, megabases (e.g. 38 for an exome, 0.8 for FoundationOne CDx).';
COMMENT ON COLUMN tme.genomic_biomarkers.nonsynonymous_count IS 'Distinct nonsynonymous coding mutations (maftools classes: frameshift, splice site, translation start, nonsense, nonstop, in-frame indel, missense).';
COMMENT ON COLUMN tme.genomic_biomarkers.tmb_per_mb IS 'Tumor mutational burden: nonsynonymous_count / capture_size_mb, mutations per megabase.';
COMMENT ON COLUMN tme.genomic_biomarkers.tmb_high IS 'TMB-high: tmb_per_mb >= 10 mutations per megabase.';
COMMENT ON COLUMN tme.genomic_biomarkers.gep_score IS 'T-cell-inflamed gene expression profile (18 genes, Ayers et al. 2017): mean of per-gene z-scored log2 expression.';
COMMENT ON COLUMN tme.genomic_biomarkers.gep_missing_reason IS 'Why gep_score is NULL (e.g. too few of the 18 genes measured).';
COMMENT ON COLUMN tme.genomic_biomarkers.ifng_score IS 'IFN-gamma 6-gene score (Ayers et al. 2017): mean of per-gene z-scored log2 expression.';
COMMENT ON COLUMN tme.genomic_biomarkers.cnv_burden_fraction IS 'Fraction (0 to 1) of profiled genes with a non-zero copy-number call.';
COMMENT ON COLUMN tme.genomic_biomarkers.msi_status IS 'Microsatellite instability status as given by the input (MSI-H, MSI-L, MSS).';
COMMENT ON COLUMN tme.genomic_biomarkers.stk11_mutated IS 'True when the sample has a nonsynonymous STK11 mutation.';
COMMENT ON COLUMN tme.genomic_biomarkers.keap1_mutated IS 'True when the sample has a nonsynonymous KEAP1 mutation.';
COMMENT ON COLUMN tme.genomic_biomarkers.pten_mutated IS 'True when the sample has a nonsynonymous PTEN mutation.';
COMMENT ON COLUMN tme.genomic_biomarkers.b2m_mutated IS 'True when the sample has a nonsynonymous B2M mutation.';
COMMENT ON COLUMN tme.genomic_biomarkers.jak1_mutated IS 'True when the sample has a nonsynonymous JAK1 mutation.';
COMMENT ON COLUMN tme.genomic_biomarkers.jak2_mutated IS 'True when the sample has a nonsynonymous JAK2 mutation.';
COMMENT ON COLUMN tme.genomic_biomarkers.pole_mutated IS 'True when the sample has a nonsynonymous POLE mutation.';
COMMENT ON COLUMN tme.genomic_biomarkers.tp53_mutated IS 'True when the sample has a nonsynonymous TP53 mutation.';
COMMENT ON COLUMN tme.genomic_biomarkers.kras_mutated IS 'True when the sample has a nonsynonymous KRAS mutation.';
COMMENT ON COLUMN tme.genomic_biomarkers.egfr_mutated IS 'True when the sample has a nonsynonymous EGFR mutation.';
COMMENT ON COLUMN tme.genomic_biomarkers.gep_genes_used IS 'How many of the 18 GEP genes were measured and used.';
COMMENT ON COLUMN tme.genomic_biomarkers.ifng_genes_used IS 'How many of the 6 IFN-gamma genes were measured and used.';
COMMENT ON COLUMN tme.genomic_biomarkers.ifng_missing_reason IS 'Why ifng_score is NULL.';
COMMENT ON COLUMN tme.genomic_biomarkers.computed_at IS 'When the biomarkers were computed.';

-- MARK: models --------------------------------------------------------------------------------

CREATE TABLE tme.model_runs (
    model_run_pk       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_id           text NOT NULL UNIQUE,
    kind               text NOT NULL,
    training_cohort_id bigint REFERENCES tme.cohorts (cohort_id) ON DELETE SET NULL,
    config             jsonb NOT NULL,
    metrics            jsonb NOT NULL DEFAULT '{}',
    seed               bigint,
    weights_sha256     text CHECK (weights_sha256 ~ '^[0-9a-f]{64}$'),
    git_commit         text,
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX model_runs_cohort_idx ON tme.model_runs (training_cohort_id);
COMMENT ON TABLE tme.model_runs IS 'Trained models: configuration, training cohort, evaluation metrics and weight hashes.';
COMMENT ON COLUMN tme.model_runs.model_id IS 'Unique model identifier printed on reports.';
COMMENT ON COLUMN tme.model_runs.kind IS 'Model family, e.g. fusion-attention-mil.';
COMMENT ON COLUMN tme.model_runs.metrics IS 'Cross-validated evaluation (C-index, AUC, Brier, calibration) as JSON.';
COMMENT ON COLUMN tme.model_runs.weights_sha256 IS 'SHA-256 of the safetensors weight file.';

CREATE TABLE tme.predictions (
    model_run_pk               bigint NOT NULL REFERENCES tme.model_runs (model_run_pk) ON DELETE CASCADE,
    patient_pk                 bigint NOT NULL REFERENCES tme.patients (patient_pk) ON DELETE CASCADE,
    response_probability       double precision CHECK (response_probability BETWEEN 0 AND 1),
    response_probability_lower double precision CHECK (response_probability_lower BETWEEN 0 AND 1),
    response_probability_upper double precision CHECK (response_probability_upper BETWEEN 0 AND 1),
    risk_score                 double precision,
    risk_group                 text CHECK (risk_group IN ('low', 'high')),
    modalities_used            text[] NOT NULL,
    scored_at                  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model_run_pk, patient_pk)
);
CREATE INDEX predictions_patient_idx ON tme.predictions (patient_pk);
COMMENT ON TABLE tme.predictions IS 'Model scores per patient.';
COMMENT ON COLUMN tme.predictions.response_probability IS 'Predicted probability of objective response (CR or PR).';
COMMENT ON COLUMN tme.predictions.response_probability_lower IS 'Lower end of the 95% interval of response_probability (fold ensemble).';
COMMENT ON COLUMN tme.predictions.response_probability_upper IS 'Upper end of the 95% interval of response_probability (fold ensemble).';
COMMENT ON COLUMN tme.predictions.risk_score IS 'Survival risk score (log relative hazard; higher = worse).';
COMMENT ON COLUMN tme.predictions.risk_group IS 'high or low, split at the training cohort''s median risk score.';
COMMENT ON COLUMN tme.predictions.modalities_used IS 'Modalities the score was computed from: slide, genomics, clinical.';

CREATE TABLE tme.tile_attention (
    model_run_pk     bigint NOT NULL REFERENCES tme.model_runs (model_run_pk) ON DELETE CASCADE,
    slide_pk         bigint NOT NULL,
    level            integer NOT NULL,
    x_px             integer NOT NULL,
    y_px             integer NOT NULL,
    attention_weight double precision NOT NULL CHECK (attention_weight BETWEEN 0 AND 1),
    PRIMARY KEY (model_run_pk, slide_pk, level, x_px, y_px),
    FOREIGN KEY (slide_pk, level, x_px, y_px) REFERENCES tme.tiles (slide_pk, level, x_px, y_px) ON DELETE CASCADE
);
CREATE INDEX tile_attention_tile_idx ON tme.tile_attention (slide_pk, level, x_px, y_px);
COMMENT ON TABLE tme.tile_attention IS 'Attention weight of each tile in a model run (gated attention MIL, Ilse et al. 2018).';
COMMENT ON COLUMN tme.tile_attention.attention_weight IS 'Softmax attention weight of the tile within its patient''s bag (weights of one bag sum to 1).';
