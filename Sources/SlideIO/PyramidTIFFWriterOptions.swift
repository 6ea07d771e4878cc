/// Parameters of `PyramidTIFFWriter`. Every field has a unit, a default and a valid range.
public struct PyramidTIFFWriterOptions: Sendable, Hashable, Codable {
    /// Tile compression.
    public enum Compression: String, Sendable, Hashable, Codable, CaseIterable {
        /// Deflate (zlib) with horizontal differencing (Predictor 2). Lossless.
        case deflate
        /// JPEG, YCbCr 4:2:0 with shared JPEGTables, as Aperio and vips write it. Lossy.
        case jpeg
    }

    /// Tile side in pixels. Range 16...4096, multiple of 16. Default 256.
    public var tileSize: Int
    /// Compression of every level. Default `.deflate`.
    public var compression: Compression
    /// JPEG quality, 1...100 (libjpeg scale). Default 90. Ignored for deflate.
    public var jpegQuality: Int
    /// Level-0 pixel size in µm per pixel (written as XResolution/YResolution in pixels per cm,
    /// ResolutionUnit = centimetre, and as `MPP = …` in ImageDescription). Range (0, 1000]. Default 0.5 (20×).
    public var micronsPerPixel: Double
    /// Text that starts the ImageDescription, followed by `|MPP = <mpp>`. Must not start with
    /// "Aperio" (OpenSlide would then expect an SVS layout). Default "TMEScope SlideIO".
    public var descriptionPrefix: String
    /// Write BigTIFF. `nil` (default) = automatically when level 0 exceeds 2 GiB uncompressed.
    public var bigTIFF: Bool?

    public init(tileSize: Int = 256, compression: Compression = .deflate, jpegQuality: Int = 90,
                micronsPerPixel: Double = 0.5, descriptionPrefix: String = "TMEScope SlideIO",
                bigTIFF: Bool? = nil) {
        self.tileSize = tileSize
        self.compression = compression
        self.jpegQuality = jpegQuality
        self.micronsPerPixel = micronsPerPixel
        self.descriptionPrefix = descriptionPrefix
        self.bigTIFF = bigTIFF
    }

    /// Throws `invalidParameter` for a field outside its range.
    public func validate() throws {
        guard (16...4096).contains(tileSize), tileSize % 16 == 0 else {
            throw SlideIOError.invalidParameter(name: "tileSize", value: "\(tileSize)",
                                                expected: "a multiple of 16 in 16...4096")
        }
        guard (1...100).contains(jpegQuality) else {
            throw SlideIOError.invalidParameter(name: "jpegQuality", value: "\(jpegQuality)", expected: "1...100")
        }
        guard micronsPerPixel > 0, micronsPerPixel <= 1000, micronsPerPixel.isFinite else {
            throw SlideIOError.invalidParameter(name: "micronsPerPixel", value: "\(micronsPerPixel)",
                                                expected: "a finite value in (0, 1000]")
        }
        guard !descriptionPrefix.hasPrefix("Aperio"), !descriptionPrefix.contains("\0") else {
            throw SlideIOError.invalidParameter(name: "descriptionPrefix", value: descriptionPrefix,
                                                expected: "text not starting with \"Aperio\" and without NUL")
        }
    }
}

/// A level-0 tile as the writer expects it: its position and its valid (clipped) size in pixels.
public struct TileRegion: Sendable, Hashable, Codable {
    public let column: Int
    public let row: Int
    /// Left edge in level-0 pixels (`column * tileSize`).
    public let x: Int
    /// Top edge in level-0 pixels (`row * tileSize`).
    public let y: Int
    /// `min(tileSize, slideWidth - x)`: edge tiles are narrower.
    public let width: Int
    /// `min(tileSize, slideHeight - y)`: edge tiles are shorter.
    public let height: Int
}

/// Width and height of one pyramid level in pixels.
public struct PixelSize: Sendable, Hashable, Codable {
    public let width: Int
    public let height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}
