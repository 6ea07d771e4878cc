/// Every error the TissueAnalysis module throws. Cases carry the tile (when the caller named one) and
/// say what was expected, so a failing tile can be found on its slide; pixel values are never echoed.
public enum TissueAnalysisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A tile's pixel buffer does not hold `width × height × 3` bytes, or a dimension is not positive.
    case invalidTileShape(width: Int, height: Int, byteCount: Int)
    /// The calibration is not a positive, finite number of microns per pixel.
    case invalidCalibration(micronsPerPixel: Double)
    /// An algorithm parameter is outside its documented range.
    case invalidParameter(name: String, value: String, expected: String)
    /// Stain vectors are degenerate (zero, non-finite or linearly dependent).
    case singularStainMatrix(reason: String)
    /// Stain estimation found too few stained pixels to be trusted.
    case insufficientTissue(stainedPixels: Int, required: Int)
    /// Two inputs that must agree in size do not.
    case sizeMismatch(what: String, expected: Int, found: Int)
    /// A classifier could not be trained or decoded.
    case invalidTrainingData(reason: String)
    /// A saved classifier has a format version this build does not read.
    case unsupportedModelVersion(found: Int, supported: Int)

    public var description: String {
        switch self {
        case .invalidTileShape(let w, let h, let n):
            "tile of \(w)×\(h) px has \(n) bytes; expected \(max(0, w) * max(0, h) * 3) (RGB, row-major, 8 bits per channel) "
                + "and positive width and height"
        case .invalidCalibration(let mpp):
            "microns per pixel is \(mpp); expected a positive finite number (0.25 at 40×, 0.5 at 20×)"
        case .invalidParameter(let name, let value, let expected):
            "parameter \(name) = \(value) is out of range; expected \(expected)"
        case .singularStainMatrix(let reason):
            "stain vectors are unusable (\(reason)); give three non-zero, linearly independent RGB optical-density vectors"
        case .insufficientTissue(let found, let required):
            "stain estimation found \(found) stained pixels, fewer than the \(required) it needs; "
                + "use a larger region with tissue or the default stain vectors"
        case .sizeMismatch(let what, let expected, let found):
            "\(what): expected \(expected), found \(found)"
        case .invalidTrainingData(let reason):
            "cannot train or load the cell classifier: \(reason)"
        case .unsupportedModelVersion(let found, let supported):
            "classifier file has format version \(found); this build reads version \(supported)"
        }
    }
}
