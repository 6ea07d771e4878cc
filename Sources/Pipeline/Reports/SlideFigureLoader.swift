import BiomarkerStore
import Foundation
import Reports
import SlideIO
import TissueAnalysis

/// Makes the slide figures of a patient report: the thumbnail from a low pyramid level, heatmap
/// grids (attention, TIL and TAM density per tile from `tme.tiles`) aligned to it, and the most
/// attended (or, without a model, the densest-lymphocyte) tiles read at full resolution with the
/// cells that `tme quantify` counted in them: each shown tile is analysed again exactly as the stored run
/// did (`SlideQuantifier.reanalyse` with the run's stored parameters: detector, stain vectors, slide
/// normalisation), so the marks agree with `tme.tiles`. Reads one slide at a time; memory is bounded by the
/// thumbnail level band and the tiles shown.
public struct SlideFigureLoader {
    public let connection: Connection
    public let parameters: ReportParameters

    public init(connection: Connection, parameters: ReportParameters) {
        self.connection = connection; self.parameters = parameters
    }

    static let selectSlides = """
        SELECT s.slide_pk, s.slide_id, s.stain, s.path, s.sha256, s.width_px, s.height_px, s.mpp, s.status, c.source_path,
               m.parameters::text AS parameters
        FROM tme.slides s JOIN tme.patients p ON p.patient_pk = s.patient_pk JOIN tme.cohorts c ON c.cohort_id = p.cohort_id
        LEFT JOIN tme.slide_tme m ON m.slide_pk = s.slide_pk
        WHERE s.patient_pk = $1 ORDER BY (s.stain <> 'H&E'), s.slide_id
        """
    static let selectTiles = """
        SELECT x_px, y_px, width_px, height_px, tissue_fraction, lymphocyte_count, macrophage_count
        FROM tme.tiles WHERE slide_pk = $1 AND level = (SELECT min(level) FROM tme.tiles WHERE slide_pk = $1)
        """
    static let selectAttention = """
        SELECT x_px, y_px, attention_weight FROM tme.tile_attention WHERE model_run_pk = $1 AND slide_pk = $2
        """

    /// A tile row of `tme.tiles` with its densities.
    struct TileRow {
        var x: Int, y: Int, width: Int, height: Int
        var lymphocytesPerMm2: Double, macrophagesPerMm2: Double
        var attention: Double?
    }

    /// Figures for every slide of the patient, plus each slide file as a provenance input.
    public func load(patientPK: Int, modelRunPK: Int?) throws -> (figures: [SlideFigureData], inputs: [Provenance.Input]) {
        var figures: [SlideFigureData] = [], inputs: [Provenance.Input] = []
        var detailedDone = false
        for r in try connection.query(Self.selectSlides, [patientPK], name: "report slides") {
            let slidePK: Int = try r.decode("slide_pk")
            var fig = SlideFigureData(slideID: try r.decode("slide_id"), stain: try r.decode("stain"),
                                      micronsPerPixel: try r.decode("mpp"), widthPixels: try r.decode("width_px"),
                                      heightPixels: try r.decode("height_px"), status: try r.decode("status"))
            let path = Self.resolve(try r.decode("path"), cohortFolder: try r.decode("source_path"))
            inputs.append(Provenance.Input(kind: "slide \(fig.stain)", name: URL(fileURLWithPath: path).lastPathComponent,
                                           sha256: try r.decode("sha256")))
            // Full figures for the first H&E slide; thumbnails only for the others (page budget).
            let detailed = !detailedDone && fig.stain == "H&E"
            let stored: String? = try r.decode("parameters")
            try fill(&fig, slidePK: slidePK, path: path, modelRunPK: modelRunPK, detailed: detailed,
                     quantify: stored.flatMap { CohortQuantify.storedParameters(json: $0) })
            if detailed { detailedDone = true }
            figures.append(fig)
        }
        return (figures, inputs)
    }

    private func fill(_ fig: inout SlideFigureData, slidePK: Int, path: String, modelRunPK: Int?, detailed: Bool,
                      quantify: QuantifyParameters?) throws {
        let slide: Slide
        do {
            slide = try Slide(path: path, micronsPerPixel: fig.micronsPerPixel)
        } catch {
            fig.notes.append("Slide file could not be read (\(URL(fileURLWithPath: path).lastPathComponent)): no images.")
            return
        }
        let mpp = fig.micronsPerPixel ?? slide.micronsPerPixel
        fig.micronsPerPixel = mpp
        fig.widthPixels = slide.levels[0].width
        fig.heightPixels = slide.levels[0].height
        let thumb = try slide.thumbnail(maxDimension: parameters.thumbnailMaxPixels)
        fig.thumbnail = try Reports.RGBImage(width: thumb.image.width, height: thumb.image.height, pixels: thumb.image.pixels)
        fig.thumbnailMicronsPerPixel = mpp.map { $0 * thumb.downsampleX }
        guard detailed else { return }
        guard fig.status == "quantified" else {
            fig.notes.append("Slide not quantified (status \(fig.status)): no TIL/TAM density overlays or tiles.")
            return
        }
        var tiles = try tileRows(slidePK: slidePK, mpp: mpp ?? 0.5)
        if tiles.isEmpty {
            fig.notes.append("Slide quantified but no tiles stored: no overlays.")
            return
        }
        if let run = modelRunPK {
            var weights: [Int: Double] = [:]
            for a in try connection.query(Self.selectAttention, [run, slidePK], name: "report attention") {
                weights[Self.key(try a.decode("x_px"), try a.decode("y_px"))] = try a.decode("attention_weight")
            }
            for i in tiles.indices { tiles[i].attention = weights[Self.key(tiles[i].x, tiles[i].y)] }
            if weights.isEmpty { fig.notes.append("The model stored no attention for this slide.") }
        }
        let grid = HeatmapGrid(slideWidth: slide.levels[0].width, slideHeight: slide.levels[0].height,
                               tiles: tiles, maxCells: parameters.heatmapMaxCells)
        fig.lymphocyteDensity = try grid.heatmap { $0.lymphocytesPerMm2 }
        fig.macrophageDensity = try grid.heatmap { $0.macrophagesPerMm2 }
        let maxAttention = tiles.compactMap(\.attention).max() ?? 0
        if maxAttention > 0 {
            fig.attention = try grid.heatmap(fixedUpper: 1) { $0.attention.map { $0 / maxAttention } ?? .nan }
        }
        // The quantifier's tissue mask (default parameters) places each crop where its tile shows cells;
        // without one the crops stay centred.
        let mask = try? slide.tissueMask()
        try addTopTiles(&fig, tiles: tiles, slide: slide, path: path, mpp: mpp ?? 0.5, maxAttention: maxAttention, mask: mask,
                        quantify: quantify)
    }

