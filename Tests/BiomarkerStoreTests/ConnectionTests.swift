import BiomarkerStore
import Foundation
import Testing
import TestSupport

@Suite struct ConnectionTests {
    @Test func parametersRoundTripThroughTheServer() throws {
        try TestDatabase.with(migrate: false) { connection, _ in
            let date = Date(timeIntervalSince1970: 1_700_000_000.25)
            let row = try #require(try connection.query(
                "SELECT $1::text AS t, $2::bigint AS i, $3::float8 AS d, $4::boolean AS b, $5::timestamptz AS ts, $6::text AS n, $7::date AS day",
                ["it's \"quoted\"; DROP TABLE x; --", -42, 0.1, true, date, Optional<String>.none, "2024-02-29"]).first)
            #expect(try row.decode("t", as: String.self) == "it's \"quoted\"; DROP TABLE x; --")
            #expect(try row.decode("i", as: Int.self) == -42)
            #expect(try row.decode("d", as: Double.self) == 0.1)
            #expect(try row.decode("b", as: Bool.self) == true)
            #expect(try row.decode("ts", as: Date.self) == date)
            #expect(try row.decode("n", as: String?.self) == nil)
            #expect(try row.decode("day", as: Date.self) == Date(timeIntervalSince1970: 1_709_164_800))
        }
    }

    @Test func decodingErrorsNameTheColumnNotTheValue() throws {
        try TestDatabase.with(migrate: false) { connection, _ in
            let row = try #require(try connection.query("SELECT 'secret-P001'::text AS patient, NULL::int AS missing").first)
            do {
                _ = try row.decode("patient", as: Int.self)
                Issue.record("decoding text as Int must fail")
            } catch let error as StoreError {
                #expect(error.description.contains("patient"))
                #expect(!error.description.contains("secret-P001"))
            }
            #expect(throws: StoreError.self) { try row.decode("missing", as: Int.self) }
            #expect(try row.decode("missing", as: Int?.self) == nil)
        }
    }

    @Test func serverErrorsCarrySQLStateButNoBoundValues() throws {
        try TestDatabase.with { connection, _ in
            try connection.execute("INSERT INTO tme.cohorts (name, source_format) VALUES ($1, 'simulated')", ["c1"])
            let cohort: Int = try connection.query("SELECT cohort_id FROM tme.cohorts").first!.decode("cohort_id")
            try connection.execute("INSERT INTO tme.patients (cohort_id, patient_id) VALUES ($1, $2)", [cohort, "PSEUDO-77"])
            do {
                try connection.execute("INSERT INTO tme.patients (cohort_id, patient_id) VALUES ($1, $2)", [cohort, "PSEUDO-77"])
                Issue.record("duplicate patient must fail")
            } catch let error as StoreError {
                #expect(error.sqlstate == "23505")
                #expect(!error.description.contains("PSEUDO-77"))
            }
        }
    }

    @Test func transactionRollsBackOnThrow() throws {
        struct Boom: Error {}
        try TestDatabase.with { connection, _ in
            #expect(throws: Boom.self) {
                try connection.transaction { connection in
                    try connection.execute("INSERT INTO tme.cohorts (name, source_format) VALUES ('gone', 'simulated')")
                    throw Boom()
                }
            }
            _ = try connection.transaction { connection in
                try connection.execute("INSERT INTO tme.cohorts (name, source_format) VALUES ('kept', 'simulated')")
            }
            let names = try connection.query("SELECT name FROM tme.cohorts ORDER BY name").map { try $0.decode("name", as: String.self) }
            #expect(names == ["kept"])
        }
    }

    @Test func wrongURLGivesOneParagraphWithoutPassword() throws {
        let target = ConnectionTarget.url("postgresql://alice:hunter2@127.0.0.1:1/nowhere?connect_timeout=2")
        do {
            _ = try Connection(target)
            Issue.record("connecting to port 1 must fail")
        } catch let error as StoreError {
            let text = error.description
            #expect(text.contains("could not connect"))
            #expect(text.contains("127.0.0.1:1"))
            #expect(text.contains("TME_DATABASE_URL"))
            #expect(!text.contains("hunter2"))
        }
    }
}
