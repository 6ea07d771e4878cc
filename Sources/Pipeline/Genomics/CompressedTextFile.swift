import CZlib
import Foundation
import Genomics

/// Reads a text file line by line, plain or gzip-compressed (zlib's `gzopen` detects gzip by its magic
/// bytes and reads anything else as is). Owns the zlib handle; `deinit` closes it.
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

    /// Calls `body(line, lineNumber)` for every line (numbers from 1, `\r\n` handled). Throws
    /// ``GenomicsInputError/readFailed(path:reason:)`` on a damaged or truncated gzip stream, and
    /// rethrows what `body` throws.
    public func forEachLine(_ body: (String, Int) throws -> Void) throws {
        try forEachLine(until: { false }, body)
    }

    /// Like ``forEachLine(_:)`` but stops reading (between chunks) once `stop()` returns true.
    public func forEachLine(until stop: () -> Bool, _ body: (String, Int) throws -> Void) throws {
        var splitter = LineSplitter()
        while !stop() {
            let n = chunk.withUnsafeMutableBytes { gzread(handle, $0.baseAddress, UInt32($0.count)) }
            if n < 0 { throw GenomicsInputError.readFailed(path: path, reason: errorMessage()) }
            if n == 0 { break }
            bytesRead += Int(n)
            try chunk.withUnsafeBufferPointer { try splitter.push(UnsafeBufferPointer(rebasing: $0[0..<Int(n)]), body) }
        }
        if stop() { return }
        var code: Int32 = 0
        _ = gzerror(handle, &code)
        if code != Z_OK && code != Z_STREAM_END {
            throw GenomicsInputError.readFailed(path: path, reason: errorMessage())
        }
        try splitter.finish(body)
    }

    private func errorMessage() -> String {
        var code: Int32 = 0
        guard let message = gzerror(handle, &code) else { return "zlib error" }
        if code == Z_ERRNO { return String(cString: strerror(errno)) }
        return String(cString: message)
    }
}
