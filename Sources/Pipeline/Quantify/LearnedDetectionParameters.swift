import Foundation

/// Settings of the learned nucleus detector (`NucleusDetectorChoice.instanseg`), stored with each run.
///
/// The network expects each RGB channel mapped linearly so that its `lowerPercentile` goes to 0 and its
/// `upperPercentile` to 1 (InstanSeg's brightfield normalisation). Computed per tile, the mapping would change
/// with each tile's content and neighbouring tiles would disagree; it is computed once per slide from the pooled
/// pixels of up to `normalisationSampleTiles` tissue tiles taken evenly along the grid (exact percentiles of the
/// pooled 8-bit values), and applied to every tile of that slide.
public struct LearnedDetectionParameters: Sendable, Hashable, Codable {
    /// The pixel size the model was trained at (rdf.yaml: 0.5 µm per pixel on x and y).
    public static let modelMicronsPerPixel = 0.5

    /// Tissue tiles pooled for the slide's percentiles. Default 16, range 1–256.
    public var normalisationSampleTiles: Int = 16
    /// Percentile of each channel mapped to 0. %, default 0.1, range 0–50.
    public var lowerPercentile: Double = 0.1
    /// Percentile of each channel mapped to 1. %, default 99.9, range 50–100 and above `lowerPercentile`.
    public var upperPercentile: Double = 99.9
    /// The slide's percentiles as used (R, G, B; 0–255), filled in by the run and stored with it.
    public var slideLowerPercentiles: [Double]? = nil
    public var slideUpperPercentiles: [Double]? = nil

    public init() {}

    /// Throws `QuantifyError.invalidParameter` naming the first field out of range.
    public func validate() throws {
        let checks: [(String, Double, ClosedRange<Double>)] = [
            ("learned.normalisationSampleTiles", Double(normalisationSampleTiles), 1...256),
            ("learned.lowerPercentile", lowerPercentile, 0...50),
            ("learned.upperPercentile", upperPercentile, 50...100),
        ]
        for (name, value, range) in checks where !(value.isFinite && range.contains(value)) {
            throw QuantifyError.invalidParameter(name: name, value: "\(value)", expected: "\(range.lowerBound)–\(range.upperBound)")
        }
        guard lowerPercentile < upperPercentile else {
            throw QuantifyError.invalidParameter(name: "learned.upperPercentile", value: "\(upperPercentile)",
                                                 expected: "above learned.lowerPercentile (\(lowerPercentile))")
        }
    }
}
