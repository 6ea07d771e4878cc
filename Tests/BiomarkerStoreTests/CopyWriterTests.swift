import BiomarkerStore
import Testing
import TestSupport

@Suite struct CopyWriterTests {
    @Test func copyStoresEveryRowWithEscapesAndNulls() throws {
        try TestDatabase.with(migrate: false) { connection, _ in
            try connection.execute("CREATE TABLE t (i bigint, d float8, s text, b boolean)")
            let awkward = ["tab\there", "new\nline", "back\\slash", "\\N", "ünïcødé 漢字", "cr\rhere"]
            let stored = try connection.copy(into: "t", columns: ["i", "d", "s", "b"]) { writer in
                for i in 0..<100_000 {
                    writer.append(i - 50_000)
                    writer.append(i % 7 == 0 ? nil : Double(i) / 3)
                    writer.append(awkward[i % awkward.count])
                    writer.append(i % 2 == 0)
                    try writer.endRow()
                }
            }
            #expect(stored == 100_000)
            let summary = try #require(try connection.query(
                "SELECT count(*) AS n, sum(i) AS total, count(d) AS with_d, count(DISTINCT s) AS kinds FROM t").first)
            #expect(try summary.decode("n", as: Int.self) == 100_000)
            #expect(try summary.decode("total", as: Int.self) == (0..<100_000).reduce(0) { $0 + $1 - 50_000 })
            #expect(try summary.decode("with_d", as: Int.self) == 100_000 - (100_000 + 6) / 7)
            let texts = try connection.query("SELECT DISTINCT s FROM t ORDER BY s").map { try $0.decode("s", as: String.self) }
            #expect(Set(texts) == Set(awkward))
            let third = try connection.query("SELECT d FROM t WHERE i = $1", [1 - 50_000]).first!.decode("d", as: Double.self)
            #expect(third == 1.0 / 3)
        }
    }

    @Test func aThrowingBodyAbortsTheCopyAndStoresNothing() throws {
        struct Stop: Error {}
        try TestDatabase.with(migrate: false) { connection, _ in
            try connection.execute("CREATE TABLE t (i bigint)")
            #expect(throws: Stop.self) {
                try connection.copy(into: "t", columns: ["i"]) { writer in
                    for i in 0..<500_000 {
                        writer.append(i)
                        try writer.endRow()
                        if i == 400_000 { throw Stop() }
                    }
                }
            }
            #expect(try connection.query("SELECT count(*) AS n FROM t").first!.decode("n", as: Int.self) == 0)
            // The connection is usable afterwards.
            try connection.execute("INSERT INTO t VALUES (1)")
        }
    }

    @Test func badRowsFailWithTheServerError() throws {
        try TestDatabase.with(migrate: false) { connection, _ in
            try connection.execute("CREATE TABLE t (i integer NOT NULL CHECK (i >= 0))")
            do {
                try connection.copy(into: "t", columns: ["i"]) { writer in
                    for i in [1, 2, -3] { writer.append(i); try writer.endRow() }
                }
                Issue.record("a CHECK violation must fail the COPY")
            } catch let error as StoreError {
                #expect(error.sqlstate == "23514")
            }
            #expect(try connection.query("SELECT count(*) AS n FROM t").first!.decode("n", as: Int.self) == 0)
        }
    }
}
