/// The tokens that mean "no value" in every table TMEScope reads: R's and pandas' `NA`/`NaN`, SQL's `null`,
/// MAF's `.`, and the TCGA/cBioPortal bracketed forms. Compared after trimming spaces, ignoring ASCII case.
public enum MissingValue {
    public static let tokens: [String] = [
        "", ".", "na", "nan", "n/a", "null", "none", "unknown", "not available", "[not available]",
        "[not applicable]", "[unknown]", "[not evaluated]", "[discrepancy]", "[completed]",
    ]

    static let tokenBytes: [[UInt8]] = tokens.map { Array($0.utf8) }
    static let longest = tokens.map(\.utf8.count).max()!

    /// True when `bytes` (already trimmed) is one of ``tokens``, ignoring ASCII case.
    public static func isMissing(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        if n == 0 { return true }
        guard n <= longest else { return false }
        // Every token starts with '.', n, u or '[' (either case).
        let first = bytes[0] | 0x20
        guard first == 0x6E || first == 0x75 || bytes[0] == 0x2E || bytes[0] == 0x5B else { return false }
        outer: for token in tokenBytes where token.count == n {
            for i in 0..<n {
                let b = bytes[i], t = token[i]
                let lower = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
                if lower != t { continue outer }
            }
            return true
        }
        return false
    }

    /// True when `text`, trimmed of spaces and tabs, is one of ``tokens``, ignoring ASCII case.
    public static func isMissing<S: StringProtocol>(_ text: S) -> Bool {
        var copy = String(text)
        return copy.withUTF8 { isMissing(DelimitedField.trim($0)) }
    }
}
