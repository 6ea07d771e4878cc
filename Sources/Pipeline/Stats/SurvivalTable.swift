import Foundation

/// A delimited text table (CSV or TSV, first line the header) read for survival statistics.
///
/// The delimiter is a tab when the header line contains one, else a comma. Fields may be double-
/// quoted (with "" for a quote). Empty cells, `NA`, `NaN` and `null` are missing; rows missing any
/// column an analysis uses are dropped and counted (as R's `na.omit`).
public struct SurvivalTable: Sendable {
    public let file: String
    public let header: [String]
    /// Cells by row; `lines[i]` is the 1-based line number of row i in the file.
    let rows: [[String]]
    let lines: [Int]

    public init(contentsOf path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw StatsInputError.unreadable(file: path, reason: (error as NSError).localizedDescription)
        }
        try self.init(text: text, file: path)
    }

    public init(text: String, file: String) throws {
        self.file = file
        var all = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        while let last = all.last, last.trimmingCharacters(in: .whitespaces).isEmpty { all.removeLast() }
        guard let first = all.first, !first.isEmpty else { throw StatsInputError.empty(file: file) }
        let delimiter: Character = first.contains("\t") ? "\t" : ","
        header = Self.fields(first, delimiter: delimiter).map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [[String]] = []
        var lines: [Int] = []
        for (offset, line) in all.enumerated().dropFirst() where !line.isEmpty && !line.hasPrefix("#") {
            let cells = Self.fields(line, delimiter: delimiter)
            guard cells.count == header.count else {
                throw StatsInputError.raggedRow(file: file, line: offset + 1, expected: header.count, found: cells.count)
            }
            rows.append(cells)
            lines.append(offset + 1)
        }
        self.rows = rows
        self.lines = lines
    }

    static func fields(_ line: String, delimiter: Character) -> [String] {
        var out: [String] = []
        var field = ""
        var quoted = false
        var chars = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == delimiter {
                out.append(field); field = ""
            } else if c != "\r" {
                field.append(c)
            }
        }
        out.append(field)
        return out
    }

    public func columnIndex(_ name: String) throws -> Int {
        guard let j = header.firstIndex(of: name) else {
            throw StatsInputError.missingColumn(file: file, column: name, available: header)
        }
        return j
    }

    static func isMissing(_ cell: String) -> Bool {
        let t = cell.trimmingCharacters(in: .whitespaces)
        return t.isEmpty || ["NA", "NaN", "nan", "null", "NULL", "."].contains(t)
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
    /// R's `Surv` convention: a status column holding only 1 and 2 (at least one 2) means 1 = censored, 2 = event.
    func usesOneTwoCoding(column j: Int) -> Bool {
        let values = Set(rows.map { $0[j].trimmingCharacters(in: .whitespaces) }.filter { !Self.isMissing($0) })
        return values.contains("2") && values.isSubset(of: ["1", "2"])
    }

    /// Extracts time, event, numeric and label columns; rows with any of them missing are dropped.
    /// The event column is parsed by `parseEvent`, or as 1 = censored / 2 = event when it holds only 1 and 2 (as R).
    /// - Throws: `StatsInputError` naming the file, line and column of the first bad cell.
    public func columns(time: String, event: String, numeric: [String] = [], labels: [String] = []) throws -> SurvivalColumns {
        let tj = try columnIndex(time), ej = try columnIndex(event)
        let nj = try numeric.map(columnIndex), lj = try labels.map(columnIndex)
        var out = SurvivalColumns(times: [], events: [], numeric: [:], labels: [:], droppedRows: 0)
        let oneTwoCoding = usesOneTwoCoding(column: ej)
        var numericValues = [[Double]](repeating: [], count: numeric.count)
        var labelValues = [[String]](repeating: [], count: labels.count)
        for (r, row) in rows.enumerated() {
            if ([tj, ej] + nj + lj).contains(where: { Self.isMissing(row[$0]) }) {
                out.droppedRows += 1
                continue
            }
            guard let t = Double(row[tj].trimmingCharacters(in: .whitespaces)) else {
                throw StatsInputError.notNumeric(file: file, line: lines[r], column: time)
            }
            guard let e = oneTwoCoding ? row[ej].trimmingCharacters(in: .whitespaces) == "2" : Self.parseEvent(row[ej]) else {
                throw StatsInputError.notAnEvent(file: file, line: lines[r], column: event)
            }
            for (k, j) in nj.enumerated() {
                guard let v = Double(row[j].trimmingCharacters(in: .whitespaces)) else {
                    throw StatsInputError.notNumeric(file: file, line: lines[r], column: numeric[k])
                }
                numericValues[k].append(v)
            }
            for (k, j) in lj.enumerated() { labelValues[k].append(row[j].trimmingCharacters(in: .whitespaces)) }
            out.times.append(t)
            out.events.append(e)
        }
        guard !out.times.isEmpty else {
            throw StatsInputError.noCompleteRows(file: file, columns: [time, event] + numeric + labels)
        }
        for (k, name) in numeric.enumerated() { out.numeric[name] = numericValues[k] }
        for (k, name) in labels.enumerated() { out.labels[name] = labelValues[k] }
        return out
    }
}
