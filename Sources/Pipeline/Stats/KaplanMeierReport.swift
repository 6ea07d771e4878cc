import Foundation
import Survival

/// `tme stats km`: Kaplan–Meier curves of a table, optionally one per group, as JSON or text.
public struct KaplanMeierReport: Sendable {
    public var groups: [KaplanMeierGroup]
    public var droppedRows: Int

    public init(table: SurvivalTable, time: String, event: String, group: String?,
                confidence: ConfidenceInterval = ConfidenceInterval()) throws {
        let cols = try table.columns(time: time, event: event, labels: group.map { [$0] } ?? [])
        if let group {
            groups = try KaplanMeier.fit(times: cols.times, events: cols.events, groups: cols.labels[group]!,
                                         confidence: confidence)
        } else {
            groups = [KaplanMeierGroup(group: "all", curve: try KaplanMeier.fit(times: cols.times, events: cols.events,
                                                                               confidence: confidence))]
        }
        droppedRows = cols.droppedRows
    }

    /// `{"groups":[{"group","n","events","median","median_ci":[lo,hi],"table":[{time, n_at_risk, n_event,
    /// n_censored, survival, se, ci_lower, ci_upper}]}]}` — `se` is the Greenwood SE of S(t).
    public var json: StatsJSON {
        .object([("groups", .array(groups.map { g in
            let ci = g.curve.medianInterval
            return .object([
                ("group", .string(g.group)),
                ("n", .int(g.curve.subjects)),
                ("events", .int(g.curve.events)),
                ("median", .number(g.curve.median)),
                ("median_ci", .array([.number(ci.lower), .number(ci.upper)])),
                ("table", .array(g.curve.steps.map { s in
                    .object([
                        ("time", .number(s.time)), ("n_at_risk", .int(s.atRisk)), ("n_event", .int(s.events)),
                        ("n_censored", .int(s.censored)), ("survival", .number(s.survival)),
                        ("se", .number(s.standardError)), ("ci_lower", .number(s.lower)), ("ci_upper", .number(s.upper)),
                    ])
                })),
            ])
        }))])
    }

    /// A readable table per group.
    public var text: String {
        var out = ""
        for g in groups {
            let c = g.curve
            let ci = c.medianInterval
            let level = Int((c.confidence.level * 100).rounded())
            out += "group \(g.group): n = \(c.subjects), events = \(c.events), median = \(StatsText.number(c.median)) "
                + "(\(level)% CI \(StatsText.number(ci.lower)) – \(StatsText.number(ci.upper)), \(c.confidence.transform.rawValue))\n"
            out += StatsText.pad(["time", "n.risk", "n.event", "n.censor", "survival", "std.err", "lower", "upper"]) + "\n"
            for s in c.steps {
                out += StatsText.pad([StatsText.number(s.time), "\(s.atRisk)", "\(s.events)", "\(s.censored)", StatsText.number(s.survival, 4),
                            StatsText.number(s.standardError, 4), StatsText.number(s.lower, 4), StatsText.number(s.upper, 4)]) + "\n"
            }
            out += "\n"
        }
        return out
    }
}

/// Plain-text layout helpers for `tme stats` tables.
enum StatsText {
    /// Right-aligned columns of width 10.
    static func pad(_ cells: [String], width: Int = 10) -> String {
        cells.map { String(repeating: " ", count: max(0, width - $0.count)) + $0 }.joined(separator: " ")
    }

    /// A number for text output: integers without decimals, others with `digits` significant digits; "NA" for nil/non-finite.
    static func number(_ value: Double?, _ digits: Int = 4) -> String {
        guard let v = value, v.isFinite else { return "NA" }
        if v == v.rounded(), abs(v) < 1e12 { return String(Int(v)) }
        return String(format: "%.\(digits)g", v)
    }
}
