/// Streaming reader of delimited text: push byte chunks of any size, receive records.
///
/// The rules are in this module's README: optional BOM, `\n` or `\r\n` line ends, RFC 4180 quoting when the
/// format quotes (quoted fields may span lines), `#` comment lines and blank lines skipped but counted, the
/// first other record is the header and every later record must have its field count, strict UTF-8.
/// Records are delivered to the closure as views into the reader's buffer (valid only during the call).
///
/// ```swift
/// var reader = DelimitedReader(source: "t.csv", format: .csv)
/// var rows: [[String]] = []
/// try reader.push(Array("\u{FEFF}id,name\r\n# note\n1,\"a, b\"\n".utf8)) { rows.append($0.texts) }
/// try reader.finish { rows.append($0.texts) }   // rows == [["id", "name"], ["1", "a, b"]]
/// ```
/// - Throws: ``TabularError`` naming the source, line and column; rethrows what the closure throws.
public struct DelimitedReader {
    public let source: String
    public let format: DelimitedFormat
    /// The header's fields (trimmed), once the header has been read.
    public private(set) var header: [String]?
    /// Line number of the first byte not yet consumed.
    private var line = 1
    private var pending: [UInt8] = []
    private var startChecked = false
    private var delimiter: UInt8?
    private var spans: [FieldSpan] = []
    private var scratch: [UInt8] = []
    private var finished = false

    public init(source: String, format: DelimitedFormat) {
        self.source = source
        self.format = format
        self.delimiter = format.delimiter.byte
    }

    /// Feeds one chunk; calls `body` for every record the bytes so far complete. Only a record that
    /// straddles chunks is copied; the rest is parsed where it lies.
    public mutating func push(_ chunk: UnsafeRawBufferPointer, _ body: (DelimitedRecord) throws -> Void) throws {
        precondition(!finished, "push after finish")
        let bytes = chunk.bindMemory(to: UInt8.self)
        var offset = 0
        // Complete the pending record line by line (a quoted field may span several).
        while !pending.isEmpty && offset < bytes.count {
            var end = offset
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            end = min(end + 1, bytes.count)
            var buffer: [UInt8] = []
            swap(&buffer, &pending)
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[offset..<end]))
            offset = end
            let consumed = try buffer.withUnsafeBufferPointer { try parse($0, final: false, body) }
            buffer.removeFirst(consumed)
            swap(&buffer, &pending)
        }
        guard offset < bytes.count else { return }
        let rest = UnsafeBufferPointer(rebasing: bytes[offset...])
        let consumed = try parse(rest, final: false, body)
        if consumed < rest.count { pending.append(contentsOf: UnsafeBufferPointer(rebasing: rest[consumed...])) }
    }

    /// Feeds one chunk of any byte collection.
    public mutating func push<C: Collection>(_ bytes: C, _ body: (DelimitedRecord) throws -> Void) throws
    where C.Element == UInt8 {
        let contiguous = Array(bytes)
        try contiguous.withUnsafeBytes { try push($0, body) }
    }

    /// Ends the input: delivers a last record without a line end, or throws for an open quote.
    public mutating func finish(_ body: (DelimitedRecord) throws -> Void) throws {
        guard !finished else { return }
        finished = true
        var buffer: [UInt8] = []
        swap(&buffer, &pending)
        _ = try buffer.withUnsafeBufferPointer { try parse($0, final: true, body) }
    }

    /// Reads a whole input held in memory.
    public static func read(_ bytes: [UInt8], source: String, format: DelimitedFormat,
                            _ body: (DelimitedRecord) throws -> Void) throws {
        var reader = DelimitedReader(source: source, format: format)
        try bytes.withUnsafeBytes { try reader.push($0, body) }
        try reader.finish(body)
    }

    /// The fields of a one-record text (e.g. a comma-separated command-line list with quoting), trimmed.
    public static func fields(of text: String, format: DelimitedFormat = .csv, source: String = "<argument>") throws -> [String] {
        var out: [String] = []
        try read(Array(text.utf8), source: source, format: format) { if out.isEmpty { out = $0.texts } }
        return out
    }
}

// MARK: - The state machine

