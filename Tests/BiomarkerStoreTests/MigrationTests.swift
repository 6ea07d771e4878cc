import BiomarkerStore
import Foundation
import Testing
import TestSupport

@Suite struct MigrationTests {
    static let designTables = ["cohorts", "patients", "samples", "outcomes", "slides", "tiles", "slide_tme", "mutations",
                               "expression", "cnv", "genomic_biomarkers", "model_runs", "predictions", "tile_attention"]
    static let designViews = ["biomarker_summary", "tme_by_slide", "screening_candidates"]

    @Test func secondRunAppliesNothing() throws {
        try TestDatabase.with(migrate: false) { connection, _ in
            let migrator = try Migrator(project: TestDatabase.project)
            let first = try migrator.migrate(connection)
            #expect(first.count == migrator.migrations.count)
            #expect(try migrator.migrate(connection).isEmpty)
            #expect(try migrator.status(connection).allSatisfy { $0.appliedAt != nil })
        }
    }

    @Test func everyDesignTableAndViewExistsWithComments() throws {
        try TestDatabase.with { connection, _ in
            let relations = try connection.query("""
                SELECT c.relname, c.relkind::text AS kind, obj_description(c.oid, 'pg_class') AS comment
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'tme' AND c.relkind IN ('r', 'v')
                """)
            var kinds: [String: String] = [:]
            for row in relations {
                let name: String = try row.decode("relname")
                kinds[name] = try row.decode("kind")
                if name != "schema_migrations" {
                    #expect(try row.decode("comment", as: String?.self) != nil, "table or view \(name) has no COMMENT")
                }
            }
            for table in Self.designTables { #expect(kinds[table] == "r", "missing table tme.\(table)") }
            for view in Self.designViews { #expect(kinds[view] == "v", "missing view tme.\(view)") }
            let uncommented = try connection.query("""
                SELECT c.relname || '.' || a.attname AS col
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'tme' AND c.relkind = 'v' AND a.attnum > 0 AND col_description(c.oid, a.attnum) IS NULL
                """).map { try $0.decode("col", as: String.self) }
            #expect(uncommented.isEmpty, "view columns without COMMENT: \(uncommented)")
        }
    }

    @Test func everyForeignKeyIsIndexed() throws {
        try TestDatabase.with { connection, _ in
            // A foreign key is covered when some index starts with its columns.
            let unindexed = try connection.query("""
                SELECT conrelid::regclass::text AS tab, conname
                FROM pg_constraint c
                WHERE contype = 'f' AND connamespace = 'tme'::regnamespace
                  AND NOT EXISTS (
                    SELECT 1 FROM pg_index i
                    WHERE i.indrelid = c.conrelid
                      AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] = c.conkey)
                """).map { "\(try $0.decode("tab", as: String.self)) \(try $0.decode("conname", as: String.self))" }
            #expect(unindexed.isEmpty, "foreign keys without an index: \(unindexed)")
        }
    }

    @Test func editedAppliedMigrationIsAnErrorNamingTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tme-migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "CREATE TABLE tme.a (x int);".write(to: folder.appendingPathComponent("001_a.sql"), atomically: true, encoding: .utf8)
        try TestDatabase.with(migrate: false) { connection, _ in
            try Migrator(directory: folder).migrate(connection)
            try "CREATE TABLE tme.a (x bigint);".write(to: folder.appendingPathComponent("001_a.sql"), atomically: true, encoding: .utf8)
            do {
                try Migrator(directory: folder).migrate(connection)
                Issue.record("an edited migration must be rejected")
            } catch let error as StoreError {
                #expect(error.description.contains("sql/001_a.sql"))
                #expect(error.description.contains("edited"))
            }
        }
    }

    @Test func failingMigrationLeavesTheLastCompleteOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tme-migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "CREATE TABLE tme.a (x int);".write(to: folder.appendingPathComponent("001_a.sql"), atomically: true, encoding: .utf8)
        try "CREATE TABLE tme.b (x int); SELECT 1/0;".write(to: folder.appendingPathComponent("002_b.sql"), atomically: true, encoding: .utf8)
        try TestDatabase.with(migrate: false) { connection, _ in
            #expect(throws: StoreError.self) { try Migrator(directory: folder).migrate(connection) }
            let tables = try connection.query("SELECT to_regclass('tme.a') IS NOT NULL AS a, to_regclass('tme.b') IS NOT NULL AS b").first!
            #expect(try tables.decode("a", as: Bool.self))
            #expect(try !tables.decode("b", as: Bool.self))
            let versions = try connection.query("SELECT version FROM tme.schema_migrations").map { try $0.decode("version", as: Int.self) }
            #expect(versions == [1])
        }
    }
}
