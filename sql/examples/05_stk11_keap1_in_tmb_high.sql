-- Among TMB-high patients: response with and without STK11/KEAP1 co-mutation (known resistance).
SELECT CASE WHEN stk11_mutated OR keap1_mutated THEN 'STK11 or KEAP1 mutated'
            WHEN stk11_mutated IS NULL OR keap1_mutated IS NULL THEN 'not profiled'
            ELSE 'neither mutated' END AS comutation,
       count(*) AS patients,
       count(*) FILTER (WHERE objective_response) AS responders,
       round(avg(os_months)::numeric, 1) AS mean_os_months_crude
FROM tme.biomarker_summary
WHERE cohort = :'cohort' AND tmb_high
GROUP BY 1
ORDER BY 1;
