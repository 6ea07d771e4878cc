import CZlib
import Foundation
import Tabular

/// Reads a delimited text file, plain or gzip-compressed (zlib's `gzopen` detects gzip by its magic
/// bytes and reads anything else as is), through `Tabular.DelimitedReader`: the one way every table of
/// the tool is read. Owns the zlib handle; `deinit` closes it.
public final class CompressedTextFile {
    public let path: String
    private let handle: gzFile
    private var chunk: [UInt8]
    /// Uncompressed bytes delivered so far.
    public private(set) var bytesRead = 0

    /// Opens `path`; throws ``GenomicsInputError/cannotOpen(path:reason:)``.
    public init(path: String, chunkSize: Int = 1 << 18) throws {
        guard let handle = gzopen(path, "rb") else {
            throw GenomicsInputError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        gzbuffer(handle, 1 << 17)
        self.path = path
        self.handle = handle
        self.chunk = [UInt8](repeating: 0, count: chunkSize)
    }

    deinit { gzclose(handle) }

    /// Calls `body` for every record (the header first), read with `format`; `source` names the file in
    /// messages (default: its last path component). Throws ``GenomicsInputError/readFailed(path:reason:)``
    /// on a damaged or truncated gzip stream, `Tabular.TabularError` for malformed text, and rethrows what
    /// `body` throws.
    public func forEachRecord(format: DelimitedFormat, source: String? = nil,
                              _ body: (DelimitedRecord) throws -> Void) throws {
        try forEachRecord(format: format, source: source, until: { false }, body)
    }

    /// Like ``forEachRecord(format:source:_:)`` but stops reading (between chunks) once `stop()` returns true.
    public func forEachRecord(format: DelimitedFormat, source: String? = nil, until stop: () -> Bool,
                              _ body: (DelimitedRecord) throws -> Void) throws {
        var reader = DelimitedReader(source: source ?? URL(fileURLWithPath: path).lastPathComponent, format: format)
        while !stop() {
            let n = chunk.withUnsafeMutableBytes { gzread(handle, $0.baseAddress, UInt32($0.count)) }
            if n < 0 { throw GenomicsInputError.readFailed(path: path, reason: errorMessage()) }
            if n == 0 { break }
            bytesRead += Int(n)
            try chunk.withUnsafeBytes { try reader.push(UnsafeRawBufferPointer(rebasing: $0[0..<Int(n)]), body) }
        }
        if stop() { return }
        var code: Int32 = 0
        _ = gzerror(handle, &code)
        if code != Z_OK && code != Z_STREAM_END {
            throw GenomicsInputError.readFailed(path: path, reason: errorMessage())
        }
        try reader.finish(body)
    }

    private func errorMessage() -> String {
        var code: Int32 = 0
        guard let message = gzerror(handle, &code) else { return "zlib error" }
        if code == Z_ERRNO { return String(cString: strerror(errno)) }
        return String(cString: message)
    }
}
