/// Every statement `tme ingest` runs: named constants with `$n` parameters, never built from input.
enum IngestSQL {
    static let findCohort = "SELECT cohort_id FROM tme.cohorts WHERE name = $1"
    static let insertCohort = """
        INSERT INTO tme.cohorts (name, source_format, source_path) VALUES ($1, $2, $3) RETURNING cohort_id
        """
    static let updateCohortSource = """
        UPDATE tme.cohorts SET source_format = $2, source_path = $3
        WHERE cohort_id = $1 AND (source_format, source_path) IS DISTINCT FROM ($2, $3)
        """
    static let fileUnchanged = """
        SELECT 1 FROM tme.ingested_files
        WHERE cohort_id = $1 AND kind = $2 AND sha256 = $3 AND parameters = $4::jsonb
        """
    static let storedKinds = "SELECT kind, row_count::int AS row_count FROM tme.ingested_files WHERE cohort_id = $1"
    static let upsertFile = """
        INSERT INTO tme.ingested_files (cohort_id, kind, file_name, sha256, row_count, parameters)
        VALUES ($1, $2, $3, $4, $5, $6::jsonb)
        ON CONFLICT (cohort_id, kind) DO UPDATE SET file_name = EXCLUDED.file_name, sha256 = EXCLUDED.sha256,
            row_count = EXCLUDED.row_count, parameters = EXCLUDED.parameters, ingested_at = now()
        """
    static let deleteFileKind = "DELETE FROM tme.ingested_files WHERE cohort_id = $1 AND kind = $2"

    // MARK: patients and samples
    static let upsertPatient = """
        INSERT INTO tme.patients (cohort_id, patient_id, age_years, sex, tumor_type, histology, stage, ecog,
                                  line_of_therapy, prior_therapy)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        ON CONFLICT (cohort_id, patient_id) DO UPDATE SET age_years = EXCLUDED.age_years, sex = EXCLUDED.sex,
            tumor_type = EXCLUDED.tumor_type, histology = EXCLUDED.histology, stage = EXCLUDED.stage,
            ecog = EXCLUDED.ecog, line_of_therapy = EXCLUDED.line_of_therapy, prior_therapy = EXCLUDED.prior_therapy
        WHERE (tme.patients.age_years, tme.patients.sex, tme.patients.tumor_type, tme.patients.histology,
               tme.patients.stage, tme.patients.ecog, tme.patients.line_of_therapy, tme.patients.prior_therapy)
              IS DISTINCT FROM
              (EXCLUDED.age_years, EXCLUDED.sex, EXCLUDED.tumor_type, EXCLUDED.histology, EXCLUDED.stage,
               EXCLUDED.ecog, EXCLUDED.line_of_therapy, EXCLUDED.prior_therapy)
        """
    static let deleteOtherPatients = "DELETE FROM tme.patients WHERE cohort_id = $1 AND NOT (patient_id = ANY($2::text[]))"
    static let patientKeys = "SELECT patient_id, patient_pk FROM tme.patients WHERE cohort_id = $1"
    static let insertSample = """
        INSERT INTO tme.samples (patient_pk, sample_id) VALUES ($1, $2) ON CONFLICT (patient_pk, sample_id) DO NOTHING
        """
    static let deleteOtherSamples = """
        DELETE FROM tme.samples s USING tme.patients p
        WHERE s.patient_pk = p.patient_pk AND p.cohort_id = $1 AND NOT (s.sample_id = ANY($2::text[]))
        """
    static let sampleKeys = """
        SELECT s.sample_id, s.sample_pk FROM tme.samples s JOIN tme.patients p ON p.patient_pk = s.patient_pk
        WHERE p.cohort_id = $1
        """

    /// $2: a MAF was ingested; $3: the sequenced sample ids. NULL without a MAF.
    static let updateSequenced = """
        UPDATE tme.samples s SET sequenced = CASE WHEN $2 THEN s.sample_id = ANY($3::text[]) END
        FROM tme.patients p
        WHERE s.patient_pk = p.patient_pk AND p.cohort_id = $1
          AND s.sequenced IS DISTINCT FROM (CASE WHEN $2 THEN s.sample_id = ANY($3::text[]) END)
        """

    // MARK: outcomes and slides
    static let deleteOutcomes = """
        DELETE FROM tme.outcomes o USING tme.patients p WHERE o.patient_pk = p.patient_pk AND p.cohort_id = $1
        """
    static let insertOutcome = """
        INSERT INTO tme.outcomes (patient_pk, best_response, os_months, os_event, pfs_months, pfs_event)
        VALUES ($1, $2, $3, $4, $5, $6)
        """
    static let upsertSlide = """
        INSERT INTO tme.slides (patient_pk, sample_pk, slide_id, stain, path, width_px, height_px, mpp)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (patient_pk, slide_id) DO UPDATE SET sample_pk = EXCLUDED.sample_pk, stain = EXCLUDED.stain,
            path = EXCLUDED.path, width_px = EXCLUDED.width_px, height_px = EXCLUDED.height_px, mpp = EXCLUDED.mpp
        WHERE (tme.slides.sample_pk, tme.slides.stain, tme.slides.path, tme.slides.width_px, tme.slides.height_px,
               tme.slides.mpp) IS DISTINCT FROM
              (EXCLUDED.sample_pk, EXCLUDED.stain, EXCLUDED.path, EXCLUDED.width_px, EXCLUDED.height_px, EXCLUDED.mpp)
        """
    static let deleteOtherSlides = """
        DELETE FROM tme.slides sl USING tme.patients p
        WHERE sl.patient_pk = p.patient_pk AND p.cohort_id = $1
          AND NOT ((p.patient_id || chr(31) || sl.slide_id) = ANY($2::text[]))
        """

    // MARK: genomic tables (rows of the cohort's samples)
    static func deleteCohortRows(_ table: GenomicTable) -> String {
        """
        DELETE FROM \(table.rawValue) t USING tme.samples s JOIN tme.patients p ON p.patient_pk = s.patient_pk
        WHERE t.sample_pk = s.sample_pk AND p.cohort_id = $1
        """
    }

    enum GenomicTable: String, CaseIterable {
        case mutations = "tme.mutations", expression = "tme.expression", cnv = "tme.cnv"
        case biomarkers = "tme.genomic_biomarkers"
    }

    static let mutationColumns = ["sample_pk", "hugo_symbol", "entrez_gene_id", "ncbi_build", "chromosome", "start_position",
                                  "end_position", "variant_classification", "variant_type", "reference_allele",
                                  "tumor_seq_allele2", "hgvsp_short", "t_ref_count", "t_alt_count"]
    static let expressionColumns = ["sample_pk", "gene", "value", "unit"]
    static let cnvColumns = ["sample_pk", "gene", "value", "value_kind"]
    static let biomarkerColumns = ["sample_pk", "capture_size_mb", "nonsynonymous_count", "tmb_per_mb", "tmb_high",
                                   "gep_score", "gep_genes_used", "gep_missing_reason", "ifng_score", "ifng_genes_used",
                                   "ifng_missing_reason", "cnv_burden_fraction", "msi_status", "stk11_mutated",
                                   "keap1_mutated", "pten_mutated", "b2m_mutated", "jak1_mutated", "jak2_mutated",
                                   "pole_mutated", "tp53_mutated", "kras_mutated", "egfr_mutated"]
    /// Key genes with a column in genomic_biomarkers, in column order.
    static let keyGeneColumns = ["STK11", "KEAP1", "PTEN", "B2M", "JAK1", "JAK2", "POLE", "TP53", "KRAS", "EGFR"]
}
