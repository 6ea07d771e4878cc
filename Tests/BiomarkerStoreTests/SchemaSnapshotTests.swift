import BiomarkerStore
import Foundation
import Testing
import TestSupport

@Suite struct SchemaSnapshotTests {
    /// The committed sql/schema.sql must be exactly what the migrations produce today.
    @Test func committedSnapshotEqualsTheMigratedSchema() throws {
        let file = TestDatabase.project.migrations.appendingPathComponent(SchemaSnapshot.fileName)
        let committed = try String(contentsOf: file, encoding: .utf8)
        let produced = try TestDatabase.with { _, database in
            try SchemaSnapshot.dump(target: database.target, database: database.name)
        }
        let committedLines = committed.split(separator: "\n", omittingEmptySubsequences: false)
        let producedLines = produced.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference = zip(committedLines, producedLines).enumerated().first { $0.element.0 != $0.element.1 }
        let identical = committed == produced  // a Bool, so a failure prints the message, not 2,600 lines
        #expect(identical, """
            sql/schema.sql is not what the migrations produce (\(committedLines.count) vs \(producedLines.count) lines; \
            first difference at line \((firstDifference?.offset ?? min(committedLines.count, producedLines.count)) + 1): \
            \(firstDifference.map { "\"\($0.element.0)\" vs \"\($0.element.1)\"" } ?? "one is a prefix of the other")). \
            Regenerate it with `.build/debug/tme db schema --out sql/schema.sql`.
            """)
        // The snapshot is a real schema, not an empty dump: the design's tables are in it.
        for table in MigrationTests.designTables {
            #expect(committed.contains("CREATE TABLE tme.\(table) ("), "sql/schema.sql has no table tme.\(table)")
        }
    }

    /// The dump of a fresh database never depends on who ran it or when.
    @Test func twoDumpsAreIdenticalAndFreeOfRunSpecificLines() throws {
        let first = try TestDatabase.with { _, database in try SchemaSnapshot.dump(target: database.target, database: database.name) }
        let second = try TestDatabase.with { _, database in try SchemaSnapshot.dump(target: database.target, database: database.name) }
        #expect(first == second)
        for volatile in ["\\restrict", "Dumped from", "Owner:", "FOR ROLE", "tme_test_"] {
            #expect(!first.contains(volatile), "the snapshot still contains \(volatile)")
        }
    }

    @Test func normaliseStripsVersionsOwnersRestrictKeysAndSessionSettings() {
        let raw = """
            --
            -- PostgreSQL database dump
            --

            \\restrict AbC123

            -- Dumped from database version 15.18
            -- Dumped by pg_dump version 15.18

            SET statement_timeout = 0;
            SELECT pg_catalog.set_config('search_path', '', false);


            --
            -- Name: a; Type: TABLE; Schema: tme; Owner: alice
            --

            CREATE TABLE tme.a (x integer);
            ALTER DEFAULT PRIVILEGES FOR ROLE alice IN SCHEMA tme GRANT SELECT ON TABLES  TO tme_writer;

            \\unrestrict AbC123

            """
        let normalised = SchemaSnapshot.normalise(raw)
        #expect(normalised.hasPrefix("-- TMEScope schema snapshot"))
        #expect(normalised.hasSuffix("""

            --
            -- PostgreSQL database dump
            --

            --
            -- Name: a; Type: TABLE; Schema: tme
            --

            CREATE TABLE tme.a (x integer);
            ALTER DEFAULT PRIVILEGES IN SCHEMA tme GRANT SELECT ON TABLES  TO tme_writer;

            """), "\(normalised)")
    }
}
