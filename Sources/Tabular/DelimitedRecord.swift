/// One field of a record: its bytes (quotes removed, `""` unescaped), valid UTF-8 without NUL.
///
/// A view into the reader's buffer: valid only inside the closure that received its record. Copy out what
/// you keep (``text``, ``double``, …).
public struct DelimitedField {
    /// The field's bytes, untrimmed.
    public let bytes: UnsafeBufferPointer<UInt8>

    public init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The bytes without leading and trailing spaces and tabs.
    public var trimmed: DelimitedField { DelimitedField(bytes: Self.trim(bytes)) }

    /// The trimmed text.
    public var text: String { String(decoding: Self.trim(bytes), as: UTF8.self) }

    /// The trimmed text, or nil when it is a missing-value token (``MissingValue``).
    public var value: String? {
        let t = Self.trim(bytes)
        return MissingValue.isMissing(t) ? nil : String(decoding: t, as: UTF8.self)
    }

    /// The untrimmed text.
    public var rawText: String { String(decoding: bytes, as: UTF8.self) }

    /// True when the trimmed field is empty.
    public var isBlank: Bool { Self.trim(bytes).isEmpty }

    /// True when the trimmed field is a missing-value token (empty, NA, NaN, null, …).
    public var isMissing: Bool { MissingValue.isMissing(Self.trim(bytes)) }

    /// The trimmed field as a `Double`, as `Double(String)` reads it (so `inf` and `nan` parse); nil otherwise.
    public var double: Double? { NumberParsing.double(Self.trim(bytes)) }

    /// The trimmed field as an `Int` (`[+-]digits`), nil otherwise.
    public var int: Int? { NumberParsing.int(Self.trim(bytes)) }

    /// True when the trimmed field is exactly `text`.
    public func equals(_ text: StaticString) -> Bool {
        let t = Self.trim(bytes)
        guard t.count == text.utf8CodeUnitCount else { return false }
        return t.elementsEqual(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    static func trim(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = b.count
        while start < end, b[start] == 0x20 || b[start] == 0x09 { start += 1 }
        while end > start, b[end - 1] == 0x20 || b[end - 1] == 0x09 { end -= 1 }
        return UnsafeBufferPointer(rebasing: b[start..<end])
    }
}

/// Position of one field inside the reader's buffers.
struct FieldSpan {
    /// Bytes of the value: in the input buffer, or in the unescape scratch when `inScratch`.
    var start: Int
    var end: Int
    var inScratch: Bool
    /// Offset in the input buffer where the field starts (its opening quote, if quoted), for locations.
    var rawStart: Int
}

/// One record (a header or data row) of a delimited table, delivered by ``DelimitedReader``.
///
/// A view into the reader's buffer, valid only inside the closure that received it.
public struct DelimitedRecord {
    /// Name of the input, for messages.
    public let source: String
    /// 1-based line on which the record starts.
    public let line: Int
    /// True for the header (the first record that is neither a comment nor blank).
    public let isHeader: Bool
    let base: UnsafePointer<UInt8>
    let scratch: UnsafePointer<UInt8>?
    let spans: UnsafeBufferPointer<FieldSpan>
    let recordStart: Int

    /// Number of fields.
    public var count: Int { spans.count }

    public subscript(_ i: Int) -> DelimitedField {
        let s = spans[i]
        let start = (s.inScratch ? scratch! : base) + s.start
        return DelimitedField(bytes: UnsafeBufferPointer(start: start, count: s.end - s.start))
    }

    /// Texts of all fields, trimmed (for headers).
    public var texts: [String] { (0..<count).map { self[$0].text } }

    /// Line and column of byte `offset`, counting newlines from the record's start.
    static func location(base: UnsafePointer<UInt8>, recordStart: Int, recordLine: Int, offset: Int,
                         source: String) -> TextLocation {
        var line = recordLine, lineStart = recordStart
        for k in recordStart..<offset where base[k] == 0x0A { line += 1; lineStart = k + 1 }
        var column = 1
        for k in lineStart..<offset where base[k] & 0xC0 != 0x80 { column += 1 }
        return TextLocation(source: source, line: line, column: column)
    }
}
