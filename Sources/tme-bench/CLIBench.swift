import ArgumentParser
import BiomarkerStore
import Foundation
import Pipeline

/// Whole-process timings: the `tme` CLI as a user runs it (start-up, reading the file, the computation,
/// printing) against the peer's whole `python3 script.py` or `psql` process, alternating A B A B … on the
/// same input; medians reported, and the median of the pairwise ratios.
struct CLIPairs {
    var ours: [Double] = []
    var theirs: [Double] = []

    var ratio: Double {
        let r = zip(ours, theirs).map { $1 / $0 }.sorted()
        return r[r.count / 2]
    }

    static func median(_ v: [Double]) -> Double { let s = v.sorted(); return s[s.count / 2] }

    /// Runs both commands `runs` times in turn after one unrecorded warm-up of each; a non-zero exit is an error.
    static func time(runs: Int, outputDirectory: URL, environment: [String: String] = [:],
                     before: () throws -> Void = {}, betweenOursAndTheirs: () throws -> Void = {},
                     ours: (String, [String]), theirs: (String, [String])) throws -> CLIPairs {
        var pairs = CLIPairs()
        for run in 0...runs {
            try before()
            let a = try ChildRun.run(ours.0, ours.1, stdout: outputDirectory.appendingPathComponent("ours.out").path,
                                     environment: environment)
            guard a.status == 0 else { throw ValidationError("\(ours.0) \(ours.1.joined(separator: " ")) exited \(a.status)") }
            try betweenOursAndTheirs()
            let b = try ChildRun.run(theirs.0, theirs.1, stdout: outputDirectory.appendingPathComponent("theirs.out").path,
                                     environment: environment)
            guard b.status == 0 else { throw ValidationError("\(theirs.0) \(theirs.1.joined(separator: " ")) exited \(b.status)") }
            if run > 0 { pairs.ours.append(a.wallSeconds); pairs.theirs.append(b.wallSeconds) }
        }
        return pairs
    }
}

/// Finds `tme` beside this executable (both are built into the same `.build/<config>` folder).
func siblingExecutable(_ name: String) -> String {
    URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent(name).path
}

/// `tme stats cox` and `tme stats cindex` against lifelines, whole processes, on the peers' table.
struct StatsCLIBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats-cli",
        abstract: "Whole-process tme stats cox / cindex vs lifelines (python3 scripts/peers/lifelines_*.py) on one CSV.")

    @Option(help: "Rows of the generated table (scripts/peers/make_survival_csv.py).") var rows = 100_000
    @Option(help: "Timed runs of each command (after one warm-up; medians reported).") var runs = 5
    @Option(help: "Python interpreter with numpy, pandas and lifelines (pip install lifelines).") var python = "python3"
    @Option(help: "Folder of the peer scripts.") var peers = "scripts/peers"
    @Option(help: "The tme executable (default: beside tme-bench).") var tme: String?

    func validate() throws {
        guard rows >= 100, runs >= 1 else { throw ValidationError("--rows must be ≥ 100 and --runs ≥ 1") }
    }

    func run() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tme-bench-stats-cli-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("survival.csv").path
        try BenchSupport.run(python, ["\(peers)/make_survival_csv.py", csv, "--rows", String(rows)])
        let tme = self.tme ?? siblingExecutable("tme")
        let covariates = (0..<10).map { "x\($0)" }.joined(separator: ",")
        note("stats-cli: \(rows) rows, \(runs) runs each after a warm-up, alternating; tme = \(tme)")

        let cox = try CLIPairs.time(runs: runs, outputDirectory: dir,
            ours: (tme, ["stats", "cox", "--input", csv, "--time", "time", "--event", "event", "--covariates", covariates]),
            theirs: ("/usr/bin/env", [python, "\(peers)/lifelines_cox.py", csv]))
        let cindex = try CLIPairs.time(runs: runs, outputDirectory: dir,
            ours: (tme, ["stats", "cindex", "--input", csv, "--time", "time", "--event", "event", "--score", "x0"]),
            theirs: ("/usr/bin/env", [python, "\(peers)/lifelines_cindex.py", csv, "x0"]))
        print("whole process (median s)                        tme      lifelines   lifelines/tme")
        print(String(format: "tme stats cox (Efron, 10 covariates)      %8.3f   %10.3f   %8.1fx", CLIPairs.median(cox.ours),
                     CLIPairs.median(cox.theirs), cox.ratio))
        print(String(format: "tme stats cindex                          %8.3f   %10.3f   %8.1fx", CLIPairs.median(cindex.ours),
                     CLIPairs.median(cindex.theirs), cindex.ratio))
    }
}

