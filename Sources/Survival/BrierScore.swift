import Foundation

/// IPCW Brier score of predicted survival probabilities (Graf et al. 1999), as scikit-survival's
/// `brier_score` and `integrated_brier_score`.
///
///     BS(t) = 1/n Σᵢ [ Ŝ(t|xᵢ)² · 1(Tᵢ ≤ t, δᵢ = 1)/Ĝ(Tᵢ) + (1 − Ŝ(t|xᵢ))² · 1(Tᵢ > t)/Ĝ(t) ]
///     IBS  = ∫_{t₁}^{t_K} BS(t) dt / (t_K − t₁)      (trapezoidal rule over the given times)
///
/// Subjects censored before t contribute 0 (their weight is carried by Ĝ). Lower is better;
/// 0.25 is the score of predicting ½ for everyone.
public enum BrierScore {
    public struct Result: Codable, Sendable, Hashable {
        public var times: [Double]
        public var scores: [Double]
        /// Integrated Brier score; nil with a single time.
        public var integrated: Double?
    }

    /// - Parameters:
    ///   - predictions: `predictions[i][k]` = predicted S(tₖ | xᵢ) for subject i at `at[k]`.
    ///   - at: increasing evaluation times.
    ///   - censoring: Ĝ (normally from the training data; default: from these subjects).
    public static func score(times: [Double], events: [Bool], predictions: [[Double]], at evaluationTimes: [Double],
                             censoring: CensoringDistribution? = nil) throws -> Result {
        try KaplanMeier.validate(times: times, events: events, what: "Brier score")
        guard predictions.count == times.count else {
            throw SurvivalError.lengthMismatch(what: "predictions", expected: times.count, actual: predictions.count)
        }
        guard !evaluationTimes.isEmpty, zip(evaluationTimes, evaluationTimes.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw SurvivalError.invalidParameter(name: "at", reason: "evaluation times must be non-empty and increasing")
        }
        for (i, row) in predictions.enumerated() {
            guard row.count == evaluationTimes.count else {
                throw SurvivalError.lengthMismatch(what: "predictions of subject #\(i)", expected: evaluationTimes.count, actual: row.count)
            }
            if row.contains(where: { !$0.isFinite }) { throw SurvivalError.nonFiniteValue(what: "prediction", index: i) }
        }
        let g = try censoring ?? CensoringDistribution(times: times, events: events)
        let gObserved = times.map { g($0) }
        var scores: [Double] = []
        for (k, t) in evaluationTimes.enumerated() {
            let gt = g(t)
            var total = 0.0
            for i in times.indices {
                let s = predictions[i][k]
                if times[i] <= t, events[i] {
                    total += gObserved[i] > 0 ? s * s / gObserved[i] : 0
                } else if times[i] > t {
                    total += gt > 0 ? (1 - s) * (1 - s) / gt : 0
                }
            }
            scores.append(total / Double(times.count))
        }
        var integrated: Double?
        if evaluationTimes.count > 1 {
            var area = 0.0
            for k in 1..<evaluationTimes.count {
                area += (scores[k] + scores[k - 1]) / 2 * (evaluationTimes[k] - evaluationTimes[k - 1])
            }
            integrated = area / (evaluationTimes.last! - evaluationTimes.first!)
        }
        return Result(times: evaluationTimes, scores: scores, integrated: integrated)
    }
}
