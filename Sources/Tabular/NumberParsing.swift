/// Decimal text → number without building a `String`, with the value `Double(String)` gives.
///
/// `double(_:)` accepts what `Double(String)` accepts and returns the same (correctly rounded) value. A plain
/// decimal `[+-]digits[.digits][(e|E)[+-]digits]` with at most 19 significant digits, m·10^e with
/// |e| ≤ 27, is converted with integer arithmetic: m·5^e exactly in 128 bits for e ≥ 0, or the 64-bit
/// quotient of m·2^s by 5^|e| with its remainder as a sticky bit for e < 0; then one round-to-nearest-even
/// to 53 bits (the same decomposition as Clinger 1990 and Lemire 2021, with an exact division instead of
/// a table of powers). Any other text (more digits, larger exponents, `inf`, `nan`, hexadecimal) is handed
/// to `Double(String)`.
enum NumberParsing {
    /// 5^k for k = 0…27 (5^27 < 2^63).
    static let powersOfFive: [UInt64] = (0...27).map { k in (0..<k).reduce(UInt64(1)) { a, _ in a * 5 } }

    static func double(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = b.count
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if b[0] == 0x2D || b[0] == 0x2B { negative = b[0] == 0x2D; i = 1 }
        var mantissa: UInt64 = 0
        var significant = 0, digits = 0, exponent = 0
        while i < n, b[i] &- 0x30 < 10 {
            let d = UInt64(b[i] &- 0x30)
            if mantissa != 0 || d != 0 { significant += 1 }
            mantissa = mantissa &* 10 &+ d
            digits += 1; i += 1
        }
        if i < n, b[i] == 0x2E {
            i += 1
            while i < n, b[i] &- 0x30 < 10 {
                let d = UInt64(b[i] &- 0x30)
                if mantissa != 0 || d != 0 { significant += 1 }
                mantissa = mantissa &* 10 &+ d
                digits += 1; exponent -= 1; i += 1
            }
        }
        guard digits > 0, significant <= 19 else { return slow(b) }
        if i < n, b[i] | 0x20 == 0x65 {
            i += 1
            var expNegative = false
            if i < n, b[i] == 0x2D || b[i] == 0x2B { expNegative = b[i] == 0x2D; i += 1 }
            var e = 0, expDigits = 0
            while i < n, b[i] &- 0x30 < 10 {
                if e < 100_000 { e = e * 10 + Int(b[i] &- 0x30) }
                expDigits += 1; i += 1
            }
            guard expDigits > 0 else { return slow(b) }
            exponent += expNegative ? -e : e
        }
        guard i == n else { return slow(b) }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        guard exponent >= -27, exponent <= 27, let value = exact(mantissa, exponent) else { return slow(b) }
        return negative ? -value : value
    }

    /// m·10^e correctly rounded, for m > 0 and |e| ≤ 27; nil when the result would not be a normal double.
    static func exact(_ m: UInt64, _ e: Int) -> Double? {
        if e >= 0 {
            let (high, low) = m.multipliedFullWidth(by: powersOfFive[e])
            if high == 0 {
                // Double(UInt64) rounds to nearest even; scaling by 2^e is exact.
                return Double(sign: .plus, exponent: e, significand: Double(low))
            }
            let shift = 64 - high.leadingZeroBitCount
            let q = (high << (64 - shift)) | (low >> shift)
            let sticky = low & ((1 << shift) - 1) != 0
            return round(q, sticky: sticky, exponent: shift + e)
        }
        let k = -e, d = powersOfFive[k]
        let bd = 64 - d.leadingZeroBitCount, bm = 64 - m.leadingZeroBitCount
        let s = 63 + bd - bm   // puts the quotient in [2^62, 2^64)
        let high: UInt64, low: UInt64
        if s >= 64 { high = m << (s - 64); low = 0 } else { high = m >> (64 - s); low = m << s }
        let (q, r) = d.dividingFullWidth((high, low))
        return round(q, sticky: r != 0, exponent: -s - k)
    }

    /// (q + a fraction that is non-zero when `sticky`) · 2^exponent, rounded to nearest even; q ≥ 2^54.
    static func round(_ q: UInt64, sticky: Bool, exponent: Int) -> Double? {
        let bits = 64 - q.leadingZeroBitCount
        var shift = bits - 53
        var mantissa = q >> shift
        let rest = q & ((1 << shift) - 1), half: UInt64 = 1 << (shift - 1)
        if rest > half || (rest == half && (sticky || mantissa & 1 == 1)) {
            mantissa += 1
            if mantissa == 1 << 53 { mantissa >>= 1; shift += 1 }
        }
        let biased = shift + exponent + 52 + 1023
        guard biased >= 1, biased <= 2046 else { return nil }
        return Double(bitPattern: UInt64(biased) << 52 | (mantissa & ((1 << 52) - 1)))
    }

    static func slow(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        Double(String(decoding: b, as: UTF8.self))
    }

    /// `[+-]digits` as an `Int`, nil on anything else or overflow (as `Int(String)`).
    static func int(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = b.count
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if b[0] == 0x2D || b[0] == 0x2B { negative = b[0] == 0x2D; i = 1 }
        guard i < n else { return nil }
        var value = 0
        while i < n {
            let d = b[i] &- 0x30
            guard d < 10 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int(d)) : m.addingReportingOverflow(Int(d))
            guard !o1, !o2 else { return nil }
            value = s; i += 1
        }
        return value
    }
}
