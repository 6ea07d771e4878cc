import ArgumentParser
import Pipeline

/// `tme report …`: PDF reports for tumor boards (per patient) and trial teams (per cohort).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render PDF reports: one patient, one cohort, or every patient of a cohort.",
        discussion: """
            Reports show what exists: a patient without a model score or a quantified slide gets a report \
            that says so. Files are written atomically (temporary file, then rename). Research use only — \
            not for clinical decisions.
            """,
        subcommands: [ReportPatient.self, ReportCohort.self, ReportAll.self]
    )
}

/// Options shared by every `tme report` subcommand.
struct ReportOptions: ParsableArguments {
    @Flag(help: "Fixed creation date and metadata, so identical inputs give identical bytes.")
    var reproducible = false
    @Option(name: .customLong("page-size"), help: "Page size: a4 or letter.")
    var pageSize = "a4"
    @Flag(name: .customLong("no-cells"), help: "Do not detect and mark cells on the full-resolution tiles.")
    var noCells = false
    @Option(name: .customLong("top-tiles"), help: "Tiles shown at full resolution per slide (0–6).")
    var topTiles = 3

    var parameters: ReportParameters {
        var p = ReportParameters()
        p.reproducible = reproducible
        p.pageSize = pageSize
        p.markCells = !noCells
        p.topTileCount = topTiles
        return p
    }

    func validate() throws {
        do { try parameters.validate() } catch { throw ValidationError("\(error)") }
    }
}
