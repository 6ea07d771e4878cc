/// An 8-bit RGB tile with its physical calibration: the input of every analysis in this module.
///
/// `pixels` holds `width × height × 3` bytes, row-major, R G B interleaved, no padding. The tile is a
/// value: `Pipeline` fills it from `SlideIO`, tests draw it; this module never reads files.
public struct RGBTile: Sendable, Hashable, Codable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]
    public let calibration: PixelCalibration

    /// Throws `invalidTileShape` when the buffer size does not match the dimensions.
    public init(width: Int, height: Int, pixels: [UInt8], calibration: PixelCalibration) throws {
        guard width > 0, height > 0, pixels.count == width * height * 3 else {
            throw TissueAnalysisError.invalidTileShape(width: width, height: height, byteCount: pixels.count)
        }
        self.width = width
        self.height = height
        self.pixels = pixels
        self.calibration = calibration
    }

    /// Convenience taking the calibration as microns per pixel.
    public init(width: Int, height: Int, pixels: [UInt8], micronsPerPixel: Double) throws {
        try self.init(width: width, height: height, pixels: pixels,
                      calibration: PixelCalibration(micronsPerPixel: micronsPerPixel))
    }

    public var pixelCount: Int { width * height }
    /// Tile area in mm².
    public var areaSquareMillimetres: Double { calibration.squareMillimetres(pixelCount: Double(pixelCount)) }
}
