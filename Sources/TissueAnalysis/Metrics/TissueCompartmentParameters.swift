/// How tiles are divided into patches and how a patch's compartment is read from its cells.
///
/// A patch is a square of `patchSizeMicrons` inside the tile's core. Its tissue is the pixels whose total optical
/// density (R+G+B) is at least `tissueMinimumOD`. Its cells are the tumor and stroma cells within
/// `neighbourhoodRadiusMicrons` of the patch centre (0: the cells inside the patch). Its compartment:
/// - **background** when tissue covers less than `minimumTissueFraction` of the patch;
/// - otherwise, with s = tumor cells / (tumor + stroma cells) — immune cells do not count, so an inflamed nest
///   stays tumor — **tumor** when s ≥ `tumorMinimumShare`, **stroma** when s ≤ `stromaMaximumShare` or there are
///   no tumor or stroma cells (collagen, lymphoid aggregates), **mixed** in between (the invasive front).
/// Every cell takes the compartment of the patch its centroid lies in. Small patches (16 µm ≈ one tumor cell)
/// with a 32 µm neighbourhood follow nest borders closely: a lymphocyte is intratumoral when the structural cells
/// around it are (nearly) all tumor. Epithelium packs tumor nuclei several times denser than fibroblasts lie in
/// stroma, so a disc straddling a nest border has a tumor share well above ½: the default `tumorMinimumShare`
/// 0.8 puts the tumor edge near the nest edge, and the band in between (mixed, the invasive margin) counts as
/// neither intratumoral nor stromal. Compare the 50 µm patches of Saltz et al. (Cell Reports 23:181, 2018).
public struct TissueCompartmentParameters: Sendable, Hashable, Codable {
    /// Patch side, µm. Default 16, range 4–1024.
    public var patchSizeMicrons: Double = 16
    /// Radius of the disc around a patch centre whose tumor and stroma cells decide its compartment; 0 counts
    /// the cells inside the patch only. µm, default 32, range 0–512.
    public var neighbourhoodRadiusMicrons: Double = 32
    /// Total OD (sum over R, G, B) at or above which a pixel is tissue. Default 0.15, range 0.01–3.
    public var tissueMinimumOD: Double = 0.15
    /// Below this tissue fraction a patch is background. Default 0.2, range 0–1.
    public var minimumTissueFraction: Double = 0.2
    /// Tumor share (tumor / (tumor + stroma)) from which a patch is tumor. Default 0.8, range 0–1.
    public var tumorMinimumShare: Double = 0.8
    /// Tumor share up to which a patch is stroma. Default 0.2, range 0–`tumorMinimumShare`.
    public var stromaMaximumShare: Double = 0.2

    public init() {}

    public func validate() throws {
        let checks: [(String, Double, ClosedRange<Double>)] = [
            ("patchSizeMicrons", patchSizeMicrons, 4...1024),
            ("neighbourhoodRadiusMicrons", neighbourhoodRadiusMicrons, 0...512), ("tissueMinimumOD", tissueMinimumOD, 0.01...3),
            ("minimumTissueFraction", minimumTissueFraction, 0...1), ("tumorMinimumShare", tumorMinimumShare, 0...1),
            ("stromaMaximumShare", stromaMaximumShare, 0...max(0, tumorMinimumShare)),
        ]
        for (name, value, range) in checks where !(value.isFinite && range.contains(value)) {
            throw TissueAnalysisError.invalidParameter(name: name, value: "\(value)", expected: "\(range.lowerBound)–\(range.upperBound)")
        }
    }

    /// The compartment of a patch with `counts` cells and tissue covering `tissueFraction` of it.
    public func region(counts: CellCounts, tissueFraction: Double) -> TissueRegion {
        if tissueFraction < minimumTissueFraction { return .background }
        let structural = counts.tumor + counts.stroma
        guard structural > 0 else { return .stroma }
        let share = Double(counts.tumor) / Double(structural)
        if share >= tumorMinimumShare { return .tumor }
        if share <= stromaMaximumShare { return .stroma }
        return .mixed
    }
}
