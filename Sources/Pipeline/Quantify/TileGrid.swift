import SlideIO

/// The tissue tiles of a slide on its analysis level.
///
/// Rule: level = the coarsest pyramid level whose pixel is ≤ 1.1 × the wanted µm/px (level 0 when even level 0
/// is coarser); tile side t = round(tileSizeMicrons / level µm/px) pixels; tiles are the t × t squares of a grid
/// from the level's origin, clipped at the right and bottom edges, kept when the tissue mask covers at least
/// `minimumTissueFraction` of the tile (mask pixels whose centres fall in it, `TissueMask.tissueFraction`).
/// With `cropMarginMicrons` set, each tile is analysed only over the bounding box of its tissue (the mask grown
/// by that margin, `TissueMask.tissueBounds`): the glass beyond it holds no cells, so skipping it saves time
/// on fragmented tissue without changing what is counted; the tile keeps its grid position and area.
/// With `exactResolutionTolerance` set (the learned detector, trained at one pixel size), a level is used only
/// when its µm/px is within that fraction of the wanted one; otherwise the grid lies on a virtual level of exactly
/// the wanted µm/px, read from the coarsest finer level and area-resampled (`Slide.readRegion(scale:…)`).
public struct TileGrid: Sendable, Hashable, Codable {
    /// One tile, in analysis-level pixels, with its mask tissue fraction and the part of it to analyse.
    public struct Tile: Sendable, Hashable, Codable {
        public var x: Int, y: Int, width: Int, height: Int
        public var maskTissueFraction: Double
        /// The analysed rectangle (the tile's tissue bounding box, or the whole tile), inside the tile.
        public var analysedX: Int, analysedY: Int, analysedWidth: Int, analysedHeight: Int
    }

    /// The pyramid level read (the source of the resampling when `resampled`).
    public let level: Int
    /// True when tiles are resampled from `level` to `micronsPerPixel` (no level fits the wanted resolution).
    public let resampled: Bool
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
        let (level, analysis, resampled) = Self.analysisLevel(slide: slide, levelZeroMicronsPerPixel: mpp0, parameters: parameters)
        self.level = level.index
        self.resampled = resampled
        downsample = analysis.downsample
        micronsPerPixel = mpp0 * analysis.downsample
        tileSizePixels = max(16, Int((parameters.tileSizeMicrons / micronsPerPixel).rounded()))
        marginPixels = Int((parameters.marginMicrons / micronsPerPixel).rounded(.up))
        var tiles: [Tile] = []
        var count = 0
        let t = tileSizePixels
        let maskPixelMicrons = mpp0 * min(mask.downsampleX, mask.downsampleY)
        let dilation = parameters.cropMarginMicrons.map { Int(($0 / maskPixelMicrons).rounded(.up)) }
        for y in stride(from: 0, to: analysis.height, by: t) {
            for x in stride(from: 0, to: analysis.width, by: t) {
                count += 1
                let w = min(t, analysis.width - x), h = min(t, analysis.height - y)
                let ds = analysis.downsample
                let x0 = Int((Double(x) * ds).rounded(.down)), y0 = Int((Double(y) * ds).rounded(.down))
                let w0 = max(1, Int((Double(w) * ds).rounded())), h0 = max(1, Int((Double(h) * ds).rounded()))
                let fraction = mask.tissueFraction(level0X: x0, y: y0, width: w0, height: h0)
                guard fraction >= parameters.minimumTissueFraction && fraction > 0 else { continue }
                var tile = Tile(x: x, y: y, width: w, height: h, maskTissueFraction: fraction,
                                analysedX: x, analysedY: y, analysedWidth: w, analysedHeight: h)
                if let dilation, let box = mask.tissueBounds(level0X: x0, y: y0, width: w0, height: h0, dilation: dilation) {
                    let left = max(x, Int((Double(box.x) / ds).rounded(.down)))
                    let top = max(y, Int((Double(box.y) / ds).rounded(.down)))
                    let right = min(x + w, Int((Double(box.x + box.width) / ds).rounded(.up)))
                    let bottom = min(y + h, Int((Double(box.y + box.height) / ds).rounded(.up)))
                    if left < right && top < bottom {
                        (tile.analysedX, tile.analysedY, tile.analysedWidth, tile.analysedHeight) = (left, top, right - left, bottom - top)
                    }
                }
                tiles.append(tile)
            }
        }
        self.tiles = tiles
        gridTileCount = count
    }

    /// The level read, the analysis level's size and downsample, and whether tiles are resampled (the rule in the
    /// type's documentation).
    static func analysisLevel(slide: Slide, levelZeroMicronsPerPixel mpp0: Double, parameters: QuantifyParameters)
        -> (level: SlideLevel, analysis: (width: Int, height: Int, downsample: Double), resampled: Bool) {
        let wanted = parameters.analysisMicronsPerPixel
        guard let tolerance = parameters.exactResolutionTolerance else {
            let level = slide.levels.last(where: { $0.downsample * mpp0 <= wanted * 1.1 }) ?? slide.levels[0]
            return (level, (level.width, level.height, level.downsample), false)
        }
        if let fit = slide.levels.last(where: { abs($0.downsample * mpp0 / wanted - 1) <= tolerance }) {
            return (fit, (fit.width, fit.height, fit.downsample), false)
        }
        let source = slide.levels.last(where: { $0.downsample * mpp0 <= wanted }) ?? slide.levels[0]
        let ds = wanted / mpp0, base = slide.levels[0]
        return (source, (max(1, Int((Double(base.width) / ds).rounded())), max(1, Int((Double(base.height) / ds).rounded())), ds), true)
    }

    /// Level-0 pixel of an analysis-level coordinate.
    public func levelZero(_ v: Int) -> Int { Int((Double(v) * downsample).rounded()) }

    /// Reads a rectangle of the analysis level (analysis-level pixels; outside the slide is white).
    public func readRegion(_ slide: Slide, x: Int, y: Int, width: Int, height: Int) throws -> RGBImage {
        resampled ? try slide.readRegion(scale: downsample, x: x, y: y, width: width, height: height)
                  : try slide.readRegion(level: level, x: x, y: y, width: width, height: height)
    }
}
