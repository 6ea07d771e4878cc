-- TMB distribution (median and quartiles, mut/Mb) and share of TMB-high per tumor type.
SELECT coalesce(tumor_type, 'unknown') AS tumor_type,
       count(tmb_per_mb) AS patients_with_tmb,
       round(percentile_cont(0.25) WITHIN GROUP (ORDER BY tmb_per_mb)::numeric, 2) AS tmb_q1,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY tmb_per_mb)::numeric, 2) AS tmb_median,
       round(percentile_cont(0.75) WITHIN GROUP (ORDER BY tmb_per_mb)::numeric, 2) AS tmb_q3,
       round(100.0 * count(*) FILTER (WHERE tmb_high) / nullif(count(tmb_high), 0), 1) AS tmb_high_percent
FROM tme.biomarker_summary
WHERE cohort = :'cohort'
GROUP BY 1
ORDER BY 1;