/// `tme ingest` of a cohort with a large MAF, as a process, against `psql \copy` of the same stored rows.
struct IngestCLIBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest-cli",
        abstract: "Whole-process tme ingest (1M-row MAF) vs psql \\copy of the same rows into the same table.")

    @Option(help: "MAF rows.") var rows = 1_000_000
    @Option(help: "Samples (and patients) in the cohort.") var samples = 500
    @Option(help: "Timed runs of each loader (after one warm-up; medians reported).") var runs = 3
    @Option(help: "The tme executable (default: beside tme-bench).") var tme: String?

    func run() throws {
        let database = try TemporaryDatabase(prefix: "tme_bench", migrate: true)
        defer { try? database.drop() }
        let connection = try database.connect()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tme-bench-ingest-cli-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cohort = folder.appendingPathComponent("cohort")
        try IngestBench.writeCohort(cohort, rows: rows, samples: samples)
        let tme = self.tme ?? siblingExecutable("tme")
        let target = database.target.psqlArguments(database: database.name)
        note("ingest-cli: \(rows) MAF rows, \(samples) samples, \(runs) runs each after a warm-up, database \(database.name)")

        let csv = folder.appendingPathComponent("mutations.csv").path
        let columns = IngestBench.copyColumns
        let psql = ["psql"] + target + ["-v", "ON_ERROR_STOP=1", "-q", "-c",
                                        "\\copy tme.mutations (\(columns)) FROM '\(csv)' WITH (FORMAT csv)"]
        let pairs = try CLIPairs.time(
            runs: runs, outputDirectory: folder, environment: ["TME_DATABASE_URL": target[0]],
            before: { try connection.execute("DELETE FROM tme.cohorts") },
            betweenOursAndTheirs: {
                try check(connection, "tme ingest")
                try BenchSupport.run("psql", target + ["-v", "ON_ERROR_STOP=1", "-q", "-c",
                    "\\copy (SELECT \(columns) FROM tme.mutations ORDER BY mutation_pk) TO '\(csv)' WITH (FORMAT csv)"])
                try connection.execute("DELETE FROM tme.mutations")
            },
            ours: (tme, ["ingest", cohort.path, "--cohort", "bench", "--capture-mb", "38"]),
            theirs: ("/usr/bin/env", psql))
        try check(connection, "psql")
        let a = Double(rows) / CLIPairs.median(pairs.ours), b = Double(rows) / CLIPairs.median(pairs.theirs)
        print("whole process (median)                      s       rows/s")
        print(String(format: "tme ingest (parse+validate+COPY+TMB)  %8.3f  %9.0f", CLIPairs.median(pairs.ours), a))
        print(String(format: "psql \\copy (pre-resolved CSV)         %8.3f  %9.0f", CLIPairs.median(pairs.theirs), b))
        print(String(format: "speed ratio (ours / psql), median of pairs: %.2f", pairs.ratio))
    }

    private func check(_ connection: Connection, _ loader: String) throws {
        let count: Int = try connection.query("SELECT count(*) AS n FROM tme.mutations").first!.decode("n")
        guard count == rows else { throw ValidationError("\(loader) stored \(count) rows, expected \(rows)") }
    }
}
