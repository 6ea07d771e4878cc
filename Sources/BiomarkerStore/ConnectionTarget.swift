import CLibPQ
import Foundation
import TMECore

/// Where the database is: an explicit URL, the standard libpq environment, or the embedded
/// cluster under `.tme/`. Resolved in that order (see `resolve(environment:)`).
public enum ConnectionTarget: Sendable, CustomStringConvertible {
    /// `TME_DATABASE_URL`: a libpq URI or key=value string.
    case url(String)
    /// `PGHOST`, `PGPORT`, `PGDATABASE`, `PGUSER`, … read by libpq itself.
    case environment([String: String])
    /// The project-local cluster: Unix socket directory, port, superuser, database.
    case embedded(socketDirectory: String, port: Int, user: String, database: String)

    /// libpq variables whose presence means "the user configured a server".
    static let libpqVariables = ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE", "PGPASSWORD"]

    /// The configured target, or `nil` when nothing is configured and the embedded cluster applies.
    public static func configured(environment: [String: String] = ProcessInfo.processInfo.environment) -> ConnectionTarget? {
        if let url = environment["TME_DATABASE_URL"], !url.isEmpty { return .url(url) }
        let set = environment.filter { libpqVariables.contains($0.key) && !$0.value.isEmpty }
        return set.isEmpty ? nil : .environment(set)
    }

    var keywords: [String] {
        switch self {
        case .url: ["dbname"]
        case .environment: []
        case .embedded: ["host", "port", "user", "dbname"]
        }
    }

    var values: [String] {
        switch self {
        case .url(let url): [url]
        case .environment: []
        case .embedded(let socket, let port, let user, let database): [socket, String(port), user, database]
        }
    }

    var expandsURL: Bool { if case .url = self { return true }; return false }

    public var isEmbedded: Bool { if case .embedded = self { return true }; return false }

    /// Where we connect, without any password.
    public var description: String {
        switch self {
        case .url(let url):
            let parts = Self.parse(url)
            let host = parts["host"] ?? "default host"
            let port = parts["port"].map { ":\($0)" } ?? ""
            let database = parts["dbname"].map { " database \($0)" } ?? ""
            return "TME_DATABASE_URL → \(host)\(port)\(database)"
        case .environment(let variables):
            let shown = variables.filter { $0.key != "PGPASSWORD" }.sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            return "libpq environment \(shown)"
        case .embedded(let socket, let port, _, let database):
            return "embedded cluster, socket \(socket) port \(port) database \(database)"
        }
    }

    var hint: String {
        switch self {
        case .url:
            "Check TME_DATABASE_URL (postgresql://user@host:port/dbname) and that the server is running, or unset it to use the embedded cluster under .tme/."
        case .environment:
            "Check the PG* variables and that the server is running, or unset them to use the embedded cluster under .tme/."
        case .embedded:
            "Start it with `tme db start` (or scripts/demo); `tme db status` shows its state and log."
        }
    }

    /// Parses a URL or key=value string with libpq's own parser; malformed input gives no keys.
    static func parse(_ conninfo: String) -> [String: String] {
        guard let options = PQconninfoParse(conninfo, nil) else { return [:] }
        defer { PQconninfoFree(options) }
        var parsed: [String: String] = [:]
        var cursor = options
        while let keyword = cursor.pointee.keyword {
            if let value = cursor.pointee.val { parsed[String(cString: keyword)] = String(cString: value) }
            cursor += 1
        }
        return parsed
    }
}

extension ConnectionTarget {
    /// Arguments that make `psql` connect to this target.
    public var psqlArguments: [String] {
        switch self {
        case .url(let url): [url]
        case .environment: []
        case .embedded(let socket, let port, let user, let database):
            ["host=\(socket) port=\(port) user=\(user) dbname=\(database)"]
        }
    }
}

extension ConnectionTarget {
    /// `psqlArguments` for another database on the same server.
    public func psqlArguments(database: String) -> [String] {
        switch self {
        case .embedded(let socket, let port, let user, _):
            ["host=\(socket) port=\(port) user=\(user) dbname=\(database)"]
        case .url(let url):
            [Self.parse(url).merging(["dbname": database]) { $1 }
                .map { "\($0.key)='\($0.value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'"))'" }
                .joined(separator: " ")]
        case .environment: ["-d", database]
        }
    }
}
