/// Decimal text → number without building a `String` when the result is exact.
///
/// `double(_:)` accepts what `Double(String)` accepts and returns the same value: a plain decimal
/// `[+-]digits[.digits][(e|E)[+-]digits]` with at most 19 significant digits whose value m·10^e has
/// m < 2^53 and |e| ≤ 22 is converted exactly (one correctly rounded multiplication or division by an
/// exact power of ten: Clinger 1990, "How to read floating point numbers accurately"); any other text
/// (more digits, large exponents, `inf`, `nan`, hexadecimal) is handed to `Double(String)`.
enum NumberParsing {
    static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { a, _ in a * 10 } }

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
        guard mantissa < (1 << 53), exponent >= -22, exponent <= 22 else { return slow(b) }
        var value = Double(mantissa)
        value = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
        return negative ? -value : value
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
