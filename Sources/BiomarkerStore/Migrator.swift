import Foundation
import TMECore

/// Applies the numbered SQL files of `sql/` (`001_core.sql`, `002_…`) in order (`schema.sql`,
/// the generated snapshot of the result, is not one of them).
///
/// Each file runs in its own transaction together with its row in `tme.schema_migrations`
/// (version, file name, SHA-256 of the text), so a killed run leaves the database at the last
/// complete migration. Files already recorded are skipped; one whose text changed after it was
/// applied is an error naming the file, never silently re-run. A transaction-level advisory lock
/// keeps two migrators from interleaving.
public struct Migrator: Sendable {
    public struct Migration: Sendable, Hashable {
        public let version: Int
        public let fileName: String
        public let sql: String
        public var checksum: String { SHA256.hex(Array(sql.utf8)) }
    }

    public struct Status: Sendable, Hashable {
        public let migration: Migration
        public let appliedAt: Date?

        public init(migration: Migration, appliedAt: Date?) {
            self.migration = migration
            self.appliedAt = appliedAt
        }
    }

    public let migrations: [Migration]
    static let lockKey = 7_236_411_908

    /// Reads every `NNN_name.sql` file in `directory`, ordered by NNN.
    public init(directory: URL) throws {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch {
            throw StoreError.migration(file: directory.path, reason: "the folder cannot be read (\(error.localizedDescription))")
        }
        var found: [Migration] = []
        // schema.sql is the generated snapshot of the result (SchemaSnapshot), not a migration.
        for name in names where name.hasSuffix(".sql") && name != SchemaSnapshot.fileName {
            guard let version = Int(name.prefix { $0.isNumber }), name.first?.isNumber == true else {
                throw StoreError.migration(file: name, reason: "the name must start with a number, like 001_core.sql")
            }
            let url = directory.appendingPathComponent(name)
            guard let sql = try? String(contentsOf: url, encoding: .utf8) else {
                throw StoreError.migration(file: url.path, reason: "not readable as UTF-8 text")
            }
            found.append(Migration(version: version, fileName: name, sql: sql))
        }
        let versions = Dictionary(grouping: found, by: \.version)
        if let clash = versions.values.first(where: { $0.count > 1 }) {
            throw StoreError.migration(file: clash.map(\.fileName).sorted().joined(separator: " and "),
                                       reason: "two files share version \(clash[0].version); renumber one")
        }
        migrations = found.sorted { $0.version < $1.version }
    }

    public init(project: ProjectDirectory) throws { try self.init(directory: project.migrations) }

    /// Applies what is missing; returns the migrations applied by this call (empty when up to date).
    @discardableResult
    public func migrate(_ connection: Connection, log: (String) -> Void = { _ in }) throws -> [Migration] {
        try ensureBookkeeping(connection)
        var applied: [Migration] = []
        for migration in migrations {
            let didApply = try connection.transaction { connection -> Bool in
                try connection.execute("SELECT pg_advisory_xact_lock($1)", [Self.lockKey])
                let recorded = try connection.query(
                    "SELECT checksum FROM tme.schema_migrations WHERE version = $1", [migration.version])
                if let row = recorded.first {
                    let checksum: String = try row.decode("checksum")
                    guard checksum == migration.checksum else {
                        throw StoreError.migration(
                            file: "sql/\(migration.fileName)",
                            reason: "it was edited after being applied (recorded checksum \(checksum.prefix(12))…, file now \(migration.checksum.prefix(12))…). Applied migrations are history: restore the file and put the change in a new numbered migration")
                    }
                    return false
                }
                log("applying sql/\(migration.fileName)")
                do {
                    try connection.executeScript(migration.sql, name: "sql/\(migration.fileName)")
                } catch let error as StoreError {
                    throw StoreError.migration(file: "sql/\(migration.fileName)", reason: error.description)
                }
                try connection.execute(
                    "INSERT INTO tme.schema_migrations (version, file_name, checksum) VALUES ($1, $2, $3)",
                    [migration.version, migration.fileName, migration.checksum])
                return true
            }
            if didApply { applied.append(migration) }
        }
        return applied
    }

    /// Every known migration with the time it was applied (nil = pending).
    public func status(_ connection: Connection) throws -> [Status] {
        let exists = try connection.query("SELECT to_regclass('tme.schema_migrations') IS NOT NULL AS present")
        guard try exists.first?.decode("present", as: Bool.self) == true else {
            return migrations.map { Status(migration: $0, appliedAt: nil) }
        }
        let rows = try connection.query("SELECT version, applied_at FROM tme.schema_migrations")
        var applied: [Int: Date] = [:]
        for row in rows { applied[try row.decode("version")] = try row.decode("applied_at", as: Date.self) }
        return migrations.map { Status(migration: $0, appliedAt: applied[$0.version]) }
    }

    private func ensureBookkeeping(_ connection: Connection) throws {
        try connection.transaction { connection in
            try connection.execute("SELECT pg_advisory_xact_lock($1)", [Self.lockKey])
            try connection.execute("CREATE SCHEMA IF NOT EXISTS tme")
            try connection.execute("""
                CREATE TABLE IF NOT EXISTS tme.schema_migrations (
                    version integer PRIMARY KEY,
                    file_name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
        }
    }
}
