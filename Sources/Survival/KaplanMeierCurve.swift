import Foundation

/// The result of `KaplanMeier.fit`: one step per distinct time, with the median and its interval.
public struct KaplanMeierCurve: Codable, Sendable, Hashable {
    /// One row of the survival table, at a distinct event or censoring time.
    public struct Step: Codable, Sendable, Hashable {
        public var time: Double
        /// Subjects at risk just before `time`.
        public var atRisk: Int
        public var events: Int
        public var censored: Int
        /// S(time), right-continuous.
        public var survival: Double
        /// Greenwood standard error of S(time); nil where S has dropped to 0 (0·∞, undefined).
        public var standardError: Double?
        /// Greenwood standard error of −log S(time) — what R reports as `std.err`.
        public var cumulativeHazardStandardError: Double
        /// Pointwise confidence bounds; nil where undefined for the transform (e.g. S = 1 for log-log).
        public var lower: Double?
        public var upper: Double?
    }

    public var subjects: Int
    public var events: Int
    public var confidence: ConfidenceInterval
    public var steps: [Step]

    /// Median survival time: the first time S ≤ ½, with R's rule that when S is exactly ½ on an
    /// interval the median is the midpoint of that interval (`quantile.survfit`). nil if S never reaches ½.
    public var median: Double? { quantile(0.5).estimate }
    /// Confidence interval of the median (Brookmeyer & Crowley 1982): where the upper and lower
    /// pointwise bounds cross ½ (lower bound from the lower curve). A nil bound is not reached within follow-up.
    public var medianInterval: (lower: Double?, upper: Double?) {
        let q = quantile(0.5)
        return (q.lower, q.upper)
    }

    /// The time by which a fraction `p` of subjects have had the event (p = 0.5 is the median),
    /// with its confidence interval, following R's `quantile.survfit`.
    public func quantile(_ p: Double) -> (estimate: Double?, lower: Double?, upper: Double?) {
        let times = steps.map(\.time)
        let estimate = Self.findQuantile(times: times, cumulative: steps.map { 1 - $0.survival }, p: p)
        let lower = Self.findQuantile(times: times, cumulative: steps.map { $0.lower.map { 1 - $0 } }, p: p)
        let upper = Self.findQuantile(times: times, cumulative: steps.map { $0.upper.map { 1 - $0 } }, p: p)
        return (estimate, lower, upper)
    }

    /// S(t) for any t ≥ 0 (step function, 1 before the first event).
    public func survival(at t: Double) -> Double {
        var lo = 0, hi = steps.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if steps[mid].time <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? 1 : steps[lo - 1].survival
    }

    /// R's `findq`: x = (0, times), y = (0, cumulative); the first x where y ≥ p, averaged with the
    /// next distinct value's x when y equals p within √ε; with the last time when p equals the last y.
    static func findQuantile(times: [Double], cumulative: [Double?], p: Double) -> Double? {
        let tol = Double.ulpOfOne.squareRoot()
        let xAll = [0] + times
        let yAll: [Double?] = [0] + cumulative
        guard let maxY = yAll.compactMap({ $0 }).max(), maxY >= p else { return nil }
        let xmax = xAll[xAll.count - 1]
        // Drop duplicated y (keep the first), including repeated nils.
        var x: [Double] = [], y: [Double?] = []
        var seen = Set<Double>()
        var seenNil = false
        for (xi, yi) in zip(xAll, yAll) {
            if let v = yi {
                if seen.insert(v).inserted { x.append(xi); y.append(v) }
            } else if !seenNil {
                seenNil = true
                x.append(xi); y.append(nil)
            }
        }
        let points = y.indices.compactMap { i in y[i].map { (value: $0, index: i) } }.sorted { $0.value < $1.value }
        // approx(..., method = "constant", f = 1): the first point at or above v; NA outside range.
        func firstAtOrAbove(_ v: Double, offset: Double) -> Int? {
            guard let first = points.first, let last = points.last,
                  v >= first.value + offset, v <= last.value + offset else { return nil }
            return points.first { $0.value + offset >= v }?.index
        }
        let i1 = firstAtOrAbove(p, offset: tol)
        let i2 = firstAtOrAbove(p, offset: -tol)
        if p == 0 { return x[0] }
        if let last = y[y.count - 1], abs(p - last) < tol, let i1 {
            return (x[i1] + xmax) / 2
        }
        guard let i1, let i2 else { return nil }
        return (x[i1] + x[i2]) / 2
    }
}
