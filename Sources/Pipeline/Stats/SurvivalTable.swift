import Foundation
import Tabular

/// A delimited text table (CSV or TSV, first line the header) read for survival statistics.
///
/// Read by `Tabular.DelimitedReader` with the automatic format: the delimiter is a tab when the header
/// line contains one, else a comma; fields may be double-quoted (RFC 4180), a BOM and CRLF line ends are
/// accepted, `#` lines are comments. Missing cells are `Tabular.MissingValue` tokens (empty, `NA`, `NaN`,
/// `null`, `.`, …); rows missing any column an analysis uses are dropped and counted (as R's `na.omit`).
/// Cells are kept trimmed in one byte store (only those of the columns asked for, when given), so a
/// 100,000-row table costs no `String` per cell.
public struct SurvivalTable: Sendable {
    public let file: String
    public let header: [String]
    /// Stored position of each header column (nil: not kept).
    let stored: [Int?]
    let width: Int
    /// Trimmed cell bytes, row-major over the kept columns; cell k spans `cellEnds[k-1]..<cellEnds[k]` (0 for k = 0).
    let cellBytes: [UInt8]
    let cellEnds: [UInt32]
    /// `lines[i]` is the 1-based line number of row i in the file.
    let lines: [Int]

    public var rowCount: Int { lines.count }

    /// Reads `path` (plain or gzip), keeping the cells of `columns` only (all when nil).
    public init(contentsOf path: String, columns: [String]? = nil) throws {
        let file: CompressedTextFile
        do { file = try CompressedTextFile(path: path) } catch let GenomicsInputError.cannotOpen(_, reason) {
            throw StatsInputError.unreadable(file: path, reason: reason)
        }
        try self.init(file: path, keep: columns) { body in
            do { try file.forEachRecord(format: .automatic, source: path, body) } catch let GenomicsInputError.readFailed(_, reason) {
                throw StatsInputError.unreadable(file: path, reason: reason)
            }
        }
    }

    public init(text: String, file: String) throws {
        try self.init(file: file, keep: nil) { body in try DelimitedReader.read(Array(text.utf8), source: file, format: .automatic, body) }
    }

    private init(file: String, keep: [String]?, read: ((DelimitedRecord) throws -> Void) throws -> Void) throws {
        self.file = file
        var header: [String]?
        var kept: [Int] = []
        var bytes: [UInt8] = [], ends: [UInt32] = [], lines: [Int] = []
        do {
            try read { record in
                if record.isHeader {
                    let names = record.texts
                    header = names
                    kept = names.indices.filter { keep?.contains(names[$0]) ?? true }
                    return
                }
                for c in kept {
                    bytes.append(contentsOf: record[c].trimmed.bytes)
                    ends.append(UInt32(truncatingIfNeeded: bytes.count))
                }
                lines.append(record.line)
            }
        } catch let error as TabularError {
            throw StatsInputError.table(error)
        }
        guard let header, !(header.count == 1 && header[0].isEmpty) else { throw StatsInputError.empty(file: file) }
        guard bytes.count < Int(UInt32.max) else {
            throw StatsInputError.unreadable(file: file, reason: "the columns used hold more than 4 GiB")
        }
        self.header = header
        var stored = [Int?](repeating: nil, count: header.count)
        for (position, column) in kept.enumerated() { stored[column] = position }
        self.stored = stored
        width = kept.count
        cellBytes = bytes
        cellEnds = ends
        self.lines = lines
    }

    /// Stored position of column `name`.
    public func columnIndex(_ name: String) throws -> Int {
        guard let j = header.firstIndex(of: name), let position = stored[j] else {
            throw StatsInputError.missingColumn(file: file, column: name, available: header)
        }
        return position
    }

    /// Column names from a comma-separated list (quotes allowed for names with commas), e.g. `age,"sex, coded"`.
    public static func columnList(_ text: String) throws -> [String] {
        try DelimitedReader.fields(of: text, format: .csv, source: "the column list").filter { !$0.isEmpty }
    }

    /// Parses an event indicator: 0/1, true/false, yes/no, dead/alive, and cBioPortal's "1:DECEASED"/"0:LIVING"
    /// (any "<0|1>:LABEL"). nil if unrecognised.
    public static func parseEvent(_ cell: String) -> Bool? {
        var t = cell.trimmingCharacters(in: .whitespaces).lowercased()
        if let colon = t.firstIndex(of: ":") { t = String(t[..<colon]) }
        switch t {
        case "1", "1.0", "true", "t", "yes", "dead", "deceased", "event": return true
        case "0", "0.0", "false", "f", "no", "alive", "living", "censored": return false
        default: return nil
        }
    }
}