    private func tileRows(slidePK: Int, mpp: Double) throws -> [TileRow] {
        try connection.query(Self.selectTiles, [slidePK], name: "report tiles").map { t in
            let w: Int = try t.decode("width_px"), h: Int = try t.decode("height_px")
            let fraction: Double = try t.decode("tissue_fraction")
            let areaMm2 = Double(w * h) * mpp * mpp / 1e6 * fraction
            let ok = fraction >= parameters.minTissueFraction && areaMm2 > 0
            let lymph: Int = try t.decode("lymphocyte_count"), mac: Int = try t.decode("macrophage_count")
            return TileRow(x: try t.decode("x_px"), y: try t.decode("y_px"), width: w, height: h,
                           lymphocytesPerMm2: ok ? Double(lymph) / areaMm2 : .nan,
                           macrophagesPerMm2: ok ? Double(mac) / areaMm2 : .nan)
        }
    }

    /// Slide paths in `slides.tsv` may be relative to the cohort folder (`tme.cohorts.source_path`).
    static func resolve(_ path: String, cohortFolder: String?) -> String {
        guard !path.hasPrefix("/"), let folder = cohortFolder, !folder.isEmpty else { return path }
        return (folder as NSString).appendingPathComponent(path)
    }

    static func key(_ x: Int, _ y: Int) -> Int { x &* 4_194_304 &+ y }

    private func addTopTiles(_ fig: inout SlideFigureData, tiles: [TileRow], slide: Slide, path: String, mpp: Double,
                             maxAttention: Double, mask: TissueMask?, quantify: QuantifyParameters?) throws {
        guard parameters.topTileCount > 0 else { return }
        let chosen: [TileRow]
        if maxAttention > 0 {
            chosen = Array(tiles.filter { $0.attention != nil }.sorted { ($0.attention!, $1.y, $1.x) > ($1.attention!, $0.y, $0.x) }
                .prefix(parameters.topTileCount))
            fig.topTilesRule = "most attended by the model"
        } else {
            chosen = Array(tiles.filter { $0.lymphocytesPerMm2.isFinite }
                .sorted { ($0.lymphocytesPerMm2, $1.y, $1.x) > ($1.lymphocytesPerMm2, $0.y, $0.x) }
                .prefix(parameters.topTileCount))
            fig.topTilesRule = "highest lymphocyte density (no model score yet)"
        }
        // The run that filled tme.tiles, its shown tiles analysed again (no marks without a decodable stored run).
        let counted = parameters.markCells ? try quantify.map {
            try SlideQuantifier(parameters: $0).reanalyse(path: path, micronsPerPixel: mpp, levelZeroCorners: chosen.map { ($0.x, $0.y) })
        } : nil
        for (k, t) in chosen.enumerated() {
            let side = min(parameters.tileCropPixels, t.width, t.height)
            let (x, y) = TileCropPlacement.origin(tileX: t.x, tileY: t.y, tileWidth: t.width, tileHeight: t.height,
                                                  side: side, mask: mask)
            let region = try slide.readRegion(level: 0, x: x, y: y, width: side, height: side)
            var marks: [CellMark] = []
            if let counted, let result = counted.results[k] {
                marks = Self.marks(result.cells, downsample: counted.downsample, cropX: x, cropY: y, side: side)
            }
            fig.topTiles.append(TileFigureData(image: try Reports.RGBImage(width: side, height: side, pixels: region.pixels),
                                               micronsPerPixel: mpp, x: x, y: y,
                                               relativeAttention: t.attention.map { maxAttention > 0 ? $0 / maxAttention : 0 },
                                               lymphocyteDensityPerMm2: t.lymphocytesPerMm2.isFinite ? t.lymphocytesPerMm2 : nil,
                                               cells: marks))
        }
        if counted != nil, !chosen.isEmpty { fig.cellClassNames = CellClass.allCases.map(\.displayName) }
    }

    /// The cells inside a level-0 crop, in crop pixels (cells carry analysis-level pixels).
    static func marks(_ cells: [Cell], downsample: Double, cropX: Int, cropY: Int, side: Int) -> [CellMark] {
        cells.compactMap { c in
            let x = c.nucleus.xPixels * downsample - Double(cropX), y = c.nucleus.yPixels * downsample - Double(cropY)
            guard x >= 0, y >= 0, x < Double(side), y < Double(side) else { return nil }
            return CellMark(x: x, y: y, classIndex: c.cellClass.index)
        }
    }
}
