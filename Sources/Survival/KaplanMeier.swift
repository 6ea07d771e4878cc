import Foundation

/// Kaplan–Meier product-limit estimator with Greenwood variance (Kaplan & Meier 1958;
/// Greenwood 1926), matching R's `survival::survfit` to rounding.
///
/// At each distinct time tᵢ (event or censoring) with nᵢ at risk and dᵢ events:
///
///     S(t) = ∏_{tᵢ ≤ t} (1 − dᵢ/nᵢ)
///     Var[−log S(t)] = Σ_{tᵢ ≤ t} dᵢ / (nᵢ (nᵢ − dᵢ))          (Greenwood)
///     SE[S(t)] = S(t) · √Var[−log S(t)]
///
/// Ties: subjects censored at an event time are at risk at that time (censoring after death).
/// Zero events: S ≡ 1, no median. If all remaining subjects die at the last time, S drops to 0
/// and its variance is infinite (as in R).
///
/// Example (repeated in `KaplanMeierTests.docExample`): times [1, 2, 2, 3], events
/// [true, true, false, true] → S = 0.75 at t=1, 0.5 at t=2, 0 at t=3; median 2.5 (R's
/// midpoint rule, S is exactly ½ between 2 and 3).
public enum KaplanMeier {
    /// Fits one curve.
    /// - Parameters:
    ///   - times: follow-up times (any unit, finite, ≥ 0), one per subject.
    ///   - events: true = event observed, false = censored.
    ///   - confidence: interval level and transform (default 95 %, log(−log)).
    /// - Throws: `SurvivalError.emptyInput`, `.lengthMismatch`, `.invalidTime`, `.invalidParameter`.
    public static func fit(times: [Double], events: [Bool],
                           confidence: ConfidenceInterval = ConfidenceInterval()) throws -> KaplanMeierCurve {
        try validate(times: times, events: events)
        try confidence.validate()
        let order = SortOrder.ascending(times)
        let z = confidence.z
        var steps: [KaplanMeierCurve.Step] = []
        var atRisk = times.count
        var survival = 1.0
        var greenwood = 0.0
        var k = 0
        while k < order.count {
            let t = times[order[k]]
            var deaths = 0, censored = 0
            while k < order.count, times[order[k]] == t {
                if events[order[k]] { deaths += 1 } else { censored += 1 }
                k += 1
            }
            if deaths > 0 {
                survival *= 1 - Double(deaths) / Double(atRisk)
                greenwood += Double(deaths) / (Double(atRisk) * Double(atRisk - deaths))
            }
            let sigma = greenwood.squareRoot()
            let (lower, upper) = confidence.bounds(survival: survival, logStandardError: sigma, z: z)
            steps.append(.init(time: t, atRisk: atRisk, events: deaths, censored: censored,
                               survival: survival, standardError: survival > 0 ? survival * sigma : nil,
                               cumulativeHazardStandardError: sigma, lower: lower, upper: upper))
            atRisk -= deaths + censored
        }
        return KaplanMeierCurve(subjects: times.count, events: events.filter { $0 }.count,
                                confidence: confidence, steps: steps)
    }

    /// Fits one curve per group (stratified Kaplan–Meier).
    /// - Parameter groups: a label per subject; curves come back in natural label order
    ///   (numerically when every label is a number, else lexicographically).
    public static func fit(times: [Double], events: [Bool], groups: [String],
                           confidence: ConfidenceInterval = ConfidenceInterval()) throws -> [KaplanMeierGroup] {
        try validate(times: times, events: events)
        guard groups.count == times.count else {
            throw SurvivalError.lengthMismatch(what: "groups", expected: times.count, actual: groups.count)
        }
        let indicesByGroup = Dictionary(grouping: times.indices, by: { groups[$0] })
        return try GroupLabels.sorted(Array(indicesByGroup.keys)).map { label in
            let idx = indicesByGroup[label]!
            let curve = try fit(times: idx.map { times[$0] }, events: idx.map { events[$0] }, confidence: confidence)
            return KaplanMeierGroup(group: label, curve: curve)
        }
    }

    /// Shared input checks of every statistic; `what` names it in the error.
    static func validate(times: [Double], events: [Bool], what: String = "Kaplan–Meier") throws {
        guard !times.isEmpty else { throw SurvivalError.emptyInput(what: what) }
        guard events.count == times.count else {
            throw SurvivalError.lengthMismatch(what: "events", expected: times.count, actual: events.count)
        }
        if let bad = times.firstIndex(where: { !$0.isFinite || $0 < 0 }) { throw SurvivalError.invalidTime(index: bad) }
    }
}

/// A Kaplan–Meier curve for one labelled group.
public struct KaplanMeierGroup: Codable, Sendable, Hashable {
    public var group: String
    public var curve: KaplanMeierCurve
    public init(group: String, curve: KaplanMeierCurve) {
        self.group = group
        self.curve = curve
    }
}

/// Natural ordering of group labels: numeric when all labels parse as numbers.
enum GroupLabels {
    static func sorted(_ labels: [String]) -> [String] {
        let numbers = labels.map { Double($0) }
        if numbers.allSatisfy({ $0 != nil }) {
            return labels.sorted { Double($0)! < Double($1)! }
        }
        return labels.sorted()
    }
}
