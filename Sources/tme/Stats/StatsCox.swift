import ArgumentParser
import Pipeline

/// `tme stats cox`: Cox proportional-hazards regression with the full summary.
struct StatsCox: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cox", abstract: "Cox proportional-hazards model: coefficients, hazard ratios, LR test, concordance.")

    @OptionGroup var table: StatsTableOptions
    @Option(name: .long, parsing: .singleValue,
            help: "Comma-separated numeric covariate columns, e.g. age,sex,ecog (quote a name that holds a comma).",
            transform: { try SurvivalTable.columnList($0) })
    var covariates: [[String]]
    @Option(name: .long, help: "Tie handling: efron (default, as R) or breslow.")
    var ties: CoxTies = .efron
    @Option(name: .long, help: "Ridge penalty λ ≥ 0 on the coefficients (0 = none).")
    var ridge = 0.0

    var covariateNames: [String] { covariates.flatMap { $0 }.filter { !$0.isEmpty } }

    func validate() throws {
        guard !covariateNames.isEmpty else { throw ValidationError("--covariates needs at least one column name") }
        guard ridge >= 0 else { throw ValidationError("--ridge must be ≥ 0") }
    }

    func run() throws {
        let report = try CoxReport(table: SurvivalTable(contentsOf: table.input, columns: [table.time, table.event] + covariateNames), time: table.time, event: table.event,
                                   covariates: covariateNames, parameters: .init(ties: ties, ridge: ridge))
        StatsOutput.emit(json: table.json, jsonValue: report.json, text: report.text, droppedRows: report.droppedRows)
    }
}

extension CoxTies: ExpressibleByArgument {}
