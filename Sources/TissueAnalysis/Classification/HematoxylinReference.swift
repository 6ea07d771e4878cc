import TMECore

/// Per-tile hematoxylin normalisation against an internal reference: the tile's fibroblast (spindle) nuclei, or,
/// in a tile with too few of them, its fibroblast and lymphocyte nuclei together.
///
/// Staining strength varies between slides and batches by ±10–20 %, which moves every hematoxylin amount by the
/// same factor (Beer–Lambert: OD is proportional to the amount of dye), while absolute OD cut-offs between a
/// vesicular tumor nucleus, a macrophage and a lymphocyte are only 0.1–0.2 OD apart. Pathologists read nuclear
/// darkness against internal references in the same field (lymphocytes, fibroblasts); this does the same with
/// nuclei whose shape (not stain) identifies them:
///
/// - spindle nuclei: elongation (major/minor) ≥ `minimumElongation` and minor axis ≤ `maximumMinorAxisMicrons`
///   (the stroma rule of `RuleBasedCellClassifier`), whole and convex: area ≥ `minimumAreaSquareMicrons`,
///   solidity ≥ `minimumSolidity` (not a sliver or fragment of a pale nucleus);
/// - with at least `minimumReferenceNuclei` of them, f = `referenceOD` / median(their mean hematoxylin);
/// - otherwise (a tile of tumor nest with few fibroblasts, or a narrow strip at the slide edge) the fallback
///   pools two populations, each giving one estimate per nucleus: spindle nuclei (`referenceOD` / H) and
///   lymphocyte-shaped nuclei — equivalent diameter `lymphocyteMinimumDiameterMicrons`–
///   `lymphocyteMaximumDiameterMicrons`, circularity ≥ `lymphocyteMinimumCircularity`, solidity ≥
///   `lymphocyteMinimumSolidity` — (`referenceOD` × `lymphocyteToFibroblastRatio` / H). A population is used only
///   when its median hematoxylin is ≥ `minimumContrast` × the median of the tile's large nuclei (equivalent
///   diameter ≥ `largeNucleusDiameterMicrons`, counted when there are ≥ `minimumLargeNuclei`): small round or
///   elongated objects as pale as the tumor nuclei are fragments of them, not lymphocytes or fibroblasts.
///   With at least `minimumFallbackNuclei` estimates, f = their median; otherwise f = 1;
/// - f is clamped to [`minimumFactor`, `maximumFactor`]; the classifier sees each nucleus with hematoxylin mean,
///   std and ring mean multiplied by f; the reported measurements stay raw.
///
/// Without the fallback, a tile of nest with a lymphocyte infiltrate kept its raw (unnormalised) values, so on a
/// slide whose fibroblasts read 0.3 OD instead of the 0.45 OD reference its lymphocytes fell below the lymphocyte
/// threshold into the macrophage band (demo cohort: SIM-0035-T1-PDL1, one tile, 104 lymphocytes called
/// macrophages; SIM-0012-T1-HE, one tile, 59).
///
/// Example (repeated in `SeparationTests`): spindle nuclei at 0.6 OD with `referenceOD` 0.75 give f = 1.25,
/// so a 0.5 OD round nucleus is classified as if it were 0.625 OD; 30 lymphocyte-shaped nuclei at 0.8 OD and no
/// spindle nuclei give f = 0.75 × 1.3 / 0.8 ≈ 1.22.
/// Reference: the internal-control principle of histochemistry (e.g. Bancroft's *Theory and Practice of
/// Histological Techniques*, 8th ed., ch. 4: quality control by internal reference tissue); lymphocytes as the
/// internal reference of nuclear size and darkness in grading (e.g. Elston & Ellis 1991, nuclear pleomorphism).
public struct HematoxylinReference: Sendable, Hashable, Codable {
    /// Median mean hematoxylin of fibroblast nuclei the classifier thresholds assume. OD, default 0.75 (H&E;
    /// 0.45 for IHC counterstain, matching `RuleBasedClassifierParameters.ihc`), range 0.05–3.
    public var referenceOD: Double = 0.75
    /// Spindle shape: elongation ≥ this. Default 2.3, range 1.5–6.
    public var minimumElongation: Double = 2.3
    /// Spindle shape: minor axis ≤ this. µm, default 4.5, range 1–8.
    public var maximumMinorAxisMicrons: Double = 4.5
    /// Reference nuclei: area ≥ this. µm², default 20 (fibroblast nuclei are 20–50 µm²), range 0–500.
    public var minimumAreaSquareMicrons: Double = 20
    /// Reference nuclei: solidity ≥ this. Default 0.9, range 0–1.
    public var minimumSolidity: Double = 0.9
    /// Fewer spindle nuclei than this in the tile: the pooled fallback. Default 20, range 1–10 000.
    public var minimumReferenceNuclei: Int = 20
    /// Fallback: median hematoxylin of lymphocyte nuclei over that of fibroblast nuclei in the same tile. Default
    /// 1.3, range 1–3: the simulator draws lymphocyte chromatin at 0.95–1.2 and fibroblast at 0.8–1.0 (relative
    /// amounts); the measured per-tile ratio on the demo slides of patients SIM-0001 … SIM-0021 (tiles with ≥ 20
    /// of both) has median 1.30 (H&E, 279 tiles: 5th–95th percentile 1.25–1.32; PD-L1, 76 tiles: 1.31), higher
    /// than drawn because the thin fibroblast nucleus loses more to its blurred border. Lymphocytes are the
    /// denser of the two in tissue too (`RuleBasedCellClassifier` puts its lymphocyte threshold, 0.85 OD, above
    /// the 0.75 OD fibroblast reference).
    public var lymphocyteToFibroblastRatio: Double = 1.3
    /// Fallback, lymphocyte-shaped nuclei: equivalent diameter in this range. µm, default 4–7.6 (the lymphocyte
    /// rule of `RuleBasedCellClassifier`), range 1–20.
    public var lymphocyteMinimumDiameterMicrons: Double = 4
    public var lymphocyteMaximumDiameterMicrons: Double = 7.6
    /// Fallback, lymphocyte-shaped nuclei: circularity ≥ this and solidity ≥ `lymphocyteMinimumSolidity`.
    /// Defaults 0.85 and 0.95, range 0–1.
    public var lymphocyteMinimumCircularity: Double = 0.85
    public var lymphocyteMinimumSolidity: Double = 0.95
    /// Fallback: a reference population counts only if its median hematoxylin is ≥ this × the median of the
    /// tile's large nuclei. Default 1.25 (measured fibroblast/tumor ≈ 1.3–1.5, lymphocyte/tumor ≈ 1.7–2 on the demo
    /// slides; fragments of pale nuclei ≈ 1–1.1: a nest tile of SIM-0050-T1-HE has 15 elongated objects, half of
    /// them tumor slivers, at 1.11× its tumor nuclei, which at 1.15 scaled the nest into the macrophage band),
    /// range 0–10 (0: no check).
    public var minimumContrast: Double = 1.25
    /// Fallback: large nuclei (the contrast check) have an equivalent diameter ≥ this. µm, default 8 (the tumor
    /// rule of `RuleBasedCellClassifier`), range 1–30.
    public var largeNucleusDiameterMicrons: Double = 8
    /// Fallback: the contrast check needs at least this many large nuclei (fewer: no check). Default 10, range
    /// 1–10 000.
    public var minimumLargeNuclei: Int = 10
    /// Fallback: at least this many estimates (spindle + lymphocyte-shaped nuclei of the populations that pass),
    /// otherwise f = 1. Default 12, range 1–10 000.
    public var minimumFallbackNuclei: Int = 12
    /// Bounds of the factor: batch-to-batch staining strength rarely differs by more than a third. Default
    /// 0.75–1.33, range 0.1–10.
    public var minimumFactor: Double = 0.75
    public var maximumFactor: Double = 1.33

