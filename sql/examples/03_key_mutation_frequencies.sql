-- How often each key immunotherapy-relevant gene is mutated, among patients with genomic data.
SELECT gene,
       count(*) FILTER (WHERE mutated) AS mutated_patients,
       count(mutated) AS profiled_patients,
       round(100.0 * count(*) FILTER (WHERE mutated) / nullif(count(mutated), 0), 1) AS mutated_percent
FROM tme.biomarker_summary b
CROSS JOIN LATERAL (VALUES ('STK11', b.stk11_mutated), ('KEAP1', b.keap1_mutated), ('PTEN', b.pten_mutated),
                           ('B2M', b.b2m_mutated), ('JAK1', b.jak1_mutated), ('JAK2', b.jak2_mutated),
                           ('POLE', b.pole_mutated), ('TP53', b.tp53_mutated), ('KRAS', b.kras_mutated),
                           ('EGFR', b.egfr_mutated)) AS g (gene, mutated)
WHERE b.cohort = :'cohort'
GROUP BY gene
ORDER BY mutated_percent DESC NULLS LAST, gene;
