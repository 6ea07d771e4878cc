/// Thresholds of `RuleBasedCellClassifier`, in µm and OD units.
public struct RuleBasedClassifierParameters: Sendable, Hashable, Codable {
    /// Spindle (stroma): major/minor ≥ this. Default 2.3, range 1.5–6.
    public var stromaMinimumElongation: Double = 2.3
    /// Spindle (stroma): minor axis ≤ this. µm, default 4.5, range 1–8.
    public var stromaMaximumMinorAxisMicrons: Double = 4.5
    /// Lymphocyte: equivalent diameter in this range. µm, default 4–7.6, range 2–12.
    public var lymphocyteMinimumDiameterMicrons: Double = 4
    public var lymphocyteMaximumDiameterMicrons: Double = 7.6
    /// Lymphocyte: circularity ≥ this. Default 0.8, range 0–1.
    public var lymphocyteMinimumCircularity: Double = 0.8
    /// Lymphocyte: mean hematoxylin ≥ this (dense chromatin, darker than a fibroblast's 0.75). OD, default 0.85,
    /// range 0–3.
    public var lymphocyteMinimumHematoxylin: Double = 0.85
    /// Tumor: equivalent diameter ≥ this. µm, default 8, range 4–20.
    public var tumorMinimumDiameterMicrons: Double = 8
    /// Tumor (vesicular chromatin): hematoxylin std/mean ≥ this. Default 0.2, range 0–2.
    public var tumorMinimumHematoxylinCV: Double = 0.2
    /// Tumor (vesicular, pale): mean hematoxylin ≤ this. OD, default 0.58, range 0–3.
    public var tumorMaximumHematoxylin: Double = 0.58
    /// Tumor (pale nucleus, also when small: a tangentially cut or partly segmented vesicular nucleus): mean
    /// hematoxylin ≤ `tumorMaximumHematoxylin` and equivalent diameter ≥ this. µm, default 4, range 2–20.
    public var tumorPaleMinimumDiameterMicrons: Double = 4
    /// Tumor regardless of texture: equivalent diameter ≥ this. µm, default 11, range 6–30.
    public var tumorLargeDiameterMicrons: Double = 11
    /// Macrophage: equivalent diameter in this range. µm, default 6.5–11, range 3–20.
    public var macrophageMinimumDiameterMicrons: Double = 6.5
    public var macrophageMaximumDiameterMicrons: Double = 11
    /// Macrophage (kidney/oval shape): solidity ≤ this or eccentricity ≥ `macrophageMinimumEccentricity`.
    /// Default 0.92, range 0.5–1.
    public var macrophageMaximumSolidity: Double = 0.92
    /// Default 0.6, range 0–1.
    public var macrophageMinimumEccentricity: Double = 0.6
    /// Macrophage: mean hematoxylin above `tumorMaximumHematoxylin` and at most this (moderately dense
    /// chromatin: darker than a vesicular tumor nucleus, lighter than a fibroblast's 0.75 and a lymphocyte's).
    /// OD, default 0.72, range 0–3. At the former 0.85 the band took in fibroblast-dense objects that are not
    /// spindle-shaped (two touching or crossing fibroblast nuclei; most of the macrophage over-count on IHC). Set from
    /// the normalised hematoxylin of matched cells on the demo slides of patients SIM-0001 … SIM-0021 (21 H&E,
    /// 5 PD-L1): true macrophages 0.635–0.684 OD (5th–95th percentile; IHC 0.376–0.418, i.e. 0.6× as the preset
    /// assumes), true stroma called macrophage at 0.85 0.751–0.838 (IHC 0.443–0.497); checked on all 72
    /// (VALIDATION.md). The simulator draws macrophage chromatin at 0.69× that of fibroblasts.
    public var macrophageMaximumHematoxylin: Double = 0.72
    /// Touching lymphocytes: an object with lymphocyte chromatin (mean hematoxylin ≥
    /// `lymphocyteMinimumHematoxylin`) that no earlier rule took, equivalent diameter from
    /// `lymphocyteMinimumDiameterMicrons` to below this and solidity ≥ `lymphocyteClusterMinimumSolidity`, is a
    /// lymphocyte (two or three touching lymphocytes segmented as one, or one cut obliquely). µm, default 11
    /// (`tumorLargeDiameterMicrons`), range 4–30.
    public var lymphocyteClusterMaximumDiameterMicrons: Double = 11
    /// Touching lymphocytes: solidity ≥ this (a doublet of discs is ≥ 0.9; lobed neutrophil nuclei and debris
    /// are lower). Default 0.85, range 0–1.
    public var lymphocyteClusterMinimumSolidity: Double = 0.85

