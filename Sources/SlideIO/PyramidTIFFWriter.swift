import CTIFF
import Foundation

/// Streams a tiled, pyramidal TIFF: level 0 from tiles pushed in row-major order, lower levels
/// built on the fly by 2×2 averaging.
///
/// Layout (what OpenSlide's generic-tiff reader, vips and libtiff tools accept): one IFD per level,
/// level 0 first, each tiled `tileSize`², 8-bit RGB, deflate (Predictor 2) or JPEG (YCbCr 2×2,
/// JPEGTables), XResolution/YResolution in pixels per centimetre (ResolutionUnit = 3) so that
/// µm/px = 10⁴ / resolution, levels ≥ 1 marked NewSubfileType = reduced image, ImageDescription
/// `"<prefix>|MPP = <µm/px>"` on level 0. Level k has size ⌈size_{k−1} / 2⌉; the pyramid stops at the
/// first level that fits in one tile.
///
/// Downsampling: level-k pixel (x, y) = round(mean of the level-(k−1) pixels (2x+i, 2y+j), i, j ∈ {0, 1},
/// that exist) per channel, e.g. a row (10, 20, 31) halves to (15, 31) (tested). Memory: one band (`tileSize` rows) per reduced level, i.e.
/// ≈ 3·tileSize·W·(1/2 + 1/4 + …) bytes ≤ 3·tileSize·W — never the slide. Reduced levels are
/// compressed into temporary TIFFs beside the output and copied (raw, no re-encoding) into the
/// output by `finish()`. The output appears under `path` only when `finish()` succeeds (it is
/// written to `path + ".partial"` first); an unfinished writer removes its files on deinit.
///
/// Thread safety: calls are serialised by an internal lock; push tiles in order from any task.
public final class PyramidTIFFWriter: @unchecked Sendable {
    /// Where the finished TIFF is written.
    public let path: String
    /// Level-0 size in pixels.
    public let width: Int
    public let height: Int
    public let options: PyramidTIFFWriterOptions
    /// Sizes of all levels written, level 0 first.
    public let levelSizes: [PixelSize]

    let lock = NSLock()
    var levels: [LevelSink]
    /// Band accumulators for levels 1... (index k − 1 for level k).
    var bands: [LevelBand]
    var nextTileIndex = 0
    var finished = false

    /// Number of level-0 tiles across and down.
    public var tilesAcross: Int { (width + options.tileSize - 1) / options.tileSize }
    public var tilesDown: Int { (height + options.tileSize - 1) / options.tileSize }
    /// Total number of level-0 tiles to push.
    public var tileCount: Int { tilesAcross * tilesDown }
    /// Number of level-0 tiles pushed so far (the index of the next expected tile).
    public var tilesWritten: Int { lock.withLock { nextTileIndex } }

    /// Level sizes for a slide of `width`×`height` with square tiles of `tileSize`: halve (rounding up)
    /// until both sides are ≤ `tileSize`.
    public static func levelSizes(width: Int, height: Int, tileSize: Int) -> [PixelSize] {
        var sizes = [PixelSize(width: width, height: height)]
        var w = width, h = height
        while max(w, h) > tileSize && tileSize > 0 {
            w = (w + 1) / 2
            h = (h + 1) / 2
            sizes.append(PixelSize(width: w, height: h))
        }
        return sizes
    }

    /// Creates the writer and its files. Throws `invalidParameter` for bad options or dimensions
    /// (each side 1...2²⁴ px) and `cannotOpen` if the files cannot be created.
    public init(path: String, width: Int, height: Int, options: PyramidTIFFWriterOptions = .init()) throws {
        try options.validate()
        let maxSide = 1 << 24
        guard (1...maxSide).contains(width), (1...maxSide).contains(height) else {
            throw SlideIOError.invalidParameter(name: "width×height", value: "\(width)×\(height)",
                                                expected: "each side in 1...\(maxSide) px")
        }
        self.path = path
        self.width = width
        self.height = height
        self.options = options
        let sizes = Self.levelSizes(width: width, height: height, tileSize: options.tileSize)
        self.levelSizes = sizes
        let big = options.bigTIFF ?? (width * height * 3 > Int(Int32.max))
        var sinks: [LevelSink] = []
        for (k, size) in sizes.enumerated() {
            let file = k == 0 ? path + ".partial" : path + ".level\(k).tmp"
            sinks.append(try LevelSink(path: file, level: k, size: size, bigTIFF: big, options: options))
        }
        self.levels = sinks
        self.bands = sizes.dropFirst().map { LevelBand(width: $0.width, tileSize: options.tileSize) }
        try levels[0].writeTags(description: Self.description(options), level0: PixelSize(width: width, height: height))
        for sink in levels.dropFirst() {
            try sink.writeTags(description: nil, level0: PixelSize(width: width, height: height))
        }
    }

