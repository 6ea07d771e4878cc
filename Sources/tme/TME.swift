import TMECore
import ArgumentParser

/// The `tme` command line: one subcommand per file, no logic of its own (see STYLE.md).
@main
struct TME: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tme",
        abstract: "TMEScope: tumor microenvironment quantification, biomarkers and response models.",
        discussion: """
            Research use only — not for clinical decisions.
            The database is the embedded cluster under .tme/ unless TME_DATABASE_URL or the PG* \
            variables point elsewhere.
            """,
        version: TMEVersion.string,
        subcommands: [
            DB.self,
            Screen.self,
            GenomicsCommand.self,
            SlideCommand.self,
            Stats.self,
        ]
    )
}
