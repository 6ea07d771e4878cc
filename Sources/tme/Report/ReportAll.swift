import ArgumentParser
import Foundation
import Pipeline

/// `tme report all --cohort NAME`
struct ReportAll: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all",
        abstract: "Render every patient's report of a cohort in parallel (one database connection per worker).")

    @Option(help: "Cohort name (as given to tme ingest).") var cohort: String
    @Option(name: .customLong("out-dir"), help: "Output directory (default: reports/<cohort>).") var outDir: String?
    @Option(help: "Parallel workers (default: the number of cores).") var jobs = ProcessInfo.processInfo.activeProcessorCount
    @OptionGroup var options: ReportOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let runner = try ReportRunner(parameters: options.parameters)
        let directory = outDir ?? "reports/\(cohort)"
        let workspace = try Workspace.locate()
        let database = try workspace.connector(log: note)
        _ = try workspace.openDatabase(log: note)  // migrate once before the workers connect
        let count = try CohortRows.patients(cohort: cohort, on: try database.connect()).patients.count
        let progress = ProgressReporter("reports", total: count, unit: "reports")
        let files = try runner.writeAll(cohort: cohort, directory: directory, workers: jobs,
                                        connect: { try database.connect() }, progress: progress)
        progress.finish()
        note("wrote \(files.count) reports to \(directory)")
    }
}
