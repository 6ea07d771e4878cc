/// Adds tile summaries into slide totals: the streaming half of slide aggregation.
///
/// `add` is associative and commutative, so tiles can be summed in any order, in parallel accumulators merged
/// with `merge`, and a resumed run can continue from saved totals. Memory is constant in the slide size.
public struct SlideAccumulator: Sendable, Hashable, Codable {
    public private(set) var tileCount = 0
    /// Tiles per compartment, in `TissueRegion.allCases` order.
    public private(set) var tilesPerRegion = [Int](repeating: 0, count: TissueRegion.allCases.count)
    public private(set) var areaSquareMicrons = 0.0
    public private(set) var tissueAreaSquareMicrons = 0.0
    public private(set) var counts = CellCounts()
    public private(set) var positiveCounts = CellCounts()
    public private(set) var compartments = TissueRegion.allCases.map { CompartmentSummary(region: $0) }
    public private(set) var tumorToLymphocyteDistances: DistanceHistogram?

    public init() {}

    /// Adds one tile. Throws `sizeMismatch` when its distance histogram has other bins than earlier tiles'.
    public mutating func add(_ tile: TileSummary) throws {
        if tumorToLymphocyteDistances == nil {
            tumorToLymphocyteDistances = tile.tumorToLymphocyteDistances
        } else {
            try tumorToLymphocyteDistances!.add(tile.tumorToLymphocyteDistances)
        }
        tileCount += 1
        tilesPerRegion[TissueRegion.allCases.firstIndex(of: tile.region)!] += 1
        areaSquareMicrons += tile.areaSquareMicrons
        tissueAreaSquareMicrons += tile.tissueAreaSquareMicrons
        counts += tile.counts
        positiveCounts += tile.positiveCounts
        for (i, c) in tile.compartments.enumerated() { compartments[i].add(c) }
    }

    /// Adds another accumulator's totals.
    public mutating func merge(_ other: SlideAccumulator) throws {
        if let theirs = other.tumorToLymphocyteDistances {
            if tumorToLymphocyteDistances == nil { tumorToLymphocyteDistances = theirs } else { try tumorToLymphocyteDistances!.add(theirs) }
        }
        tileCount += other.tileCount
        for i in tilesPerRegion.indices { tilesPerRegion[i] += other.tilesPerRegion[i] }
        areaSquareMicrons += other.areaSquareMicrons
        tissueAreaSquareMicrons += other.tissueAreaSquareMicrons
        counts += other.counts
        positiveCounts += other.positiveCounts
        for i in compartments.indices { compartments[i].add(other.compartments[i]) }
    }

    public func compartment(_ region: TissueRegion) -> CompartmentSummary {
        compartments[TissueRegion.allCases.firstIndex(of: region)!]
    }
}
