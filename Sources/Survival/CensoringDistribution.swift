import Foundation

/// Kaplan–Meier estimate Ĝ of the censoring survival function, for inverse-probability-of-
/// censoring weights (IPCW). At a time with n at risk, d events and c censorings, events are taken to
/// happen first: Ĝ(t) = ∏_{s ≤ t} (1 − c_s/(n_s − d_s)), right-continuous (as scikit-survival's
/// `CensoringDistributionEstimator`). With no censoring Ĝ ≡ 1.
public struct CensoringDistribution: Sendable, Hashable, Codable {
    public private(set) var times: [Double]
    public private(set) var survival: [Double]

    /// - Parameters: times and events of the subjects whose censoring pattern is estimated
    ///   (usually the training set).
    public init(times: [Double], events: [Bool]) throws {
        try KaplanMeier.validate(times: times, events: events, what: "censoring distribution")
        let order = SortOrder.ascending(times)
        var atRisk = Double(times.count)
        var g = 1.0
        var ts: [Double] = [], gs: [Double] = []
        var k = 0
        while k < order.count {
            let t = times[order[k]]
            var d = 0.0, c = 0.0
            while k < order.count, times[order[k]] == t {
                if events[order[k]] { d += 1 } else { c += 1 }
                k += 1
            }
            if c > 0, atRisk - d > 0 { g *= 1 - c / (atRisk - d) }
            ts.append(t)
            gs.append(g)
            atRisk -= d + c
        }
        self.times = ts
        survival = gs
    }

    /// Ĝ(t), right-continuous; 1 before the first time.
    public func callAsFunction(_ t: Double) -> Double {
        var lo = 0, hi = times.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if times[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? 1 : survival[lo - 1]
    }
}