    public init() {}

    /// The defaults with every hematoxylin threshold multiplied by `factor`: IHC slides carry a lighter
    /// hematoxylin counterstain than H&E (typically ≈ 0.6 of its optical density), which would otherwise turn
    /// lymphocytes into "other". Throws `invalidParameter` unless 0.1 ≤ factor ≤ 3.
    public static func counterstain(hematoxylinFactor factor: Double) throws -> RuleBasedClassifierParameters {
        guard factor.isFinite, (0.1...3).contains(factor) else {
            throw TissueAnalysisError.invalidParameter(name: "hematoxylinFactor", value: "\(factor)", expected: "0.1–3")
        }
        var p = RuleBasedClassifierParameters()
        p.lymphocyteMinimumHematoxylin *= factor
        p.tumorMaximumHematoxylin *= factor
        p.macrophageMaximumHematoxylin *= factor
        return p
    }

    /// For IHC (H-DAB) slides: `counterstain(hematoxylinFactor: 0.6)`, and a tumor texture threshold
    /// (`tumorMinimumHematoxylinCV`) of 0.26 instead of 0.2: the scanner's noise, fixed in OD, weighs more in the
    /// std/mean of a lighter counterstain, which would otherwise make evenly stained macrophage nuclei "textured".
    public static var ihc: RuleBasedClassifierParameters {
        var p = try! counterstain(hematoxylinFactor: 0.6)
        p.tumorMinimumHematoxylinCV = 0.26
        return p
    }

    /// Throws `invalidParameter` for the first field outside its range.
    public func validate() throws {
        let checks: [(String, Double, ClosedRange<Double>)] = [
            ("stromaMinimumElongation", stromaMinimumElongation, 1.5...6),
            ("stromaMaximumMinorAxisMicrons", stromaMaximumMinorAxisMicrons, 1...8),
            ("lymphocyteMinimumDiameterMicrons", lymphocyteMinimumDiameterMicrons, 2...12),
            ("lymphocyteMaximumDiameterMicrons", lymphocyteMaximumDiameterMicrons, lymphocyteMinimumDiameterMicrons...12),
            ("lymphocyteMinimumCircularity", lymphocyteMinimumCircularity, 0...1),
            ("lymphocyteMinimumHematoxylin", lymphocyteMinimumHematoxylin, 0...3),
            ("tumorMinimumDiameterMicrons", tumorMinimumDiameterMicrons, 4...20),
            ("tumorMinimumHematoxylinCV", tumorMinimumHematoxylinCV, 0...2),
            ("tumorMaximumHematoxylin", tumorMaximumHematoxylin, 0...3),
            ("tumorPaleMinimumDiameterMicrons", tumorPaleMinimumDiameterMicrons, 2...20),
            ("tumorLargeDiameterMicrons", tumorLargeDiameterMicrons, 6...30),
            ("macrophageMinimumDiameterMicrons", macrophageMinimumDiameterMicrons, 3...20),
            ("macrophageMaximumDiameterMicrons", macrophageMaximumDiameterMicrons, macrophageMinimumDiameterMicrons...20),
            ("macrophageMaximumSolidity", macrophageMaximumSolidity, 0.5...1),
            ("macrophageMinimumEccentricity", macrophageMinimumEccentricity, 0...1),
            ("macrophageMaximumHematoxylin", macrophageMaximumHematoxylin, 0...3),
            ("lymphocyteClusterMaximumDiameterMicrons", lymphocyteClusterMaximumDiameterMicrons, 4...30),
            ("lymphocyteClusterMinimumSolidity", lymphocyteClusterMinimumSolidity, 0...1),
        ]
        for (name, value, range) in checks where !(value.isFinite && range.contains(value)) {
            throw TissueAnalysisError.invalidParameter(name: name, value: "\(value)",
                                                       expected: "\(range.lowerBound)–\(range.upperBound)")
        }
    }
}

