/// The statements of `tme train` and `tme score` (named constants; values only as $n parameters).
enum ModelSQL {
    static let selectCohort = "SELECT cohort_id, source_path FROM tme.cohorts WHERE name = $1"

    static let selectPatients = """
        SELECT p.patient_pk, p.patient_id, p.age_years, p.sex, p.stage, p.ecog, p.line_of_therapy,
               o.objective_response, o.os_months, o.os_event
        FROM tme.patients p LEFT JOIN tme.outcomes o ON o.patient_pk = p.patient_pk
        WHERE p.cohort_id = $1
        ORDER BY p.patient_id
        """

    /// The first sample (by key) of each patient that has computed biomarkers, with its CD274 expression.
    static let selectGenomics = """
        SELECT DISTINCT ON (s.patient_pk) s.patient_pk, g.tmb_per_mb, g.gep_score, g.ifng_score, g.cnv_burden_fraction,
               g.stk11_mutated, g.keap1_mutated, g.pten_mutated, g.b2m_mutated, g.jak1_mutated, g.jak2_mutated,
               g.pole_mutated, g.tp53_mutated, g.kras_mutated, g.egfr_mutated, e.value AS cd274_value, e.unit AS cd274_unit
        FROM tme.samples s
        JOIN tme.patients p ON p.patient_pk = s.patient_pk
        JOIN tme.genomic_biomarkers g ON g.sample_pk = s.sample_pk
        LEFT JOIN tme.expression e ON e.sample_pk = s.sample_pk AND e.gene = 'CD274'
        WHERE p.cohort_id = $1
        ORDER BY s.patient_pk, s.sample_pk
        """

    /// The first H&E slide (by key) of each patient with stored tile features.
    static let selectSlides = """
        SELECT DISTINCT ON (s.patient_pk) s.patient_pk, s.slide_pk, array_to_json(st.tile_feature_names)::text AS names
        FROM tme.slides s
        JOIN tme.patients p ON p.patient_pk = s.patient_pk
        JOIN tme.slide_tme st ON st.slide_pk = s.slide_pk
        WHERE p.cohort_id = $1 AND s.stain = 'H&E' AND st.tile_feature_names IS NOT NULL
          AND EXISTS (SELECT 1 FROM tme.tile_features f WHERE f.slide_pk = s.slide_pk)
        ORDER BY s.patient_pk, s.slide_pk
        """

    static let selectTileFeatures = """
        SELECT level, x_px, y_px, features::text AS features FROM tme.tile_features
        WHERE slide_pk = $1 ORDER BY level, y_px, x_px
        """

    static let upsertModelRun = """
        INSERT INTO tme.model_runs (model_id, kind, training_cohort_id, config, metrics, seed, weights_sha256, git_commit)
        VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8)
        ON CONFLICT (model_id) DO UPDATE SET kind = EXCLUDED.kind, training_cohort_id = EXCLUDED.training_cohort_id,
            config = EXCLUDED.config, metrics = EXCLUDED.metrics, seed = EXCLUDED.seed,
            weights_sha256 = EXCLUDED.weights_sha256, git_commit = EXCLUDED.git_commit
        RETURNING model_run_pk
        """

    static let selectModelRun = "SELECT model_run_pk FROM tme.model_runs WHERE model_id = $1"

    static let deletePredictions = """
        DELETE FROM tme.predictions WHERE model_run_pk = $1
          AND patient_pk IN (SELECT patient_pk FROM tme.patients WHERE cohort_id = $2)
        """

    static let deleteAttention = """
        DELETE FROM tme.tile_attention WHERE model_run_pk = $1
          AND slide_pk IN (SELECT s.slide_pk FROM tme.slides s JOIN tme.patients p ON p.patient_pk = s.patient_pk
                           WHERE p.cohort_id = $2)
        """

    static let predictionTable = "tme.predictions"
    static let predictionColumns = ["model_run_pk", "patient_pk", "response_probability", "response_probability_lower",
                                    "response_probability_upper", "risk_score", "risk_group", "modalities_used", "evaluation"]
    static let attentionTable = "tme.tile_attention"
    static let attentionColumns = ["model_run_pk", "slide_pk", "level", "x_px", "y_px", "attention_weight"]
}
