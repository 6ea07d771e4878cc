/// A nucleus segmenter that works on the RGB pixels and returns instance labels: the learned detector
/// (InstanSeg, wired in `Pipeline`) or cells made by another tool. `TileAnalyzer` measures, classifies and
/// counts its nuclei exactly as it does the classical detector's (`NucleusDetector`), so every metric
/// downstream is computed the same way whatever found the nuclei.
///
/// Conformers must be thread-safe: one value is shared by the tile workers of a slide.
public protocol NucleusLabeller: Sendable {
    /// What found the nuclei, for provenance (stored with every run and printed in reports).
    var identity: DetectorIdentity { get }
    /// Instance labels of `tile`: row-major `width × height`, 0 for background, 1…`count` for the nuclei.
    func labels(for tile: RGBTile) throws -> (labels: [Int32], count: Int)
}

/// The nucleus detector of a run, as stored with it.
public struct DetectorIdentity: Sendable, Hashable, Codable {
    /// `classical` (colour deconvolution + watershed) or `instanseg` (learned).
    public var name: String
    /// Model name and version for a learned detector (e.g. `brightfield_nuclei 0.1.1`), nil for the classical one.
    public var model: String?
    /// SHA-256 of the weights file, lowercase hex; nil for the classical detector.
    public var weightsSHA256: String?

    public init(name: String, model: String? = nil, weightsSHA256: String? = nil) {
        self.name = name
        self.model = model
        self.weightsSHA256 = weightsSHA256
    }

    /// The classical detector of this module.
    public static let classical = DetectorIdentity(name: "classical")
}

extension NucleusDetector {
    /// Measures nuclei whose instance labels come from elsewhere (`NucleusLabeller`): objects outside
    /// [`minimumAreaSquareMicrons`, `maximumAreaSquareMicrons`] are dropped and the rest relabelled 1…n in
    /// label order, a cytoplasm ring of `cytoplasmRingMicrons` is grown around each (shared pixels to the nearer
    /// nucleus), and the region properties and stain densities of `Nucleus` are measured on `densities`.
    /// None of the thresholding steps run; `thresholdOD` of the result is 0 (no threshold was used).
    /// - Throws: `invalidParameter` when the label image does not match the planes or holds labels above `count`.
    public func measure(labels: [Int32], count: Int, densities: StainDensities, calibration: PixelCalibration,
                        originX: Int = 0, originY: Int = 0) throws -> NucleusSegmentation {
        try parameters.validate()
        guard let hematoxylin = densities.plane(.hematoxylin) else {
            throw TissueAnalysisError.invalidParameter(name: "stain matrix", value: densities.matrix.kinds.map(\.rawValue).joined(separator: ","),
                                                       expected: "a matrix with a hematoxylin row")
        }
        let w = hematoxylin.width, h = hematoxylin.height
        guard labels.count == w * h, count >= 0 else {
            throw TissueAnalysisError.invalidParameter(name: "labels", value: "\(labels.count) pixels",
                                                       expected: "one label per pixel of the \(w)×\(h) tile")
        }
        if let bad = labels.first(where: { $0 < 0 || Int($0) > count }) {
            throw TissueAnalysisError.invalidParameter(name: "labels", value: "\(bad)", expected: "labels 0…\(count)")
        }
        var labels = labels
        let p = parameters
        let kept = Self.filterBySize(&labels, count: count,
                                     minimumPixels: calibration.pixelCount(squareMicrons: p.minimumAreaSquareMicrons),
                                     maximumPixels: calibration.pixelCount(squareMicrons: p.maximumAreaSquareMicrons))
        return measured(labels: labels, count: kept, width: w, height: h, densities: densities, calibration: calibration,
                        originX: originX, originY: originY, thresholdOD: 0)
    }
}
