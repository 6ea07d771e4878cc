/// Calibration of predicted response probabilities and bootstrap intervals for any metric.
public enum Calibration {
    /// One bin of a reliability diagram.
    public struct Bin: Sendable, Hashable, Codable {
        /// Bin range [lower, upper) of predicted probability (the last bin includes 1).
        public var lower: Double
        public var upper: Double
        public var count: Int
        /// Mean predicted probability in the bin (nil when empty).
        public var meanPredicted: Double?
        /// Observed responder fraction in the bin (nil when empty).
        public var observedRate: Double?
    }

    /// Brier score (Brier 1950): (1/n) Σ (pᵢ − yᵢ)². Nil for an empty input.
    /// Example: p = [0.9, 0.2], y = [true, false] → (0.01 + 0.04)/2 = 0.025.
    public static func brier(probabilities p: [Double], labels y: [Bool]) -> Double? {
        guard !p.isEmpty, p.count == y.count else { return nil }
        return zip(p, y).reduce(0) { $0 + ($1.0 - ($1.1 ? 1 : 0)) * ($1.0 - ($1.1 ? 1 : 0)) } / Double(p.count)
    }

    /// Reliability bins: `bins` equal-width bins of predicted probability on [0, 1].
    public static func reliability(probabilities p: [Double], labels y: [Bool], bins: Int = 10) -> [Bin] {
        let k = max(bins, 1)
        var sums = [Double](repeating: 0, count: k), hits = sums, counts = [Int](repeating: 0, count: k)
        for (pi, yi) in zip(p, y) {
            let b = min(max(Int(pi * Double(k)), 0), k - 1)
            sums[b] += pi
            hits[b] += yi ? 1 : 0
            counts[b] += 1
        }
        return (0..<k).map { b in
            Bin(lower: Double(b) / Double(k), upper: Double(b + 1) / Double(k), count: counts[b],
                meanPredicted: counts[b] > 0 ? sums[b] / Double(counts[b]) : nil,
                observedRate: counts[b] > 0 ? hits[b] / Double(counts[b]) : nil)
        }
    }

    /// Expected calibration error (Naeini et al. 2015) over equal-width bins:
    /// ECE = Σ_b (n_b / n) · |observed rate_b − mean predicted_b|. Nil for an empty input.
    /// Example: p = [0.1, 0.1, 0.9, 0.9], y = [F, T, T, T] → (2/4)·|0.5 − 0.1| + (2/4)·|1 − 0.9| = 0.25.
    public static func expectedCalibrationError(probabilities p: [Double], labels y: [Bool], bins: Int = 10) -> Double? {
        guard !p.isEmpty, p.count == y.count else { return nil }
        let n = Double(p.count)
        return reliability(probabilities: p, labels: y, bins: bins).reduce(0) { total, bin in
            guard let m = bin.meanPredicted, let o = bin.observedRate else { return total }
            return total + Double(bin.count) / n * abs(o - m)
        }
    }

    /// Percentile bootstrap interval (Efron 1979): resample the n patients with replacement
    /// `resamples` times, evaluate `statistic` on each resample (given as positions), and return the
    /// (α/2, 1 − α/2) empirical quantiles for `level` = 1 − α. Resamples where the statistic is
    /// undefined (nil, e.g. one class only) are skipped; nil when fewer than half remain.
    public static func bootstrapInterval(count n: Int, resamples: Int = 1000, level: Double = 0.95, seed: UInt64 = 1,
                                         statistic: ([Int]) -> Double?) -> (lower: Double, upper: Double)? {
        guard n > 0, resamples > 0, level > 0, level < 1 else { return nil }
        var g = SeededGenerator(seed: seed)
        var values: [Double] = []
        values.reserveCapacity(resamples)
        for _ in 0..<resamples {
            let sample = (0..<n).map { _ in Int(g.next() % UInt64(n)) }
            if let v = statistic(sample), v.isFinite { values.append(v) }
        }
        guard values.count * 2 >= resamples else { return nil }
        values.sort()
        func quantile(_ q: Double) -> Double {
            let h = q * Double(values.count - 1)
            let lo = Int(h.rounded(.down)), hi = min(lo + 1, values.count - 1)
            return values[lo] + (h - Double(lo)) * (values[hi] - values[lo])
        }
        let alpha = 1 - level
        return (quantile(alpha / 2), quantile(1 - alpha / 2))
    }
}
