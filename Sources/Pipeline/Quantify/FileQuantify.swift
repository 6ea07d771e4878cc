import Foundation
import TissueAnalysis

/// `tme quantify SLIDE…` without a database: per-slide metrics, optionally every cell as QuPath GeoJSON.
public enum FileQuantify {
    /// The per-slide JSON the CLI prints.
    public struct Output: Sendable, Codable {
        public var path: String
        public var stain: QuantifyStain
        public var marker: IHCMarker?
        public var level: Int
        public var micronsPerPixel: Double
        /// Tissue tiles analysed, and all tiles of the grid on the analysis level (tissue or not).
        public var tiles: Int
        public var gridTiles: Int
        public var cells: Int
        public var wallSeconds: Double
        public var cellsFile: String?
        public var metrics: SlideMetrics
        /// Where the deconvolution's stain vectors came from, and the unit vectors used (OD per R, G, B), by stain.
        public var stainVectorSource: StainVectorSource
        public var stainVectors: [String: [Double]]
        /// The nucleus detector (model and weights checksum for the learned one).
        public var detector: DetectorIdentity

        public init(_ q: SlideQuantification, cellsFile: String?) {
            path = q.path; stain = q.stain; marker = q.marker; level = q.level; micronsPerPixel = q.micronsPerPixel
            tiles = q.tiles.count; gridTiles = q.gridTileCount; cells = q.cellCount; wallSeconds = q.wallSeconds; self.cellsFile = cellsFile; metrics = q.metrics
            stainVectorSource = q.parameters.stainVectors
            detector = q.detector
            let matrix = q.parameters.tileAnalysis.stainMatrix
            stainVectors = Dictionary(uniqueKeysWithValues: zip(matrix.kinds.map(\.rawValue), matrix.vectors))
        }
    }

    /// Where the cells of slide `index` of `count` go: `cellsOut` itself for one slide, else
    /// `<stem>_<slide file stem>.geojson` beside it.
    public static func cellsPath(_ cellsOut: String, slide: String, count: Int) -> String {
        guard count > 1 else { return cellsOut }
        let url = URL(fileURLWithPath: cellsOut)
        let stem = url.deletingPathExtension().lastPathComponent
        let slideStem = URL(fileURLWithPath: slide).deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent("\(stem)_\(slideStem).geojson").path
    }

    /// Quantifies one slide file, streaming its cells to `cellsPath` when given.
    public static func run(path: String, parameters: QuantifyParameters, micronsPerPixel: Double?, cellsPath: String?,
                           classifier: (any CellClassifier)? = nil, showProgress: Bool = true) throws -> SlideQuantification {
        let writer = try cellsPath.map { try CellGeoJSONWriter(path: $0) }
        let bar = ProgressBox(label: URL(fileURLWithPath: path).lastPathComponent, show: showProgress)
        var handler: SlideQuantifier.CellHandler?
        if let writer {
            handler = { cells, downsample in try writer.append(cells, downsample: downsample) }
        }
        let result = try SlideQuantifier(parameters: parameters, classifier: classifier).quantify(
            path: path, micronsPerPixel: micronsPerPixel, planned: { bar.start($0) }, progress: { bar.advance() },
            cells: handler)
        bar.finish()
        try writer?.finish()
        return result
    }
}
