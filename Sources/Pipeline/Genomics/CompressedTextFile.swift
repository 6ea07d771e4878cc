import CZlib
import Foundation
import Tabular

/// Reads a delimited text file, plain or gzip-compressed, through `Tabular.DelimitedReader`: the one way
/// every table of the tool is read. A gzip file (magic bytes 1F 8B) is inflated by zlib in chunks; a plain
/// file is mapped into memory and parsed where it lies (no copy). Owns the descriptor and the zlib handle;
/// `deinit` closes them.
public final class CompressedTextFile {
    public let path: String
    private let descriptor: Int32
    private let handle: gzFile?
    private let size: Int
    private let chunkSize: Int
    /// Uncompressed bytes delivered so far.
    public private(set) var bytesRead = 0

    /// Opens `path`; throws ``GenomicsInputError/cannotOpen(path:reason:)``.
    public init(path: String, chunkSize: Int = 1 << 18) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw GenomicsInputError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        var magic: (UInt8, UInt8) = (0, 0)
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR,
              withUnsafeMutableBytes(of: &magic, { pread(fd, $0.baseAddress, 2, 0) }) >= 0 else {
            let reason = (info.st_mode & S_IFMT) == S_IFDIR ? "is a directory" : String(cString: strerror(errno))
            close(fd)
            throw GenomicsInputError.cannotOpen(path: path, reason: reason)
        }
        self.path = path
        self.size = Int(info.st_size)
        self.chunkSize = chunkSize
        if magic == (0x1F, 0x8B) {
            guard let handle = gzdopen(fd, "rb") else {
                close(fd)
                throw GenomicsInputError.cannotOpen(path: path, reason: "zlib could not open it")
            }
            gzbuffer(handle, 1 << 17)
            self.handle = handle
            self.descriptor = -1
        } else {
            self.handle = nil
            self.descriptor = fd
        }
    }

    deinit {
        if let handle { gzclose(handle) }
        if descriptor >= 0 { close(descriptor) }
    }

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
        if handle == nil {
            try mapped { bytes in
                var offset = 0
                while offset < bytes.count, !stop() {
                    // 8 MiB slices: the stop check stays cheap to honour, and nothing is copied.
                    let end = min(offset + (8 << 20), bytes.count)
                    try reader.push(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), body)
                    bytesRead = end
                    offset = end
                }
            }
            if !stop() { try reader.finish(body) }
            return
        }
        var chunk = [UInt8](repeating: 0, count: chunkSize)
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

    /// Lends the plain file's bytes, mapped read-only, to `body`.
    private func mapped(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard size > 0 else { return }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else {
            throw GenomicsInputError.readFailed(path: path, reason: String(cString: strerror(errno)))
        }
        defer { munmap(base, size) }
        _ = madvise(base, size, MADV_SEQUENTIAL)
        try body(UnsafeRawBufferPointer(start: base, count: size))
    }

    private func errorMessage() -> String {
        var code: Int32 = 0
        guard let message = gzerror(handle, &code) else { return "zlib error" }
        if code == Z_ERRNO { return String(cString: strerror(errno)) }
        return String(cString: message)
    }
}
