import ArgumentParser
import Pipeline

/// `tme stats cindex`: Harrell's concordance of a risk score.
struct StatsCIndex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cindex", abstract: "Harrell's C of a risk score (higher score = higher risk) with pair counts.")

    @OptionGroup var table: StatsTableOptions
    @Option(name: .long, help: "Column with the risk score (higher = higher risk).")
    var score: String

    func run() throws {
        let report = try ConcordanceReport(table: SurvivalTable(contentsOf: table.input, columns: [table.time, table.event, score]), time: table.time,
                                           event: table.event, score: score)
        StatsOutput.emit(json: table.json, jsonValue: report.json, text: report.text, droppedRows: report.droppedRows)
    }
}
