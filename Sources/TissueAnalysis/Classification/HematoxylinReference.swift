/// Per-tile hematoxylin normalisation against an internal reference: the tile's fibroblast (spindle) nuclei.
///
/// Staining strength varies between slides and batches by ±10–20 %, which moves every hematoxylin amount by the
/// same factor (Beer–Lambert: OD is proportional to the amount of dye), while absolute OD cut-offs between a
/// vesicular tumor nucleus, a macrophage and a lymphocyte are only 0.1–0.2 OD apart. Pathologists read nuclear
/// darkness against internal references in the same field (lymphocytes, fibroblasts); this does the same with
/// spindle nuclei, whose shape (not stain) identifies them:
///
/// - reference nuclei: elongation (major/minor) ≥ `minimumElongation` and minor axis ≤ `maximumMinorAxisMicrons`
///   (the stroma rule of `RuleBasedCellClassifier`), whole and convex: area ≥ `minimumAreaSquareMicrons`,
///   solidity ≥ `minimumSolidity` (not a sliver or fragment of a pale nucleus);
/// - with at least `minimumReferenceNuclei` of them, f = `referenceOD` / median(their mean hematoxylin), clamped
///   to [`minimumFactor`, `maximumFactor`]; otherwise f = 1 (a tile of pure tumor nest keeps its raw values);
/// - the classifier sees each nucleus with hematoxylin mean, std and ring mean multiplied by f; the reported
///   measurements stay raw.
///
/// Example (repeated in `ClassificationTests`): spindle nuclei at 0.6 OD with `referenceOD` 0.75 give f = 1.25,
/// so a 0.5 OD round nucleus is classified as if it were 0.625 OD.
/// Reference: the internal-control principle of histochemistry (e.g. Bancroft's *Theory and Practice of
/// Histological Techniques*, 8th ed., ch. 4: quality control by internal reference tissue).
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
    /// Fewer spindle nuclei than this in the tile: no normalisation (a tile of tumor nest, whose few elongated
    /// objects are mostly tangentially cut tumor nuclei, not fibroblasts). Default 20, range 1–10 000.
    public var minimumReferenceNuclei: Int = 20
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
            ("minimumFactor", minimumFactor, 0.1...10), ("maximumFactor", maximumFactor, max(0.1, minimumFactor)...10),
        ]
        for (name, value, range) in checks where !(value.isFinite && range.contains(value)) {
            throw TissueAnalysisError.invalidParameter(name: name, value: "\(value)", expected: "\(range.lowerBound)–\(range.upperBound)")
        }
    }

    /// The factor f for the nuclei of one tile (1 without enough reference nuclei).
    public func factor(for nuclei: [Nucleus]) -> Double {
        var values = nuclei.filter {
            $0.elongation >= minimumElongation && $0.minorAxisMicrons <= maximumMinorAxisMicrons
                && $0.areaSquareMicrons >= minimumAreaSquareMicrons && $0.solidity >= minimumSolidity
        }.map(\.hematoxylinMean)
        guard values.count >= minimumReferenceNuclei else { return 1 }
        values.sort()
        let m = values.count
        let median = m % 2 == 1 ? values[m / 2] : (values[m / 2 - 1] + values[m / 2]) / 2
        guard median > 0 else { return 1 }
        return min(maximumFactor, max(minimumFactor, referenceOD / median))
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
}
