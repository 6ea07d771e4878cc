import ArgumentParser
import CohortSimulator
import Foundation

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
    }

    func run() throws {
        var cfg = try CohortConfig.load(path: config)
        if let seed { cfg.seed = seed }
        if let patients { cfg.patientCount = patients }
        if noSlides { cfg.slides.render = false }
        let start = Date()
        let summary = try CohortWriter.write(config: cfg, to: out, workers: jobs) { line in
            FileHandle.standardError.write(Data("[\(String(format: "%6.1f", Date().timeIntervalSince(start)))s] \(line)\n".utf8))
        }
        if json {
            let enc = JSONEncoder(); enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try enc.encode(summary), as: UTF8.self))
        } else {
            let t = summary.truth
            print("\(summary.patients) patients, \(summary.slides) slides, \(summary.mutations) mutations → \(out)")
            print(String(format: "response rate %.3f, OS event rate %.3f; oracle AUC %.3f, oracle C (OS) %.3f",
                         t.realisedResponseRate, t.realisedOSEventRate, t.oracleResponseAUC ?? .nan, t.oracleOSConcordance ?? .nan))
        }
    }
}
