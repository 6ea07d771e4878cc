import CZlib
import Foundation

extension RGBImage {
    /// Output formats of `write(to:micronsPerPixel:)`, chosen by file extension.
    public enum FileFormat: String, Sendable, CaseIterable {
        /// Raw 8-bit RGB, row-major, no header (`.rgb`).
        case rgb
        /// PNG, 8-bit RGB, zlib level 6, "Sub" row filter (`.png`).
        case png
        /// Tiled pyramidal TIFF from `PyramidTIFFWriter`, deflate (`.tif`, `.tiff`).
        case tiff

        /// The format for a path's extension, or nil.
        public init?(path: String) {
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "rgb", "raw": self = .rgb
            case "png": self = .png
            case "tif", "tiff": self = .tiff
            default: return nil
            }
        }
    }

    /// Writes the image to `path` in the format its extension names (.rgb, .png, .tif/.tiff).
    /// `micronsPerPixel` goes into the TIFF's resolution tags (0.5 if nil). Throws
    /// `invalidParameter` for an unknown extension and `writeFailed` on I/O errors.
    public func write(to path: String, micronsPerPixel: Double? = nil) throws {
        guard let format = FileFormat(path: path) else {
            throw SlideIOError.invalidParameter(name: "output", value: path, expected: "a path ending in .rgb, .png or .tif")
        }
        switch format {
        case .rgb: try Self.writeData(pixels, to: path)
        case .png: try Self.writeData(pngData(), to: path)
        case .tiff:
            let writer = try PyramidTIFFWriter(path: path, width: width, height: height,
                                               options: .init(micronsPerPixel: micronsPerPixel ?? 0.5))
            let t = writer.options.tileSize
            for row in 0..<writer.tilesDown {
                let y0 = row * t, rows = min(t, height - y0)
                let band = Array(pixels[(y0 * width * 3)..<((y0 + rows) * width * 3)])
                try writer.append(tileRow: RGBImage(width: width, height: rows, pixels: band))
            }
            try writer.finish()
        }
    }

    static func writeData(_ bytes: [UInt8], to path: String) throws {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw SlideIOError.writeFailed(file: path, reason: error.localizedDescription)
        }
    }

    /// The image encoded as PNG (truecolour 8-bit, one IDAT chunk, "Sub" filter on every row).
    /// Reference: PNG Specification, 2nd ed. (W3C 2003), §§ 5, 9, 11.
    public func pngData() throws -> [UInt8] {
        guard width > 0, height > 0 else { throw SlideIOError.invalidImage(detail: "PNG needs a non-empty image") }
        // Filter type 1 (Sub): each byte minus the byte 3 positions to its left (mod 256).
        let rowBytes = width * 3
        var filtered = [UInt8](repeating: 0, count: height * (rowBytes + 1))
        for y in 0..<height {
            let d = y * (rowBytes + 1), s = y * rowBytes
            filtered[d] = 1
            for i in 0..<rowBytes {
                filtered[d + 1 + i] = i < 3 ? pixels[s + i] : pixels[s + i] &- pixels[s + i - 3]
            }
        }
        var compressedSize = compressBound(uLong(filtered.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedSize))
        let status = compress2(&compressed, &compressedSize, filtered, uLong(filtered.count), 6)
        guard status == Z_OK else { throw SlideIOError.invalidImage(detail: "zlib compress2 failed with status \(status)") }
        compressed.removeSubrange(Int(compressedSize)...)

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func chunk(_ type: String, _ data: [UInt8]) {
            let typeBytes = Array(type.utf8)
            png += be32(UInt32(data.count))
            var crc = crc32(0, typeBytes, uInt(typeBytes.count))
            crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
            png += typeBytes + data + be32(UInt32(crc))
        }
        chunk("IHDR", be32(UInt32(width)) + be32(UInt32(height)) + [8, 2, 0, 0, 0])
        chunk("IDAT", compressed)
        chunk("IEND", [])
        return png
    }
}
