/// The header line of a delimited table: column names and their positions.
public struct TableHeader: Sendable, Hashable, Codable {
    public let columns: [String]
    private let positions: [String: Int]

    /// Builds the header; throws ``GenomicsError/duplicateColumn(_:column:)`` when a name repeats.
    public init(_ fields: [Substring], at location: SourceLocation) throws {
        var columns: [String] = []
        var positions: [String: Int] = [:]
        for (i, raw) in fields.enumerated() {
            let name = String(raw.trimmingSpaces())
            if !name.isEmpty, positions[name] != nil {
                throw GenomicsError.duplicateColumn(location, column: name)
            }
            columns.append(name)
            if !name.isEmpty { positions[name] = i }
        }
        self.columns = columns
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
