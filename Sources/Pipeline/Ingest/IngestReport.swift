import Foundation

/// What `tme ingest` read and wrote.
public struct IngestReport: Sendable, Hashable, Codable {
    public struct FileSummary: Sendable, Hashable, Codable {
        public var kind: CohortFileKind
        public var fileName: String
        public var rows: Int
        /// True when this kind's rows were (re)written; false when unchanged or in a dry run.
        public var written: Bool
    }

    public var cohort: String
    public var format: CohortFormat
    public var dryRun: Bool
    /// True when every file matched what was already loaded, so nothing was written.
    public var unchanged: Bool
    public var files: [FileSummary]
    /// Samples with a genomic_biomarkers row.
    public var biomarkerSamples: Int
    public var seconds: Double

    /// Human-readable lines for the terminal.
    public var rendered: String {
        var lines = ["cohort \(cohort) (\(format.rawValue))" + (dryRun ? ": dry run, nothing written" : unchanged ? ": unchanged, nothing written" : "")]
        for f in files {
            lines.append("  \(f.kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(f.fileName): \(f.rows) rows"
                + (f.written ? ", written" : ""))
        }
        lines.append("  genomic biomarkers for \(biomarkerSamples) samples; \(String(format: "%.2f", seconds)) s")
        return lines.joined(separator: "\n")
    }
}
