import Foundation
import Survival

/// `tme stats logrank`: the (weighted, optionally stratified) log-rank test of a table.
public struct LogRankReport: Sendable {
    public var result: LogRankResult
    public var droppedRows: Int

    public init(table: SurvivalTable, time: String, event: String, group: String, stratum: String? = nil,
                weights: LogRank.Weights = .logRank) throws {
        let cols = try table.columns(time: time, event: event, labels: [group] + (stratum.map { [$0] } ?? []))
        result = try LogRank.test(times: cols.times, events: cols.events, groups: cols.labels[group]!,
                                  strata: stratum.map { cols.labels[$0]! }, weights: weights)
        droppedRows = cols.droppedRows
    }

    /// `{"chi2","df","p","groups":[{"group","observed","expected"}]}`.
    public var json: StatsJSON {
        .object([
            ("chi2", .number(result.chiSquare)), ("df", .int(result.degreesOfFreedom)), ("p", .number(result.pValue)),
            ("groups", .array(result.groups.map {
                .object([("group", .string($0.group)), ("observed", .number($0.observed)), ("expected", .number($0.expected))])
            })),
        ])
    }

    public var text: String {
        var out = StatsText.pad(["group", "N", "observed", "expected", "(O-E)^2/E"], width: 12) + "\n"
        for g in result.groups {
            let contribution = g.expected > 0 ? (g.observed - g.expected) * (g.observed - g.expected) / g.expected : .nan
            out += StatsText.pad([g.group, "\(g.subjects)", StatsText.number(g.observed, 6), StatsText.number(g.expected, 6), StatsText.number(contribution, 4)], width: 12) + "\n"
        }
        out += "\nChisq = \(StatsText.number(result.chiSquare, 6)) on \(result.degreesOfFreedom) degrees of freedom, p = \(StatsText.number(result.pValue, 4))\n"
        return out
    }
}
