/// The immune phenotype of a tumor (Chen & Mellman, Nature 541:321, 2017; Hegde et al., Clin Cancer Res
/// 22:1865, 2016), read from lymphocyte densities with explicit thresholds.
public enum ImmunePhenotype: String, Sendable, Hashable, Codable, CaseIterable {
    /// Lymphocytes infiltrate the tumor nests.
    case inflamed
    /// Lymphocytes gather in the stroma but do not enter the nests.
    case excluded
    /// Few lymphocytes anywhere.
    case desert
}

/// Thresholds of the immune phenotype rule:
/// - **inflamed** when the intratumoral lymphocyte density ≥ `inflamedMinimumIntratumoralPerSquareMillimetre`;
/// - otherwise **excluded** when the stromal lymphocyte density ≥ `excludedMinimumStromalPerSquareMillimetre`;
/// - otherwise **desert**;
/// - not assessed (nil) with less than `minimumTumorAreaSquareMillimetres` of tumor compartment.
/// There is no guideline cut-off; the defaults (250 and 400 cells/mm²) lie between the medians reported for
/// the phenotypes in NSCLC and melanoma image analyses (desert ≲ 100, inflamed ≳ 500 intratumoral CD8/mm²;
/// e.g. Kümpers et al., Cancers 2019; Hegde et al. 2016) and are meant to be calibrated per cohort.
public struct ImmunePhenotypeParameters: Sendable, Hashable, Codable {
    /// cells/mm² of tumor compartment tissue. Default 250, range 0–10 000.
    public var inflamedMinimumIntratumoralPerSquareMillimetre: Double = 250
    /// cells/mm² of stroma compartment tissue. Default 400, range 0–10 000.
    public var excludedMinimumStromalPerSquareMillimetre: Double = 400
    /// mm². Default 0.05, range 0–100.
    public var minimumTumorAreaSquareMillimetres: Double = 0.05

    public init() {}

    public func validate() throws {
        let checks: [(String, Double, ClosedRange<Double>)] = [
            ("inflamedMinimumIntratumoralPerSquareMillimetre", inflamedMinimumIntratumoralPerSquareMillimetre, 0...10_000),
            ("excludedMinimumStromalPerSquareMillimetre", excludedMinimumStromalPerSquareMillimetre, 0...10_000),
            ("minimumTumorAreaSquareMillimetres", minimumTumorAreaSquareMillimetres, 0...100),
        ]
        for (name, value, range) in checks where !(value.isFinite && range.contains(value)) {
            throw TissueAnalysisError.invalidParameter(name: name, value: "\(value)", expected: "\(range.lowerBound)–\(range.upperBound)")
        }
    }

    /// The phenotype, or nil when the tumor area is below the minimum.
    public func phenotype(intratumoralDensity: Double?, stromalDensity: Double?, tumorAreaSquareMillimetres: Double) -> ImmunePhenotype? {
        guard tumorAreaSquareMillimetres >= minimumTumorAreaSquareMillimetres, tumorAreaSquareMillimetres > 0 else { return nil }
        if (intratumoralDensity ?? 0) >= inflamedMinimumIntratumoralPerSquareMillimetre { return .inflamed }
        if (stromalDensity ?? 0) >= excludedMinimumStromalPerSquareMillimetre { return .excluded }
        return .desert
    }
}
