-- Views for analysts: one row per slide, one row per patient, and screening signals.
-- They show what exists now; later migrations extend them (CREATE OR REPLACE keeps grants).

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
FROM tme.slides s
JOIN tme.patients p ON p.patient_pk = s.patient_pk
JOIN tme.cohorts c ON c.cohort_id = p.cohort_id
LEFT JOIN tme.slide_tme m ON m.slide_pk = s.slide_pk;
COMMENT ON VIEW tme.tme_by_slide IS 'One row per slide: tumor-microenvironment metrics (NULL until quantified). Units as in the column names; definitions as on tme.slide_tme.';

CREATE VIEW tme.biomarker_summary AS
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
           pr.modalities_used
    FROM tme.predictions pr JOIN tme.model_runs r ON r.model_run_pk = pr.model_run_pk
    ORDER BY pr.patient_pk, r.created_at DESC, r.model_run_pk DESC
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
       lp.modalities_used
FROM tme.patients p
JOIN tme.cohorts c ON c.cohort_id = p.cohort_id
LEFT JOIN tme.outcomes o ON o.patient_pk = p.patient_pk
LEFT JOIN genomics g ON g.patient_pk = p.patient_pk
LEFT JOIN he ON he.patient_pk = p.patient_pk
LEFT JOIN pdl1 ON pdl1.patient_pk = p.patient_pk
LEFT JOIN latest_prediction lp ON lp.patient_pk = p.patient_pk;
COMMENT ON VIEW tme.biomarker_summary IS 'One row per patient: clinical fields, outcome, genomic biomarkers of the first sample, TME metrics of the first H&E slide, PD-L1 scores of the first PD-L1 slide, and the newest model score. NULL means not measured (yet).';

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
       b.pdl1_tps_percent >= 50 AS pdl1_tps_high,
       b.pdl1_tps_percent >= 1 AS pdl1_tps_positive,
       b.pdl1_cps >= 10 AS pdl1_cps_high,
       b.msi_status = 'MSI-H' AS msi_high,
       b.immune_phenotype = 'inflamed' AS inflamed,
       (COALESCE(b.tmb_high, false) OR COALESCE(b.pdl1_tps_percent >= 50, false)
        OR COALESCE(b.msi_status = 'MSI-H', false) OR COALESCE(b.pdl1_cps >= 10, false)) AS any_pd1_biomarker,
       (b.tmb_high IS NOT NULL AND b.pdl1_tps_percent IS NOT NULL AND b.immune_phenotype IS NOT NULL) AS biomarkers_complete,
       b.response_probability,
       b.risk_group
FROM tme.biomarker_summary b;
COMMENT ON VIEW tme.screening_candidates IS 'Per patient, the PD-1/PD-L1 screening signals: TMB-high (>= 10 mut/Mb), PD-L1 TPS >= 1 % and >= 50 %, CPS >= 10, MSI-H, inflamed phenotype; any_pd1_biomarker is true when any established biomarker is positive. A NULL signal means the biomarker was not measured.';

-- Column comments on the views: analysts see units and definitions with \d+.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT v.relname AS view_name, a.attname AS column_name, d.description
        FROM pg_class v
        JOIN pg_namespace n ON n.oid = v.relnamespace AND n.nspname = 'tme'
        JOIN pg_attribute a ON a.attrelid = v.oid AND a.attnum > 0
        JOIN LATERAL (
            SELECT col_description(t.oid, ta.attnum) AS description
            FROM pg_class t
            JOIN pg_namespace tn ON tn.oid = t.relnamespace AND tn.nspname = 'tme'
            JOIN pg_attribute ta ON ta.attrelid = t.oid AND ta.attname = a.attname
            WHERE t.relkind = 'r' AND col_description(t.oid, ta.attnum) IS NOT NULL
            ORDER BY t.relname
            LIMIT 1
        ) d ON true
        WHERE v.relkind = 'v'
    LOOP
        EXECUTE format('COMMENT ON COLUMN tme.%I.%I IS %L', r.view_name, r.column_name, r.description);
    END LOOP;
END
$$;
COMMENT ON COLUMN tme.biomarker_summary.cohort IS 'Cohort name (tme.cohorts.name).';
COMMENT ON COLUMN tme.biomarker_summary.pdl1_adequate IS 'True when the PD-L1 slide had at least 100 viable tumor cells.';
COMMENT ON COLUMN tme.tme_by_slide.cohort IS 'Cohort name (tme.cohorts.name).';
COMMENT ON COLUMN tme.screening_candidates.cohort IS 'Cohort name (tme.cohorts.name).';
COMMENT ON COLUMN tme.screening_candidates.pdl1_tps_high IS 'PD-L1 TPS >= 50 %.';
COMMENT ON COLUMN tme.screening_candidates.pdl1_tps_positive IS 'PD-L1 TPS >= 1 %.';
COMMENT ON COLUMN tme.screening_candidates.pdl1_cps_high IS 'PD-L1 CPS >= 10.';
COMMENT ON COLUMN tme.screening_candidates.msi_high IS 'MSI-H.';
COMMENT ON COLUMN tme.screening_candidates.inflamed IS 'Immune phenotype is inflamed.';
COMMENT ON COLUMN tme.screening_candidates.any_pd1_biomarker IS 'True when any of TMB-high, TPS >= 50 %, MSI-H or CPS >= 10 holds.';
COMMENT ON COLUMN tme.screening_candidates.biomarkers_complete IS 'True when TMB, PD-L1 TPS and immune phenotype are all measured.';
