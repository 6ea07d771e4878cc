import BiomarkerStore
import Foundation
@testable import Pipeline

/// A private copy of a fixture cohort folder that a test may edit.
final class CohortCopy {
    let url: URL
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    init(_ name: String = "cohort_small") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: url)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var path: String { url.path }

    func read(_ file: String) throws -> String { try String(contentsOf: url.appendingPathComponent(file), encoding: .utf8) }

    func write(_ file: String, _ text: String) throws {
        try text.write(to: url.appendingPathComponent(file), atomically: true, encoding: .utf8)
    }

    /// Replaces the first occurrence of `old` in `file` (which must contain it).
    func replace(in file: String, _ old: String, with new: String) throws {
        let text = try read(file)
        guard let range = text.range(of: old) else { throw CocoaError(.fileReadCorruptFile) }
        try write(file, text.replacingCharacters(in: range, with: new))
    }

    func append(to file: String, _ line: String) throws { try write(file, try read(file) + line + "\n") }

    func remove(_ file: String) throws { try FileManager.default.removeItem(at: url.appendingPathComponent(file)) }
}

enum Snapshot {
    static let tables = ["cohorts", "patients", "samples", "outcomes", "slides", "mutations", "expression", "cnv",
                         "genomic_biomarkers", "ingested_files"]

    /// Row count and an md5 of every row's text, per table: equal snapshots mean equal contents.
    static func take(_ c: Connection) throws -> [String: String] {
        var result: [String: String] = [:]
        for table in tables {
            let row = try c.query("SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS s FROM tme.\(table) t")[0]
            result[table] = try row.decode("s")
        }
        return result
    }

    static func count(_ c: Connection, _ table: String) throws -> Int {
        try c.query("SELECT count(*)::int AS n FROM tme.\(table)")[0].decode("n")
    }
}

extension IngestParameters {
    static func small(_ cohort: String = "small", dryRun: Bool = false) -> IngestParameters {
        IngestParameters(cohort: cohort, captureMegabases: 0.5, expressionScale: .log2, dryRun: dryRun)
    }
}
