import ArgumentParser
import Foundation
import Pipeline
import ProcessTuning

/// `tme-bench quantify-validate --cohort-dir DIR`: the quantifier against a simulated cohort's per-cell truth,
/// printed as the Markdown of VALIDATION.md (issue 8).
struct QuantifyValidateBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantify-validate",
        abstract: "Nucleus F1, class confusion, count errors, phenotype and TPS against a simulated cohort's truth (Markdown).")

    @Option(name: .customLong("cohort-dir"), help: "A folder written by `tme cohort simulate`.") var cohortDirectory: String
    @Option(help: "At most this many slides (manifest order).") var limit: Int?
    @Option(help: "Worker threads.") var workers = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        let started = Date()
        _ = AllocatorTuning.applied  // as in `tme quantify`: keep freed tile buffers for the next tile
        let results = try CohortValidation.run(directory: cohortDirectory, limit: limit, workers: workers) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        print(ValidationMarkdown.render(results))
        FileHandle.standardError.write(Data(String(format: "%d slides in %.1f s\n", results.count, Date().timeIntervalSince(started)).utf8))
    }
}
