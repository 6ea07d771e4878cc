/// Field separator of a delimited text table.
public enum Delimiter: String, Sendable, Hashable, Codable, CaseIterable {
    case tab
    case comma

    /// Picks the delimiter from a file name: `.csv` → comma, anything else (`.tsv`, `.txt`, `.maf`) → tab.
    public static func forFileName(_ name: String) -> Delimiter {
        var base = name.lowercased()
        if base.hasSuffix(".gz") { base.removeLast(3) }
        return base.hasSuffix(".csv") ? .comma : .tab
    }
}

/// Splitting one line of a delimited table into fields.
///
/// Tab-separated lines are split on every tab, no quoting (MAF, cBioPortal and most genomics TSVs
/// do not quote). Comma-separated lines follow RFC 4180 within a line: a field may be wrapped in
/// double quotes, inside which commas are literal and `""` is one quote. Fields spanning several
/// lines are not supported and are reported as an unterminated quote.
public enum DelimitedText {
    /// Fields of `line`; `nil` when a CSV line has an unterminated quote.
    public static func fields(_ line: String, delimiter: Delimiter) -> [Substring]? {
        switch delimiter {
        case .tab: return splitTabs(line)
        case .comma: return splitCSV(line)
        }
    }

    /// Splits on tab bytes without grapheme analysis (tab is ASCII, so each cut is a valid index).
    public static func splitTabs(_ line: String) -> [Substring] {
        var result: [Substring] = []
        let utf8 = line.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == 0x09 {
                result.append(line[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        result.append(line[start..<utf8.endIndex])
        return result
    }

    static func splitCSV(_ line: String) -> [Substring]? {
        var result: [Substring] = []
        var field = ""
        var inQuotes = false
        var quoted = false
        var iterator = line.unicodeScalars.makeIterator()
        var lookahead: Unicode.Scalar? = iterator.next()
        while let scalar = lookahead {
            lookahead = iterator.next()
            if inQuotes {
                if scalar == "\"" {
                    if lookahead == "\"" { field.unicodeScalars.append("\""); lookahead = iterator.next() } else { inQuotes = false }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "," {
                result.append(Substring(field)); field = ""; quoted = false
            } else if scalar == "\"" && field.isEmpty && !quoted {
                inQuotes = true; quoted = true
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes { return nil }
        result.append(Substring(field))
        return result
    }

    /// Tokens that mean "no value" in genomics and clinical exports (compared after trimming, case-insensitively).
    public static let missingTokens: Set<String> = [
        "", "na", "nan", "n/a", "null", "none", "[not available]", "[not applicable]", "[unknown]",
        "[not evaluated]", "[discrepancy]", "[completed]", "not available", "unknown",
    ]

    /// True when `value` (trimmed) is one of ``missingTokens``.
    public static func isMissing<S: StringProtocol>(_ value: S) -> Bool {
        let trimmed = value.trimmingSpaces()
        let bytes = trimmed.utf8
        guard let first = bytes.first else { return true }
        // Fast path: every token starts with n, u or '[' (either case) and is at most 17 bytes long.
        guard bytes.count <= 17, first == 0x6E || first == 0x4E || first == 0x75 || first == 0x55 || first == 0x5B else {
            return false
        }
        return missingTokens.contains(trimmed.lowercased())
    }
}

extension StringProtocol {
    /// The value without leading and trailing spaces and tabs (byte-level: no grapheme analysis).
    func trimmingSpaces() -> Substring {
        let s = Substring(self)
        let u = s.utf8
        var start = u.startIndex, end = u.endIndex
        while start < end, u[start] == 0x20 || u[start] == 0x09 { start = u.index(after: start) }
        while start < end {
            let last = u.index(before: end)
            guard u[last] == 0x20 || u[last] == 0x09 else { break }
            end = last
        }
        return s[start..<end]
    }
}
