import Foundation
import Genomics

/// The `tme genomics tmb --json` document:
/// `{"capture_mb":…,"samples":[{"sample":…,"nonsynonymous":…,"tmb_per_mb":…,"tmb_high":…}]}`.
public struct TMBJSONDocument: Sendable, Hashable, Codable {
    public struct Sample: Sendable, Hashable, Codable {
        public var sample: String
        public var nonsynonymous: Int
        public var tmb_per_mb: Double
        public var tmb_high: Bool
    }

    public var capture_mb: Double
    public var samples: [Sample]

    public init(_ report: TMBReport) {
        capture_mb = report.parameters.captureMegabases
        samples = report.samples.map {
            Sample(sample: $0.sample, nonsynonymous: $0.nonsynonymous, tmb_per_mb: $0.tmbPerMegabase, tmb_high: $0.isHigh)
        }
    }
}

extension TMBReport {
    /// Pretty-printed JSON in the documented shape (keys sorted, so output is stable).
    public func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(TMBJSONDocument(self)), as: UTF8.self)
    }

    /// A plain table: sample, non-synonymous count, TMB (mut/Mb, 2 decimals), TMB-high flag.
    public func tableText() -> String {
        let capture = String(format: "%g", parameters.captureMegabases)
        let cut = String(format: "%g", parameters.highThresholdPerMegabase)
        let width = max(6, samples.map(\.sample.count).max() ?? 0)
        var lines = ["# capture \(capture) Mb; nonsynonymous = maftools classes, duplicates counted once; TMB-high ≥ \(cut) mut/Mb",
                     "sample".padding(toLength: width, withPad: " ", startingAt: 0) + "  nonsynonymous  tmb_per_mb  tmb_high"]
        for s in samples {
            lines.append(s.sample.padding(toLength: width, withPad: " ", startingAt: 0)
                + String(format: "  %13d  %10.2f  ", s.nonsynonymous, s.tmbPerMegabase) + (s.isHigh ? "yes" : "no"))
        }
        return lines.joined(separator: "\n")
    }
}