/// The columns one analysis needs, with incomplete rows dropped.
public struct SurvivalColumns: Sendable {
    public var times: [Double]
    public var events: [Bool]
    /// Numeric columns by name, aligned with `times`.
    public var numeric: [String: [Double]]
    /// Text columns (groups) by name, aligned with `times`.
    public var labels: [String: [String]]
    /// Rows dropped because a used column was missing.
    public var droppedRows: Int
}

extension SurvivalTable {
    /// Calls `body` with a function giving the trimmed bytes of cell (row, column).
    func withCells<T>(_ body: ((Int, Int) -> DelimitedField) throws -> T) rethrows -> T {
        let width = self.width
        return try cellBytes.withUnsafeBufferPointer { b in
            try cellEnds.withUnsafeBufferPointer { e in
                try body { r, c in
                    let k = r * width + c
                    let start = k == 0 ? 0 : Int(e[k - 1])
                    return DelimitedField(bytes: UnsafeBufferPointer(rebasing: b[start..<Int(e[k])]))
                }
            }
        }
    }

    /// R's `Surv` convention: a status column holding only 1 and 2 (at least one 2) means 1 = censored, 2 = event.
    func usesOneTwoCoding(column j: Int) -> Bool {
        withCells { cell in
            var sawTwo = false
            for r in 0..<rowCount {
                let v = cell(r, j)
                if v.isMissing { continue }
                if v.equals("2") { sawTwo = true } else if !v.equals("1") { return false }
            }
            return sawTwo
        }
    }

    /// Extracts time, event, numeric and label columns; rows with any of them missing are dropped.
    /// The event column is parsed by `parseEvent`, or as 1 = censored / 2 = event when it holds only 1 and 2 (as R).
    /// - Throws: `StatsInputError` naming the file, line and column of the first bad cell.
    public func columns(time: String, event: String, numeric: [String] = [], labels: [String] = []) throws -> SurvivalColumns {
        let tj = try columnIndex(time), ej = try columnIndex(event)
        let nj = try numeric.map(columnIndex), lj = try labels.map(columnIndex)
        let used = [tj, ej] + nj + lj
        let oneTwoCoding = usesOneTwoCoding(column: ej)
        var out = SurvivalColumns(times: [], events: [], numeric: [:], labels: [:], droppedRows: 0)
        var numericValues = [[Double]](repeating: [], count: numeric.count)
        var labelValues = [[String]](repeating: [], count: labels.count)
        out.times.reserveCapacity(rowCount)
        out.events.reserveCapacity(rowCount)
        for k in numericValues.indices { numericValues[k].reserveCapacity(rowCount) }
        try withCells { cell in
            for r in 0..<rowCount {
                if used.contains(where: { cell(r, $0).isMissing }) {
                    out.droppedRows += 1
                    continue
                }
                guard let t = cell(r, tj).double else {
                    throw StatsInputError.notNumeric(file: file, line: lines[r], column: time)
                }
                let e: Bool?
                let ev = cell(r, ej)
                if oneTwoCoding { e = ev.equals("2") } else if ev.equals("1") { e = true } else if ev.equals("0") { e = false } else {
                    e = Self.parseEvent(ev.text)
                }
                guard let e else { throw StatsInputError.notAnEvent(file: file, line: lines[r], column: event) }
                for (k, j) in nj.enumerated() {
                    guard let v = cell(r, j).double else {
                        throw StatsInputError.notNumeric(file: file, line: lines[r], column: numeric[k])
                    }
                    numericValues[k].append(v)
                }
                for (k, j) in lj.enumerated() { labelValues[k].append(cell(r, j).text) }
                out.times.append(t)
                out.events.append(e)
            }
        }
        guard !out.times.isEmpty else {
            throw StatsInputError.noCompleteRows(file: file, columns: [time, event] + numeric + labels)
        }
        for (k, name) in numeric.enumerated() { out.numeric[name] = numericValues[k] }
        for (k, name) in labels.enumerated() { out.labels[name] = labelValues[k] }
        return out
    }
}
