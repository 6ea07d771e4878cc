/// Everything that can go wrong between TMEScope and PostgreSQL.
///
/// Messages say what failed and what to do. They carry the SQLSTATE and the server's primary
/// message, never bound values or the server's DETAIL line (which can quote row values such as
/// patient identifiers), and never a password from a connection URL.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// Could not connect; `target` is a password-free description of where we tried.
    case connectionFailed(target: String, message: String, hint: String)
    /// The server rejected a statement.
    case server(sqlstate: String, message: String, statement: String)
    /// The connection broke or libpq failed outside a server error.
    case client(message: String, statement: String)
    /// A column could not be decoded as the requested Swift type.
    case decoding(column: String, expected: String, reason: String)
    /// A migration file is unreadable, edited after being applied, or failed.
    case migration(file: String, reason: String)
    /// The embedded cluster under `.tme/` could not be set up or started.
    case embedded(reason: String, fix: String)

    public var description: String {
        switch self {
        case .connectionFailed(let target, let message, let hint):
            "could not connect to PostgreSQL (\(target)): \(message). \(hint)"
        case .server(let sqlstate, let message, let statement):
            "PostgreSQL error \(sqlstate) in \(statement): \(message)"
        case .client(let message, let statement):
            "database connection failed during \(statement): \(message). Check that the server is running (tme db status)."
        case .decoding(let column, let expected, let reason):
            "column \"\(column)\" could not be read as \(expected): \(reason)"
        case .migration(let file, let reason):
            "migration \(file): \(reason)"
        case .embedded(let reason, let fix):
            "embedded PostgreSQL: \(reason). \(fix)"
        }
    }

    /// The SQLSTATE of a server error (e.g. "42501" insufficient privilege), if any.
    public var sqlstate: String? {
        if case .server(let state, _, _) = self { return state }
        return nil
    }
}
