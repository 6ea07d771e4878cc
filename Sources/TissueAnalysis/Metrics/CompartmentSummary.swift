/// Totals of one compartment (all patches of one `TissueRegion`) of a tile or slide; adds up.
public struct CompartmentSummary: Sendable, Hashable, Codable {
    public let region: TissueRegion
    public var patchCount = 0
    /// Tissue pixels of the compartment's patches, µm².
    public var tissueAreaSquareMicrons = 0.0
    public var counts = CellCounts()
    public var positiveCounts = CellCounts()
    /// Summed nucleus area of the lymphocytes, µm² (the stromal TIL numerator).
    public var lymphocyteAreaSquareMicrons = 0.0

    public init(region: TissueRegion) { self.region = region }

    public mutating func add(_ other: CompartmentSummary) {
        patchCount += other.patchCount
        tissueAreaSquareMicrons += other.tissueAreaSquareMicrons
        counts += other.counts
        positiveCounts += other.positiveCounts
        lymphocyteAreaSquareMicrons += other.lymphocyteAreaSquareMicrons
    }
}
