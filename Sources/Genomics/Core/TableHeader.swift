import Tabular

/// The header line of a delimited table: column names and their positions.
public struct TableHeader: Sendable, Hashable, Codable {
    public let columns: [String]
    private let positions: [String: Int]

    /// Builds the header from the reader's header record; throws ``GenomicsError/duplicateColumn(_:column:)``
    /// when a name repeats.
    public init(_ record: DelimitedRecord) throws {
        try self.init(record.texts, at: SourceLocation(source: record.source, line: record.line))
    }

    /// Builds the header from trimmed names.
    public init(_ names: [String], at location: SourceLocation) throws {
        var positions: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            if !name.isEmpty, positions[name] != nil {
                throw GenomicsError.duplicateColumn(location, column: name)
            }
            if !name.isEmpty { positions[name] = i }
        }
        self.columns = names
        self.positions = positions
    }

    /// Position of `name`, or nil.
    public func index(of name: String) -> Int? { positions[name] }

    /// Position of `name`; throws ``GenomicsError/missingColumn(_:column:requiredBy:)`` when absent.
    public func require(_ name: String, at location: SourceLocation, requiredBy: String) throws -> Int {
        guard let i = positions[name] else {
            throw GenomicsError.missingColumn(location, column: name, requiredBy: requiredBy)
        }
        return i
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

extension SourceLocation {
    /// The line of `record` in its source.
    public init(_ record: DelimitedRecord) {
        self.init(source: record.source, line: record.line)
    }
}

extension GenomicsError {
    /// Runs `body`, turning the reader's ``TabularError`` into ``GenomicsError/table(_:)``.
    public static func reading<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as TabularError { throw GenomicsError.table(error) }
    }

    /// Reads `lines` (joined with `\n`, so line numbers are kept) as one input.
    static func readLines<S: Sequence>(_ lines: S, source: String, format: DelimitedFormat,
                                       _ body: (DelimitedRecord) throws -> Void) throws where S.Element == String {
        var bytes: [UInt8] = []
        for line in lines { bytes.append(contentsOf: line.utf8); bytes.append(0x0A) }
        try reading { try DelimitedReader.read(bytes, source: source, format: format, body) }
    }
}
