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

    /// The image encoded as PNG (truecolour 8-bit, one IDAT chunk, "Sub" filter on every row, zlib level 6;
    /// `PNGEncoder.encodeDeflated`). Throws `invalidImage` for an empty image.
    public func pngData() throws -> [UInt8] {
        try PNGEncoder.encodeDeflated(width: width, height: height, channels: 3, pixels: pixels, filter: .sub, level: 6)
    }
}
