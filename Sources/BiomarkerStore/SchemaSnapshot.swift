import Foundation
import TMECore

/// `sql/schema.sql`: the whole migrated schema in one file, for readers.
///
/// Made by `pg_dump --schema-only --no-owner --schema=tme` of a throwaway database that has just
/// had every migration applied, then normalised so the same migrations always give the same
/// bytes: pg_dump's version lines, its per-run `\restrict` key, the session `SET`s and the name of
/// the role that ran the migrations (`Owner:` in headers, `FOR ROLE` in default privileges) are
/// removed. The snapshot is read, never applied: the migrations stay the source of truth, and a
/// test fails when the two disagree (regenerate with `tme db schema --out sql/schema.sql`).
public enum SchemaSnapshot {
    /// The file name of the snapshot inside `sql/`; `Migrator` skips it.
    public static let fileName = "schema.sql"

    static let header = """
        -- TMEScope schema snapshot: every migration in sql/ applied to an empty database, dumped with
        -- pg_dump --schema-only --no-owner --schema=tme and normalised (no versions, owners or SETs).
        -- Generated; do not edit. The numbered migrations are the source of truth. After adding or
        -- changing one, regenerate with:  .build/debug/tme db schema --out sql/schema.sql
        -- (a test checks that this file equals what the migrations produce).


        """

    /// Creates a throwaway database on the configured server, migrates it, dumps and normalises
    /// its schema, and drops it.
    public static func generate(project: ProjectDirectory) throws -> String {
        let database = try TemporaryDatabase(prefix: "tme_schema", project: project, migrate: true)
        defer { try? database.drop() }
        return try dump(target: database.target, database: database.name)
    }

    /// The normalised schema of `database` on the server `target` points at.
    public static func dump(target: ConnectionTarget, database: String) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tme-schema-\(getpid())-\(UUID().uuidString).sql")
        defer { try? FileManager.default.removeItem(at: output) }
        let arguments = [try EmbeddedCluster.binary("pg_dump"), "--schema-only", "--no-owner", "--schema=tme",
                         "--file=\(output.path)"] + target.psqlArguments(database: database)
        let outcome = try ProcessRunner.run(arguments)
        guard outcome.exitCode == 0, let text = try? String(contentsOf: output, encoding: .utf8) else {
            throw StoreError.embedded(reason: "pg_dump failed: \(outcome.output.suffixLines(5))",
                                      fix: "Install the PostgreSQL client of the server's version (apt-get install postgresql-client) or set TME_PG_BINDIR.")
        }
        return normalise(text)
    }

    /// Removes what varies between runs, servers and users from pg_dump's output, collapses runs
    /// of blank lines and puts the snapshot header on top.
    public static func normalise(_ dump: String) -> String {
        var lines: [Substring] = []
        for var line in dump.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("\\restrict ") || line.hasPrefix("\\unrestrict ") || line.hasPrefix("-- Dumped from ")
                || line.hasPrefix("-- Dumped by ") || line.hasPrefix("SET ") || line.hasPrefix("SELECT pg_catalog.set_config(") {
                continue
            }
            if line.hasPrefix("-- Name: "), let owner = line.range(of: "; Owner: ") {
                line = line[..<owner.lowerBound]
            }
            if line.hasPrefix("ALTER DEFAULT PRIVILEGES FOR ROLE "),
               let schema = line.range(of: " IN SCHEMA ") {
                line = "ALTER DEFAULT PRIVILEGES" + line[schema.lowerBound...]
            }
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if lines.last?.isEmpty ?? true { continue }
                line = ""
            }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        // pg_dump's own "-- PostgreSQL database dump" banner stays: it says what made the body.
        return header + lines.joined(separator: "\n") + "\n"
    }
}
