import Foundation

/// Calibration of predicted survival at a time point: subjects are split into risk groups by
/// predicted S(t | x) (deciles by default), and each group's mean prediction is set beside its
/// Kaplan–Meier estimate at t with a log(−log) confidence interval (the usual calibration plot;
/// Harrell 2015, §20.4; D'Agostino & Nam 2003 for the χ² below).
///
/// Groups: subjects sorted by prediction and cut into `groups` groups of ⌊n/g⌋ or ⌈n/g⌉ subjects
/// (ties may straddle a cut). Hosmer–Lemeshow-type statistic (D'Agostino & Nam):
///     χ² = Σ_g n_g (KM_g − p̄_g)² / (p̄_g (1 − p̄_g)),  df = groups − 1
/// where p̄_g is the mean predicted event probability 1 − S and KM_g the observed one 1 − Ŝ_g(t).
public enum Calibration {
    public struct Group: Codable, Sendable, Hashable {
        public var subjects: Int
        public var events: Int
        /// Mean predicted S(t | x) in the group.
        public var predicted: Double
        /// Kaplan–Meier Ŝ(t) of the group, with its pointwise CI (nil where undefined).
        public var observed: Double
        public var observedLower: Double?
        public var observedUpper: Double?
    }

    public struct Result: Codable, Sendable, Hashable {
        public var time: Double
        public var groups: [Group]
        public var chiSquare: Double
        public var degreesOfFreedom: Int
        public var pValue: Double
    }

    /// - Parameters:
    ///   - predictedSurvival: predicted S(t | xᵢ) per subject, in [0, 1].
    ///   - time: the time point t.
    ///   - groups: number of risk groups, default 10, range 2…n.
    public static func atTime(_ time: Double, times: [Double], events: [Bool], predictedSurvival: [Double],
                              groups: Int = 10, confidence: ConfidenceInterval = ConfidenceInterval()) throws -> Result {
        try KaplanMeier.validate(times: times, events: events, what: "calibration")
        guard predictedSurvival.count == times.count else {
            throw SurvivalError.lengthMismatch(what: "predictedSurvival", expected: times.count, actual: predictedSurvival.count)
        }
        if let bad = predictedSurvival.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw SurvivalError.nonFiniteValue(what: "predicted survival (must be in [0, 1])", index: bad)
        }
        guard groups >= 2, groups <= times.count else {
            throw SurvivalError.invalidParameter(name: "groups", reason: "must be between 2 and the number of subjects")
        }
        let order = predictedSurvival.indices.sorted { predictedSurvival[$0] < predictedSurvival[$1] }
        var out: [Group] = []
        var chi2 = 0.0
        for g in 0..<groups {
            let members = order[(g * order.count / groups)..<((g + 1) * order.count / groups)]
            let km = try KaplanMeier.fit(times: members.map { times[$0] }, events: members.map { events[$0] },
                                         confidence: confidence)
            let step = km.steps.last { $0.time <= time }
            let observed = step?.survival ?? 1
            let predicted = members.reduce(0.0) { $0 + predictedSurvival[$1] } / Double(members.count)
            out.append(Group(subjects: members.count, events: km.events, predicted: predicted, observed: observed,
                             observedLower: step == nil ? nil : step!.lower, observedUpper: step == nil ? nil : step!.upper))
            let p = 1 - predicted
            if p > 0, p < 1 { chi2 += Double(members.count) * (observed - predicted) * (observed - predicted) / (p * (1 - p)) }
        }
        let df = groups - 1
        return Result(time: time, groups: out, chiSquare: chi2, degreesOfFreedom: df,
                      pValue: Distributions.chiSquareUpperTail(chi2, degreesOfFreedom: Double(df)))
    }
}
