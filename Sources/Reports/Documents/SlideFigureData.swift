/// The figures of one slide for a patient report, as plain values: a thumbnail from a low pyramid
/// level, heatmaps over the tile grid (attention, TIL and TAM density) and full-resolution tiles.
/// Any part may be absent; `notes` says why on the page (file missing, not quantified, no model).
public struct SlideFigureData: Sendable, Hashable, Codable {
    public var slideID: String
    /// H&E, PD-L1, CD8 or CD68.
    public var stain: String
    /// Level-0 resolution, µm per pixel.
    public var micronsPerPixel: Double?
    public var widthPixels: Int?
    public var heightPixels: Int?
    /// registered, quantifying, quantified or failed.
    public var status: String
    public var thumbnail: RGBImage?
    /// µm per thumbnail pixel.
    public var thumbnailMicronsPerPixel: Double?
    /// Attention weight per tile, divided by the slide's largest weight (0…1); NaN = no tile.
    public var attention: Heatmap?
    /// Lymphocytes per mm² of tissue per tile; NaN = no tissue.
    public var lymphocyteDensity: Heatmap?
    /// Macrophages per mm² of tissue per tile; NaN = no tissue.
    public var macrophageDensity: Heatmap?
    /// Tiles shown at full resolution, most attended (or densest in lymphocytes) first.
    public var topTiles: [TileFigureData]
    /// Why the tiles were chosen, e.g. "top attention" or "highest lymphocyte density (no model yet)".
    public var topTilesRule: String
    /// Class names of `TileFigureData.cells` indices, for the legend; empty when cells were not detected.
    public var cellClassNames: [String]
    /// Things to say on the page about missing parts.
    public var notes: [String]

    public init(slideID: String, stain: String, micronsPerPixel: Double? = nil, widthPixels: Int? = nil,
                heightPixels: Int? = nil, status: String, thumbnail: RGBImage? = nil, thumbnailMicronsPerPixel: Double? = nil,
                attention: Heatmap? = nil, lymphocyteDensity: Heatmap? = nil, macrophageDensity: Heatmap? = nil,
                topTiles: [TileFigureData] = [], topTilesRule: String = "", cellClassNames: [String] = [], notes: [String] = []) {
        self.slideID = slideID; self.stain = stain; self.micronsPerPixel = micronsPerPixel
        self.widthPixels = widthPixels; self.heightPixels = heightPixels; self.status = status
        self.thumbnail = thumbnail; self.thumbnailMicronsPerPixel = thumbnailMicronsPerPixel
        self.attention = attention; self.lymphocyteDensity = lymphocyteDensity; self.macrophageDensity = macrophageDensity
        self.topTiles = topTiles; self.topTilesRule = topTilesRule; self.cellClassNames = cellClassNames; self.notes = notes
    }
}

/// One tile at full resolution with its position, metrics and (optionally) detected cells.
public struct TileFigureData: Sendable, Hashable, Codable {
    public var image: RGBImage
    public var micronsPerPixel: Double
    /// Level-0 pixel position of the image's top-left corner.
    public var x: Int
    public var y: Int
    /// Attention weight relative to the slide's maximum (0…1), when a model scored the slide.
    public var relativeAttention: Double?
    public var lymphocyteDensityPerMm2: Double?
    /// Detected cells in image pixel coordinates.
    public var cells: [CellMark]

    public init(image: RGBImage, micronsPerPixel: Double, x: Int, y: Int, relativeAttention: Double? = nil,
                lymphocyteDensityPerMm2: Double? = nil, cells: [CellMark] = []) {
        self.image = image; self.micronsPerPixel = micronsPerPixel; self.x = x; self.y = y
        self.relativeAttention = relativeAttention; self.lymphocyteDensityPerMm2 = lymphocyteDensityPerMm2; self.cells = cells
    }
}
