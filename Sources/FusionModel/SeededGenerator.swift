import TMECore

/// The fusion model's seeded generator: TMECore's xoshiro256** (Blackman & Vigna 2018), so training is
/// reproducible: the same seed gives the same weight initialisation, batches, dropout masks and
/// therefore identical trained weights.
public typealias SeededGenerator = Xoshiro256StarStar

extension Xoshiro256StarStar {
    /// Uniform on [0, 1) with 53 random bits (`uniform()`).
    @inline(__always)
    public mutating func nextUniform() -> Double { uniform() }

    /// Standard normal by the Box–Muller transform (`normal()`).
    public mutating func nextNormal() -> Double { normal() }

    /// A derived, independent stream (for per-fold or per-epoch generators): seeded with the next draw.
    public mutating func split() -> Xoshiro256StarStar { Xoshiro256StarStar(seed: next()) }
}
