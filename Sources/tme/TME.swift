import ArgumentParser
import Foundation
import Pipeline
import ProcessTuning

/// The `tme` command line: one subcommand per file, no logic of its own (see STYLE.md).
@main
struct TME: AsyncParsableCommand {
    /// Like ArgumentParser's own entry point, but usage errors exit with 2 (the project's
    /// convention, and the shells'), failures with 1.
    static func main() async {
        ProcessTuning.atStart()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "tme",
        abstract: "TMEScope: tumor microenvironment quantification, biomarkers and response models.",
        discussion: """
            Research use only — not for clinical decisions.
            The database is the embedded cluster under .tme/ unless TME_DATABASE_URL or the PG* \
            variables point elsewhere.
            """,
        version: Workspace.toolVersion,
        subcommands: [
            DB.self,
            Screen.self,
            CohortCommand.self,
            GenomicsCommand.self,
            Ingest.self,
            Quantify.self,
            Train.self,
            Score.self,
            SlideCommand.self,
            Stats.self,
            ReportCommand.self,
        ]
    )
}
