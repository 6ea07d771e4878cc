import BiomarkerStore
import Foundation
import SlideIO
import TMECore
import TissueAnalysis

/// `tme quantify --cohort NAME`: every slide of an ingested cohort into `tme.tiles`, `tme.tile_features` and
/// `tme.slide_tme`.
///
/// Per slide: status → `quantifying` (committed, so a killed run is visible), tiles analysed in memory
/// (`SlideQuantifier`), then ONE transaction deletes the slide's earlier rows, COPYs its tiles and feature
/// vectors, inserts `slide_tme` and sets status `quantified`. A failure sets status `failed` with the slide,
/// level and tile in `status_message`; nothing of that slide is written, and the run goes on with the others.
/// Resumable and idempotent: slides already `quantified` with the same detector are skipped (unless `force`;
/// a slide quantified with another detector is redone), anything else
/// (registered, quantifying after a kill, failed) is (re)done, and delete-then-insert never duplicates rows.
public enum CohortQuantify {
    /// What happened to each slide.
    public struct SlideOutcome: Sendable, Hashable, Codable {
        public var slideID: String
        public var stain: String
        /// quantified, skipped or failed.
        public var status: String
        public var tiles: Int
        public var cells: Int
        public var seconds: Double
        public var message: String?
    }

    public struct Report: Sendable, Hashable, Codable {
        public var cohort: String
        public var slides: [SlideOutcome]
        public var quantified: Int { slides.filter { $0.status == "quantified" }.count }
        public var skipped: Int { slides.filter { $0.status == "skipped" }.count }
        public var failed: Int { slides.filter { $0.status == "failed" }.count }
        public var summary: String {
            "cohort \(cohort): \(quantified) slides quantified, \(skipped) already done, \(failed) failed"
        }
    }

    /// Quantifies the cohort's slides. `configure` adapts the parameters of a slide's stain (CLI options).
    public static func run(cohort: String, connection: Connection, force: Bool = false, workers: Int? = nil,
                           tileSizeMicrons: Double? = nil, stainVectors: StainVectorSource = .standard,
                           detector: NucleusDetectorChoice = .classical, showProgress: Bool = true) throws -> Report {
        guard let row = try connection.query(QuantifySQL.selectCohort, [cohort], name: "quantify cohort").first else {
            throw QuantifyError.unknownCohort(name: cohort)
        }
        let cohortID: Int = try row.decode("cohort_id")
        let root: String? = try row.decode("source_path")
        let slides = try connection.query(QuantifySQL.selectSlides, [cohortID], name: "quantify slides")
        var report = Report(cohort: cohort, slides: [])
        for (i, s) in slides.enumerated() {
            let pk: Int = try s.decode("slide_pk"), slideID: String = try s.decode("slide_id")
            let stain: String = try s.decode("stain"), status: String = try s.decode("status")
            let relative: String = try s.decode("path"), mpp: Double? = try s.decode("mpp")
            let previous: String? = try s.decode("detector")
            if status == "quantified" && previous == detector.rawValue && !force {
                report.slides.append(SlideOutcome(slideID: slideID, stain: stain, status: "skipped", tiles: 0, cells: 0, seconds: 0))
                continue
            }
            let path = resolve(relative, root: root)
            let (kind, marker) = QuantifyStain.of(slideStain: stain)
            var parameters = QuantifyParameters(stain: kind, marker: marker, detector: detector)
            if let workers { parameters.workers = workers }
            if let tileSizeMicrons { parameters.tileSizeMicrons = tileSizeMicrons }
            parameters.stainVectors = stainVectors
            try connection.execute(QuantifySQL.markQuantifying, [pk])
            let started = Date()
            do {
                let bar = ProgressBox(label: "\(slideID) (\(i + 1)/\(slides.count))", show: showProgress)
                let result = try SlideQuantifier(parameters: parameters)
                    .quantify(path: path, micronsPerPixel: mpp, planned: { bar.start($0) }, progress: { bar.advance() })
                bar.finish()
                let (digest, width, height) = try fileFacts(path)
                try connection.transaction { c in try store(result, slidePK: pk, sha256: digest, width: width, height: height, on: c) }
                report.slides.append(SlideOutcome(slideID: slideID, stain: stain, status: "quantified", tiles: result.tiles.count,
                                                  cells: result.cellCount, seconds: Date().timeIntervalSince(started)))
            } catch {
                let message = "\(error)"
                try connection.execute(QuantifySQL.markFailed, [pk, message])
                note("\(slideID): failed: \(message)")
                report.slides.append(SlideOutcome(slideID: slideID, stain: stain, status: "failed", tiles: 0, cells: 0,
                                                  seconds: Date().timeIntervalSince(started), message: message))
            }
        }
        return report
    }

    /// A manifest path is relative to the cohort folder it was ingested from.
    static func resolve(_ path: String, root: String?) -> String {
        guard !path.hasPrefix("/"), let root else { return path }
        return URL(fileURLWithPath: root, isDirectory: true).appendingPathComponent(path).path
    }

