import Foundation

/// xoshiro256** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number generators"), the
/// project's seeded generator: the simulator's cohorts and the fusion model's initialisation,
/// batches and dropout all draw from it, so a seed fixes their output bit for bit.
///
/// Definition: the 256-bit state (s0, s1, s2, s3) is filled from the seed by four `SplitMix64` steps,
/// as the authors recommend; each step outputs `rotl(s1·5, 7)·9` and advances
/// `t = s1<<17; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45)`.
/// Never the system generator.
///
/// Example: `Xoshiro256StarStar(seed: 42).next() == 0x15780B2E0C2EC716` (`RandomTests`, checked against
/// an independent Python implementation of the authors' C code).
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable, Codable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Seeds the state from `seed` with SplitMix64.
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next(); s1 = seeder.next(); s2 = seeder.next(); s3 = seeder.next()
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

    /// Uniform in [0, 1) from the top 53 bits of one draw.
    @inline(__always)
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Standard normal by the Box–Muller transform from two uniform draws, `u1` floored at 2⁻⁶⁰; one
    /// value per call (the pair's second half is discarded, so the stream position never depends on
    /// the parity of earlier calls).
    public mutating func normal() -> Double {
        let u1 = max(uniform(), 0x1.0p-60), u2 = uniform()
        return (-2 * Foundation.log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
