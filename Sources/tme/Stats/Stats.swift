import ArgumentParser

/// `tme stats …`: survival statistics on a CSV/TSV table, for analysts checking numbers against R.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Survival statistics (Kaplan–Meier, log-rank, Cox, concordance) on a CSV or TSV table.",
        discussion: """
            The table needs a header row. Covariates must be numeric (dummy-code categories yourself); \
            empty cells and NA are missing and such rows are dropped (counted on stderr). The event \
            column accepts 0/1, true/false and cBioPortal's 1:DECEASED/0:LIVING.
            """,
        subcommands: [StatsKM.self, StatsLogRank.self, StatsCox.self, StatsCIndex.self]
    )
}

/// The options every `tme stats` subcommand shares.
struct StatsTableOptions: ParsableArguments {
    @Option(name: .long, help: "CSV or TSV file with a header row.")
    var input: String
    @Option(name: .long, help: "Column with follow-up times (any unit, ≥ 0).")
    var time: String
    @Option(name: .long, help: "Column with the event indicator (1 = event, 0 = censored).")
    var event: String
    @Flag(name: .long, help: "Print JSON instead of a readable table.")
    var json = false
}
