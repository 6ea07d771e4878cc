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
    /// This is the fast path (concrete byte buffer, no generic dispatch per byte).
    public mutating func push(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (String, Int) throws -> Void) rethrows {
        var start = 0
        var index = 0
        let count = bytes.count
        while index < count {
            if bytes[index] == 0x0A {
                let piece = UnsafeBufferPointer(rebasing: bytes[start..<index])
                if pending.isEmpty {
                    try deliver(piece, emit)
                } else {
                    pending.append(contentsOf: piece)
                    let line = pending
                    pending.removeAll(keepingCapacity: true)
                    try line.withUnsafeBufferPointer { try deliver($0, emit) }
                }
                start = index + 1
            }
            index += 1
        }
        if start < count { pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<count])) }
    }

    /// Feeds one chunk of any byte collection (copied once into contiguous storage).
    public mutating func push<C: Collection>(_ bytes: C, _ emit: (String, Int) throws -> Void) rethrows
    where C.Element == UInt8 {
        let contiguous = Array(bytes)
        try contiguous.withUnsafeBufferPointer { try push($0, emit) }
    }

    /// Delivers a last line that had no terminating newline, if any.
    public mutating func finish(_ emit: (String, Int) throws -> Void) rethrows {
        guard !pending.isEmpty else { return }
        let line = pending
        pending.removeAll()
        try line.withUnsafeBufferPointer { try deliver($0, emit) }
    }

    private mutating func deliver(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (String, Int) throws -> Void) rethrows {
        lineNumber += 1
        let end = bytes.last == 0x0D ? bytes.count - 1 : bytes.count
        try emit(String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self), lineNumber)
    }
}
