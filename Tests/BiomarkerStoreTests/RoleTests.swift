import BiomarkerStore
import Testing
import TestSupport

@Suite struct RoleTests {
    @Test func analystReadsViewsOnly() throws {
        try TestDatabase.with { connection, _ in
            try connection.execute("INSERT INTO tme.cohorts (name, source_format) VALUES ('c', 'simulated')")
            try connection.execute("SET ROLE tme_analyst")
            #expect(try connection.query("SELECT count(*) AS n FROM tme.biomarker_summary").count == 1)
            #expect(try connection.query("SELECT * FROM tme.tme_by_slide").isEmpty)
            #expect(try connection.query("SELECT * FROM tme.screening_candidates").isEmpty)
            for statement in ["SELECT * FROM tme.patients", "SELECT * FROM tme.cohorts",
                              "INSERT INTO tme.cohorts (name, source_format) VALUES ('x', 'simulated')",
                              "DELETE FROM tme.cohorts", "UPDATE tme.cohorts SET description = 'x'"] {
                do {
                    try connection.execute(statement)
                    Issue.record("analyst must be denied: \(statement)")
                } catch let error as StoreError {
                    #expect(error.sqlstate == "42501", "\(statement): \(error)")
                }
            }
            try connection.execute("RESET ROLE")
        }
    }

    @Test func writerWritesTables() throws {
        try TestDatabase.with { connection, _ in
            try connection.execute("SET ROLE tme_writer")
            try connection.execute("INSERT INTO tme.cohorts (name, source_format) VALUES ('w', 'simulated')")
            #expect(try connection.query("SELECT name FROM tme.cohorts").count == 1)
            try connection.execute("RESET ROLE")
        }
    }
}
