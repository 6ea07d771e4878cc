/// Everything `TileAnalyzer` needs besides the classifier; stored with each run as JSON.
public struct TileAnalysisParameters: Sendable, Hashable, Codable {
    /// Stain vectors (default Ruifrok–Johnston H&E; `.hematoxylinDAB` for IHC, or a Macenko estimate).
    public var stainMatrix: StainMatrix = .hematoxylinEosin
    public var detection = NucleusDetectionParameters()
    public var compartments = TissueCompartmentParameters()
    /// Per-tile hematoxylin normalisation against the tile's spindle nuclei before classification; nil: raw OD.
    public var hematoxylinReference: HematoxylinReference? = HematoxylinReference()
    /// DAB positivity rule on IHC slides; nil on H&E (cells get no positivity call).
    public var positivity: DABPositivity? = nil
    /// Tumor-to-nearest-lymphocyte distances are searched up to this radius and binned at `distanceBinMicrons`.
    /// µm, default 300 (range 10–2000) and 1 (range 0.1–50).
    public var distanceSearchMicrons: Double = 300
    public var distanceBinMicrons: Double = 1

    public init() {}

    /// Parameters for an IHC slide: H-DAB stain vectors, membrane positivity, a 5 µm cytoplasm ring (wide
    /// enough to reach the membrane of a tumor cell; neighbours split the space between them), and the lighter
    /// counterstain's levels: pale nuclei recovered from rim crescents too (`PaleNucleusRecovery.compactnessCentre`
    /// `.object`), dark-nucleus seeds from 0.35 OD, spindle reference 0.45 OD (0.6 × H&E, as
    /// `RuleBasedClassifierParameters.ihc`) with a factor range of 0.5–2 (counterstain strength is tuned per
    /// assay and varies more between IHC runs than H&E staining does).
    public static func ihc(compartment: DABPositivity.Compartment = .membrane) -> TileAnalysisParameters {
        var p = TileAnalysisParameters()
        p.stainMatrix = .hematoxylinDAB
        p.detection.cytoplasmRingMicrons = 5
        p.detection.darkNucleusMinimumOD = 0.35
        p.detection.paleNucleusRecovery?.compactnessCentre = .object
        var reference = HematoxylinReference(referenceOD: 0.45)
        reference.minimumFactor = 0.5
        reference.maximumFactor = 2
        p.hematoxylinReference = reference
        var positivity = DABPositivity()
        positivity.compartment = compartment
        p.positivity = positivity
        return p
    }

    public func validate() throws {
        try detection.validate()
        try compartments.validate()
        try hematoxylinReference?.validate()
        guard distanceSearchMicrons.isFinite, (10...2000).contains(distanceSearchMicrons) else {
            throw TissueAnalysisError.invalidParameter(name: "distanceSearchMicrons", value: "\(distanceSearchMicrons)", expected: "10–2000 µm")
        }
        guard distanceBinMicrons.isFinite, (0.1...50).contains(distanceBinMicrons) else {
            throw TissueAnalysisError.invalidParameter(name: "distanceBinMicrons", value: "\(distanceBinMicrons)", expected: "0.1–50 µm")
        }
    }
}
