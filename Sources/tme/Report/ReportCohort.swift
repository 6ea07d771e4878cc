import ArgumentParser
import Foundation
import Pipeline

/// `tme report cohort NAME --out reports/NAME/cohort.pdf [--criteria FILE]`
struct ReportCohort: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohort",
        abstract: "Render a cohort's trial-team report (KM curves, forest plot, ROC/calibration, screening).")

    @Argument(help: "Cohort name (as given to tme ingest).") var cohort: String
    @Option(help: "Output PDF (default: reports/<cohort>/cohort.pdf).") var out: String?
    @Option(help: "JSON criteria file (as for tme screen) for the screening table.") var criteria: String?
    @OptionGroup var options: ReportOptions

    func run() throws {
        let runner = try ReportRunner(parameters: options.parameters)
        let path = out ?? "reports/\(cohort)/cohort.pdf"
        let bytes = try runner.writeCohort(cohort: cohort, criteriaPath: criteria, to: path, connection: try Workspace.locate().openDatabase(log: note))
        note("wrote \(path) (\(bytes / 1024) KiB)")
    }
}
