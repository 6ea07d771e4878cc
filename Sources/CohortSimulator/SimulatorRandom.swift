import Foundation

// MARK: - Seeded generators

/// Xoshiro256** pseudo-random generator seeded through SplitMix64.
///
/// Definition: Blackman & Vigna (2018), "Scrambled linear pseudorandom number generators";
/// the 256-bit state is filled from the seed by four SplitMix64 steps (Steele et al. 2014).
/// Pure integer arithmetic, so the same seed gives the same sequence on every machine.
/// The simulator never touches the system RNG.
public struct SimulatorRandom: RandomNumberGenerator, Sendable, Hashable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Seeds the state from `seed` with SplitMix64.
    public init(seed: UInt64) {
        var sm = seed
        s0 = SimulatorRandom.splitMix(&sm); s1 = SimulatorRandom.splitMix(&sm)
        s2 = SimulatorRandom.splitMix(&sm); s3 = SimulatorRandom.splitMix(&sm)
    }

    /// A generator for an independent sub-stream, e.g. one per patient or slide:
    /// seeded with `mix(seed, stream)` so streams do not depend on the order they are used in.
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: SimulatorRandom.mix(seed, stream))
    }

    /// SplitMix64 step (Steele, Lea & Flood 2014).
    @inline(__always)
    public static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Stateless 64-bit hash of two words (SplitMix64 finaliser), used for counter-based noise.
    @inline(__always)
    public static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var s = a ^ (b &* 0xD1B5_4A32_D192_ED03)
        return splitMix(&s)
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    // MARK: - Distributions

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [a, b).
    public mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * uniform() }

    /// Standard normal by the Box–Muller transform (one value per call; the pair's second half is discarded
    /// so the stream position never depends on earlier calls' parity).
    public mutating func normal() -> Double {
        let u1 = max(uniform(), 0x1.0p-60), u2 = uniform()
        return (-2 * Foundation.log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

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
