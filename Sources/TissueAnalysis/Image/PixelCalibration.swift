/// The one place where pixels and microns are converted.
///
/// `micronsPerPixel` is the side of a (square) pixel at the analysed level: 0.25 µm at 40×, 0.5 µm at 20×.
/// Every parameter of this module is in µm or µm²; detectors convert through a calibration, never by hand.
public struct PixelCalibration: Sendable, Hashable, Codable {
    public let micronsPerPixel: Double

    /// Throws `TissueAnalysisError.invalidCalibration` unless `micronsPerPixel` is positive and finite.
    public init(micronsPerPixel: Double) throws {
        guard micronsPerPixel.isFinite, micronsPerPixel > 0 else {
            throw TissueAnalysisError.invalidCalibration(micronsPerPixel: micronsPerPixel)
        }
        self.micronsPerPixel = micronsPerPixel
    }

    /// Length in pixels of `microns` µm.
    public func pixels(microns: Double) -> Double { microns / micronsPerPixel }
    /// Length in µm of `pixels` px.
    public func microns(pixels: Double) -> Double { pixels * micronsPerPixel }
    /// Area in µm² of `pixelCount` pixels.
    public func squareMicrons(pixelCount: Double) -> Double { pixelCount * micronsPerPixel * micronsPerPixel }
    /// Area in pixels of `squareMicrons` µm².
    public func pixelCount(squareMicrons: Double) -> Double { squareMicrons / (micronsPerPixel * micronsPerPixel) }
    /// Area in mm² of `pixelCount` pixels.
    public func squareMillimetres(pixelCount: Double) -> Double { squareMicrons(pixelCount: pixelCount) * 1e-6 }
}
