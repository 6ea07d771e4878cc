import BiomarkerStore
import CohortSimulator
import Foundation
import Testing
import TestSupport
@testable import Pipeline

/// The simulator's demo cohort (tables only) ingests from its TMEScope folder and from its cBioPortal
/// study into identical database contents, and TMB matches the simulator's own count.
@Suite struct IngestDemoCohortTests {
    @Test func demoCohortFromBothLayouts() throws {
        var config = try CohortConfig.load(path: TestDatabase.project.root.appendingPathComponent("cohorts/demo/cohort.json").path)
        config.slides.render = false
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("demo-ingest-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: out) }
        _ = try CohortWriter.write(config: config, to: out.path, workers: 1)
        try TestDatabase.with { c, _ in
            let started = Date()
            let a = try CohortIngest.run(directory: out.path, parameters: IngestParameters(cohort: "demo_tmescope", captureMegabases: 38),
                                         connection: c)
            let b = try CohortIngest.run(directory: out.appendingPathComponent("cbioportal").path,
                                         parameters: IngestParameters(cohort: "demo_cbioportal", captureMegabases: 38), connection: c)
            print("demo cohort: both layouts ingested in \(String(format: "%.1f", Date().timeIntervalSince(started))) s (debug build)")
            #expect(a.format == .tmescope && b.format == .cbioportal)
            #expect(a.files.first { $0.kind == .clinical }?.rows == config.patientCount)
            for table in IngestCBioPortalTests.projections.keys.sorted() where table != "slides" {
                let left = try IngestCBioPortalTests.rows(c, table, "demo_tmescope")
                let right = try IngestCBioPortalTests.rows(c, table, "demo_cbioportal")
                #expect(!left.isEmpty, "\(table) is empty")
                #expect(left == right, "\(table) differs")
            }
            // The simulator's truth table carries its own TMB count (4 decimals): ours must agree.
            let truth = try String(contentsOf: out.appendingPathComponent("truth/patients.tsv"), encoding: .utf8)
                .split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
            let header = truth[0]
            let sampleColumn = try #require(header.firstIndex(of: "sample_id"))
            let tmbColumn = try #require(header.firstIndex(of: "observed_tmb_per_mb"))
            let stored = try c.query("""
                SELECT s.sample_id, b.tmb_per_mb FROM tme.genomic_biomarkers b JOIN tme.samples s USING (sample_pk)
                JOIN tme.patients p USING (patient_pk) JOIN tme.cohorts co USING (cohort_id) WHERE co.name = $1
                """, ["demo_tmescope"])
            let ours = Dictionary(uniqueKeysWithValues: try stored.map { (try $0.decode("sample_id", as: String.self), try $0.decode("tmb_per_mb", as: Double.self)) })
            #expect(ours.count == truth.count - 1)
            for row in truth.dropFirst() {
                let expected = try #require(Double(row[tmbColumn]))
                #expect(abs((ours[row[sampleColumn]] ?? -1) - expected) <= 0.00005 + 1e-12, "\(row[sampleColumn])")
            }
        }
    }
}
