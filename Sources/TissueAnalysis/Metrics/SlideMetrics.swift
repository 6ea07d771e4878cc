/// The IHC marker of a slide, which decides what its DAB-positive cells mean.
public enum IHCMarker: String, Sendable, Hashable, Codable, CaseIterable {
    case pdl1 = "PD-L1", cd8 = "CD8", cd68 = "CD68"
}

/// Settings of slide aggregation.
public struct SlideMetricsParameters: Sendable, Hashable, Codable {
    public var phenotype = ImmunePhenotypeParameters()
    /// The marker of an IHC slide; nil for H&E.
    public var marker: IHCMarker? = nil
    /// PD-L1 adequacy: viable tumor cells required. Default 100 (22C3), range 1–100 000.
    public var minimumViableTumorCells = PDL1Score.minimumViableTumorCells
    /// Radius of the colocalisation index (share of tumor cells with a lymphocyte this close). µm, default 20.
    public var colocalisationRadiusMicrons = 20.0

    public init() {}
}

/// Slide-level TME metrics from summed tile totals; every density is cells per mm² of tissue.
///
/// - Densities per class: cells / tissue area of all patches (tumor + stroma + mixed + background).
/// - Intratumoral (stromal) lymphocyte density: lymphocytes in tumor (stroma) patches / their tissue area.
/// - TAM density: macrophages / tissue area; macrophage-to-lymphocyte ratio: macrophages / lymphocytes.
/// - Stromal TILs (International TILs Working Group, Salgado et al., Ann Oncol 26:259–271, 2015): the share of
///   stromal area occupied by mononuclear immune cells, averaged over the whole stroma, not hotspots —
///   `100 × Σ lymphocyte nucleus area in stroma patches / Σ stroma tissue area`, in %. Lymphocyte area is its
///   nucleus area (lymphocytes have scant cytoplasm); macrophages and granulocytes are excluded as in the guideline.
/// - Median distance from tumor cells to the nearest lymphocyte (from the binned distances of the tiles), and
///   the colocalisation index: share of tumor cells with a lymphocyte within `colocalisationRadiusMicrons`.
/// - Immune phenotype by `ImmunePhenotypeParameters`.
/// - IHC: PD-L1 TPS/CPS (`PDL1Score`), CD8+ density (DAB-positive lymphocytes / tissue), CD68+ density
///   (DAB-positive macrophages / tissue) according to `marker`.
/// A ratio whose denominator is zero is nil.
public struct SlideMetrics: Sendable, Hashable, Codable {
    public var tileCount: Int
    public var tissueAreaSquareMillimetres: Double
    public var tumorAreaSquareMillimetres: Double
    public var stromaAreaSquareMillimetres: Double
    public var mixedAreaSquareMillimetres: Double
    public var counts: CellCounts
    public var positiveCounts: CellCounts
    public var lymphocyteDensityPerSquareMillimetre: Double?
    public var macrophageDensityPerSquareMillimetre: Double?
    public var tumorCellDensityPerSquareMillimetre: Double?
    public var stromaCellDensityPerSquareMillimetre: Double?
    public var intratumoralLymphocyteDensityPerSquareMillimetre: Double?
    public var stromalLymphocyteDensityPerSquareMillimetre: Double?
    public var intratumoralMacrophageDensityPerSquareMillimetre: Double?
    public var stromalMacrophageDensityPerSquareMillimetre: Double?
    public var macrophageToLymphocyteRatio: Double?
    public var stromalTILPercent: Double?
    public var medianTumorToLymphocyteMicrons: Double?
    public var tumorLymphocyteColocalisation: Double?
    public var phenotype: ImmunePhenotype?
    public var pdl1: PDL1Score?
    public var cd8PositiveDensityPerSquareMillimetre: Double?
    public var cd68PositiveDensityPerSquareMillimetre: Double?
    public var parameters: SlideMetricsParameters

    public init(_ totals: SlideAccumulator, parameters: SlideMetricsParameters = SlideMetricsParameters()) throws {
        try parameters.phenotype.validate()
        func mm2(_ um2: Double) -> Double { um2 * 1e-6 }
        func density(_ count: Int, _ areaMM2: Double) -> Double? { areaMM2 > 0 ? Double(count) / areaMM2 : nil }
        let tumor = totals.compartment(.tumor), stroma = totals.compartment(.stroma), mixed = totals.compartment(.mixed)
        tileCount = totals.tileCount
        tissueAreaSquareMillimetres = mm2(totals.tissueAreaSquareMicrons)
        tumorAreaSquareMillimetres = mm2(tumor.tissueAreaSquareMicrons)
        stromaAreaSquareMillimetres = mm2(stroma.tissueAreaSquareMicrons)
        mixedAreaSquareMillimetres = mm2(mixed.tissueAreaSquareMicrons)
        counts = totals.counts
        positiveCounts = totals.positiveCounts
        lymphocyteDensityPerSquareMillimetre = density(counts.lymphocyte, tissueAreaSquareMillimetres)
        macrophageDensityPerSquareMillimetre = density(counts.macrophage, tissueAreaSquareMillimetres)
        tumorCellDensityPerSquareMillimetre = density(counts.tumor, tissueAreaSquareMillimetres)
        stromaCellDensityPerSquareMillimetre = density(counts.stroma, tissueAreaSquareMillimetres)
        intratumoralLymphocyteDensityPerSquareMillimetre = density(tumor.counts.lymphocyte, tumorAreaSquareMillimetres)
        stromalLymphocyteDensityPerSquareMillimetre = density(stroma.counts.lymphocyte, stromaAreaSquareMillimetres)
        intratumoralMacrophageDensityPerSquareMillimetre = density(tumor.counts.macrophage, tumorAreaSquareMillimetres)
        stromalMacrophageDensityPerSquareMillimetre = density(stroma.counts.macrophage, stromaAreaSquareMillimetres)
        macrophageToLymphocyteRatio = counts.lymphocyte > 0 ? Double(counts.macrophage) / Double(counts.lymphocyte) : nil
        stromalTILPercent = stroma.tissueAreaSquareMicrons > 0
            ? min(100, 100 * stroma.lymphocyteAreaSquareMicrons / stroma.tissueAreaSquareMicrons) : nil
        medianTumorToLymphocyteMicrons = totals.tumorToLymphocyteDistances?.median
        tumorLymphocyteColocalisation = totals.tumorToLymphocyteDistances?.fraction(below: parameters.colocalisationRadiusMicrons)
        phenotype = parameters.phenotype.phenotype(intratumoralDensity: intratumoralLymphocyteDensityPerSquareMillimetre,
                                                   stromalDensity: stromalLymphocyteDensityPerSquareMillimetre,
                                                   tumorAreaSquareMillimetres: tumorAreaSquareMillimetres)
        pdl1 = parameters.marker == .pdl1
            ? PDL1Score(counts: counts, positive: positiveCounts, minimumViableTumorCells: parameters.minimumViableTumorCells) : nil
        cd8PositiveDensityPerSquareMillimetre = parameters.marker == .cd8
            ? density(positiveCounts.lymphocyte, tissueAreaSquareMillimetres) : nil
        cd68PositiveDensityPerSquareMillimetre = parameters.marker == .cd68
            ? density(positiveCounts.macrophage, tissueAreaSquareMillimetres) : nil
        self.parameters = parameters
    }
}
