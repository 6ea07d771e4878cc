import CTIFF

/// Owns one libtiff `TIFF*` and the diagnostics buffer its error handler writes into.
/// Internal: no C type leaves SlideIO. Not thread-safe; owners serialise access.
final class TIFFHandle {
    let path: String
    let tif: OpaquePointer
    private let diagnostics: UnsafeMutablePointer<tme_tiff_diagnostics>

    /// Largest single allocation libtiff may make for one handle (tile/strip buffers, offset arrays).
    static let maxSingleAllocation: Int64 = 512 << 20

    /// Opens `path` in libtiff `mode` ("r", "w", "w8" for BigTIFF).
    init(path: String, mode: String) throws {
        let diagnostics = UnsafeMutablePointer<tme_tiff_diagnostics>.allocate(capacity: 1)
        tme_tiff_diagnostics_reset(diagnostics)
        guard let tif = tme_tiff_open(path, mode, diagnostics, Self.maxSingleAllocation) else {
            let reason = diagnostics.pointee.error_count > 0 ? Self.message(diagnostics) : "libtiff returned no handle"
            diagnostics.deallocate()
            throw SlideIOError.cannotOpen(file: path, reason: reason)
        }
        self.path = path
        self.tif = tif
        self.diagnostics = diagnostics
    }

    deinit {
        TIFFClose(tif)
        diagnostics.deallocate()
    }

    // MARK: - Diagnostics

    /// Clears collected errors; call before an operation whose errors you want to report.
    func resetErrors() { tme_tiff_diagnostics_reset(diagnostics) }

    /// Number of errors libtiff reported since the last reset.
    var errorCount: Int { Int(diagnostics.pointee.error_count) }

    /// The first error libtiff reported since the last reset, or `fallback`.
    func lastError(or fallback: String) -> String {
        diagnostics.pointee.error_count > 0 ? Self.message(diagnostics) : fallback
    }

    private static func message(_ d: UnsafeMutablePointer<tme_tiff_diagnostics>) -> String {
        withUnsafeBytes(of: &d.pointee.first_error) { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let end = bytes.firstIndex(of: 0) ?? bytes.count
            return String(decoding: bytes[..<end], as: UTF8.self)
        }
    }

    // MARK: - Typed tag access

    func u16(_ tag: Int32) -> UInt16? {
        var v: UInt16 = 0
        return tme_tiff_get_u16(tif, tag, &v) == 1 ? v : nil
    }

    func u16Defaulted(_ tag: Int32) -> UInt16? {
        var v: UInt16 = 0
        return tme_tiff_get_u16_defaulted(tif, tag, &v) == 1 ? v : nil
    }

    func u32(_ tag: Int32) -> UInt32? {
        var v: UInt32 = 0
        return tme_tiff_get_u32(tif, tag, &v) == 1 ? v : nil
    }

    func float(_ tag: Int32) -> Float? {
        var v: Float = 0
        return tme_tiff_get_float(tif, tag, &v) == 1 ? v : nil
    }

    func string(_ tag: Int32) -> String? {
        var p: UnsafePointer<CChar>? = nil
        guard tme_tiff_get_string(tif, tag, &p) == 1, let p else { return nil }
        return String(cString: p)
    }

    func bytes(_ tag: Int32) -> [UInt8]? {
        var count: UInt32 = 0
        var p: UnsafeRawPointer? = nil
        guard tme_tiff_get_counted_bytes(tif, tag, &count, &p) == 1, let p else { return nil }
        return [UInt8](UnsafeRawBufferPointer(start: p, count: Int(count)))
    }

    func subIFDOffsets() -> [UInt64] {
        var count: UInt16 = 0
        var p: UnsafePointer<UInt64>? = nil
        guard tme_tiff_get_subifds(tif, &count, &p) == 1, let p else { return [] }
        return Array(UnsafeBufferPointer(start: p, count: Int(count)))
    }

    func set(_ tag: Int32, int value: Int) throws {
        try check(tme_tiff_set_int(tif, tag, Int32(value)), "setting tag \(tag)")
    }

    func set(_ tag: Int32, u32 value: UInt32) throws {
        try check(tme_tiff_set_u32(tif, tag, value), "setting tag \(tag)")
    }

    func set(_ tag: Int32, double value: Double) throws {
        try check(tme_tiff_set_double(tif, tag, value), "setting tag \(tag)")
    }

    func set(_ tag: Int32, string value: String) throws {
        try check(tme_tiff_set_string(tif, tag, value), "setting tag \(tag)")
    }

    func set(_ tag: Int32, pair a: UInt16, _ b: UInt16) throws {
        try check(tme_tiff_set_u16_pair(tif, tag, a, b), "setting tag \(tag)")
    }

    func set(_ tag: Int32, bytes value: [UInt8]) throws {
        try value.withUnsafeBytes { raw in
            try check(tme_tiff_set_counted_bytes(tif, tag, UInt32(raw.count), raw.baseAddress), "setting tag \(tag)")
        }
    }

    func set(_ tag: Int32, u16Array value: [UInt16]) throws {
        try value.withUnsafeBufferPointer { buf in
            try check(tme_tiff_set_counted_u16(tif, tag, UInt16(buf.count), buf.baseAddress), "setting tag \(tag)")
        }
    }

    /// Throws `writeFailed` with libtiff's message when `status` is not 1.
    func check(_ status: Int32, _ what: String) throws {
        guard status == 1 else {
            throw SlideIOError.writeFailed(file: path, reason: lastError(or: "\(what) failed"))
        }
    }
}
