import ArgumentParser
import Pipeline

/// `tme stats logrank`: k-group log-rank test, optionally stratified and Fleming–Harrington weighted.
struct StatsLogRank: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logrank", abstract: "Log-rank test of k groups (χ², df, p, observed and expected events).")

    @OptionGroup var table: StatsTableOptions
    @Option(name: .long, help: "Column defining the groups to compare.")
    var group: String
    @Option(name: .long, help: "Column defining strata (stratified log-rank test).")
    var strata: String?
    @Option(name: .customLong("fh-p"), help: "Fleming–Harrington exponent p of S(t-) (R's rho); 0 = log-rank.")
    var fhP = 0.0
    @Option(name: .customLong("fh-q"), help: "Fleming–Harrington exponent q of 1 - S(t-); 0 = log-rank.")
    var fhQ = 0.0

    func validate() throws {
        guard fhP >= 0, fhQ >= 0 else { throw ValidationError("--fh-p and --fh-q must be ≥ 0") }
    }

    func run() throws {
        let report = try LogRankReport(table: SurvivalTable(contentsOf: table.input, columns: [table.time, table.event, group] + (strata.map { [$0] } ?? [])), time: table.time, event: table.event,
                                       group: group, stratum: strata, weights: .init(p: fhP, q: fhQ))
        StatsOutput.emit(json: table.json, jsonValue: report.json, text: report.text, droppedRows: report.droppedRows)
    }
}
