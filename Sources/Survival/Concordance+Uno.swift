import Foundation

extension Concordance {
    /// Uno's IPCW concordance (Uno et al. 2011), truncated at τ.
    ///
    ///     C_τ = Σᵢ Σⱼ δᵢ Ĝ(Tᵢ)⁻² 1(i, j comparable, Tᵢ < τ) [1(ηᵢ > ηⱼ) + ½·1(ηᵢ = ηⱼ)]
    ///           / Σᵢ Σⱼ δᵢ Ĝ(Tᵢ)⁻² 1(i, j comparable, Tᵢ < τ)
    ///
    /// with the comparable pairs of `harrell` and Ĝ the censoring distribution (from `censoring`,
    /// normally fitted on the training data; default: from these subjects). Consistent for the
    /// population C whatever the censoring, unlike Harrell's. Matches scikit-survival's
    /// `concordance_index_ipcw` (exact ties). O(n log n).
    /// - Parameter truncation: τ (same unit as times); nil = no truncation.
    /// - Throws: `.invalidParameter` if Ĝ(Tᵢ) = 0 for an event before τ, input-shape errors.
    public static func uno(times: [Double], events: [Bool], scores: [Double], truncation: Double? = nil,
                           censoring: CensoringDistribution? = nil) throws -> Double {
        _ = try harrell(times: times, events: events, scores: scores)  // validates input
        let g = try censoring ?? CensoringDistribution(times: times, events: events)
        var weights = [Double](repeating: 0, count: times.count)
        for i in times.indices where events[i] && times[i] < (truncation ?? .infinity) {
            let gi = g(times[i])
            guard gi > 0 else {
                throw SurvivalError.invalidParameter(
                    name: "truncation", reason: "the censoring survival reaches 0 before an event time; lower τ")
            }
            weights[i] = 1 / (gi * gi)
        }
        let sums = weightedPairSums(times: times, events: events, scores: scores, weights: weights)
        return (sums.concordant + sums.tied / 2) / (sums.concordant + sums.discordant + sums.tied)
    }

    /// Σ over comparable pairs of the event subject's weight, split by score order (Fenwick pass).
    static func weightedPairSums(times: [Double], events: [Bool], scores: [Double], weights: [Double])
        -> (concordant: Double, discordant: Double, tied: Double) {
        let n = times.count
        let byScore = SortOrder.ascending(scores)
        var rank = [Int](repeating: 0, count: n)
        var distinct = 0
        for (k, i) in byScore.enumerated() {
            if k == 0 || scores[i] != scores[byScore[k - 1]] { distinct += 1 }
            rank[i] = distinct
        }
        var tree = FenwickTree(size: distinct)
        let byTime = SortOrder.descending(times)
        var c = 0.0, d = 0.0, t = 0.0
        var start = 0
        while start < n {
            var end = start
            while end < n, times[byTime[end]] == times[byTime[start]] { end += 1 }
            for k in start..<end where !events[byTime[k]] { tree.add(rank[byTime[k]]) }
            for k in start..<end where events[byTime[k]] && weights[byTime[k]] > 0 {
                let i = byTime[k]
                let below = tree.prefixSum(rank[i] - 1)
                let equal = tree.prefixSum(rank[i]) - below
                c += weights[i] * Double(below)
                t += weights[i] * Double(equal)
                d += weights[i] * Double(tree.total - below - equal)
            }
            for k in start..<end where events[byTime[k]] { tree.add(rank[byTime[k]]) }
            start = end
        }
        return (c, d, t)
    }
}