    public init(referenceOD: Double = 0.75) { self.referenceOD = referenceOD }

    public func validate() throws {
        let checks: [(String, Double, ClosedRange<Double>)] = [
            ("referenceOD", referenceOD, 0.05...3), ("minimumElongation", minimumElongation, 1.5...6),
            ("maximumMinorAxisMicrons", maximumMinorAxisMicrons, 1...8),
            ("minimumAreaSquareMicrons", minimumAreaSquareMicrons, 0...500), ("minimumSolidity", minimumSolidity, 0...1),
            ("minimumReferenceNuclei", Double(minimumReferenceNuclei), 1...10_000),
            ("lymphocyteToFibroblastRatio", lymphocyteToFibroblastRatio, 1...3),
            ("lymphocyteMinimumDiameterMicrons", lymphocyteMinimumDiameterMicrons, 1...20),
            ("lymphocyteMaximumDiameterMicrons", lymphocyteMaximumDiameterMicrons, lymphocyteMinimumDiameterMicrons...20),
            ("lymphocyteMinimumCircularity", lymphocyteMinimumCircularity, 0...1),
            ("lymphocyteMinimumSolidity", lymphocyteMinimumSolidity, 0...1),
            ("minimumContrast", minimumContrast, 0...10), ("largeNucleusDiameterMicrons", largeNucleusDiameterMicrons, 1...30),
            ("minimumLargeNuclei", Double(minimumLargeNuclei), 1...10_000),
            ("minimumFallbackNuclei", Double(minimumFallbackNuclei), 1...10_000),
            ("minimumFactor", minimumFactor, 0.1...10), ("maximumFactor", maximumFactor, max(0.1, minimumFactor)...10),
        ]
        for (name, value, range) in checks where !(value.isFinite && range.contains(value)) {
            throw TissueAnalysisError.invalidParameter(name: name, value: "\(value)", expected: "\(range.lowerBound)–\(range.upperBound)")
        }
    }

