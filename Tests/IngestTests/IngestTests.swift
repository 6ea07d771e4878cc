import BiomarkerStore
import Foundation
import Genomics
import Testing
import TestSupport
@testable import Pipeline

@Suite struct IngestTests {
    @Test func loadsTheSmallCohortWithHandComputedBiomarkers() throws {
        let folder = try CohortCopy()
        try TestDatabase.with { c, _ in
            let report = try CohortIngest.run(directory: folder.path, parameters: .small(), connection: c)
            #expect(!report.unchanged && report.files.allSatisfy(\.written))
            #expect(try Snapshot.count(c, "patients") == 5)
            #expect(try Snapshot.count(c, "samples") == 5)
            #expect(try Snapshot.count(c, "outcomes") == 5)
            #expect(try Snapshot.count(c, "slides") == 3)
            #expect(try Snapshot.count(c, "mutations") == 19)
            #expect(try Snapshot.count(c, "expression") == 22 * 5 - 4 - 1)   // NA cells are not stored
            #expect(try Snapshot.count(c, "cnv") == 19)
            let rows = try c.query("""
                SELECT s.sample_id, b.nonsynonymous_count, b.tmb_per_mb, b.tmb_high, b.gep_score, b.gep_missing_reason,
                       b.ifng_genes_used, b.cnv_burden_fraction, b.msi_status, b.stk11_mutated, b.pole_mutated
                FROM tme.genomic_biomarkers b JOIN tme.samples s USING (sample_pk) ORDER BY s.sample_id
                """)
            #expect(try rows.map { try $0.decode("nonsynonymous_count", as: Int.self) } == [5, 0, 7, 0, 0])
            #expect(try rows.map { try $0.decode("tmb_per_mb", as: Double.self) } == [10, 0, 14, 0, 0])
            #expect(try rows.map { try $0.decode("tmb_high", as: Bool.self) } == [true, false, true, false, false])
            #expect(abs(try rows[0].decode("gep_score", as: Double.self) - -0.2720861521973415) < 1e-12)
            #expect(try rows[3].decode("gep_score", as: Double?.self) == nil)
            #expect(try rows[3].decode("gep_missing_reason", as: String.self).hasPrefix("only 13 of 18"))
            #expect(try rows[4].decode("ifng_genes_used", as: Int.self) == 5)
            #expect(try rows.map { try $0.decode("cnv_burden_fraction", as: Double.self) } == [0.75, 0, 0.5, 0.25, 0])
            #expect(try rows.map { try $0.decode("msi_status", as: String?.self) } == ["MSS", "MSI-H", nil, "MSS", nil])
            #expect(try rows.map { try $0.decode("stk11_mutated", as: Bool.self) } == [true, false, false, false, false])
            #expect(try rows.map { try $0.decode("pole_mutated", as: Bool.self) } == [false, false, true, false, false])
        }
    }

    @Test func reIngestingTheSameFilesChangesNothing() throws {
        let folder = try CohortCopy()
        try TestDatabase.with { c, _ in
            _ = try CohortIngest.run(directory: folder.path, parameters: .small(), connection: c)
            let before = try Snapshot.take(c)
            let again = try CohortIngest.run(directory: folder.path, parameters: .small(), connection: c)
            #expect(again.unchanged)
            #expect(again.files.first { $0.kind == .mutations }?.rows == 19)
            #expect(try Snapshot.take(c) == before)
        }
    }

    @Test func aCorrectedFileReplacesOnlyItsKind() throws {
        let folder = try CohortCopy()
        try TestDatabase.with { c, _ in
            _ = try CohortIngest.run(directory: folder.path, parameters: .small(), connection: c)
            let before = try Snapshot.take(c)
            try folder.replace(in: "outcomes.tsv", "P2\tPD\t0\t6.1\t1", with: "P2\tSD\t0\t7.4\t1")
            let report = try CohortIngest.run(directory: folder.path, parameters: .small(), connection: c)
            #expect(Set(report.files.filter(\.written).map(\.kind)) == [.outcomes])
            let after = try Snapshot.take(c)
            for table in ["patients", "samples", "slides", "mutations", "expression", "cnv"] {
                #expect(after[table] == before[table], "\(table) changed")
            }
            #expect(after["outcomes"] != before["outcomes"])
            let os: Double = try c.query("""
                SELECT o.os_months FROM tme.outcomes o JOIN tme.patients p USING (patient_pk) WHERE p.patient_id = $1
                """, ["P2"])[0].decode("os_months")
            #expect(os == 7.4)
        }
    }

    @Test func aDifferentCaptureSizeRewritesTMB() throws {
        let folder = try CohortCopy()
        try TestDatabase.with { c, _ in
            _ = try CohortIngest.run(directory: folder.path, parameters: .small(), connection: c)
            var p = IngestParameters.small()
            p.captureMegabases = 38
            let report = try CohortIngest.run(directory: folder.path, parameters: p, connection: c)
            #expect(Set(report.files.filter(\.written).map(\.kind)) == [.mutations])
            let tmb: Double = try c.query("SELECT max(tmb_per_mb) AS t FROM tme.genomic_biomarkers")[0].decode("t")
            #expect(tmb == 7.0 / 38.0)
        }
    }

    @Test func dryRunValidatesWithoutADatabase() throws {
        let folder = try CohortCopy()
        let report = try CohortIngest.run(directory: folder.path, parameters: .small(dryRun: true), connection: nil)
        #expect(report.dryRun && report.biomarkerSamples == 5)
        #expect(report.files.first { $0.kind == .mutations }?.rows == 19)
        #expect(report.files.allSatisfy { !$0.written })
    }

    @Test func dryRunWritesNothingThroughTheCLI() throws {
        let folder = try CohortCopy()
        try TestDatabase.with { c, db in
            let before = try Snapshot.take(c)
            let url = db.target.psqlArguments(database: db.name)[0]
            let result = try TMECommand.run(["ingest", folder.path, "--cohort", "small", "--capture-mb", "0.5",
                                             "--expression-scale", "log2", "--dry-run"],
                                            environment: ["TME_DATABASE_URL": url])
            #expect(result.exitCode == 0)
            #expect(result.stdout.contains("dry run, nothing written"))
            #expect(try Snapshot.take(c) == before)
        }
    }
}
