import Foundation
import TMECore

// MARK: - Seeded generators

/// The simulator's generator: TMECore's xoshiro256** seeded through SplitMix64, with the draws a
/// cohort needs. Pure integer arithmetic, so the same seed gives the same cohort on every machine.
/// The simulator never touches the system RNG.
public typealias SimulatorRandom = Xoshiro256StarStar

extension Xoshiro256StarStar {
    /// A generator for an independent sub-stream, e.g. one per patient or slide:
    /// seeded with `mix(seed, stream)` so streams do not depend on the order they are used in.
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: Self.mix(seed, stream))
    }

    /// SplitMix64 step (Steele, Lea & Flood 2014).
    @inline(__always)
    public static func splitMix(_ state: inout UInt64) -> UInt64 {
        var generator = SplitMix64(seed: state)
        defer { state = generator.state }
        return generator.next()
    }

    /// Stateless 64-bit hash of two words (SplitMix64 finaliser), used for counter-based noise.
    @inline(__always)
    public static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var s = a ^ (b &* 0xD1B5_4A32_D192_ED03)
        return splitMix(&s)
    }

    // MARK: - Distributions

    /// Uniform in [a, b).
    public mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * uniform() }

    /// Normal with mean `mu` and standard deviation `sd`.
    public mutating func normal(_ mu: Double, _ sd: Double) -> Double { mu + sd * normal() }

    /// Bernoulli(p).
    public mutating func bernoulli(_ p: Double) -> Bool { uniform() < p }

    /// Poisson(λ): inversion for λ < 30, otherwise the rounded normal approximation N(λ, λ)
    /// (error in the mean < 0.5 %, enough for mutation counts).
    public mutating func poisson(_ lambda: Double) -> Int {
        guard lambda > 0 else { return 0 }
        if lambda >= 30 { return max(0, Int((normal(lambda, lambda.squareRoot())).rounded())) }
        var k = 0
        var p = Foundation.exp(-lambda), cdf = p
        let u = uniform()
        while u > cdf && k < 1000 { k += 1; p *= lambda / Double(k); cdf += p }
        return k
    }

    /// Index drawn with probability proportional to `weights` (non-negative, not all zero).
    public mutating func categorical(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        guard total > 0 else { return 0 }
        var u = uniform() * total
        for (i, w) in weights.enumerated() {
            u -= w
            if u < 0 { return i }
        }
        return weights.count - 1
    }
}
