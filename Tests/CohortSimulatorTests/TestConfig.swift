import Foundation
@testable import CohortSimulator

/// The committed demo config, optionally shrunk for fast tests.
enum TestConfig {
    static var demoPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("cohorts/demo/cohort.json").path
    }

    static func demo() throws -> CohortConfig { try CohortConfig.load(path: demoPath) }

    /// Demo model with small slides (`side` px), lossless deflate, `n` patients.
    static func small(patients n: Int, side: Int = 512, render: Bool = true) throws -> CohortConfig {
        var c = try demo()
        c.patientCount = n
        c.slides.widthPx = side; c.slides.heightPx = side
        c.slides.compression = "deflate"
        c.slides.render = render
        return c
    }

    static func temporaryDirectory(_ tag: String) -> String {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("cohortsim-\(tag)-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Reads a TSV into header + rows (lines starting with '#' skipped).
    static func tsv(_ path: String) throws -> (header: [String], rows: [[String]]) {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).filter { !$0.hasPrefix("#") }
        let split = lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        return (split.first ?? [], Array(split.dropFirst()))
    }
}