    /// The factor f for the nuclei of one tile (1 without enough reference nuclei).
    public func factor(for nuclei: [Nucleus]) -> Double {
        let spindle = nuclei.filter(isSpindle).map(\.hematoxylinMean)
        if spindle.count >= minimumReferenceNuclei {
            let m = SampleStatistics.median(spindle)
            return m > 0 ? clamped(referenceOD / m) : 1
        }
        let large = nuclei.filter { $0.equivalentDiameterMicrons >= largeNucleusDiameterMicrons }.map(\.hematoxylinMean)
        let floor = large.count >= minimumLargeNuclei ? minimumContrast * SampleStatistics.median(large) : 0
        let lymphocytes = nuclei.filter(isLymphocyteShaped).map(\.hematoxylinMean)
        var estimates: [Double] = []
        if !spindle.isEmpty, SampleStatistics.median(spindle) >= floor {
            estimates += spindle.lazy.filter { $0 > 0 }.map { referenceOD / $0 }
        }
        if !lymphocytes.isEmpty, SampleStatistics.median(lymphocytes) >= floor {
            let target = referenceOD * lymphocyteToFibroblastRatio
            estimates += lymphocytes.lazy.filter { $0 > 0 }.map { target / $0 }
        }
        guard estimates.count >= minimumFallbackNuclei else { return 1 }
        return clamped(SampleStatistics.median(estimates))
    }

    /// `n` with its hematoxylin measurements multiplied by `factor`.
    public static func normalised(_ n: Nucleus, factor: Double) -> Nucleus {
        guard factor != 1 else { return n }
        var m = n
        m.hematoxylinMean *= factor
        m.hematoxylinStd *= factor
        m.ringHematoxylinMean *= factor
        return m
    }

    // MARK: - Reference populations

    private func isSpindle(_ n: Nucleus) -> Bool {
        n.elongation >= minimumElongation && n.minorAxisMicrons <= maximumMinorAxisMicrons
            && n.areaSquareMicrons >= minimumAreaSquareMicrons && n.solidity >= minimumSolidity
    }

    private func isLymphocyteShaped(_ n: Nucleus) -> Bool {
        let d = n.equivalentDiameterMicrons
        return d >= lymphocyteMinimumDiameterMicrons && d <= lymphocyteMaximumDiameterMicrons
            && n.circularity >= lymphocyteMinimumCircularity && n.solidity >= lymphocyteMinimumSolidity
    }

    private func clamped(_ f: Double) -> Double { min(maximumFactor, max(minimumFactor, f)) }
}
