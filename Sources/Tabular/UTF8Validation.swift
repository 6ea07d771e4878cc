/// Strict UTF-8 checking of field bytes (Unicode 15, table 3-7): no overlong forms, no surrogates, nothing
/// above U+10FFFF, and no NUL. ASCII runs are checked eight bytes at a time.
enum UTF8Validation {
    enum Problem {
        /// The invalid sequence starts at `offset` and spans `length` bytes (its maximal valid prefix + 1).
        case invalid(offset: Int, length: Int)
        case nul(offset: Int)
    }

    /// The first problem in `p[start..<end]`, or nil when the bytes are valid UTF-8 without NUL.
    static func firstProblem(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Problem? {
        var i = start
        while i < end {
            // Fast path: eight ASCII bytes without NUL.
            if end - i >= 8 {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                let high: UInt64 = 0x8080_8080_8080_8080
                let zero = (w &- 0x0101_0101_0101_0101) & ~w & high
                if (w & high) | zero == 0 { i += 8; continue }
            }
            let b = p[i]
            if b == 0 { return .nul(offset: i) }
            if b < 0x80 { i += 1; continue }
            let length: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lo = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: length = 3
            case 0xED: length = 3; hi = 0x9F
            case 0xF0: length = 4; lo = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; hi = 0x8F
            default: return .invalid(offset: i, length: 1)
            }
            for k in 1..<length {
                guard i + k < end else { return .invalid(offset: i, length: k) }
                let c = p[i + k]
                let (l, h) = k == 1 ? (lo, hi) : (UInt8(0x80), UInt8(0xBF))
                guard c >= l && c <= h else { return .invalid(offset: i, length: k) }
            }
            i += length
        }
        return nil
    }
}
