/// The per-tile numbers a slide is aggregated from (no cell list, so slides stream in bounded memory).
public struct TileSummary: Sendable, Hashable, Codable {
    /// Compartment of the tile core as a whole (same rule as a patch).
    public var region: TissueRegion
    /// Area of the analysed core, µm².
    public var areaSquareMicrons: Double
    /// Tissue pixels of the core, µm².
    public var tissueAreaSquareMicrons: Double
    public var counts: CellCounts
    /// DAB-positive cells per class (zero on H&E).
    public var positiveCounts: CellCounts
    /// One entry per `TissueRegion`, in `TissueRegion.allCases` order.
    public var compartments: [CompartmentSummary]
    /// Distance from each tumor cell of the core to the nearest lymphocyte of the tile, µm.
    public var tumorToLymphocyteDistances: DistanceHistogram

    public func compartment(_ region: TissueRegion) -> CompartmentSummary {
        compartments[TissueRegion.allCases.firstIndex(of: region)!]
    }
}

/// A tile's summary plus its cells (for GeoJSON export and overlays).
public struct TileResult: Sendable, Hashable {
    public var summary: TileSummary
    public var cells: [Cell]
    /// Hematoxylin threshold used, OD.
    public var thresholdOD: Double
}

/// A rectangle in tile pixels: the core of a tile read with an overlap margin.
public struct PixelRect: Sendable, Hashable, Codable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) { self.x = x; self.y = y; self.width = width; self.height = height }
}
