import Foundation

/// Reads the CSV fixtures written by Fixtures/make_reference.R (plain comma-separated, header row,
/// optional double quotes, "NA" for missing).
struct Fixture {
    let header: [String]
    let rows: [[String]]

    init(_ name: String) throws {
        guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "csv") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        func fields(_ line: String) -> [String] {
            line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"\r"))
            }
        }
        header = fields(lines[0])
        rows = lines.dropFirst().map(fields)
    }

    func strings(_ column: String) -> [String] {
        let j = header.firstIndex(of: column)!
        return rows.map { $0[j] }
    }

    /// Numeric column; "NA" → nil, "Inf" → +∞.
    func numbers(_ column: String) -> [Double?] {
        strings(column).map { $0 == "NA" ? nil : ($0 == "Inf" ? .infinity : Double($0)!) }
    }

    /// Rows where every listed column is present (R's na.omit on those columns).
    func completeCases(_ columns: [String]) -> Fixture {
        let idx = columns.map { header.firstIndex(of: $0)! }
        return Fixture(header: header, rows: rows.filter { r in idx.allSatisfy { r[$0] != "NA" } })
    }

    private init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// R's key,value reference file.
    static func reference(_ name: String = "reference") throws -> [String: Double] {
        let f = try Fixture(name)
        var out: [String: Double] = [:]
        for r in f.rows { out[r[0]] = r[1] == "NA" ? .nan : Double(r[1])! }
        return out
    }

    /// The survival outcome of lung/veteran: lung codes status 1 = censored, 2 = dead.
    func outcome() -> (times: [Double], events: [Bool]) {
        let times = numbers("time").map { $0! }
        let status = numbers("status").map { $0! }
        let deadCode = status.max() ?? 1
        return (times, status.map { $0 == deadCode })
    }
}

/// |a − b| ≤ tol·max(1, |b|)? For relative checks pass `relative: true` (|a − b| ≤ tol·|b|).
func close(_ a: Double?, _ b: Double?, _ tol: Double, relative: Bool = false) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (let a?, let b?):
        if a.isNaN && b.isNaN { return true }
        if a.isInfinite || b.isInfinite { return a == b }
        return abs(a - b) <= tol * (relative ? abs(b) : 1)
    default: return false
    }
}
