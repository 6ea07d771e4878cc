import Foundation
import InstanSeg
import TMECore
import SlideIO
import TissueAnalysis

/// The learned detector on one slide: InstanSeg's network and post-processing with the slide's intensity
/// normalisation (`LearnedDetectionParameters`). One value serves all tile workers of the slide; each call
/// borrows a network workspace from a small pool, so a worker running tile after tile allocates its buffers once.
final class LearnedNucleusLabeller: NucleusLabeller, @unchecked Sendable {
    let model: InstanSegModel
    let normalisation: PercentileNormalization
    /// Network threads per tile: 1 when several tile workers already share the cores.
    let threadsPerTile: Int
    private let lock = NSLock()
    private var idle: [InstanSegWorkspace] = []

    init(model: InstanSegModel, normalisation: PercentileNormalization, threadsPerTile: Int) {
        self.model = model
        self.normalisation = normalisation
        self.threadsPerTile = max(1, threadsPerTile)
    }

    var identity: DetectorIdentity {
        DetectorIdentity(name: NucleusDetectorChoice.instanseg.rawValue, model: model.modelID, weightsSHA256: model.weightsSHA256)
    }

    func labels(for tile: RGBTile) throws -> (labels: [Int32], count: Int) {
        let workspace = lock.withLock { idle.popLast() } ?? InstanSegWorkspace()
        defer { lock.withLock { idle.append(workspace) } }
        let result = try model.segment(rgb: tile.pixels, width: tile.width, height: tile.height,
                                       normalisation: normalisation, workspace: workspace, threads: threadsPerTile)
        return (result.labels, result.count)
    }

    /// The slide's percentiles: 256-bin histograms of R, G and B pooled over the analysed part of up to
    /// `parameters.normalisationSampleTiles` tissue tiles taken evenly along the grid.
    static func slideNormalisation(slide: Slide, grid: TileGrid, parameters: LearnedDetectionParameters) throws -> PercentileNormalization {
        var histograms = PercentileNormalization.emptyHistograms(channels: 3)
        let n = min(parameters.normalisationSampleTiles, grid.tiles.count)
        for k in 0..<n {
            let tile = grid.tiles[k * grid.tiles.count / n]
            let image = try grid.readRegion(slide, x: tile.analysedX, y: tile.analysedY, width: tile.analysedWidth, height: tile.analysedHeight)
            PercentileNormalization.count(interleaved: image.pixels, channels: 3, into: &histograms)
        }
        if n == 0 { for c in 0..<3 { histograms[c][255] = 1 } }
        return PercentileNormalization(histograms: histograms, lowerPercentile: parameters.lowerPercentile,
                                       upperPercentile: parameters.upperPercentile)
    }
}

/// The learned models of this process, loaded once (parsing and folding the weights takes a fraction of a second,
/// but a cohort run quantifies many slides).
final class LearnedModels: @unchecked Sendable {
    static let shared = LearnedModels()
    private let lock = NSLock()
    private var instanSeg: InstanSegModel?

    /// InstanSeg brightfield_nuclei from `LearnedModels.instanSegWeights()`; its checksum is verified on load.
    func instanSegModel() throws -> InstanSegModel {
        try lock.withLock {
            if let instanSeg { return instanSeg }
            let model = try InstanSegModel(contentsOf: try Self.instanSegWeights())
            instanSeg = model
            return model
        }
    }

    /// `$TME_MODELS_DIR/instanseg/brightfield_nuclei/0.1.1/instanseg.pt`, where `TME_MODELS_DIR` defaults to the
    /// checkout's `.tme/models` (filled by `scripts/fetch-models`).
    static func instanSegWeights(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let base: URL
        if let dir = environment["TME_MODELS_DIR"], !dir.isEmpty {
            base = URL(fileURLWithPath: dir, isDirectory: true)
        } else {
            base = try ProjectDirectory.locate(environment: environment).stateDirectory.appendingPathComponent("models", isDirectory: true)
        }
        return base.appendingPathComponent(InstanSegModel.relativePath)
    }
}
