import Foundation

/// Ticks for a logarithmic axis (hazard ratios, odds ratios).
///
/// Rule: candidates are m·10ᵏ with m ∈ {1, 2, 5}; the axis runs from the largest candidate ≤ the
/// minimum to the smallest candidate ≥ the maximum, and always includes 1 (no effect). When that
/// gives more than `maxTicks` ticks, only m = 1 (decades) is used, then every other decade.
///
/// Example: hazard ratios spanning 0.42…3.1 → ticks 0.2, 0.5, 1, 2, 5.
public struct LogTicks: Sendable, Hashable, Codable {
    public let lower: Double
    public let upper: Double
    public let ticks: [Double]

    /// Non-positive or non-finite bounds fall back to 0.1…10.
    public init(minimum: Double, maximum: Double, maxTicks: Int = 9, includeOne: Bool = true) {
        var lo = min(minimum, maximum), hi = max(minimum, maximum)
        if !(lo > 0) || !hi.isFinite || !lo.isFinite { lo = 0.1; hi = 10 }
        if includeOne { lo = min(lo, 1); hi = max(hi, 1) }
        if hi / lo < 1.0001 { lo /= 2; hi *= 2 }
        var chosen: [Double] = []
        for mantissas in [[1.0, 2, 5], [1.0]] {
            let kLo = Int(log10(lo).rounded(.down)) - 1, kHi = Int(log10(hi).rounded(.up)) + 1
            var candidates: [Double] = []
            for k in kLo...kHi { for m in mantissas { candidates.append(LogTicks.clean(m * pow(10, Double(k)))) } }
            let below = candidates.last { $0 <= lo * (1 + 1e-9) } ?? candidates[0]
            let above = candidates.first { $0 >= hi * (1 - 1e-9) } ?? candidates[candidates.count - 1]
            chosen = candidates.filter { $0 >= below && $0 <= above }
            if chosen.count <= maxTicks { break }
        }
        while chosen.count > maxTicks, chosen.count > 2 {
            // Every other tick, keeping 1 when present.
            let anchor = chosen.firstIndex(of: 1) ?? 0
            chosen = chosen.enumerated().filter { ($0.offset - anchor) % 2 == 0 }.map(\.element)
        }
        ticks = chosen
        lower = min(chosen.first ?? lo, lo)
        upper = max(chosen.last ?? hi, hi)
    }

    static func clean(_ v: Double) -> Double {
        let digits = max(0, 6 - Int(log10(v).rounded(.down)))
        let p = pow(10, Double(digits))
        return (v * p).rounded() / p
    }

    /// A compact label: "0.2", "0.05", "1", "10".
    public static func label(_ v: Double) -> String {
        if v >= 1 && v == v.rounded() { return String(format: "%.0f", v) }
        var s = String(format: "%.4f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
