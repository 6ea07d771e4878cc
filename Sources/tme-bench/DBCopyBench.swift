import ArgumentParser
import BiomarkerStore
import Foundation
import Pipeline
import TMECore

/// COPY throughput of the libpq wrapper against `psql \copy` of the same rows, same server, same run.
struct DBCopyBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db-copy",
        abstract: "Rows/s of COPY into a tiles-shaped table: TMEScope's CopyWriter vs psql \\copy of the same CSV.")

    @Option(help: "Rows to load per run.") var rows = 1_000_000
    @Option(help: "Runs of each loader (the best run is reported; they alternate to share the machine's noise).")
    var repeats = 3

    func run() async throws {
        let database = try TemporaryDatabase(prefix: "tme_bench", migrate: false)
        defer { try? database.drop() }
        let connection = try database.connect()
        try connection.execute(TilesShape.createTable)
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("tme-bench-tiles-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: csv) }
        try TilesShape.writeCSV(rows: rows, to: csv)
        note("db-copy: \(rows) rows, \(repeats) runs each, database \(database.name)")

        var wrapperSeconds: [Double] = []
        var psqlSeconds: [Double] = []
        for run in 1...repeats {
            try connection.execute("TRUNCATE bench_tiles")
            wrapperSeconds.append(try BenchSupport.seconds { try TilesShape.copy(rows: rows, into: connection) })
            try check(connection, run: run, loader: "wrapper")
            try connection.execute("TRUNCATE bench_tiles")
            let arguments = database.target.psqlArguments(database: database.name) + [
                "-v", "ON_ERROR_STOP=1", "-q", "-c", "\\copy bench_tiles (\(TilesShape.columns.joined(separator: ", "))) FROM '\(csv.path)' WITH (FORMAT csv)",
            ]
            psqlSeconds.append(try BenchSupport.seconds { try BenchSupport.run("psql", arguments) })
            try check(connection, run: run, loader: "psql")
        }
        let ours = Double(rows) / wrapperSeconds.min()!
        let theirs = Double(rows) / psqlSeconds.min()!
        print("loader                  best s   rows/s")
        print(String(format: "TMEScope CopyWriter   %8.3f  %9.0f", wrapperSeconds.min()!, ours))
        print(String(format: "psql \\copy (CSV)      %8.3f  %9.0f", psqlSeconds.min()!, theirs))
        print(String(format: "ratio (ours / psql)   %.2f", ours / theirs))
    }

    private func check(_ connection: Connection, run: Int, loader: String) throws {
        let count: Int = try connection.query("SELECT count(*) AS n FROM bench_tiles").first!.decode("n")
        guard count == rows else { throw ValidationError("\(loader) run \(run) stored \(count) rows, expected \(rows)") }
    }


}
