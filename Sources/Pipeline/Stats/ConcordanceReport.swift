import Foundation
import Survival

/// `tme stats cindex`: Harrell's C of a score column (higher score = higher risk).
public struct ConcordanceReport: Sendable {
    public var result: Concordance.Result
    public var droppedRows: Int

    public init(table: SurvivalTable, time: String, event: String, score: String) throws {
        let cols = try table.columns(time: time, event: event, numeric: [score])
        result = try Concordance.harrell(times: cols.times, events: cols.events, scores: cols.numeric[score]!)
        droppedRows = cols.droppedRows
    }

    /// `{"cindex","concordant","discordant","tied_risk","comparable"}`.
    public var json: StatsJSON {
        .object([
            ("cindex", .number(result.cindex)), ("concordant", .int(result.concordant)),
            ("discordant", .int(result.discordant)), ("tied_risk", .int(result.tiedRisk)),
            ("comparable", .int(result.comparable)),
        ])
    }

    public var text: String {
        "Harrell's C = \(StatsText.number(result.cindex, 6)) (concordant \(result.concordant), discordant \(result.discordant), "
            + "tied risk \(result.tiedRisk), comparable pairs \(result.comparable))\n"
    }
}
