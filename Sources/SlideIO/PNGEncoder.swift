import CZlib
import Foundation

/// The project's PNG writer (ISO/IEC 15948; PNG Specification 2nd ed., W3C 2003, §§ 5, 9, 11): 8-bit
/// grayscale or RGB, one IDAT chunk, CRC-32 and Adler-32 computed here.
///
/// Two encodings of the same image, both decodable by any reader, byte-stable for a given input:
/// - `encode` — row filter 0 and stored (uncompressed) deflate blocks: no zlib, fast, larger; the
///   simulator's truth masks and example tiles.
/// - `encodeDeflated` — a row filter (default "Sub") and zlib `compress2` at `level`: `RGBImage.pngData()`.
public enum PNGEncoder {
    /// PNG row filters used here (§ 9.2).
    public enum RowFilter: UInt8, Sendable {
        /// Bytes as they are.
        case none = 0
        /// Each byte minus the byte one pixel to its left (mod 256).
        case sub = 1
    }

    /// PNG bytes for `pixels` (`width × height × channels`, row-major), channels 1 (gray) or 3 (RGB):
    /// filter 0, stored deflate blocks.
    public static func encode(width: Int, height: Int, channels: Int, pixels: [UInt8]) -> [UInt8] {
        precondition(channels == 1 || channels == 3 && pixels.count == width * height * channels)
        let raw = filtered(width: width, height: height, channels: channels, pixels: pixels, filter: .none)
        var z: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let n = min(65_535, raw.count - offset)
            let last: UInt8 = offset + n >= raw.count ? 1 : 0
            z += [last, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            z += raw[offset..<(offset + n)]
            offset += n
        } while offset < raw.count
        z += be32(adler32(raw))
        return file(width: width, height: height, channels: channels, idat: z)
    }

    /// PNG bytes for `pixels` with `filter` on every row and zlib compression at `level` (0–9).
    /// Throws `SlideIOError.invalidImage` for an empty image or a zlib failure.
    public static func encodeDeflated(width: Int, height: Int, channels: Int, pixels: [UInt8],
                                      filter: RowFilter = .sub, level: Int32 = 6) throws -> [UInt8] {
        guard width > 0, height > 0 else { throw SlideIOError.invalidImage(detail: "PNG needs a non-empty image") }
        precondition(channels == 1 || channels == 3 && pixels.count == width * height * channels)
        let raw = filtered(width: width, height: height, channels: channels, pixels: pixels, filter: filter)
        var compressedSize = compressBound(uLong(raw.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedSize))
        let status = compress2(&compressed, &compressedSize, raw, uLong(raw.count), level)
        guard status == Z_OK else { throw SlideIOError.invalidImage(detail: "zlib compress2 failed with status \(status)") }
        compressed.removeSubrange(Int(compressedSize)...)
        return file(width: width, height: height, channels: channels, idat: compressed)
    }

    /// Scanlines, each prefixed by its filter type byte.
    static func filtered(width: Int, height: Int, channels: Int, pixels: [UInt8], filter: RowFilter) -> [UInt8] {
        let rowBytes = width * channels
        var out = [UInt8](repeating: 0, count: height * (rowBytes + 1))
        for y in 0..<height {
            let d = y * (rowBytes + 1), s = y * rowBytes
            out[d] = filter.rawValue
            switch filter {
            case .none:
                for i in 0..<rowBytes { out[d + 1 + i] = pixels[s + i] }
            case .sub:
                for i in 0..<rowBytes { out[d + 1 + i] = i < channels ? pixels[s + i] : pixels[s + i] &- pixels[s + i - channels] }
            }
        }
        return out
    }

    static func file(width: Int, height: Int, channels: Int, idat: [UInt8]) -> [UInt8] {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", be32(UInt32(width)) + be32(UInt32(height)) + [8, channels == 3 ? 2 : 0, 0, 0, 0])
        png += chunk("IDAT", idat)
        png += chunk("IEND", [])
        return png
    }

    static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let t = Array(type.utf8)
        return be32(UInt32(data.count)) + t + data + be32(crc32(t + data))
    }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 (ISO 3309), as PNG requires. crc32("IEND") = 0xAE426082.
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    /// Adler-32 (RFC 1950).
    public static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for chunkStart in stride(from: 0, to: bytes.count, by: 5552) {
            for i in chunkStart..<min(bytes.count, chunkStart + 5552) { a += UInt32(bytes[i]); b += a }
            a %= 65_521; b %= 65_521
        }
        return b << 16 | a
    }
}
