import Foundation
import TissueAnalysis

/// One analysed tile: where it lies, its counts and its feature vector (a row of `tme.tiles` and `tme.tile_features`).
public struct TileRecord: Sendable, Hashable, Codable {
    /// Analysis level of the tile.
    public var level: Int
    /// Tile rectangle in level-0 pixels.
    public var xPixels: Int, yPixels: Int, widthPixels: Int, heightPixels: Int
    public var summary: TileSummary
    /// Mean nucleus area of the tile's cells, µm² (nil without cells).
    public var meanNucleusAreaSquareMicrons: Double?
    /// Mean hematoxylin optical density inside the nuclei (nil without cells).
    public var meanHematoxylinOD: Double?
    /// `TileFeatures.vector`, in `TileFeatures.names` order.
    public var features: [Float]

    /// Tissue fraction of the tile core as measured by the analysis (tissue pixels / core pixels).
    public var tissueFraction: Double {
        summary.areaSquareMicrons > 0 ? min(1, max(0, summary.tissueAreaSquareMicrons / summary.areaSquareMicrons)) : 0
    }
}

/// Everything quantifying one slide produced (cells are streamed to a sink, not kept).
public struct SlideQuantification: Sendable, Codable {
    public var path: String
    public var stain: QuantifyStain
    public var marker: IHCMarker?
    /// Analysis level, its µm/px and its downsample from level 0.
    public var level: Int
    public var micronsPerPixel: Double
    public var downsample: Double
    public var tileSizePixels: Int
    public var gridTileCount: Int
    /// Tissue tiles, sorted by (y, x).
    public var tiles: [TileRecord]
    public var metrics: SlideMetrics
    public var cellCount: Int
    public var wallSeconds: Double
    /// Everything that shaped the numbers (tile analysis and classifier included).
    public var parameters: QuantifyParameters
    /// The nucleus detector that found the cells (model and weights checksum for a learned one).
    public var detector: DetectorIdentity
}
