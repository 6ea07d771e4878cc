import CZlib
import Foundation

/// Reads the entries of a zip file held in memory: the central directory (zip64 records where the
/// classic fields are saturated), local headers, stored (method 0) and deflated (method 8) data.
///
/// Enough for PyTorch's TorchScript archives (APPNOTE 6.3.x); no encryption, no multi-disk archives.
struct ZipReader {
    struct Entry {
        var name: String
        var method: UInt16
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    struct Failure: Error { var reason: String }

    let bytes: [UInt8]
    private(set) var entries: [String: Entry] = [:]

    init(bytes: [UInt8]) throws {
        self.bytes = bytes
        let (count, directoryOffset) = try Self.centralDirectory(bytes)
        var p = directoryOffset
        for _ in 0..<count {
            guard try u32(p) == 0x0201_4b50 else { throw Failure(reason: "bad central directory entry at byte \(p)") }
            var entry = Entry(name: "", method: try u16(p + 10), compressedSize: Int(try u32(p + 20)),
                              uncompressedSize: Int(try u32(p + 24)), localHeaderOffset: Int(try u32(p + 42)))
            let nameLength = Int(try u16(p + 28)), extraLength = Int(try u16(p + 30)), commentLength = Int(try u16(p + 32))
            entry.name = String(decoding: try slice(p + 46, nameLength), as: UTF8.self)
            try applyZip64Extra(&entry, extra: p + 46 + nameLength, length: extraLength)
            entries[entry.name] = entry
            p += 46 + nameLength + extraLength + commentLength
        }
    }

    /// The uncompressed bytes of entry `name`.
    func data(_ name: String) throws -> [UInt8] {
        guard let entry = entries[name] else { throw Failure(reason: "no entry \(name)") }
        let header = entry.localHeaderOffset
        guard try u32(header) == 0x0403_4b50 else { throw Failure(reason: "bad local header of \(name)") }
        let start = header + 30 + Int(try u16(header + 26)) + Int(try u16(header + 28))
        let stored = try slice(start, entry.compressedSize)
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else { throw Failure(reason: "stored entry \(name) changes size") }
            return Array(stored)
        case 8:
            return try Self.inflate(stored, expectedSize: entry.uncompressedSize, name: name)
        default:
            throw Failure(reason: "entry \(name) uses compression method \(entry.method)")
        }
    }

    // MARK: - Records

    /// Number of entries and offset of the central directory, from the end-of-central-directory
    /// record (and the zip64 one when the classic fields are saturated).
    private static func centralDirectory(_ b: [UInt8]) throws -> (count: Int, offset: Int) {
        let reader = RawBytes(b)
        let lowest = max(0, b.count - 22 - 65_535)
        var eocd = b.count - 22
        while eocd >= lowest, try reader.u32(eocd) != 0x0605_4b50 { eocd -= 1 }
        guard eocd >= lowest else { throw Failure(reason: "no end-of-central-directory record") }
        var count = Int(try reader.u16(eocd + 10)), offset = Int(try reader.u32(eocd + 16))
        if count == 0xFFFF || offset == 0xFFFF_FFFF {
            let locator = eocd - 20
            guard locator >= 0, try reader.u32(locator) == 0x0706_4b50 else { throw Failure(reason: "no zip64 locator") }
            let record = Int(try reader.u64(locator + 8))
            guard try reader.u32(record) == 0x0606_4b50 else { throw Failure(reason: "no zip64 end record") }
            count = Int(try reader.u64(record + 32))
            offset = Int(try reader.u64(record + 48))
        }
        return (count, offset)
    }

    /// Replaces saturated sizes and offset by the zip64 extra field's values (header id 1).
    private func applyZip64Extra(_ entry: inout Entry, extra: Int, length: Int) throws {
        var p = extra
        while p + 4 <= extra + length {
            let id = try u16(p), size = Int(try u16(p + 2))
            if id == 1 {
                var q = p + 4
                if entry.uncompressedSize == 0xFFFF_FFFF { entry.uncompressedSize = Int(try u64(q)); q += 8 }
                if entry.compressedSize == 0xFFFF_FFFF { entry.compressedSize = Int(try u64(q)); q += 8 }
                if entry.localHeaderOffset == 0xFFFF_FFFF { entry.localHeaderOffset = Int(try u64(q)) }
            }
            p += 4 + size
        }
    }

    /// Raw deflate (RFC 1951) through zlib's `inflate` with negative window bits.
    private static func inflate(_ input: ArraySlice<UInt8>, expectedSize: Int, name: String) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: max(expectedSize, 1))
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(reason: "zlib could not start inflating \(name)")
        }
        defer { inflateEnd(&stream) }
        let status: Int32 = input.withUnsafeBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                stream.next_in = UnsafeMutablePointer(mutating: src.baseAddress)
                stream.avail_in = UInt32(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = UInt32(dst.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == expectedSize else {
            throw Failure(reason: "entry \(name) does not inflate to \(expectedSize) bytes (zlib status \(status))")
        }
        return Array(output.prefix(expectedSize))
    }

    // MARK: - Little-endian fields

    private func u16(_ p: Int) throws -> UInt16 { try RawBytes(bytes).u16(p) }
    private func u32(_ p: Int) throws -> UInt32 { try RawBytes(bytes).u32(p) }
    private func u64(_ p: Int) throws -> UInt64 { try RawBytes(bytes).u64(p) }
    private func slice(_ start: Int, _ count: Int) throws -> ArraySlice<UInt8> {
        guard start >= 0, count >= 0, start + count <= bytes.count else { throw Failure(reason: "a record runs past the end of the file") }
        return bytes[start..<start + count]
    }
}

/// Bounds-checked little-endian integer reads from a byte array.
struct RawBytes {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func u16(_ p: Int) throws -> UInt16 { UInt16(truncatingIfNeeded: try unsigned(p, 2)) }
    func u32(_ p: Int) throws -> UInt32 { UInt32(truncatingIfNeeded: try unsigned(p, 4)) }
    func u64(_ p: Int) throws -> UInt64 { try unsigned(p, 8) }

    private func unsigned(_ p: Int, _ width: Int) throws -> UInt64 {
        guard p >= 0, p + width <= bytes.count else { throw ZipReader.Failure(reason: "a record runs past the end of the file") }
        var value: UInt64 = 0
        for i in (0..<width).reversed() { value = value << 8 | UInt64(bytes[p + i]) }
        return value
    }
}
