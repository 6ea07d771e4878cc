import Foundation

/// Cumulative/dynamic time-dependent AUC (Heagerty et al. 2000; IPCW estimator of Uno et al. 2007
/// and Hung & Chiang 2010), as scikit-survival's `cumulative_dynamic_auc`.
///
/// At time t, cases are events by t (Tᵢ ≤ t, δᵢ = 1) weighted by 1/Ĝ(Tᵢ); controls are subjects
/// still event-free (Tⱼ > t):
///
///     AUC(t) = Σᵢ Σⱼ wᵢ 1(Tᵢ ≤ t, δᵢ) 1(Tⱼ > t) [1(ηᵢ > ηⱼ) + ½·1(ηᵢ = ηⱼ)] / (Σᵢ wᵢ 1(Tᵢ ≤ t, δᵢ) · Σⱼ 1(Tⱼ > t))
///
/// The mean AUC weights AUC(tₖ) by the drop of the Kaplan–Meier curve: Σ AUC(tₖ)(Ŝ(tₖ₋₁) − Ŝ(tₖ)) / (1 − Ŝ(t_last)).
public enum TimeDependentAUC {
    public struct Result: Codable, Sendable, Hashable {
        public var times: [Double]
        public var auc: [Double]
        public var meanAUC: Double
    }

    /// - Parameters:
    ///   - scores: risk score per subject (higher = higher risk), fixed over time.
    ///   - at: evaluation times, strictly inside the follow-up range.
    ///   - censoring: Ĝ (normally from the training data; default: from these subjects).
    /// - Throws: `.invalidParameter` when a time has no case or no control.
    public static func cumulativeDynamic(times: [Double], events: [Bool], scores: [Double], at evaluationTimes: [Double],
                                         censoring: CensoringDistribution? = nil) throws -> Result {
        _ = try Concordance.harrell(times: times, events: events, scores: scores)
        guard !evaluationTimes.isEmpty else { throw SurvivalError.emptyInput(what: "time-dependent AUC times") }
        let g = try censoring ?? CensoringDistribution(times: times, events: events)
        let order = SortOrder.ascending(scores)
        var auc: [Double] = []
        for t in evaluationTimes {
            // Sweep scores ascending; controls below and tied per case.
            var caseWeight = 0.0, numerator = 0.0
            var controlsBelow = 0.0
            var k = 0
            let nControls = Double(times.filter { $0 > t }.count)
            while k < order.count {
                var end = k
                var controlsHere = 0.0, casesHere = 0.0
                while end < order.count, scores[order[end]] == scores[order[k]] {
                    let i = order[end]
                    if times[i] > t { controlsHere += 1 }
                    if times[i] <= t, events[i] {
                        let gi = g(times[i])
                        guard gi > 0 else {
                            throw SurvivalError.invalidParameter(name: "at", reason: "censoring survival is 0 before \(t)")
                        }
                        casesHere += 1 / gi
                    }
                    end += 1
                }
                numerator += casesHere * (controlsBelow + controlsHere / 2)
                caseWeight += casesHere
                controlsBelow += controlsHere
                k = end
            }
            guard caseWeight > 0, nControls > 0 else {
                throw SurvivalError.invalidParameter(name: "at", reason: "time \(t) has no events before it or no subject event-free after it")
            }
            auc.append(numerator / (caseWeight * nControls))
        }
        let km = try KaplanMeier.fit(times: times, events: events)
        var mean = auc[0]
        if evaluationTimes.count > 1 {
            var previous = 1.0, integral = 0.0
            for (t, a) in zip(evaluationTimes, auc) {
                let s = km.survival(at: t)
                integral += a * (previous - s)
                previous = s
            }
            mean = integral / (1 - previous)
        }
        return Result(times: evaluationTimes, auc: auc, meanAUC: mean)
    }
}
