import BiomarkerStore
import Foundation
import Testing
import TestSupport
@testable import Pipeline

/// The same cohort as a TMEScope folder and as a cBioPortal study (Fixtures/make_cbioportal.py)
/// must give identical database contents, compared on natural keys (not identity columns).
@Suite struct IngestCBioPortalTests {
    /// One row per stored fact, keyed by patient/sample ids, for cohort $1.
    static let projections: [String: String] = [
        "patients": """
            SELECT p.patient_id, p.age_years, p.sex, p.tumor_type, p.histology, p.stage, p.ecog, p.line_of_therapy,
                   p.prior_therapy FROM tme.patients p JOIN tme.cohorts c USING (cohort_id) WHERE c.name = $1
            """,
        "samples": """
            SELECT p.patient_id, s.sample_id FROM tme.samples s JOIN tme.patients p USING (patient_pk)
            JOIN tme.cohorts c USING (cohort_id) WHERE c.name = $1
            """,
        "outcomes": """
            SELECT p.patient_id, o.best_response, o.os_months, o.os_event, o.pfs_months, o.pfs_event
            FROM tme.outcomes o JOIN tme.patients p USING (patient_pk) JOIN tme.cohorts c USING (cohort_id) WHERE c.name = $1
            """,
        "slides": """
            SELECT p.patient_id, s.sample_id, sl.slide_id, sl.stain, sl.path, sl.width_px, sl.height_px, sl.mpp
            FROM tme.slides sl JOIN tme.patients p USING (patient_pk) LEFT JOIN tme.samples s ON s.sample_pk = sl.sample_pk
            JOIN tme.cohorts c USING (cohort_id) WHERE c.name = $1
            """,
        "mutations": """
            SELECT s.sample_id, m.hugo_symbol, m.entrez_gene_id, m.ncbi_build, m.chromosome, m.start_position,
                   m.end_position, m.variant_classification, m.variant_type, m.reference_allele, m.tumor_seq_allele2,
                   m.hgvsp_short, m.t_ref_count, m.t_alt_count
            FROM tme.mutations m JOIN tme.samples s USING (sample_pk) JOIN tme.patients p USING (patient_pk)
            JOIN tme.cohorts c USING (cohort_id) WHERE c.name = $1
            """,
        "expression": """
            SELECT s.sample_id, e.gene, e.value, e.unit FROM tme.expression e JOIN tme.samples s USING (sample_pk)
            JOIN tme.patients p USING (patient_pk) JOIN tme.cohorts c USING (cohort_id) WHERE c.name = $1
            """,
        "cnv": """
            SELECT s.sample_id, e.gene, e.value, e.value_kind FROM tme.cnv e JOIN tme.samples s USING (sample_pk)
            JOIN tme.patients p USING (patient_pk) JOIN tme.cohorts c USING (cohort_id) WHERE c.name = $1
            """,
        "genomic_biomarkers": """
            SELECT s.sample_id, to_jsonb(b) - 'sample_pk' - 'computed_at' AS biomarkers
            FROM tme.genomic_biomarkers b JOIN tme.samples s USING (sample_pk) JOIN tme.patients p USING (patient_pk)
            JOIN tme.cohorts c USING (cohort_id) WHERE c.name = $1
            """,
    ]

    /// Sorted text of every projected row of a cohort.
    static func rows(_ c: Connection, _ table: String, _ cohort: String) throws -> [String] {
        let sql = "SELECT t::text AS r FROM (\(projections[table]!)) t ORDER BY 1"
        return try c.query(sql, [cohort]).map { try $0.decode("r") }
    }

    @Test func bothLayoutsGiveIdenticalContents() throws {
        let tmescope = try CohortCopy("cohort_small"), cbio = try CohortCopy("cohort_small_cbio")
        try TestDatabase.with { c, _ in
            let a = try CohortIngest.run(directory: tmescope.path, parameters: .small("as_tmescope"), connection: c)
            let b = try CohortIngest.run(directory: cbio.path, parameters: .small("as_cbioportal"), connection: c)
            #expect(a.format == .tmescope && b.format == .cbioportal)
            for table in Self.projections.keys.sorted() {
                let left = try Self.rows(c, table, "as_tmescope"), right = try Self.rows(c, table, "as_cbioportal")
                #expect(!left.isEmpty, "\(table) is empty")
                #expect(left == right, "\(table) differs")
            }
            // Re-ingesting the study is a no-op too.
            #expect(try CohortIngest.run(directory: cbio.path, parameters: .small("as_cbioportal"), connection: c).unchanged)
        }
    }

    @Test func sampleOfAnUnknownPatientIsRejected() throws {
        let cbio = try CohortCopy("cohort_small_cbio")
        try cbio.append(to: "data_clinical_sample.txt", "P9\tS9\tNSCLC\tadenocarcinoma\tMSS")
        try TestDatabase.with { c, _ in
            let before = try Snapshot.take(c)
            #expect {
                _ = try CohortIngest.run(directory: cbio.path, parameters: .small(), connection: c)
            } throws: { error in
                "\(error)" == "data_clinical_sample.txt:11: PATIENT_ID names a patient that data_clinical_patient.txt "
                    + "does not list; add it there or remove the row"
            }
            #expect(try Snapshot.take(c) == before)
        }
    }

    @Test func metaFileNamingAMissingDataFile() throws {
        let cbio = try CohortCopy("cohort_small_cbio")
        try cbio.remove("data_cna.txt")
        #expect(throws: IngestError.missingFile(folder: cbio.url.standardizedFileURL.path, file: "data_cna.txt (named by meta_cna.txt)")) {
            _ = try CohortIngest.run(directory: cbio.path, parameters: .small(dryRun: true), connection: nil)
        }
    }
}
