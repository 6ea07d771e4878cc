import Foundation
import TMECore

/// Nonparametric bootstrap percentile confidence intervals for any statistic of the subjects
/// (Efron & Tibshirani 1993, §13.3): resample n subjects with replacement B times, recompute the
/// statistic, take the α/2 and 1 − α/2 quantiles of the replicates (R's type-7 quantile).
///
/// Replicates run in parallel; each draws from its own SplitMix64 stream seeded by (seed, b), so
/// results are identical for a given seed whatever the thread count. A replicate whose statistic
/// throws (e.g. no events in the resample) or is not finite is skipped and counted in `failed`.
public enum Bootstrap {
    public struct Parameters: Codable, Sendable, Hashable {
        /// Number of resamples B, default 1000, range 10…1 000 000.
        public var replicates: Int
        /// Interval coverage, default 0.95, range (0, 1).
        public var level: Double
        /// Random seed (any UInt64), default 1.
        public var seed: UInt64
        public init(replicates: Int = 1000, level: Double = 0.95, seed: UInt64 = 1) {
            self.replicates = replicates
            self.level = level
            self.seed = seed
        }
    }

    public struct Result: Codable, Sendable, Hashable {
        /// The statistic on the original sample.
        public var estimate: Double
        public var lower: Double
        public var upper: Double
        /// Bootstrap standard error (SD of the successful replicates).
        public var standardError: Double
        public var replicates: Int
        public var failed: Int
    }

    /// - Parameters:
    ///   - subjects: n; the statistic receives the resampled subject indices (0..<n, with repeats).
    ///   - statistic: computes the statistic from indices; must be thread-safe (it is called concurrently).
    /// - Throws: `.invalidParameter` for bad parameters or when more than half the replicates fail;
    ///   rethrows the statistic's error on the original sample.
    public static func percentileInterval(subjects n: Int, parameters: Parameters = Parameters(),
                                          statistic: @Sendable ([Int]) throws -> Double) throws -> Result {
        guard n >= 2 else { throw SurvivalError.emptyInput(what: "bootstrap (needs at least 2 subjects)") }
        guard (10...1_000_000).contains(parameters.replicates) else {
            throw SurvivalError.invalidParameter(name: "replicates", reason: "must be in 10...1000000")
        }
        guard parameters.level > 0, parameters.level < 1 else {
            throw SurvivalError.invalidParameter(name: "level", reason: "must be strictly between 0 and 1")
        }
        let estimate = try statistic(Array(0..<n))
        let b = parameters.replicates
        let results = UnsafeMutableBufferPointer<Double>.allocate(capacity: b)
        defer { results.deallocate() }
        let shared = SendableBuffer(results)
        DispatchQueue.concurrentPerform(iterations: b) { r in
            var rng = SplitMix64(seed: parameters.seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(r))
            let sample = (0..<n).map { _ in Int(rng.next() % UInt64(n)) }
            let value = (try? statistic(sample)) ?? .nan
            shared.buffer[r] = value
        }
        let values = results.filter { $0.isFinite }.sorted()
        let failed = b - values.count
        guard values.count * 2 >= b else {
            throw SurvivalError.invalidParameter(name: "statistic", reason: "failed on \(failed) of \(b) resamples; the sample is too small or has too few events")
        }
        let alpha = 1 - parameters.level
        let mean = values.reduce(0, +) / Double(values.count)
        let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(values.count - 1, 1))).squareRoot()
        return Result(estimate: estimate, lower: quantile(values, alpha / 2), upper: quantile(values, 1 - alpha / 2),
                      standardError: sd, replicates: values.count, failed: failed)
    }

    /// R's type-7 quantile of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}

/// Lets the concurrent replicates write disjoint slots of one buffer.
private struct SendableBuffer: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Double>
    init(_ buffer: UnsafeMutableBufferPointer<Double>) { self.buffer = buffer }
}
