/// One Kaplan–Meier curve as plain values (what a survival module hands over; no dependency on it).
///
/// Contract (the same as R's `survfit`): `times` are the distinct observed times in ascending
/// order — event times and, for exact numbers at risk, censoring times too; `survival[i]` is
/// Ŝ just after `times[i]`; `numberAtRisk[i]` is the number still under observation just before
/// `times[i]`; `lower`/`upper` are the pointwise confidence limits (NaN where undefined).
public struct KMCurveData: Sendable, Hashable, Codable {
    public var label: String
    public var times: [Double]
    public var survival: [Double]
    public var lower: [Double]?
    public var upper: [Double]?
    public var numberAtRisk: [Int]
    public var censorTimes: [Double]
    /// Subjects at time 0.
    public var subjectCount: Int

    public init(label: String, times: [Double], survival: [Double], lower: [Double]? = nil, upper: [Double]? = nil,
                numberAtRisk: [Int], censorTimes: [Double], subjectCount: Int) {
        self.label = label; self.times = times; self.survival = survival; self.lower = lower; self.upper = upper
        self.numberAtRisk = numberAtRisk; self.censorTimes = censorTimes; self.subjectCount = subjectCount
    }

    /// Ŝ(t): 1 before the first time, else the survival at the last time ≤ t (right-continuous step).
    public func survival(at t: Double) -> Double {
        guard let i = lastIndex(atOrBefore: t) else { return 1 }
        return survival[i]
    }

    /// Number at risk at time t (as in survminer's table: subjects with follow-up ≥ t):
    /// `subjectCount` for t ≤ 0, else `numberAtRisk` at the first time ≥ t, else 0.
    /// Example: times [2, 5], numberAtRisk [10, 6] → at t = 3 the answer is 6; at t = 6 it is 0.
    public func numberAtRisk(at t: Double) -> Int {
        if t <= 0 { return subjectCount }
        guard let i = times.firstIndex(where: { $0 >= t }) else { return 0 }
        return numberAtRisk[i]
    }

    /// The last time point shown: the largest event or censoring time.
    public var lastTime: Double { max(times.last ?? 0, censorTimes.max() ?? 0) }

    func lastIndex(atOrBefore t: Double) -> Int? {
        var lo = 0, hi = times.count - 1, found: Int?
        while lo <= hi {
            let mid = (lo + hi) / 2
            if times[mid] <= t { found = mid; lo = mid + 1 } else { hi = mid - 1 }
        }
        return found
    }

    /// Throws `ReportError.invalidChartData` naming the first inconsistency.
    public func validate() throws {
        func fail(_ detail: String) -> ReportError { .invalidChartData(chart: "Kaplan–Meier", detail: "curve \(label.prefix(40)): \(detail)") }
        let n = times.count
        guard survival.count == n, numberAtRisk.count == n else {
            throw fail("times (\(n)), survival (\(survival.count)) and numberAtRisk (\(numberAtRisk.count)) must have equal lengths")
        }
        if let lower, lower.count != n { throw fail("lower has \(lower.count) values, expected \(n)") }
        if let upper, upper.count != n { throw fail("upper has \(upper.count) values, expected \(n)") }
        for i in 0..<n {
            guard times[i].isFinite, times[i] >= 0 else { throw fail("time \(i + 1) is negative or not finite") }
            if i > 0, times[i] < times[i - 1] { throw fail("times must be ascending (index \(i + 1))") }
            guard survival[i].isFinite, (0...1).contains(survival[i]) else { throw fail("survival \(i + 1) outside 0…1") }
        }
        guard censorTimes.allSatisfy({ $0.isFinite && $0 >= 0 }) else { throw fail("censoring times must be finite and ≥ 0") }
        guard subjectCount >= 0 else { throw fail("subjectCount is negative") }
    }
}
