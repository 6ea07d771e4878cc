-- Issue 6, "attention concentrates where the signal is", on the scored 400-patient cohort:
-- per true immune phenotype (simulator truth), the lymphocyte density (tile feature 3,
-- lymphocyte_density_per_mm2) and tumor-patch share (feature 12) of each slide's top-decile attention
-- tiles (⌈n/10⌉ tiles), relative to the slide's tile mean.
-- Run from the repository root after scripts/eval400 (psql on the embedded cluster's socket):
--   psql -h "$PWD/.tme/run" -U postgres -d tme -v model=MODEL_ID -v cohort=eval400 \
--        -v truth="$PWD/cohorts/eval400/generated/truth/patients.tsv" -f cohorts/eval400/attention_lymphocytes.sql
CREATE TEMP TABLE truth (
    patient_id text, sample_id text, tumor_type text, phenotype text, immune_score float8, true_tmb_per_mb float8,
    observed_tmb_per_mb float8, lymphocyte_density_tumor_per_mm2 float8, lymphocyte_density_stroma_per_mm2 float8,
    x_log2_tmb float8, x_log10_til_density float8, x_pdl1_tps float8, x_gep float8, x_ecog float8, x_stk11 float8,
    pdl1_macrophage_fraction float8, response_linear_predictor float8, response_probability float8,
    os_linear_predictor float8, pfs_linear_predictor float8, mutated_drivers text);
\set copy '\\copy truth FROM ' :'truth' ' WITH (FORMAT csv, DELIMITER E''\\t'', HEADER)'
:copy
WITH a AS (
    SELECT ta.slide_pk, p.patient_id, ta.attention_weight AS w, tf.features[3] AS lym, tf.features[12] AS tumor
    FROM tme.tile_attention ta
    JOIN tme.model_runs m USING (model_run_pk)
    JOIN tme.tile_features tf USING (slide_pk, level, x_px, y_px)
    JOIN tme.slides s USING (slide_pk)
    JOIN tme.patients p USING (patient_pk)
    JOIN tme.cohorts c ON c.cohort_id = p.cohort_id
    WHERE m.model_id = :'model' AND c.name = :'cohort'),
r AS (
    SELECT *, row_number() OVER (PARTITION BY slide_pk ORDER BY w DESC) AS rank, count(*) OVER (PARTITION BY slide_pk) AS n,
           avg(lym) OVER (PARTITION BY slide_pk) AS slide_lym, avg(tumor) OVER (PARTITION BY slide_pk) AS slide_tumor
    FROM a),
per_slide AS (
    SELECT patient_id, max(n) AS tiles,
           avg(lym) FILTER (WHERE rank <= ceil(n / 10.0)) AS top_lym, max(slide_lym) AS slide_lym,
           avg(tumor) FILTER (WHERE rank <= ceil(n / 10.0)) AS top_tumor, max(slide_tumor) AS slide_tumor
    FROM r GROUP BY patient_id)
SELECT t.phenotype, count(*) AS slides, round(avg(tiles), 1) AS mean_tiles,
       round(avg(top_lym / nullif(slide_lym, 0))::numeric, 3) AS top_decile_lymphocyte_ratio,
       round((avg((top_lym > slide_lym)::int))::numeric, 2) AS share_above_slide_mean,
       round(avg(top_lym)::numeric, 0) AS top_decile_lymphocytes_per_mm2, round(avg(slide_lym)::numeric, 0) AS slide_lymphocytes_per_mm2,
       round(avg(top_tumor / nullif(slide_tumor, 0))::numeric, 2) AS top_decile_tumor_share_ratio
FROM per_slide JOIN truth t USING (patient_id)
GROUP BY t.phenotype ORDER BY t.phenotype;
