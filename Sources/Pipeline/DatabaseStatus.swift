import BiomarkerStore
import Foundation
import TMECore

/// What `tme db status` and `scripts/demo` print about the database.
public struct DatabaseStatus: Sendable {
    public let target: String
    public let serverState: String
    public let migrations: [Migrator.Status]
    public let tableCounts: [(table: String, rows: Int)]

    /// Reads the state without starting anything: a stopped embedded cluster is reported, not started.
    public static func read(project: ProjectDirectory) throws -> DatabaseStatus {
        let migrator = try Migrator(project: project)
        if ConnectionTarget.configured() == nil {
            let cluster = try EmbeddedCluster(project: project)
            let state = try cluster.state()
            guard state == .running else {
                let described = state == .notInitialised ? "not initialised (tme db start creates it)" : "stopped (tme db start)"
                return DatabaseStatus(target: cluster.target().description, serverState: described,
                                      migrations: migrator.migrations.map { Migrator.Status(migration: $0, appliedAt: nil) },
                                      tableCounts: [])
            }
        }
        let target = try Database.target(project: project, start: false)
        let connection = try Connection(target)
        let version: String = try connection.query("SHOW server_version").first?.decode("server_version") ?? "?"
        let statuses = try migrator.status(connection)
        var counts: [(String, Int)] = []
        if statuses.contains(where: { $0.appliedAt != nil }) {
            let tables = try connection.query("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'tme' AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
                ORDER BY c.relname
                """)
            for row in tables {
                let name: String = try row.decode("relname")
                // Row estimates would be stale right after a load; exact counts are cheap at this size.
                let count = try connection.query("SELECT count(*) AS n FROM tme.\(SQLIdentifier.quote(name))")
                counts.append((name, try count.first?.decode("n") ?? 0))
            }
        }
        return DatabaseStatus(target: target.description, serverState: "running (PostgreSQL \(version))",
                              migrations: statuses, tableCounts: counts)
    }

    public var rendered: String {
        var lines = ["database: \(target)", "server:   \(serverState)", "migrations:"]
        for status in migrations {
            let when = status.appliedAt.map { "applied \($0.formatted(.iso8601))" } ?? "pending"
            lines.append("  \(status.migration.fileName)  \(when)")
        }
        if !tableCounts.isEmpty {
            lines.append("tables (rows):")
            for (table, rows) in tableCounts { lines.append("  tme.\(table)  \(rows)") }
        }
        return lines.joined(separator: "\n")
    }
}
