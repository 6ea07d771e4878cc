import CLibPQ

/// The rows of one statement. Owns the `PGresult` and frees it in `deinit`.
public final class QueryResult: @unchecked Sendable {
    private let result: OpaquePointer
    public let rowCount: Int
    public let columnNames: [String]
    private let columnIndex: [String: Int]

    init(taking result: OpaquePointer) {
        self.result = result
        rowCount = Int(PQntuples(result))
        // COPY results report columns without names.
        let names = (0..<PQnfields(result)).map { index in PQfname(result, index).map { String(cString: $0) } ?? "#\(index)" }
        columnNames = names
        columnIndex = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    deinit { PQclear(result) }

    /// Rows affected by an INSERT/UPDATE/DELETE/COPY (`PQcmdTuples`), 0 when not applicable.
    public var affectedRows: Int { Int(String(cString: PQcmdTuples(result))) ?? 0 }

    public var rows: [Row] { (0..<rowCount).map { Row(result: self, index: $0) } }

    func text(row: Int, column: Int) -> String? {
        if PQgetisnull(result, Int32(row), Int32(column)) != 0 { return nil }
        return String(cString: PQgetvalue(result, Int32(row), Int32(column)))
    }

    func index(of column: String) throws -> Int {
        guard let index = columnIndex[column] else {
            throw StoreError.decoding(column: column, expected: "a column of the result",
                                      reason: "the result has columns \(columnNames.joined(separator: ", "))")
        }
        return index
    }
}

/// One row of a `QueryResult`, decoded column by column into Swift types.
public struct Row: @unchecked Sendable {
    let result: QueryResult
    public let index: Int

    /// The column's value as `T`; use an optional `T` for nullable columns.
    /// Throws `StoreError.decoding` naming the column (never the value) on NULL or a type mismatch.
    public func decode<T: SQLDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try decode(at: try result.index(of: column), name: column)
    }

    public func decode<T: SQLDecodable>(at position: Int, as type: T.Type = T.self) throws -> T {
        try decode(at: position, name: position < result.columnNames.count ? result.columnNames[position] : "#\(position)")
    }

    private func decode<T: SQLDecodable>(at position: Int, name: String) throws -> T {
        guard position < result.columnNames.count else {
            throw StoreError.decoding(column: name, expected: T.sqlTypeName, reason: "no such column position")
        }
        let text = result.text(row: index, column: position)
        guard let value = T.decode(sqlText: text) else {
            throw StoreError.decoding(column: name, expected: T.sqlTypeName,
                                      reason: text == nil ? "it is NULL" : "the text is not of that type")
        }
        return value
    }
}
