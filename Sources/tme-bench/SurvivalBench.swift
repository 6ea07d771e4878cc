import ArgumentParser
import Foundation
import TMECore
import Pipeline
import Survival

/// Cox fit and Harrell's C against lifelines on the same synthetic data in the same run.
struct SurvivalBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survival",
        abstract: "Cox PH (Efron) on N×P and Harrell's C on M subjects: TMEScope vs lifelines, same data, same run.")

    @Option(help: "Subjects in the Cox benchmark.") var coxSubjects = 100_000
    @Option(help: "Covariates in the Cox benchmark.") var covariates = 10
    @Option(help: "Subjects in the concordance benchmark.") var cindexSubjects = 1_000_000
    @Option(help: "Runs of each implementation (the best is reported).") var repeats = 3
    @Option(help: "Python interpreter with lifelines installed (pip install lifelines).") var python = "python3"
    @Option(help: "Seed of the synthetic data.") var seed: UInt64 = 2026
    @Option(help: "Resolution of the follow-up times in years (1/365.25 = whole days; coarser grids mean more ties).")
    var timeGrid = 1 / 365.25

    func validate() throws {
        guard coxSubjects >= 10, covariates >= 1, cindexSubjects >= 10, repeats >= 1 else {
            throw ValidationError("sizes must be ≥ 10 subjects, ≥ 1 covariate and ≥ 1 repeat")
        }
        guard timeGrid > 0, timeGrid <= 1 else { throw ValidationError("--time-grid must be in (0, 1] years") }
    }

    func run() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tme-bench-survival-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SurvivalBenchRandom(seed: seed)
        let cox = SyntheticSurvival.make(subjects: coxSubjects, covariates: covariates, grid: timeGrid, rng: &rng)
        let conc = SyntheticSurvival.make(subjects: cindexSubjects, covariates: 1, grid: timeGrid, rng: &rng)
        try cox.writeCSV(to: dir.appendingPathComponent("cox.csv"))
        try conc.writeCSV(to: dir.appendingPathComponent("cindex.csv"))
        note("survival: Cox \(coxSubjects)×\(covariates) (\(Set(cox.times).count) distinct times), "
             + "Harrell's C on \(cindexSubjects); best of \(repeats)")

        let covs = (0..<covariates).map { Covariate(name: "x\($0)", values: cox.columns[$0]) }
        var model: CoxModel?
        let coxSeconds = try best { model = try CoxModel.fit(times: cox.times, events: cox.events, covariates: covs) }
        var cindex: Concordance.Result?
        let cSeconds = try best {
            cindex = try Concordance.harrell(times: conc.times, events: conc.events, scores: conc.columns[0])
        }
        let peer = try runLifelines(dir: dir)
        let maxDiff = zip(model!.coefficients, peer.coefficients).map { abs($0 - $1) }.max() ?? .nan

        print("benchmark                          TMEScope s   lifelines s   speed-up")
        print(String(format: "Cox Efron %7d x %-3d             %9.3f   %11.3f   %7.1fx",
                     coxSubjects, covariates, coxSeconds, peer.coxSeconds, peer.coxSeconds / coxSeconds))
        print(String(format: "Harrell's C %8d                %9.3f   %11.3f   %7.1fx",
                     cindexSubjects, cSeconds, peer.cindexSeconds, peer.cindexSeconds / cSeconds))
        print(String(format: "agreement: max |Δcoef| = %.2e, C = %.10f (lifelines %.10f)",
                     maxDiff, cindex!.cindex, peer.cindex))
    }

    private func best(_ body: () throws -> Void) throws -> Double {
        var times: [Double] = []
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return times.min()!
    }

    struct PeerResult: Decodable {
        var coxSeconds: Double
        var cindexSeconds: Double
        var coefficients: [Double]
        var cindex: Double
    }

    /// Runs the same fits in lifelines (data loading excluded from the timings, best of `repeats`).
    private func runLifelines(dir: URL) throws -> PeerResult {
        let script = try PeerScript.path("lifelines_survival_bench.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script, dir.path, String(repeats)]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("lifelines run failed (exit \(process.terminationStatus)); install it with `pip install lifelines`")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(PeerResult.self, from: data)
    }
}

/// Proportional-hazards data with known β: xⱼ ~ N(0, 1), βⱼ = ±0.1·(j+1), exponential event times
/// (baseline hazard 1/year), uniform censoring over 5 years, times rounded up to the grid (whole
/// days by default, as clinical follow-up), so that ties occur as in real data.
struct SyntheticSurvival {
    var times: [Double]
    var events: [Bool]
    var columns: [[Double]]

    static func make(subjects n: Int, covariates p: Int, grid: Double, rng: inout SurvivalBenchRandom) -> SyntheticSurvival {
        let beta: [Double] = (0..<p).map { (j: Int) -> Double in
            let sign: Double = j % 2 == 0 ? 1 : -1
            return sign * 0.1 * Double(j + 1)
        }
        var columns: [[Double]] = []
        for _ in 0..<p {
            var column = [Double](repeating: 0, count: n)
            for i in 0..<n { column[i] = rng.normal() }
            columns.append(column)
        }
        var times = [Double](repeating: 0, count: n), events = [Bool](repeating: false, count: n)
        for i in 0..<n {
            var eta = 0.0
            for j in 0..<p { eta += beta[j] * columns[j][i] }
            let event = -log(rng.uniform()) * exp(-eta)
            let censor = rng.uniform() * 5
            times[i] = (min(event, censor) / grid).rounded(.up) * grid
            events[i] = event <= censor
        }
        return SyntheticSurvival(times: times, events: events, columns: columns)
    }

    func writeCSV(to url: URL) throws {
        var text = "time,event," + columns.indices.map { "x\($0)" }.joined(separator: ",") + "\n"
        let perRow: Int = 12 + 20 * columns.count
        text.reserveCapacity(times.count * perRow)
        for i in times.indices {
            text += "\(times[i]),\(events[i] ? 1 : 0)"
            for c in columns { text += ",\(c[i])" }
            text += "\n"
        }
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
}

/// TMECore's SplitMix64 with uniform and Box–Muller normal draws (deterministic bench data).
struct SurvivalBenchRandom {
    var generator: SplitMix64
    init(seed: UInt64) { generator = SplitMix64(seed: seed) }
    mutating func next() -> UInt64 { generator.next() }
    /// Uniform on (0, 1).
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }
    mutating func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform()) }
}
