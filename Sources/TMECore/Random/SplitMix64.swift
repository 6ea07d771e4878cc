/// SplitMix64 (Steele, Lea & Flood 2014): a 64-bit counter passed through a mixing finaliser.
///
/// Definition: `state += 0x9E3779B97F4A7C15`; `z = state`; `z = (z ^ z>>30) · 0xBF58476D1CE4E5B9`;
/// `z = (z ^ z>>27) · 0x94D049BB133111EB`; output `z ^ z>>31` (wrapping arithmetic). Pure integer
/// arithmetic, so a seed gives the same stream on every machine. Small and fast; used directly where
/// a stream of a few thousand draws is enough (bootstrap replicates, fixtures) and to seed
/// `Xoshiro256StarStar`.
///
/// Example: `SplitMix64(seed: 0).next() == 0xE220A8397B1DCDAF` (the reference implementation's first output).
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.finalise(state)
    }

    /// The output function alone, a good 64-bit hash of `z` (used for counter-based noise).
    @inline(__always)
    public static func finalise(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
