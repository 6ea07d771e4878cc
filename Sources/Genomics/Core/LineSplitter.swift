/// Splits a byte stream, delivered in chunks of any size, into text lines.
///
/// Lines end at `\n`; a `\r` before it (Windows files) is dropped. Bytes are decoded as UTF-8,
/// invalid sequences becoming U+FFFD. Line numbers start at 1 and count every line, including
/// comments and blank lines, so they match what an editor shows.
///
/// ```swift
/// var splitter = LineSplitter()
/// var lines: [String] = []
/// splitter.push(Array("a\tb\r\nc".utf8)) { line, _ in lines.append(line) }
/// splitter.finish { line, _ in lines.append(line) }   // lines == ["a\tb", "c"]
/// ```
public struct LineSplitter: Sendable {
    private var pending: [UInt8] = []
    /// Number of lines delivered so far.
    public private(set) var lineNumber = 0

    public init() {}

    /// Feeds one chunk; calls `emit(line, lineNumber)` for every line the chunk completes.
    public mutating func push<C: Collection>(_ bytes: C, _ emit: (String, Int) throws -> Void) rethrows
    where C.Element == UInt8 {
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            if bytes[index] == 0x0A {
                if pending.isEmpty {
                    try deliver(bytes[start..<index], emit)
                } else {
                    pending.append(contentsOf: bytes[start..<index])
                    let line = pending
                    pending.removeAll(keepingCapacity: true)
                    try deliver(line[...], emit)
                }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        pending.append(contentsOf: bytes[start..<bytes.endIndex])
    }

    /// Delivers a last line that had no terminating newline, if any.
    public mutating func finish(_ emit: (String, Int) throws -> Void) rethrows {
        guard !pending.isEmpty else { return }
        let line = pending
        pending.removeAll()
        try deliver(line[...], emit)
    }

    private mutating func deliver<S: Collection>(_ bytes: S, _ emit: (String, Int) throws -> Void) rethrows
    where S.Element == UInt8 {
        lineNumber += 1
        var text = String(decoding: bytes, as: UTF8.self)
        if text.utf8.last == 0x0D { text.removeLast() }
        try emit(text, lineNumber)
    }
}
