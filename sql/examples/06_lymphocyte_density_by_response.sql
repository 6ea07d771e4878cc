-- Slide-level immune infiltrate by best response: median TIL and TAM densities (cells/mm2) and sTIL %.
SELECT coalesce(b.best_response, 'missing') AS best_response,
       count(*) AS patients,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY b.lymphocyte_density_per_mm2)::numeric, 1) AS median_til_density_per_mm2,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY b.macrophage_density_per_mm2)::numeric, 1) AS median_tam_density_per_mm2,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY b.stromal_til_percent)::numeric, 1) AS median_stromal_til_percent
FROM tme.biomarker_summary b
WHERE b.cohort = :'cohort'
GROUP BY 1
ORDER BY array_position(ARRAY['CR', 'PR', 'SD', 'PD', 'NE', 'missing'], coalesce(b.best_response, 'missing'));
