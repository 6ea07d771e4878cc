import ArgumentParser
import Pipeline

/// `tme stats km`: Kaplan–Meier table with Greenwood SE, CIs and median.
struct StatsKM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "km", abstract: "Kaplan–Meier survival with Greenwood SE, confidence intervals and median.")

    @OptionGroup var table: StatsTableOptions
    @Option(name: .long, help: "Column defining groups: one curve per value.")
    var group: String?
    @Option(name: .long, help: "Confidence interval transform: log-log (default, as lifelines), log (R's default) or plain.")
    var confType: KaplanMeierIntervalTransform = .logLog
    @Option(name: .long, help: "Confidence level in (0, 1).")
    var confLevel = 0.95

    func validate() throws {
        guard confLevel > 0, confLevel < 1 else { throw ValidationError("--conf-level must be strictly between 0 and 1") }
    }

    func run() throws {
        let report = try KaplanMeierReport(table: SurvivalTable(contentsOf: table.input, columns: [table.time, table.event] + (group.map { [$0] } ?? [])), time: table.time,
                                           event: table.event, group: group,
                                           confidence: .init(level: confLevel, transform: confType))
        StatsOutput.emit(json: table.json, jsonValue: report.json, text: report.text, droppedRows: report.droppedRows)
    }
}

extension KaplanMeierIntervalTransform: ExpressibleByArgument {}
