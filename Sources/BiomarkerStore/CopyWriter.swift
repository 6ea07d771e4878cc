import CLibPQ

/// Streams rows into `COPY table (columns) FROM STDIN` in PostgreSQL's text format.
///
/// Rows are encoded into a fixed-size buffer that is sent with `PQputCopyData` whenever it
/// fills, so memory stays at the buffer size however many rows pass through. Use through
/// `Connection.copy(into:columns:_:)`, which finishes or aborts the COPY.
public struct CopyWriter: ~Copyable {
    private let connection: Connection
    private let statement: String
    private var buffer: [UInt8] = []
    private var fieldsInRow = 0
    public private(set) var rowsWritten = 0
    static let flushThreshold = 1 << 18

    init(connection: Connection, statement: String) {
        self.connection = connection
        self.statement = statement
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    // MARK: - Fields

    public mutating func append(_ value: Int) {
        separate()
        var magnitude = value.magnitude
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for position in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[position]) }
        }
    }

    public mutating func append(_ value: Double) {
        separate()
        var text = SQLFormat.double(value)
        text.withUTF8 { buffer.append(contentsOf: $0) }
    }

    public mutating func append(_ value: Bool) {
        separate()
        buffer.append(value ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }

    /// Text, escaped for COPY's text format (backslash, tab, newline, carriage return).
    public mutating func append(_ value: String) {
        separate()
        var text = value
        text.withUTF8 { bytes in
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\t"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case UInt8(ascii: "\n"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                default: buffer.append(byte)
                }
            }
        }
    }

    public mutating func appendNull() {
        separate()
        buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")])
    }

    public mutating func append(_ value: Int?) { if let value { append(value) } else { appendNull() } }
    public mutating func append(_ value: Double?) { if let value { append(value) } else { appendNull() } }
    public mutating func append(_ value: String?) { if let value { append(value) } else { appendNull() } }
    public mutating func append(_ value: Bool?) { if let value { append(value) } else { appendNull() } }

    /// Ends the current row; sends the buffer when it is full.
    public mutating func endRow() throws {
        buffer.append(UInt8(ascii: "\n"))
        fieldsInRow = 0
        rowsWritten += 1
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.append(UInt8(ascii: "\t")) }
        fieldsInRow += 1
    }

    // MARK: - Protocol

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        let handle = connection.handle
        let status = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        guard status == 1 else {
            throw StoreError.client(message: Connection.trimmed(PQerrorMessage(handle)), statement: statement)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Sends what is left and ends the COPY; returns the number of rows the server stored.
    consuming func finish() throws -> Int {
        try flush()
        let handle = connection.handle
        guard PQputCopyEnd(handle, nil) == 1 else {
            throw StoreError.client(message: Connection.trimmed(PQerrorMessage(handle)), statement: statement)
        }
        return try Self.drainResults(connection: connection, statement: statement)
    }

    /// Abandons the COPY; the server discards every row sent so far.
    consuming func abort() {
        let handle = connection.handle
        _ = PQputCopyEnd(handle, "aborted by TMEScope")
        _ = try? Self.drainResults(connection: connection, statement: statement)
    }

    private static func drainResults(connection: Connection, statement: String) throws -> Int {
        var stored = 0
        var firstError: Error?
        while let result = PQgetResult(connection.handle) {
            do { stored = try connection.check(result, statement: statement).affectedRows } catch {
                if firstError == nil { firstError = error }
            }
        }
        if let firstError { throw firstError }
        return stored
    }
}

extension Connection {
    /// Bulk-loads rows with COPY FROM STDIN. `body` appends fields and ends rows on the writer;
    /// if it throws, the COPY is aborted and nothing it sent is stored.
    /// `table` and `columns` are identifiers from the code's own constants, never user input.
    @discardableResult
    public func copy(into table: String, columns: [String], _ body: (inout CopyWriter) throws -> Void) throws -> Int {
        let statement = "COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN"
        let label = "COPY \(table)"
        let start = PQexec(handle, statement)
        let started = try check(start, statement: label)
        withExtendedLifetime(started) {}
        var writer = CopyWriter(connection: self, statement: label)
        do {
            try body(&writer)
        } catch {
            writer.abort()
            throw error
        }
        return try writer.finish()
    }
}
