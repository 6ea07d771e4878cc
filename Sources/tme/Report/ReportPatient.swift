import ArgumentParser
import Foundation
import Pipeline

/// `tme report patient ID --cohort NAME --out reports/NAME/ID.pdf`
struct ReportPatient: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patient",
        abstract: "Render one patient's tumor-board report (2–4 pages).")

    @Argument(help: "Pseudonymous patient ID.") var patientID: String
    @Option(help: "Cohort name (as given to tme ingest).") var cohort: String
    @Option(help: "Output PDF (default: reports/<cohort>/<patient>.pdf).") var out: String?
    @OptionGroup var options: ReportOptions

    func run() throws {
        let runner = try ReportRunner(parameters: options.parameters)
        let path = out ?? "reports/\(cohort)/\(ReportRunner.fileName(patientID)).pdf"
        let bytes = try runner.writePatient(patientID: patientID, cohort: cohort, to: path, connection: try Workspace.locate().openDatabase(log: note))
        note("wrote \(path) (\(bytes / 1024) KiB)")
    }
}
