import Foundation

/// Axis ticks at "nice" values (1, 2 or 5 × 10ᵏ apart) covering a data range.
///
/// Heckbert's loose labelling (P. S. Heckbert, "Nice numbers for graph labels", Graphics Gems,
/// 1990, pp. 61–63): range = nice(max − min, round: false); step = nice(range / (n − 1), round: true);
/// the axis runs from ⌊min/step⌋·step to ⌈max/step⌉·step, and labels show
/// max(−⌊log₁₀ step⌋, 0) fraction digits. `nice(x)` writes x = f·10ᵉ (1 ≤ f < 10) and
/// replaces f by 1, 2, 5 or 10 — rounding: f < 1.5 → 1, < 3 → 2, < 7 → 5, else 10; not
/// rounding (ceiling): f ≤ 1 → 1, ≤ 2 → 2, ≤ 5 → 5, else 10.
///
/// Example: 0…37 with at most 5 ticks → range nice(37) = 50, step nice(12.5) = 10,
/// ticks 0, 10, 20, 30, 40.
///
/// Edge cases: a zero-width range is widened (v ± 1 when v = 0, else ± |v|/2 … to nice bounds);
/// non-finite input gives the scale 0…1; min > max are swapped.
public struct NiceScale: Sendable, Hashable, Codable {
    public let lower: Double
    public let upper: Double
    public let step: Double
    public let fractionDigits: Int

    public init(minimum: Double, maximum: Double, maxTicks: Int = 6) {
        var lo = min(minimum, maximum), hi = max(minimum, maximum)
        if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
        if hi == lo {
            if lo == 0 { hi = 1 } else { let d = abs(lo) / 2; lo -= d; hi += d }
        }
        let n = max(maxTicks, 2)
        let range = NiceScale.niceNumber(hi - lo, round: false)
        let step = NiceScale.niceNumber(range / Double(n - 1), round: true)
        self.step = step
        self.lower = (lo / step).rounded(.down) * step
        self.upper = (hi / step).rounded(.up) * step
        self.fractionDigits = max(-Int((log10(step)).rounded(.down)), 0)
    }

    /// Heckbert's nice number near `x` (> 0): 1, 2, 5 or 10 × 10ᵏ.
    public static func niceNumber(_ x: Double, round: Bool) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let exponent = log10(x).rounded(.down)
        let power = pow(10, exponent)
        let f = x / power
        let nice: Double
        if round {
            nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10
        } else {
            nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10
        }
        return nice * power
    }

    /// Tick values from `lower` to `upper` inclusive, computed as integer multiples of `step`
    /// (no accumulated rounding error).
    public var ticks: [Double] {
        let first = Int((lower / step).rounded()), last = Int((upper / step).rounded())
        guard last >= first else { return [lower] }
        return (first...last).map { NiceScale.clean(Double($0) * step, digits: fractionDigits) }
    }

    /// `value` formatted with this scale's fraction digits ("-0" printed as "0").
    public func label(_ value: Double) -> String {
        NiceScale.format(value, fractionDigits: fractionDigits)
    }

    static func clean(_ v: Double, digits: Int) -> Double {
        let p = pow(10, Double(digits + 2))
        return (v * p).rounded() / p
    }

    /// `value` with `fractionDigits` decimals, never "-0".
    public static func format(_ value: Double, fractionDigits: Int) -> String {
        let s = String(format: "%.\(max(0, min(fractionDigits, 10)))f", value)
        if s.hasPrefix("-"), Double(s) == 0 { return String(s.dropFirst()) }
        return s
    }
}
