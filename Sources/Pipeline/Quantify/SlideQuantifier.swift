import Foundation
import InstanSeg
import SlideIO
import TissueAnalysis

/// Streams the tissue tiles of one slide through `TileAnalyzer` on several threads and adds up the slide metrics.
///
/// 1. Tissue mask on a thumbnail (`Slide.tissueMask`) → `TileGrid` of tissue tiles on the analysis level.
/// 2. `parameters.workers` threads, each with its own `Slide` handle (libtiff decodes in parallel), take the next
///    tile from a shared counter, read it with its margin, analyse it (`TileAnalyzer.analyze` with the tile as core,
///    so each cell is counted by exactly one tile), hand its cells to `cells` and keep the summary in a per-thread
///    `SlideAccumulator`; accumulators are merged at the end (addition is associative and commutative).
/// Memory: one tile (plus margin) and its analysis buffers per thread, the tile records (a few hundred bytes each)
/// and the mask; never the slide (the executables' `AllocatorTuning`, module ProcessTuning, keeps freed tile buffers
/// for the next tile instead of unmapping them). The first failing tile stops the run and is reported with slide, level and position.
public struct SlideQuantifier: Sendable {
    public let parameters: QuantifyParameters
    let analyzer: TileAnalyzer

    let classifier: any CellClassifier

    /// `classifier`: a trained classifier (`LogisticCellClassifier`) instead of the rule-based one of `parameters`.
    public init(parameters: QuantifyParameters, classifier: (any CellClassifier)? = nil) throws {
        try parameters.validate()
        self.parameters = parameters
        self.classifier = try classifier ?? parameters.classifier()
        analyzer = try TileAnalyzer(parameters: parameters.tileAnalysis, classifier: self.classifier)
    }

    /// Cells of one tile in level-0 pixel coordinates (`Nucleus.xPixels` × downsample), from any worker thread.
    public typealias CellHandler = @Sendable (_ cells: [Cell], _ downsample: Double) throws -> Void

