import Foundation

/// Concordance of a risk score with survival outcomes.
public enum Concordance {
    /// Pair counts behind Harrell's C.
    public struct Result: Codable, Sendable, Hashable {
        /// (concordant + tied/2) / comparable.
        public var cindex: Double
        public var concordant: Int
        public var discordant: Int
        /// Comparable pairs with equal scores (each counts ½).
        public var tiedRisk: Int
        /// concordant + discordant + tiedRisk.
        public var comparable: Int
    }

    /// Harrell's concordance index (Harrell et al. 1982), in O(n log n) with a Fenwick tree.
    ///
    /// A pair (i, j) is comparable when the shorter time is an event: tᵢ < tⱼ with δᵢ = 1, or
    /// tᵢ = tⱼ with δᵢ = 1, δⱼ = 0 (a subject censored at an event time outlived it). Pairs of
    /// events at the same time are not comparable. With higher score = higher risk, the pair is
    /// concordant if scoreᵢ > scoreⱼ, discordant if <, tied if equal (counts ½):
    ///
    ///     C = (concordant + tied/2) / (concordant + discordant + tied)
    ///
    /// Identical to R's `concordance(..., reverse = TRUE)` and to lifelines with the score negated.
    /// No comparable pair (e.g. no events) → C is NaN with all counts 0.
    ///
    /// Example (repeated in `ConcordanceTests.docExample`): times [1, 2, 3], events all true,
    /// scores [3, 1, 2] → pairs (1,2) concordant, (1,3) concordant, (2,3) discordant: C = 2/3.
    public static func harrell(times: [Double], events: [Bool], scores: [Double]) throws -> Result {
        try KaplanMeier.validate(times: times, events: events, what: "concordance")
        guard scores.count == times.count else {
            throw SurvivalError.lengthMismatch(what: "scores", expected: times.count, actual: scores.count)
        }
        if let bad = scores.firstIndex(where: { !$0.isFinite }) {
            throw SurvivalError.nonFiniteValue(what: "score", index: bad)
        }
        return count(times: times, events: events, scores: scores, byTime: SortOrder.descending(times))
    }

    /// Harrell's counts given the subjects' order by descending time.
    static func count(times: [Double], events: [Bool], scores: [Double], byTime: [Int]) -> Result {
        let n = times.count
        // Rank scores densely (1-based) for the Fenwick tree.
        let byScore = SortOrder.ascending(scores)
        var rank = [Int](repeating: 0, count: n)
        var distinct = 0
        for (k, i) in byScore.enumerated() {
            if k == 0 || scores[i] != scores[byScore[k - 1]] { distinct += 1 }
            rank[i] = distinct
        }
        // Walk subjects by descending time with their ranks laid out contiguously.
        let t = byTime.map { times[$0] }, e = byTime.map { events[$0] }, rk = byTime.map { rank[$0] }
        var tree = FenwickTree(size: distinct)
        var exact = [Int32](repeating: 0, count: distinct + 1)  // subjects stored per rank
        var concordant = 0, discordant = 0, tied = 0
        var start = 0
        while start < n {
            var end = start
            while end < n, t[end] == t[start] { end += 1 }
            for k in start..<end where !e[k] { tree.add(rk[k]); exact[rk[k]] += 1 }
            for k in start..<end where e[k] {
                let below = tree.prefixSum(rk[k] - 1)
                let equal = Int(exact[rk[k]])
                concordant += below
                tied += equal
                discordant += tree.total - below - equal
            }
            for k in start..<end where e[k] { tree.add(rk[k]); exact[rk[k]] += 1 }
            start = end
        }
        let comparable = concordant + discordant + tied
        let c = comparable > 0 ? (Double(concordant) + Double(tied) / 2) / Double(comparable) : .nan
        return Result(cindex: c, concordant: concordant, discordant: discordant, tiedRisk: tied,
                      comparable: comparable)
    }
}

/// Binary indexed tree of counts over ranks 1…size (Fenwick 1994).
struct FenwickTree {
    private var counts: [Int32]
    private(set) var total = 0
    init(size: Int) { counts = [Int32](repeating: 0, count: size + 1) }

    mutating func add(_ rank: Int) {
        total += 1
        counts.withUnsafeMutableBufferPointer { c in
            var i = rank
            while i < c.count { c[i] &+= 1; i += i & -i }
        }
    }

    /// Number of stored ranks ≤ rank.
    func prefixSum(_ rank: Int) -> Int {
        counts.withUnsafeBufferPointer { c in
            var s = 0, i = rank
            while i > 0 { s += Int(c[i]); i -= i & -i }
            return s
        }
    }
}
