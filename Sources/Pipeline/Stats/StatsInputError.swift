import Tabular

/// Why a table given to `tme stats` cannot be analysed. Messages name the file, line and column
/// and what was expected; they never echo cell values (which may identify patients).
public enum StatsInputError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case empty(file: String)
    case missingColumn(file: String, column: String, available: [String])
    /// The text is malformed (encoding, quoting, a row's field count): the reader's error.
    case table(TabularError)
    case notNumeric(file: String, line: Int, column: String)
    case notAnEvent(file: String, line: Int, column: String)
    case noCompleteRows(file: String, columns: [String])

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read (\(reason))"
        case .empty(let file):
            return "\(file): no header row; expected a CSV or TSV file whose first line names the columns"
        case .missingColumn(let file, let column, let available):
            return "\(file): no column '\(column)'; the header has: \(available.joined(separator: ", "))"
        case .table(let error):
            return error.description
        case .notNumeric(let file, let line, let column):
            return "\(file):\(line): column '\(column)' is not a number; expected a number (dummy-code categories), or empty/NA for missing"
        case .notAnEvent(let file, let line, let column):
            return "\(file):\(line): column '\(column)' is not an event indicator; expected 0/1, true/false, R's 1/2 (2 = event) or cBioPortal's 1:DECEASED/0:LIVING"
        case .noCompleteRows(let file, let columns):
            return "\(file): no row has values in all of \(columns.joined(separator: ", "))"
        }
    }
}
