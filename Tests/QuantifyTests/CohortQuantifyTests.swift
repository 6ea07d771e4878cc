import BiomarkerStore
import Foundation
import Pipeline
import Testing
import TestSupport

/// `tme quantify --cohort` on a real database: rows, resumability, idempotence, failure isolation.
@Suite struct CohortQuantifyTests {
    static func count(_ c: Connection, _ sql: String) throws -> Int {
        try c.query(sql).first!.decode(at: 0)
    }

    @Test func quantifiesResumesAndIsolatesAFailedSlide() throws {
        let folder = try SimulatedCohort.copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Damage one slide: keep its header, cut its tiles.
        let broken = folder.appendingPathComponent("slides").path + "/" + (try FileManager.default
            .contentsOfDirectory(atPath: folder.appendingPathComponent("slides").path).sorted().first { $0.hasSuffix("-PDL1.tiff") }!)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: broken))
        var damaged = bytes
        for i in stride(from: 4096, to: bytes.count - 4096, by: 1) { damaged[i] = 0x5A }
        try damaged.write(to: URL(fileURLWithPath: broken))
        try TestDatabase.with { c, _ in
            _ = try CohortIngest.run(directory: folder.path, parameters: IngestParameters(cohort: "qtest", captureMegabases: 38), connection: c)
            let first = try CohortQuantify.run(cohort: "qtest", connection: c, workers: 2, showProgress: false)
            #expect(first.slides.count == 6)
            #expect(first.failed == 1 && first.quantified == 5)
            let failed = try c.query("SELECT slide_pk, status_message FROM tme.slides WHERE status = 'failed'")
            #expect(failed.count == 1)
            let message: String = try failed[0].decode("status_message")
            #expect(message.contains("PDL1.tiff"))
            let failedPK: Int = try failed[0].decode("slide_pk")
            #expect(try Self.count(c, "SELECT count(*) FROM tme.tiles WHERE slide_pk = \(failedPK)") == 0)
            #expect(try Self.count(c, "SELECT count(*) FROM tme.slide_tme WHERE slide_pk = \(failedPK)") == 0)
            let tiles = try Self.count(c, "SELECT count(*) FROM tme.tiles")
            #expect(tiles > 0)
            #expect(try Self.count(c, "SELECT count(*) FROM tme.tile_features") == tiles)
            #expect(try Self.count(c, "SELECT count(*) FROM tme.slide_tme") == 5)
            #expect(try Self.count(c, "SELECT count(*) FROM tme.tile_features WHERE cardinality(features) <> \(TileFeatures.names.count)") == 0)
            #expect(try Self.count(c, "SELECT count(*) FROM tme.slide_tme WHERE cardinality(tile_feature_names) = \(TileFeatures.names.count)") == 5)
            // Slide totals equal the sum of their tiles.
            #expect(try Self.count(c, """
                SELECT count(*) FROM tme.slide_tme m WHERE m.lymphocyte_count <> (SELECT sum(lymphocyte_count) FROM tme.tiles t WHERE t.slide_pk = m.slide_pk)
                """) == 0)

            // Re-run: quantified slides are skipped, the failed one is retried (and fails again), nothing duplicates.
            let second = try CohortQuantify.run(cohort: "qtest", connection: c, workers: 2, showProgress: false)
            #expect(second.skipped == 5 && second.failed == 1)
            #expect(try Self.count(c, "SELECT count(*) FROM tme.tiles") == tiles)

            // A run killed mid-slide leaves it 'quantifying' (maybe with old rows): the next run redoes it, once.
            try c.execute("UPDATE tme.slides SET status = 'quantifying' WHERE slide_pk = (SELECT min(slide_pk) FROM tme.slide_tme)")
            try damagedRestore(bytes, broken)
            let third = try CohortQuantify.run(cohort: "qtest", connection: c, workers: 2, showProgress: false)
            #expect(third.quantified == 2 && third.failed == 0)
            #expect(try Self.count(c, "SELECT count(*) FROM tme.slides WHERE status = 'quantified'") == 6)
            let all = try Self.count(c, "SELECT count(*) FROM tme.tiles")
            #expect(all > tiles)

            // --force recomputes everything and gives the same rows.
            let forced = try CohortQuantify.run(cohort: "qtest", connection: c, force: true, workers: 1, showProgress: false)
            #expect(forced.quantified == 6)
            #expect(try Self.count(c, "SELECT count(*) FROM tme.tiles") == all)
            #expect(try Self.count(c, "SELECT count(*) FROM tme.slides WHERE sha256 IS NULL OR quantified_at IS NULL") == 0)
        }
    }

    private func damagedRestore(_ bytes: Data, _ path: String) throws { try bytes.write(to: URL(fileURLWithPath: path)) }
}
