import CLibPQ
import Foundation

/// One libpq connection. Owns the `PGconn` and closes it in `deinit`.
///
/// Not safe for concurrent use: give each task or thread its own connection (libpq's rule).
/// Every statement goes through `execute(_:_:)`, which binds values as `$n` parameters with
/// `PQexecParams`; statement text never contains user data.
public final class Connection: @unchecked Sendable {
    let handle: OpaquePointer
    /// Password-free description of the server, for messages.
    public let targetDescription: String

    /// Opens a connection to `target`, optionally overriding its database name.
    public init(_ target: ConnectionTarget, database: String? = nil) throws {
        var keywords = target.keywords
        var values = target.values
        if let database { keywords.append("dbname"); values.append(database) }
        keywords.append("application_name"); values.append("tmescope")
        targetDescription = target.description + (database.map { " database \($0)" } ?? "")
        let connection = Self.connect(keywords: keywords, values: values, expandFirstDatabaseName: target.expandsURL)
        guard let connection else {
            throw StoreError.connectionFailed(target: targetDescription, message: "out of memory", hint: "")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(connection))
            PQfinish(connection)
            throw StoreError.connectionFailed(target: targetDescription, message: message, hint: target.hint)
        }
        handle = connection
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        // Dates are exchanged as UTC; notices stay out of the user's terminal.
        _ = try execute("SET TIME ZONE 'UTC'")
        _ = try execute("SET client_min_messages = warning")
    }

    deinit { PQfinish(handle) }

    private static func connect(keywords: [String], values: [String], expandFirstDatabaseName: Bool) -> OpaquePointer? {
        let keywordPointers = keywords.map { strdup($0) }
        let valuePointers = values.map { strdup($0) }
        defer { (keywordPointers + valuePointers).forEach { free($0) } }
        let keys = keywordPointers.map { UnsafePointer($0) } + [nil]
        let vals = valuePointers.map { UnsafePointer($0) } + [nil]
        return PQconnectdbParams(keys, vals, expandFirstDatabaseName ? 1 : 0)
    }

    static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "unknown error" }
        return String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\n", with: " ")
    }

    // MARK: - Statements

    /// Runs one statement with `$1 … $n` bound to `parameters` and returns its rows.
    /// `name` labels the statement in errors (defaults to its first words).
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any SQLParameter] = [], name: String? = nil) throws -> QueryResult {
        let label = name ?? Self.label(sql)
        let texts = parameters.map { $0.sqlText.map { strdup($0) } ?? nil }
        defer { texts.forEach { free($0) } }
        let pointers = texts.map { UnsafePointer($0) }
        let result = pointers.withUnsafeBufferPointer { buffer in
            PQexecParams(handle, sql, Int32(parameters.count), nil, buffer.baseAddress, nil, nil, 0)
        }
        return try check(result, statement: label)
    }

    /// Convenience: the rows of `execute`.
    public func query(_ sql: String, _ parameters: [any SQLParameter] = [], name: String? = nil) throws -> [Row] {
        try execute(sql, parameters, name: name).rows
    }

    /// Runs a multi-statement SQL script with no parameters (migrations only: their text comes
    /// from files in the checkout, never from users).
    func executeScript(_ sql: String, name: String) throws {
        _ = try check(PQexec(handle, sql), statement: name)
    }

    func check(_ result: OpaquePointer?, statement: String) throws -> QueryResult {
        guard let result else {
            throw StoreError.client(message: Self.trimmed(PQerrorMessage(handle)), statement: statement)
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN:
            return QueryResult(taking: result)
        default:
            let error = Self.serverError(result, statement: statement, connection: handle)
            PQclear(result)
            throw error
        }
    }

    static func serverError(_ result: OpaquePointer, statement: String, connection: OpaquePointer) -> StoreError {
        let field = { (code: UInt8) -> String? in
            PQresultErrorField(result, Int32(code)).map { String(cString: $0) }
        }
        guard let sqlstate = field(UInt8(ascii: "C")) else {
            return .client(message: trimmed(PQerrorMessage(connection)), statement: statement)
        }
        // Primary message only: DETAIL can quote row values (e.g. a duplicate patient id).
        return .server(sqlstate: sqlstate, message: field(UInt8(ascii: "M")) ?? "unknown error", statement: statement)
    }

    static func label(_ sql: String) -> String {
        let words = sql.split(whereSeparator: { $0.isWhitespace }).prefix(4).joined(separator: " ")
        return "\"\(words)…\""
    }
}
