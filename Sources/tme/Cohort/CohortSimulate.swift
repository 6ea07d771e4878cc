import ArgumentParser
import Foundation
import Pipeline

/// `tme cohort simulate --config cohorts/demo/cohort.json --out DIR`
struct CohortSimulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Generate a synthetic cohort (clinical, genomics, outcomes, slides, truth, cBioPortal study).")

    @Option(help: "Cohort config JSON (e.g. cohorts/demo/cohort.json).")
    var config: String

    @Option(help: "Output directory (created if missing; existing files are overwritten).")
    var out: String

    @Option(help: "Worker threads for slide rendering (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Override the config's seed.")
    var seed: UInt64?

    @Option(help: "Override the config's patient count.")
    var patients: Int?

    @Flag(help: "Write tables and truth only, no slides.")
    var noSlides = false

    @Flag(help: "Print the summary as JSON on stdout.")
    var json = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be ≥ 1") }
        if let patients, patients < 1 { throw ValidationError("--patients must be ≥ 1") }
    }

    func run() throws {
        var cfg = try CohortSimulation.loadConfig(path: config)
        if let seed { cfg.seed = seed }
        if let patients { cfg.patientCount = patients }
        if noSlides { cfg.slides.render = false }
        try cfg.validate()
        let bar = ReporterBox()
        let summary = try CohortSimulation.write(config: cfg, to: out, workers: jobs) { event in
            switch event {
            case let .planned(p, m, s):
                note("\(p) patients, \(m) mutations, \(s) slides → \(out)")
                bar.start(total: s)
            case .slideWritten:
                bar.advance()
            }
        }
        bar.finish()
        if json {
            let enc = JSONEncoder(); enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try enc.encode(summary), as: UTF8.self))
        } else {
            let t = summary.truth
            print("\(summary.patients) patients, \(summary.slides) slides, \(summary.mutations) mutations → \(out)")
            print(String(format: "response rate %.3f, OS event rate %.3f; oracle AUC %.3f, oracle C (OS) %.3f",
                         t.realisedResponseRate, t.realisedOSEventRate, t.oracleResponseAUC ?? Double.nan, t.oracleOSConcordance ?? Double.nan))
        }
    }
}

/// The slide progress bar, created once the slide count is known (events arrive from worker threads).
private final class ReporterBox: @unchecked Sendable {
    private let lock = NSLock()
    private var reporter: ProgressReporter?

    func start(total: Int) {
        lock.lock(); defer { lock.unlock() }
        if total > 0 { reporter = ProgressReporter("slides", total: total, unit: "slides") }
    }
    func advance() { lock.lock(); let r = reporter; lock.unlock(); r?.advance() }
    func finish() { lock.lock(); let r = reporter; lock.unlock(); r?.finish() }
}
