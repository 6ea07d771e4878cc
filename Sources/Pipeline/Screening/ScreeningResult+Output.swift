import Foundation

extension ScreeningResult {
    public enum Format: String, CaseIterable, Sendable { case table, tsv, json }

    public func rendered(as format: Format) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        case .tsv:
            let header = (["patient", "status"] + criteria.flatMap { [$0, $0 + " value"] }).joined(separator: "\t")
            let lines = patients.map { patient in
                ([Self.tsvField(patient.patientID), patient.status]
                 + zip(patient.verdicts, patient.values).flatMap { [$0.rawValue, Self.tsvField($1 ?? "")] }).joined(separator: "\t")
            }
            return ([header] + lines).joined(separator: "\n")
        case .table:
            return table()
        }
    }

    private func table() -> String {
        let symbols: [CriterionVerdict: String] = [.passed: "pass", .failed: "FAIL", .notJudged: "?"]
        let header = ["patient", "status"] + criteria
        let rows = patients.map { p in [p.patientID, p.status] + zip(p.verdicts, p.values).map { Self.cell(symbols[$0]!, $1) } }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        var out = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        let counts = ["eligible", "undetermined", "ineligible"].map { status in "\(patients.filter { $0.status == status }.count) \(status)" }
        out.append("")
        out.append("\(cohort): \(patients.count) patients — \(counts.joined(separator: ", ")) "
                   + "(verdict, then the measured value; ? = data missing, not judged)")
        return out.joined(separator: "\n")
    }

    /// "pass 14.2", "FAIL desert", "? –": the verdict and the value it rests on.
    public static func cell(_ verdict: String, _ value: String?) -> String {
        verdict + " " + (value.map { Self.tsvField($0) } ?? "–")
    }

    static func tsvField(_ text: String) -> String {
        text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}