    deinit {
        if !finished { removeFiles(includingOutput: false) }
    }

    /// The region of level-0 tile number `index` (row-major): where it goes and its clipped size.
    public func tileRegion(at index: Int) -> TileRegion {
        let t = options.tileSize
        let column = index % tilesAcross, row = index / tilesAcross
        return TileRegion(column: column, row: row, x: column * t, y: row * t,
                          width: min(t, width - column * t), height: min(t, height - row * t))
    }

    /// Pushes the next level-0 tile (row-major order, see `tileRegion(at:)`). The tile is either
    /// exactly the clipped size of that region or a full `tileSize`² tile whose part beyond the
    /// slide edge is ignored. Throws `writerMisuse` for a wrong size or a tile past the end.
    public func append(tile: RGBImage) throws {
        try lock.withLock {
            guard !finished else { throw SlideIOError.writerMisuse(file: path, detail: "append after finish()") }
            guard nextTileIndex < tileCount else {
                throw SlideIOError.writerMisuse(file: path, detail: "all \(tileCount) tiles were already written")
            }
            let region = tileRegion(at: nextTileIndex)
            let full = tile.width == options.tileSize && tile.height == options.tileSize
            guard full || (tile.width == region.width && tile.height == region.height) else {
                throw SlideIOError.writerMisuse(
                    file: path, detail: "tile \(nextTileIndex) (column \(region.column), row \(region.row)) is "
                        + "\(tile.width)×\(tile.height) px; expected \(region.width)×\(region.height) "
                        + "or \(options.tileSize)×\(options.tileSize)")
            }
            try tile.pixels.withUnsafeBufferPointer { buffer in
                try accept(level: 0, column: region.column, row: region.row, pixels: buffer,
                           stride: tile.width, width: region.width, height: region.height)
            }
            nextTileIndex += 1
        }
    }

    /// Pushes one full row of level-0 tiles as a band `width` px wide and the row's tile height
    /// (`min(tileSize, height − y)`, or `tileSize`; extra rows are ignored). Must be called when the
    /// next expected tile is the first of a row.
    public func append(tileRow band: RGBImage) throws {
        let t = options.tileSize
        let first = tilesWritten
        guard first % tilesAcross == 0 else {
            throw SlideIOError.writerMisuse(file: path, detail: "append(tileRow:) in the middle of tile row \(first / tilesAcross)")
        }
        let rowHeight = min(t, height - (first / tilesAcross) * t)
        guard band.width == width, band.height == rowHeight || band.height == t else {
            throw SlideIOError.writerMisuse(file: path, detail: "tile row is \(band.width)×\(band.height) px; "
                + "expected \(width)×\(rowHeight)")
        }
        for column in 0..<tilesAcross {
            let w = min(t, width - column * t)
            var pixels = [UInt8](repeating: 0, count: w * rowHeight * 3)
            for y in 0..<rowHeight {
                let src = (y * band.width + column * t) * 3
                pixels.replaceSubrange(y * w * 3..<(y + 1) * w * 3, with: band.pixels[src..<src + w * 3])
            }
            try append(tile: RGBImage(width: w, height: rowHeight, pixels: pixels))
        }
    }

    /// Writes the reduced levels into the output, closes it and moves it to `path`.
    /// Throws `writerMisuse` if tiles are missing, `writeFailed` on I/O errors.
    public func finish() throws {
        try lock.withLock {
            guard !finished else { return }
            guard nextTileIndex == tileCount else {
                throw SlideIOError.writerMisuse(file: path, detail: "finish() after \(nextTileIndex) of \(tileCount) tiles")
            }
            do {
                try assembleLevels()
            } catch {
                removeFiles(includingOutput: false)
                finished = true
                throw error
            }
            finished = true
            removeFiles(includingOutput: false)
        }
    }

    static func description(_ options: PyramidTIFFWriterOptions) -> String {
        "\(options.descriptionPrefix)|MPP = \(String(format: "%.6g", options.micronsPerPixel))"
    }

    func removeFiles(includingOutput: Bool) {
        levels.removeAll()   // closes handles
        let fm = FileManager.default
        try? fm.removeItem(atPath: path + ".partial")
        for k in 1..<max(1, levelSizes.count) { try? fm.removeItem(atPath: path + ".level\(k).tmp") }
        if includingOutput { try? fm.removeItem(atPath: path) }
    }
}