extension DelimitedReader {
    /// Parses the complete records of `p`; returns how many bytes were consumed (the rest waits for more).
    private mutating func parse(_ buffer: UnsafeBufferPointer<UInt8>, final: Bool,
                                _ body: (DelimitedRecord) throws -> Void) throws -> Int {
        guard let p = buffer.baseAddress else { return 0 }
        let n = buffer.count
        var pos = 0
        if !startChecked {
            if n < 3 && !final && Array(buffer).elementsEqual([0xEF, 0xBB, 0xBF].prefix(n)) { return 0 }
            if n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { pos = 3 }
            startChecked = true
        }
        var spans = self.spans, scratch = self.scratch
        self.spans = []; self.scratch = []
        defer { self.spans = spans; self.scratch = scratch }
        let quoting = format.quoting
        let comment: Int = format.commentPrefix.map(Int.init) ?? -1

        while pos < n {
            // Comment and blank lines.
            if Int(p[pos]) == comment {
                var k = pos
                while k < n && p[k] != 0x0A { k += 1 }
                if k == n { if final { return n } else { return pos } }
                line += 1; pos = k + 1; continue
            }
            var k = pos
            while k < n && (p[k] == 0x20 || p[k] == 0x09 || p[k] == 0x0D) { k += 1 }
            if k == n { if final { return n } else { return pos } }
            if p[k] == 0x0A { line += 1; pos = k + 1; continue }

            if delimiter == nil {
                var e = pos
                while e < n && p[e] != 0x0A { if p[e] == 0x09 { break }; e += 1 }
                if e == n && !final { return pos }
                delimiter = e < n && p[e] == 0x09 ? 0x09 : 0x2C
            }
            let d = delimiter!
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            let delimiterPattern = ones &* UInt64(d), newlinePattern = ones &* 0x0A

            // One record.
            spans.removeAll(keepingCapacity: true)
            scratch.removeAll(keepingCapacity: true)
            var i = pos, innerLines = 0, end = 0, contentEnd = 0
            scan: while true {
                if quoting && i < n && p[i] == 0x20 {
                    // Spaces before an opening quote belong to no field: ` "a, b"` is quoted.
                    var q = i
                    while q < n && p[q] == 0x20 { q += 1 }
                    if q == n && !final { return pos }
                    if q < n && p[q] == 0x22 { i = q }
                }
                if quoting && i < n && p[i] == 0x22 {
                    var j = i + 1
                    var escaped = false
                    while true {
                        if j >= n {
                            if !final { return pos }
                            throw TabularError.unterminatedQuote(locate(p, pos, i))
                        }
                        let b = p[j]
                        if b == 0x22 {
                            if j + 1 >= n && !final { return pos }
                            if j + 1 < n && p[j + 1] == 0x22 { escaped = true; j += 2; continue }
                            break
                        }
                        if b == 0x0A { innerLines += 1 }
                        j += 1
                    }
                    if escaped {
                        let start = scratch.count
                        var r = i + 1
                        while r < j { scratch.append(p[r]); r += p[r] == 0x22 ? 2 : 1 }
                        spans.append(FieldSpan(start: start, end: scratch.count, inScratch: true, rawStart: i))
                    } else {
                        spans.append(FieldSpan(start: i + 1, end: j, inScratch: false, rawStart: i))
                    }
                    j += 1
                    while j < n && (p[j] == 0x20 || (p[j] == 0x09 && d != 0x09)) { j += 1 }
                    if j >= n {
                        if !final { return pos }
                        end = n; contentEnd = n; break scan
                    }
                    let c = p[j]
                    if c == d { i = j + 1; continue scan }
                    if c == 0x0A { end = j + 1; contentEnd = j; break scan }
                    if c == 0x0D {
                        if j + 1 >= n {
                            if !final { return pos }
                            end = n; contentEnd = j; break scan
                        }
                        if p[j + 1] == 0x0A { end = j + 2; contentEnd = j; break scan }
                    }
                    throw TabularError.textAfterQuote(locate(p, pos, j))
                } else {
                    var j = i
                    // Eight bytes at a time: the lowest byte equal to the delimiter or '\n' (Mycroft's
                    // zero-byte test on w ^ pattern; its lowest set bit is exact).
                    while j &+ 8 <= n {
                        let w = UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self)
                        let x = w ^ delimiterPattern, y = w ^ newlinePattern
                        let hit = (((x &- ones) & ~x) | ((y &- ones) & ~y)) & highs
                        if hit != 0 { j &+= hit.trailingZeroBitCount >> 3; break }
                        j &+= 8
                    }
                    while j < n {
                        let b = p[j]
                        if b == d || b == 0x0A { break }
                        j += 1
                    }
                    if j >= n && !final { return pos }
                    if j < n && p[j] == d {
                        spans.append(FieldSpan(start: i, end: j, inScratch: false, rawStart: i))
                        i = j + 1
                        continue scan
                    }
                    var valueEnd = j
                    if valueEnd > i && p[valueEnd - 1] == 0x0D { valueEnd -= 1 }
                    spans.append(FieldSpan(start: i, end: valueEnd, inScratch: false, rawStart: i))
                    contentEnd = valueEnd
                    end = j < n ? j + 1 : n
                    break scan
                }
            }

            if let problem = UTF8Validation.firstProblem(p, from: pos, to: contentEnd) {
                switch problem {
                case .nul(let offset): throw TabularError.nulByte(locate(p, pos, offset))
                case .invalid(let offset, let length):
                    throw TabularError.invalidUTF8(locate(p, pos, offset), bytes: Array(UnsafeBufferPointer(start: p + offset, count: length)))
                }
            }
            let isHeader = header == nil
            if let width = header?.count, spans.count != width {
                let offset = spans.count > width ? spans[width].rawStart : contentEnd
                throw TabularError.fieldCount(locate(p, pos, offset), found: spans.count, expected: width)
            }
            try spans.withUnsafeBufferPointer { sp in
                try scratch.withUnsafeBufferPointer { sc in
                    let record = DelimitedRecord(source: source, line: line, isHeader: isHeader, base: p,
                                                 scratch: sc.baseAddress, spans: sp, recordStart: pos)
                    if isHeader { header = record.texts }
                    try body(record)
                }
            }
            line += innerLines + 1
            pos = end
        }
        return pos
    }

    private func locate(_ p: UnsafePointer<UInt8>, _ recordStart: Int, _ offset: Int) -> TextLocation {
        DelimitedRecord.location(base: p, recordStart: recordStart, recordLine: line, offset: offset, source: source)
    }
}