    static func fileFacts(_ path: String) throws -> (String, Int, Int) {
        let slide = try SlideIO.Slide(path: path)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw QuantifyError.slideUnreadable(slide: URL(fileURLWithPath: path).lastPathComponent, reason: "not readable")
        }
        defer { try? handle.close() }
        return (try SHA256.hex(reading: handle), slide.levels[0].width, slide.levels[0].height)
    }

    /// Writes one slide's rows; call inside a transaction.
    static func store(_ q: SlideQuantification, slidePK pk: Int, sha256: String, width: Int, height: Int, on c: Connection) throws {
        try c.execute(QuantifySQL.deleteTiles, [pk])
        try c.execute(QuantifySQL.deleteSlideTME, [pk])
        let ihc = q.stain == .ihcDAB
        try c.copy(into: QuantifySQL.tilesTable, columns: QuantifySQL.tileColumns) { w in
            for t in q.tiles {
                let n = t.summary.counts, p = t.summary.positiveCounts
                w.append(pk); w.append(t.level); w.append(t.xPixels); w.append(t.yPixels)
                w.append(t.widthPixels); w.append(t.heightPixels); w.append(t.tissueFraction); w.append(t.summary.region.rawValue)
                w.append(n.lymphocyte); w.append(n.macrophage); w.append(n.tumor); w.append(n.stroma); w.append(n.other)
                w.append(ihc ? p.tumor : nil); w.append(ihc ? p.lymphocyte + p.macrophage : nil)
                w.append(t.meanNucleusAreaSquareMicrons); w.append(t.meanHematoxylinOD)
                try w.endRow()
            }
        }
        try c.copy(into: QuantifySQL.featuresTable, columns: QuantifySQL.featureColumns) { w in
            for t in q.tiles {
                w.append(pk); w.append(t.level); w.append(t.xPixels); w.append(t.yPixels)
                w.append("{" + t.features.map { "\($0)" }.joined(separator: ",") + "}")
                try w.endRow()
            }
        }
        let m = q.metrics
        let parameters = try runParametersJSON(q.parameters, level: q.level, micronsPerPixel: q.micronsPerPixel)
        try c.execute(QuantifySQL.insertSlideTME, [
            pk, m.tissueAreaSquareMillimetres, m.tumorAreaSquareMillimetres, m.stromaAreaSquareMillimetres,
            m.counts.lymphocyte, m.counts.macrophage, m.counts.tumor, m.counts.stroma,
            m.lymphocyteDensityPerSquareMillimetre, m.intratumoralLymphocyteDensityPerSquareMillimetre,
            m.stromalLymphocyteDensityPerSquareMillimetre, m.macrophageDensityPerSquareMillimetre,
            m.tumorCellDensityPerSquareMillimetre, m.stromalTILPercent, m.macrophageToLymphocyteRatio,
            m.medianTumorToLymphocyteMicrons, m.phenotype?.rawValue, m.pdl1?.tumorProportionScore, m.pdl1?.combinedPositiveScore,
            m.pdl1?.viableTumorCells, m.pdl1?.adequate, m.cd8PositiveDensityPerSquareMillimetre, m.cd68PositiveDensityPerSquareMillimetre,
            parameters, SQLTextArray(TileFeatures.names),
            q.detector.name, q.detector.model, q.detector.weightsSHA256,
        ], name: "insert slide_tme")
        try c.execute(QuantifySQL.markQuantified, [pk, sha256, width, height, q.micronsPerPixel / q.downsample])
    }

    /// The parameters stored in `tme.slide_tme.parameters`.
    struct RunParameters: Codable {
        var quantify: QuantifyParameters
        var level: Int
        var micronsPerPixel: Double
    }

    /// What `tme.slide_tme.parameters` holds for a run with `parameters` on `level` (sorted keys).
    public static func runParametersJSON(_ parameters: QuantifyParameters, level: Int, micronsPerPixel: Double) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(RunParameters(quantify: parameters, level: level, micronsPerPixel: micronsPerPixel)),
                      as: UTF8.self)
    }

    /// The quantification parameters of a stored run (`tme.slide_tme.parameters`), ready to analyse its tiles
    /// again identically: per-slide estimates (Macenko vectors, the learned detector's percentiles) are taken as
    /// stored, not estimated anew. Nil for a run stored by a version whose parameters no longer decode.
    public static func storedParameters(json: String) -> QuantifyParameters? {
        guard var p = try? JSONDecoder().decode(RunParameters.self, from: Data(json.utf8)).quantify else { return nil }
        p.stainVectors = .standard
        return p
    }
}

/// A per-slide progress bar created once the tile count is known (tiles finish on worker threads).
final class ProgressBox: @unchecked Sendable {
    private let lock = NSLock()
    private var reporter: ProgressReporter?
    private let label: String, show: Bool

    init(label: String, show: Bool) { self.label = label; self.show = show }
    func start(_ total: Int) { lock.withLock { if show { reporter = ProgressReporter(label, total: total, unit: "tiles") } } }
    func advance() { lock.withLock { reporter }?.advance() }
    func finish() { lock.withLock { reporter }?.finish() }
}