    /// Opens `path` (µm/px from the file unless `micronsPerPixel` is given) and quantifies it.
    /// `planned` receives the tile count before analysis starts, `progress` is called after every tile.
    public func quantify(path: String, micronsPerPixel override: Double? = nil,
                         planned: @Sendable (Int) -> Void = { _ in },
                         progress: @escaping @Sendable () -> Void = {},
                         cells: CellHandler? = nil) throws -> SlideQuantification {
        let started = Date()
        let (name, slide, grid) = try open(path: path, micronsPerPixel: override)
        planned(grid.tiles.count)
        let calibration = try PixelCalibration(micronsPerPixel: grid.micronsPerPixel)
        let state = RunState()
        let workers = max(1, min(parameters.workers, grid.tiles.count))
        let (analyzer, used) = try prepare(slide: slide, name: name, grid: grid, calibration: calibration, workers: workers)
        let tileParameters = used.tileAnalysis
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var accumulator = SlideAccumulator()
            var records: [TileRecord] = []
            var cellCount = 0
            do {
                let handle = worker == 0 ? slide : try Slide(path: path, micronsPerPixel: override)
                while let index = state.next(limit: grid.tiles.count) {
                    let tile = grid.tiles[index]
                    do {
                        let result = try Self.analyse(tile, grid: grid, slide: handle, analyzer: analyzer, calibration: calibration,
                                                      parameters: tileParameters)
                        try accumulator.add(result.summary)
                        records.append(Self.record(result, tile: tile, grid: grid, parameters: tileParameters))
                        cellCount += result.cells.count
                        try cells?(result.cells, grid.downsample)
                    } catch {
                        throw QuantifyError.tileFailed(slide: name, level: grid.level, x: tile.x, y: tile.y,
                                                       width: tile.width, height: tile.height, reason: "\(error)")
                    }
                    progress()
                }
                try state.finish(accumulator, records, cellCount)
            } catch {
                state.fail(error)
            }
        }
        let (totals, records, cellCount) = try state.result()
        var metricsParameters = parameters.slideMetrics
        metricsParameters.marker = parameters.marker
        return SlideQuantification(
            path: path, stain: parameters.stain, marker: parameters.marker, level: grid.level,
            micronsPerPixel: grid.micronsPerPixel, downsample: grid.downsample, tileSizePixels: grid.tileSizePixels,
            gridTileCount: grid.gridTileCount,
            tiles: records.sorted { ($0.yPixels, $0.xPixels) < ($1.yPixels, $1.xPixels) },
            metrics: try SlideMetrics(totals, parameters: metricsParameters), cellCount: cellCount,
            wallSeconds: Date().timeIntervalSince(started), parameters: used, detector: analyzer.detector)
    }

    /// The slide file, its name for messages and its tile grid (tissue mask on a thumbnail → `TileGrid`).
    func open(path: String, micronsPerPixel override: Double?) throws -> (name: String, slide: Slide, grid: TileGrid) {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let slide: Slide, mask: TissueMask
        do {
            slide = try Slide(path: path, micronsPerPixel: override)
            mask = try slide.tissueMask(parameters: parameters.tissueMask)
        } catch {
            throw QuantifyError.slideUnreadable(slide: name, reason: "\(error)")
        }
        guard let mpp0 = slide.micronsPerPixel else { throw QuantifyError.unknownPixelSize(slide: name) }
        return (name, slide, TileGrid(slide: slide, levelZeroMicronsPerPixel: mpp0, mask: mask, parameters: parameters))
    }

    /// The analyzer of one slide and the parameters as used: per-slide Macenko vectors and the learned detector's
    /// slide normalisation are computed here, unless the parameters already carry them (a stored run being
    /// re-analysed: `stainVectors` is then `.standard` with the estimated matrix, the percentiles are stored).
    func prepare(slide: Slide, name: String, grid: TileGrid, calibration: PixelCalibration, workers: Int) throws
        -> (TileAnalyzer, QuantifyParameters) {
        var used = parameters
        if parameters.stainVectors == .macenko {
            used.tileAnalysis.stainMatrix = try Self.estimateStains(slide: slide, name: name, grid: grid, calibration: calibration,
                                                                    parameters: parameters)
        }
        var labeller: LearnedNucleusLabeller?
        if parameters.detector == .instanseg {
            let model = try LearnedModels.shared.instanSegModel()
            let normalisation: PercentileNormalization
            if let lower = parameters.learned.slideLowerPercentiles, let upper = parameters.learned.slideUpperPercentiles,
               lower.count == 3, upper.count == 3 {
                normalisation = PercentileNormalization(lower: lower, upper: upper)
            } else {
                do {
                    normalisation = try LearnedNucleusLabeller.slideNormalisation(slide: slide, grid: grid, parameters: parameters.learned)
                } catch {
                    throw QuantifyError.slideUnreadable(slide: name, reason: "\(error)")
                }
            }
            used.learned.slideLowerPercentiles = normalisation.lower
            used.learned.slideUpperPercentiles = normalisation.upper
            // Several tile workers already fill the cores; a single worker spreads each tile's network over them.
            labeller = LearnedNucleusLabeller(model: model, normalisation: normalisation,
                                              threadsPerTile: workers > 1 ? 1 : ProcessInfo.processInfo.activeProcessorCount)
        }
        let analyzer = parameters.stainVectors == .macenko || labeller != nil
            ? try TileAnalyzer(parameters: used.tileAnalysis, classifier: classifier, labeller: labeller) : self.analyzer
        return (analyzer, used)
    }

    /// One grid tile as `quantify` analyses it: read with `grid.marginPixels` of context, the analysed rectangle
    /// as the core (each cell counted by one tile), the summary extended to the whole tile.
    static func analyse(_ tile: TileGrid.Tile, grid: TileGrid, slide: Slide, analyzer: TileAnalyzer, calibration: PixelCalibration,
                        parameters: TileAnalysisParameters) throws -> TileResult {
        let m = grid.marginPixels, x = tile.analysedX - m, y = tile.analysedY - m
        let image = try grid.readRegion(slide, x: x, y: y, width: tile.analysedWidth + 2 * m, height: tile.analysedHeight + 2 * m)
        let rgb = try RGBTile(width: image.width, height: image.height, pixels: image.pixels, calibration: calibration)
        var result = try analyzer.analyze(rgb, originX: x, originY: y,
                                          core: PixelRect(x: m, y: m, width: tile.analysedWidth, height: tile.analysedHeight))
        extendToWholeTile(&result.summary, tile: tile, calibration: calibration, parameters: parameters)
        return result
    }

    /// Analyses again tiles of a stored run, given by their level-0 top-left corners, exactly as the run did (same
    /// grid, context, detector, stain vectors and slide normalisation, taken from `parameters` as stored), so a report
    /// can draw the cells that were counted. The slide, its mask and grid and the analyzer are set up once for all
    /// tiles. Cells are in analysis-level pixels; a corner where the run's grid has no tile gives nil.
    public func reanalyse(path: String, micronsPerPixel override: Double? = nil, levelZeroCorners: [(x: Int, y: Int)]) throws
        -> (results: [TileResult?], downsample: Double) {
        let (name, slide, grid) = try open(path: path, micronsPerPixel: override)
        var byCorner: [SIMD2<Int>: TileGrid.Tile] = [:]
        for tile in grid.tiles { byCorner[SIMD2(grid.levelZero(tile.x), grid.levelZero(tile.y))] = tile }
        let tiles = levelZeroCorners.map { byCorner[SIMD2($0.x, $0.y)] }
        guard tiles.contains(where: { $0 != nil }) else { return (tiles.map { _ in nil }, grid.downsample) }
        let calibration = try PixelCalibration(micronsPerPixel: grid.micronsPerPixel)
        let (analyzer, used) = try prepare(slide: slide, name: name, grid: grid, calibration: calibration, workers: 1)
        let results = try tiles.map { tile in
            try tile.map { try Self.analyse($0, grid: grid, slide: slide, analyzer: analyzer, calibration: calibration,
                                            parameters: used.tileAnalysis) }
        }
        return (results, grid.downsample)
    }

    /// `reanalyse` for one tile.
    public func reanalyse(path: String, micronsPerPixel override: Double? = nil, levelZeroX: Int, levelZeroY: Int) throws
        -> (result: TileResult, downsample: Double)? {
        let r = try reanalyse(path: path, micronsPerPixel: override, levelZeroCorners: [(levelZeroX, levelZeroY)])
        return r.results[0].map { ($0, r.downsample) }
    }

    /// Macenko vectors from up to `macenkoSampleTiles` tissue tiles taken evenly along the grid (their analysed
    /// part, without the margin), hematoxylin plus eosin on H&E or DAB on IHC.
    static func estimateStains(slide: Slide, name: String, grid: TileGrid, calibration: PixelCalibration,
                               parameters: QuantifyParameters) throws -> StainMatrix {
        guard !grid.tiles.isEmpty else { throw QuantifyError.stainEstimationFailed(slide: name, reason: "no tissue tiles") }
        let n = min(parameters.macenkoSampleTiles, grid.tiles.count)
        var samples: [RGBTile] = []
        for k in 0..<n {
            let tile = grid.tiles[k * grid.tiles.count / n]
            do {
                let image = try grid.readRegion(slide, x: tile.analysedX, y: tile.analysedY,
                                                 width: tile.analysedWidth, height: tile.analysedHeight)
                samples.append(try RGBTile(width: image.width, height: image.height, pixels: image.pixels, calibration: calibration))
            } catch {
                throw QuantifyError.tileFailed(slide: name, level: grid.level, x: tile.x, y: tile.y,
                                               width: tile.width, height: tile.height, reason: "\(error)")
            }
        }
        do {
            return try MacenkoEstimator().estimate(from: samples, secondStain: parameters.stain == .he ? .eosin : .dab)
        } catch {
            throw QuantifyError.stainEstimationFailed(slide: name, reason: "\(error)")
        }
    }

    /// The glass cropped off a tile (`TileGrid.Tile.analysedX`…) is part of its area: the tile's tissue share
    /// and region are those of the whole tile, as if it had been analysed uncropped.
    static func extendToWholeTile(_ summary: inout TileSummary, tile: TileGrid.Tile, calibration: PixelCalibration,
                                  parameters: TileAnalysisParameters) {
        guard tile.analysedWidth != tile.width || tile.analysedHeight != tile.height else { return }
        summary.areaSquareMicrons = calibration.squareMicrons(pixelCount: Double(tile.width * tile.height))
        summary.region = parameters.compartments.region(counts: summary.counts,
                                                        tissueFraction: summary.tissueAreaSquareMicrons / summary.areaSquareMicrons)
    }

    static func record(_ r: TileResult, tile: TileGrid.Tile, grid: TileGrid, parameters: TileAnalysisParameters) -> TileRecord {
        let n = r.cells.count
        let x0 = grid.levelZero(tile.x), y0 = grid.levelZero(tile.y)
        return TileRecord(
            level: grid.level, xPixels: x0, yPixels: y0,
            widthPixels: max(1, grid.levelZero(tile.x + tile.width) - x0), heightPixels: max(1, grid.levelZero(tile.y + tile.height) - y0),
            summary: r.summary,
            meanNucleusAreaSquareMicrons: n > 0 ? r.cells.reduce(0.0) { $0 + $1.nucleus.areaSquareMicrons } / Double(n) : nil,
            meanHematoxylinOD: n > 0 ? r.cells.reduce(0.0) { $0 + $1.nucleus.hematoxylinMean } / Double(n) : nil,
            features: TileFeatures.vector(r, parameters: parameters))
    }
}

/// Shared state of the worker threads: the tile counter, the merged totals and the first error.
private final class RunState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var failed: Error?
    private var totals = SlideAccumulator()
    private var records: [TileRecord] = []
    private var cells = 0

    func next(limit: Int) -> Int? {
        lock.withLock {
            guard failed == nil, nextIndex < limit else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    func finish(_ accumulator: SlideAccumulator, _ tiles: [TileRecord], _ cellCount: Int) throws {
        try lock.withLock {
            try totals.merge(accumulator)
            records += tiles
            cells += cellCount
        }
    }

    func fail(_ error: Error) { lock.withLock { if failed == nil { failed = error } } }

    func result() throws -> (SlideAccumulator, [TileRecord], Int) {
        try lock.withLock {
            if let failed { throw failed }
            return (totals, records, cells)
        }
    }
}
