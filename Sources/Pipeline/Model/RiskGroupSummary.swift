import FusionModel
import Foundation
import Survival

/// Overall survival and objective response by model risk group (low / high), from held-out predictions:
/// what the cohort report's "by model risk group" panel and table show for the training cohort.
public struct RiskGroupSummary: Sendable, Hashable, Codable {
    public struct Group: Sendable, Hashable, Codable {
        /// "low" or "high".
        public var name: String
        public var patients: Int
        /// Patients with overall survival, and deaths among them.
        public var withSurvival: Int
        public var events: Int
        /// Patients with an evaluable response (CR/PR/SD/PD), and responders (CR/PR) among them.
        public var evaluable: Int
        public var responders: Int
    }

    /// Low first, then high; a group without patients is left out.
    public var groups: [Group]
    /// Two-group log-rank test (Mantel 1966) of overall survival; nil with fewer than two groups or no events.
    public var logRankP: Double?

    enum CodingKeys: String, CodingKey { case groups, logRankP = "log_rank_p" }

    /// Summarises `groups[i]` ("low", "high" or nil = not grouped, left out) against each patient's outcomes.
    public static func compute(groups: [String?], responses: [Bool?], survival: [SurvivalOutcome?]) -> RiskGroupSummary {
        var out: [Group] = []
        for name in ["low", "high"] {
            let members = groups.indices.filter { groups[$0] == name }
            guard !members.isEmpty else { continue }
            let s = members.compactMap { survival[$0] }, r = members.compactMap { responses[$0] }
            out.append(Group(name: name, patients: members.count, withSurvival: s.count, events: s.filter(\.event).count,
                             evaluable: r.count, responders: r.filter { $0 }.count))
        }
        let with = groups.indices.filter { groups[$0] != nil && survival[$0] != nil }
        let p = try? LogRank.test(times: with.map { survival[$0]!.timeMonths }, events: with.map { survival[$0]!.event },
                                  groups: with.map { groups[$0]! }).pValue
        return RiskGroupSummary(groups: out, logRankP: out.count == 2 ? p : nil)
    }
}
