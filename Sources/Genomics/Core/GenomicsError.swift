import Tabular

/// Where a problem was found: the input's name (usually its file name) and a 1-based line number.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var source: String
    public var line: Int

    public init(source: String, line: Int) {
        self.source = source
        self.line = line
    }

    /// `file:line`, the form compilers and editors understand.
    public var description: String { "\(source):\(line)" }
}

/// Every error the Genomics module throws. Each case carries the input name and line, the column,
/// the offending value where it is not an identifier (patient, sample and barcode values are never
/// echoed: the column name and line are enough to find them), and what was expected.
public enum GenomicsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input ended before a header line was seen.
    case missingHeader(source: String)
    /// A column is absent from the header line; `requiredBy` says who needs it ("a MAF file").
    case missingColumn(SourceLocation, column: String, requiredBy: String)
    /// The header names a column twice.
    case duplicateColumn(SourceLocation, column: String)
    /// The text itself is malformed (encoding, quoting, a row's field count): the reader's error.
    case table(TabularError)
    /// A required value is empty.
    case emptyValue(SourceLocation, column: String)
    /// A value is malformed. `value` is nil for identifier columns, which are not echoed.
    case invalidValue(SourceLocation, column: String, value: String?, expected: String, hint: String?)
    /// A key (gene, patient, sample) appears twice; `firstLine` is where it was first seen.
    case duplicateKey(SourceLocation, column: String, firstLine: Int)
    /// Rows of one file name different genome builds.
    case mixedGenomeBuilds(SourceLocation, first: String, firstLine: Int, found: String)
    /// Two columns of one row contradict each other (e.g. an event without a time).
    case inconsistentRow(SourceLocation, message: String)
    /// An algorithm parameter is out of its documented range.
    case invalidParameter(name: String, value: String, expected: String)
    /// The input holds a header but no data where data are required.
    case noData(source: String, what: String)

    public var description: String {
        switch self {
        case .missingHeader(let source):
            return "\(source): no header line found (expected a tab-separated header after any '#' comment lines)"
        case .missingColumn(let loc, let column, let requiredBy):
            return "\(loc): header has no \(column) column, which \(requiredBy) requires"
        case .duplicateColumn(let loc, let column):
            return "\(loc): header names column \(column) twice; rename or remove one"
        case .table(let error):
            return error.description
        case .emptyValue(let loc, let column):
            return "\(loc): \(column) is empty; a value is required"
        case .invalidValue(let loc, let column, let value, let expected, let hint):
            let shown = value.map { " \"\(Self.clip($0))\"" } ?? ""
            let tail = hint.map { " (\($0))" } ?? ""
            return "\(loc): \(column)\(shown) is not \(expected)\(tail)"
        case .duplicateKey(let loc, let column, let firstLine):
            return "\(loc): duplicate \(column) (first seen at line \(firstLine)); each must appear once"
        case .mixedGenomeBuilds(let loc, let first, let firstLine, let found):
            return "\(loc): NCBI_Build \"\(Self.clip(found))\" differs from \"\(Self.clip(first))\" at line \(firstLine); "
                + "lift all variants to one build before loading"
        case .inconsistentRow(let loc, let message):
            return "\(loc): \(message)"
        case .invalidParameter(let name, let value, let expected):
            return "parameter \(name) = \(value) is not \(expected)"
        case .noData(let source, let what):
            return "\(source): no \(what) found after the header"
        }
    }

    /// Long values are cut so a message stays one readable line.
    static func clip(_ value: String) -> String {
        value.count <= 60 ? value : String(value.prefix(57)) + "..."
    }
}
