-- Objective response rate by TMB-high (>= 10 mut/Mb) x immune phenotype.
-- Patients without an evaluable response (NE or missing) are left out of the rate.
SELECT coalesce(tmb_high::text, 'not measured') AS tmb_high,
       coalesce(immune_phenotype, 'not measured') AS immune_phenotype,
       count(*) AS patients,
       count(*) FILTER (WHERE objective_response) AS responders,
       round(100.0 * count(*) FILTER (WHERE objective_response) / nullif(count(objective_response), 0), 1) AS response_rate_percent
FROM tme.biomarker_summary
WHERE cohort = :'cohort'
GROUP BY 1, 2
ORDER BY 1, 2;
