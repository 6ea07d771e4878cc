-- PD-L1 TPS in the 22C3 categories (< 1 %, 1-49 %, >= 50 %) with response rate per category.
SELECT CASE WHEN pdl1_tps_percent IS NULL THEN 'not measured'
            WHEN pdl1_tps_percent < 1 THEN 'TPS < 1%'
            WHEN pdl1_tps_percent < 50 THEN 'TPS 1-49%'
            ELSE 'TPS >= 50%' END AS tps_category,
       count(*) AS patients,
       round(100.0 * count(*) FILTER (WHERE objective_response) / nullif(count(objective_response), 0), 1) AS response_rate_percent,
       round(avg(pdl1_cps)::numeric, 1) AS mean_cps
FROM tme.biomarker_summary
WHERE cohort = :'cohort'
GROUP BY 1
ORDER BY min(pdl1_tps_percent) NULLS LAST;
