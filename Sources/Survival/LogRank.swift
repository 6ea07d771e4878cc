import Foundation

/// Weighted log-rank test comparing survival of k ≥ 2 groups, optionally stratified
/// (Mantel 1966; Peto & Peto 1972; Fleming & Harrington 1991). Matches R's `survival::survdiff`.
///
/// At each distinct event time t (within a stratum) with n at risk, d events, nⱼ at risk and dⱼ
/// events in group j, and weight w(t) = Ŝ(t−)ᵖ·(1 − Ŝ(t−))^q (Ŝ = pooled Kaplan–Meier of the stratum):
///
///     Oⱼ = Σ w dⱼ,   Eⱼ = Σ w d nⱼ/n,
///     Vⱼₖ = Σ w² d (n − d)/(n (n − 1)) · nⱼ (δⱼₖ − nₖ/n)
///
/// summed over times and strata. χ² = (O − E)ᵀ V⁻¹ (O − E) over all groups with Eⱼ > 0 but the
/// first, with df = (their count) − 1. p = P(χ²_df > χ²). `p = q = 0` is the ordinary log-rank
/// test; R's `rho` is `p` with `q = 0`.
///
/// Example (repeated in `LogRankTests.docExample`): times [1, 2, 3, 4], events all true, groups
/// [a, a, b, b] → O_a = 2, E_a = 2/4 + 1/3 = 5/6.
public enum LogRank {
    /// Fleming–Harrington weight exponents.
    public struct Weights: Codable, Sendable, Hashable {
        /// Exponent of Ŝ(t−): > 0 emphasises early differences. Default 0, range [0, ∞).
        public var p: Double
        /// Exponent of 1 − Ŝ(t−): > 0 emphasises late differences. Default 0, range [0, ∞).
        public var q: Double
        public init(p: Double = 0, q: Double = 0) { self.p = p; self.q = q }
        /// The unweighted log-rank test.
        public static let logRank = Weights()
    }

    /// Runs the test.
    /// - Parameters:
    ///   - times: follow-up times (finite, ≥ 0); events: true = event.
    ///   - groups: group label per subject (the comparison).
    ///   - strata: optional stratum label per subject; the test is summed over strata.
    ///   - weights: Fleming–Harrington exponents (default: plain log-rank).
    /// - Throws: `.tooFewGroups` if fewer than two groups, `.noEvents`, length/time errors.
    public static func test(times: [Double], events: [Bool], groups: [String], strata: [String]? = nil,
                            weights: Weights = .logRank) throws -> LogRankResult {
        try KaplanMeier.validate(times: times, events: events, what: "log-rank test")
        guard groups.count == times.count else {
            throw SurvivalError.lengthMismatch(what: "groups", expected: times.count, actual: groups.count)
        }
        if let strata, strata.count != times.count {
            throw SurvivalError.lengthMismatch(what: "strata", expected: times.count, actual: strata.count)
        }
        guard weights.p >= 0, weights.q >= 0, weights.p.isFinite, weights.q.isFinite else {
            throw SurvivalError.invalidParameter(name: "weights", reason: "p and q must be finite and ≥ 0")
        }
        let labels = GroupLabels.sorted(Array(Set(groups)))
        guard labels.count >= 2 else { throw SurvivalError.tooFewGroups(found: labels.count) }
        guard events.contains(true) else { throw SurvivalError.noEvents(what: "log-rank test") }
        let code = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let groupIndex = groups.map { code[$0]! }
        let k = labels.count
        var totals = Accumulator(groups: k)
        let stratumMembers = Dictionary(grouping: times.indices, by: { strata?[$0] ?? "" })
        for members in stratumMembers.values {
            accumulate(members.sorted { times[$0] < times[$1] }, times: times, events: events,
                       group: groupIndex, weights: weights, into: &totals)
        }
        return result(totals, labels: labels, subjects: labels.indices.map { g in groupIndex.filter { $0 == g }.count })
    }

    struct Accumulator {
        var observed: [Double], expected: [Double], variance: SymmetricMatrix
        init(groups k: Int) {
            observed = .init(repeating: 0, count: k); expected = observed
            variance = SymmetricMatrix(size: k)
        }
    }

    /// Adds one stratum (indices sorted by time) to the running sums.
    static func accumulate(_ order: [Int], times: [Double], events: [Bool], group: [Int],
                           weights: Weights, into acc: inout Accumulator) {
        let k = acc.observed.count
        var atRisk = [Double](repeating: 0, count: k)
        for i in order { atRisk[group[i]] += 1 }
        var total = Double(order.count)
        var km = 1.0
        var pos = 0
        var deathsByGroup = [Double](repeating: 0, count: k)
        var leaving = [Double](repeating: 0, count: k)
        while pos < order.count {
            let t = times[order[pos]]
            for j in 0..<k { deathsByGroup[j] = 0; leaving[j] = 0 }
            var deaths = 0.0
            while pos < order.count, times[order[pos]] == t {
                let i = order[pos]
                if events[i] { deathsByGroup[group[i]] += 1; deaths += 1 }
                leaving[group[i]] += 1
                pos += 1
            }
            if deaths > 0 {
                let w = pow(km, weights.p) * pow(1 - km, weights.q)
                for j in 0..<k {
                    acc.observed[j] += w * deathsByGroup[j]
                    acc.expected[j] += w * deaths * atRisk[j] / total
                }
                if total > 1 {
                    let kt = w * w * deaths * (total - deaths) / (total * (total - 1))
                    for j in 0..<k where atRisk[j] > 0 {
                        let tj = kt * atRisk[j]
                        acc.variance[j, j] += tj
                        for l in 0..<k { acc.variance[j, l] -= tj * atRisk[l] / total }
                    }
                }
                km *= (total - deaths) / total
            }
            for j in 0..<k { atRisk[j] -= leaving[j] }
            total -= leaving.reduce(0, +)
        }
    }

    static func result(_ acc: Accumulator, labels: [String], subjects: [Int]) -> LogRankResult {
        let kept = acc.expected.indices.filter { acc.expected[$0] > 0 }
        var chi2 = 0.0
        if kept.count >= 2 {
            let used = Array(kept.dropFirst())
            var v = SymmetricMatrix(size: used.count)
            for (a, i) in used.enumerated() { for (b, j) in used.enumerated() { v[a, b] = acc.variance[i, j] } }
            let diff = used.map { acc.observed[$0] - acc.expected[$0] }
            if case .success(let l) = v.cholesky(tolerance: 1e-14) {
                let x = SymmetricMatrix.solve(factor: l, size: used.count, diff)
                chi2 = zip(x, diff).reduce(0) { $0 + $1.0 * $1.1 }
            }
        }
        let df = max(kept.count - 1, 0)
        let p = df > 0 ? Distributions.chiSquareUpperTail(chi2, degreesOfFreedom: Double(df)) : 1
        let groups = labels.indices.map {
            LogRankResult.Group(group: labels[$0], subjects: subjects[$0],
                                observed: acc.observed[$0], expected: acc.expected[$0])
        }
        return LogRankResult(chiSquare: chi2, degreesOfFreedom: df, pValue: p, groups: groups)
    }
}

/// The outcome of `LogRank.test`.
public struct LogRankResult: Codable, Sendable, Hashable {
    public struct Group: Codable, Sendable, Hashable {
        public var group: String
        public var subjects: Int
        /// Weighted observed events Oⱼ.
        public var observed: Double
        /// Weighted expected events Eⱼ under equal hazards.
        public var expected: Double
    }
    public var chiSquare: Double
    public var degreesOfFreedom: Int
    public var pValue: Double
    public var groups: [Group]
}
