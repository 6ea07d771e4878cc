/// PD-L1 scores with the conventions of the 22C3 pharmDx assay.
///
/// - TPS (tumor proportion score) = 100 × PD-L1-positive viable tumor cells / viable tumor cells, in %.
/// - CPS (combined positive score) = 100 × (positive tumor cells + positive lymphocytes + positive macrophages)
///   / viable tumor cells, capped at 100 (a unitless number, not a percentage).
/// - Adequacy: at least `minimumViableTumorCells` (100) viable tumor cells; below that the scores are computed
///   but `adequate` is false and a pathologist would not report them.
/// Every detected tumor cell counts as viable (necrosis is not detected); no viable tumor cells gives nil scores.
///
/// Example (repeated in `IHCTests`): 200 tumor cells of which 30 positive, 12 positive lymphocytes and
/// 8 positive macrophages: TPS = 15 %, CPS = 25, adequate.
///
/// Reference: Agilent PD-L1 IHC 22C3 pharmDx Interpretation Manual; Kulangara et al., Arch Pathol Lab Med
/// 143:330–337, 2019 (CPS).
public struct PDL1Score: Sendable, Hashable, Codable {
    public let viableTumorCells: Int
    public let positiveTumorCells: Int
    public let positiveLymphocytes: Int
    public let positiveMacrophages: Int
    /// %, nil without viable tumor cells.
    public let tumorProportionScore: Double?
    /// 0–100, nil without viable tumor cells.
    public let combinedPositiveScore: Double?
    public let adequate: Bool

    public static let minimumViableTumorCells = 100

    /// Scores from counts of all cells and of DAB-positive cells.
    public init(counts: CellCounts, positive: CellCounts, minimumViableTumorCells: Int = PDL1Score.minimumViableTumorCells) {
        viableTumorCells = counts.tumor
        positiveTumorCells = positive.tumor
        positiveLymphocytes = positive.lymphocyte
        positiveMacrophages = positive.macrophage
        if counts.tumor > 0 {
            let viable = Double(counts.tumor)
            tumorProportionScore = 100 * Double(positive.tumor) / viable
            combinedPositiveScore = min(100, 100 * Double(positive.tumor + positive.lymphocyte + positive.macrophage) / viable)
        } else {
            tumorProportionScore = nil
            combinedPositiveScore = nil
        }
        adequate = counts.tumor >= minimumViableTumorCells
    }

    /// Scores from classified cells (cells without a positivity call count as negative).
    public init(cells: [Cell], minimumViableTumorCells: Int = PDL1Score.minimumViableTumorCells) {
        var counts = CellCounts(), positive = CellCounts()
        for c in cells {
            counts[c.cellClass] += 1
            if c.dabPositive == true { positive[c.cellClass] += 1 }
        }
        self.init(counts: counts, positive: positive, minimumViableTumorCells: minimumViableTumorCells)
    }
}