/// The default classifier: morphology and stain rules in physical units, applied in this order.
///
/// 1. **Stroma** (fibroblast, spindle): elongation (major/minor) ≥ 2.3 and minor axis ≤ 4.5 µm.
/// 2. **Lymphocyte**: small, round, dense — equivalent diameter 4–7.6 µm (lymphocyte nuclei are 5–7 µm),
///    circularity ≥ 0.8, mean hematoxylin ≥ 0.85 OD.
/// 3. **Tumor** (large, vesicular): diameter ≥ 8 µm and either hematoxylin CV (std/mean) ≥ 0.2 (open
///    chromatin with a dark rim and nucleoli) or mean hematoxylin ≤ 0.58 OD (pale, open chromatin); also any
///    pale nucleus (≤ 0.58 OD) of diameter ≥ 4 µm (a vesicular nucleus cut tangentially or partly segmented:
///    no lymphocyte, macrophage or fibroblast nucleus is that pale).
/// 4. **Macrophage**: diameter 6.5–11 µm, evenly stained (CV < 0.2), moderately dense chromatin (mean
///    hematoxylin above 0.58 and at most 0.72 OD: darker than vesicular tumor, lighter than a fibroblast (0.75)
///    and a lymphocyte) and either lighter than a lymphocyte (< 0.85 OD) or kidney-shaped/oval (solidity ≤ 0.92
///    or eccentricity ≥ 0.6).
/// 5. **Lymphocyte** (touching): lymphocyte chromatin (mean hematoxylin ≥ 0.85 OD), diameter 4 to < 11 µm,
///    solidity ≥ 0.85 — two or three touching lymphocytes left as one object (a compact dense nucleus of that
///    size that is neither spindle, vesicular nor macrophage-pale is lymphoid).
/// 6. **Tumor** (large): diameter ≥ 11 µm whatever the texture (pleomorphic nuclei).
/// 7. **Other**: everything else (neutrophils, debris, fragments, nuclei between the macrophage and lymphocyte
///    chromatin levels).
///
/// Hematoxylin levels are those of a tile whose fibroblast nuclei read 0.75 OD (`HematoxylinReference`
/// rescales each tile to it before classification).
/// Sizes follow standard histology (lymphocyte nucleus ≈ 1× an erythrocyte, 7 µm; macrophage nuclei
/// oval/reniform with abundant pale cytoplasm; carcinoma nuclei enlarged and pleomorphic; fibroblasts spindle):
/// Ross & Pawlina, *Histology*, 8th ed., ch. 6 and 9; Salgado et al., Ann Oncol 26:259, 2015 (TIL morphology).
/// The thresholds are starting points; `LogisticCellClassifier` learns from labelled cells instead.
///
/// Example (repeated in `ClassificationTests`): a disc of radius 3.2 µm at 1.05 OD is a lymphocyte; a 7 × 1.6 µm
/// ellipse is stroma; a 6 × 4.8 µm ellipse with a pale (0.3 OD) centre and a 0.62 OD rim is tumor.
public struct RuleBasedCellClassifier: CellClassifier, Hashable, Codable {
    public var parameters: RuleBasedClassifierParameters

    /// The documented defaults.
    public init() { parameters = RuleBasedClassifierParameters() }

    /// Custom thresholds; throws `invalidParameter` when one is out of range.
    public init(parameters: RuleBasedClassifierParameters) throws {
        try parameters.validate()
        self.parameters = parameters
    }

    public func classify(_ n: Nucleus) -> CellClass {
        let p = parameters
        let d = n.equivalentDiameterMicrons
        let cv = n.hematoxylinStd / max(n.hematoxylinMean, 1e-6)
        if n.elongation >= p.stromaMinimumElongation && n.minorAxisMicrons <= p.stromaMaximumMinorAxisMicrons { return .stroma }
        if d >= p.lymphocyteMinimumDiameterMicrons && d <= p.lymphocyteMaximumDiameterMicrons
            && n.circularity >= p.lymphocyteMinimumCircularity && n.hematoxylinMean >= p.lymphocyteMinimumHematoxylin {
            return .lymphocyte
        }
        if d >= p.tumorMinimumDiameterMicrons
            && (cv >= p.tumorMinimumHematoxylinCV || n.hematoxylinMean <= p.tumorMaximumHematoxylin) { return .tumor }
        if d >= p.tumorPaleMinimumDiameterMicrons && n.hematoxylinMean <= p.tumorMaximumHematoxylin { return .tumor }
        if d >= p.macrophageMinimumDiameterMicrons && d <= p.macrophageMaximumDiameterMicrons && cv < p.tumorMinimumHematoxylinCV
            && n.hematoxylinMean <= p.macrophageMaximumHematoxylin
            && (n.hematoxylinMean < p.lymphocyteMinimumHematoxylin
                || n.solidity <= p.macrophageMaximumSolidity || n.eccentricity >= p.macrophageMinimumEccentricity) {
            return .macrophage
        }
        if d >= p.lymphocyteMinimumDiameterMicrons && d < p.lymphocyteClusterMaximumDiameterMicrons
            && n.hematoxylinMean >= p.lymphocyteMinimumHematoxylin && n.solidity >= p.lymphocyteClusterMinimumSolidity {
            return .lymphocyte
        }
        if d >= p.tumorLargeDiameterMicrons { return .tumor }
        return .other
    }
}
