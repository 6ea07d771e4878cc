import ArgumentParser

/// `tme cohort …`: synthetic cohorts with known truth.
struct CohortCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohort",
        abstract: "Generate synthetic immunotherapy cohorts with known truth.",
        subcommands: [CohortSimulate.self, CohortExamples.self])
}
