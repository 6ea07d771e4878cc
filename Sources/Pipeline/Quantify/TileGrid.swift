import SlideIO

/// The tissue tiles of a slide on its analysis level.
///
/// Rule: level = the coarsest pyramid level whose pixel is ≤ 1.1 × the wanted µm/px (level 0 when even level 0
/// is coarser); tile side t = round(tileSizeMicrons / level µm/px) pixels; tiles are the t × t squares of a grid
/// from the level's origin, clipped at the right and bottom edges, kept when the tissue mask covers at least
/// `minimumTissueFraction` of the tile (mask pixels whose centres fall in it, `TissueMask.tissueFraction`).
public struct TileGrid: Sendable, Hashable, Codable {
    /// One tile, in analysis-level pixels, with its mask tissue fraction.
    public struct Tile: Sendable, Hashable, Codable {
        public var x: Int, y: Int, width: Int, height: Int
        public var maskTissueFraction: Double
    }

    public let level: Int
    /// Level-0 pixels per analysis-level pixel.
    public let downsample: Double
    /// µm per analysis-level pixel.
    public let micronsPerPixel: Double
    public let tileSizePixels: Int
    public let marginPixels: Int
    public let tiles: [Tile]
    /// Tiles of the full grid (with and without tissue).
    public let gridTileCount: Int

    public init(slide: Slide, levelZeroMicronsPerPixel mpp0: Double, mask: TissueMask, parameters: QuantifyParameters) {
        let wanted = parameters.analysisMicronsPerPixel * 1.1
        let level = slide.levels.last(where: { $0.downsample * mpp0 <= wanted }) ?? slide.levels[0]
        self.level = level.index
        downsample = level.downsample
        micronsPerPixel = mpp0 * level.downsample
        tileSizePixels = max(16, Int((parameters.tileSizeMicrons / micronsPerPixel).rounded()))
        marginPixels = Int((parameters.marginMicrons / micronsPerPixel).rounded(.up))
        var tiles: [Tile] = []
        var count = 0
        let t = tileSizePixels
        for y in stride(from: 0, to: level.height, by: t) {
            for x in stride(from: 0, to: level.width, by: t) {
                count += 1
                let w = min(t, level.width - x), h = min(t, level.height - y)
                let fraction = mask.tissueFraction(level0X: Int((Double(x) * level.downsample).rounded(.down)),
                                                   y: Int((Double(y) * level.downsample).rounded(.down)),
                                                   width: max(1, Int((Double(w) * level.downsample).rounded())),
                                                   height: max(1, Int((Double(h) * level.downsample).rounded())))
                if fraction >= parameters.minimumTissueFraction && fraction > 0 {
                    tiles.append(Tile(x: x, y: y, width: w, height: h, maskTissueFraction: fraction))
                }
            }
        }
        self.tiles = tiles
        gridTileCount = count
    }

    /// Level-0 pixel of an analysis-level coordinate.
    public func levelZero(_ v: Int) -> Int { Int((Double(v) * downsample).rounded()) }
}
