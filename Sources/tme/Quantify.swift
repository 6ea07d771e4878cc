import ArgumentParser
import Foundation
import Pipeline
import ProcessTuning

/// `tme quantify SLIDE… | --cohort NAME`
struct Quantify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Quantify the tumor microenvironment of slides: cells, classes, densities, sTILs, phenotype, PD-L1.",
        discussion: """
            With slide files: no database; prints per-slide metrics (JSON with --json) and, with --cells-out, every \
            detected cell as a QuPath-importable GeoJSON FeatureCollection (points in level-0 pixels; with several \
            slides one file per slide, FILE_<slide>.geojson). With --cohort: every slide of an ingested cohort into \
            tme.tiles, tme.tile_features and tme.slide_tme, one transaction per slide; resumable (quantified slides \
            are skipped unless --force); a failed slide is marked failed and the run goes on, exiting 1 at the end.
            """)

    @Argument(help: ArgumentHelp("Slide files (TIFF pyramids, plain TIFF).", valueName: "slide")) var slides: [String] = []
    @Option(help: "Quantify every registered slide of this ingested cohort (database).") var cohort: String?
    @Option(help: ArgumentHelp("Level-0 µm per pixel, overriding the file (0.25 at 40×, 0.5 at 20×).", valueName: "X"))
    var mpp: Double?
    @Option(help: "Stain of the slide files: he or ihc-dab.") var stain: String = "he"
    @Option(help: "IHC marker with --stain ihc-dab: PD-L1, CD8 or CD68.") var marker: String = "PD-L1"
    @Option(name: .customLong("cells-out"), help: ArgumentHelp("Write every cell as GeoJSON here.", valueName: "file.geojson"))
    var cellsOut: String?
    @Option(help: "Worker threads (default: all cores).") var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(name: .customLong("tile-microns"), help: ArgumentHelp(
        "Side of the analysis tiles (rows of tme.tiles; the fusion model's bag instances), µm, 64–4096 (default 512).",
        valueName: "µm"))
    var tileMicrons: Double?
    @Option(name: .customLong("stain-vectors"), help: ArgumentHelp(
        "standard (Ruifrok–Johnston H&E or H-DAB) or macenko (estimated per slide from its tissue; the estimate is stored with the run).",
        valueName: "source"))
    var stainVectors: StainVectorSource = .standard
    @Option(help: ArgumentHelp(
        "Nucleus detector: classical (colour deconvolution + watershed; fast preview) or instanseg (InstanSeg brightfield_nuclei, learned on real H&E and IHC nuclei, run natively; weights from scripts/fetch-models). Stored with each run.",
        valueName: "name"))
    var detector: NucleusDetectorChoice = .classical
    @Option(help: ArgumentHelp("A trained cell classifier (JSON from --train-classifier) instead of the default rules.", valueName: "model.json"))
    var classifier: String?
    @Option(help: ArgumentHelp("Labelled cells for --train-classifier, one per slide in the same order: the simulator's truth/slides/<slide>_cells.tsv or a QuPath GeoJSON of classified cells.", valueName: "file"))
    var labels: [String] = []
    @Option(name: .customLong("train-classifier"), help: ArgumentHelp("Train a logistic cell classifier on the slides' detections matched to --labels (within 4 µm) and write it here, instead of quantifying.", valueName: "model.json"))
    var trainClassifier: String?
    @Flag(help: "With --cohort: recompute slides already quantified.") var force = false
    @Flag(help: "Print the results as JSON.") var json = false

    func validate() throws {
        guard (cohort == nil) != slides.isEmpty else { throw ValidationError("give slide files or --cohort NAME (not both)") }
        guard QuantifyStain(rawValue: stain) != nil else { throw ValidationError("--stain must be he or ihc-dab") }
        guard QuantifyParameters.ihcMarker(named: marker) != nil else { throw ValidationError("--marker must be PD-L1, CD8 or CD68") }
        if let mpp, !(mpp.isFinite && mpp > 0) { throw ValidationError("--mpp must be a positive number of µm per pixel") }
        guard (1...256).contains(workers) else { throw ValidationError("--workers must be 1–256") }
        if let tileMicrons, !(64...4096).contains(tileMicrons) { throw ValidationError("--tile-microns must be 64–4096") }
        if trainClassifier != nil {
            guard cohort == nil, labels.count == slides.count else {
                throw ValidationError("--train-classifier needs slide files and one --labels file per slide (\(slides.count) slides, \(labels.count) labels)")
            }
        } else if !labels.isEmpty { throw ValidationError("--labels is only used with --train-classifier") }
        if cohort != nil, classifier != nil { throw ValidationError("--classifier applies to slide files") }
        if cohort != nil, cellsOut != nil || mpp != nil || stain != "he" {
            throw ValidationError("--cells-out, --mpp and --stain apply to slide files; a cohort's slides carry their stain and mpp")
        }
    }

    func run() async throws {
        _ = AllocatorTuning.applied  // keep freed tile buffers for the next tile (process-wide, so set here)
        if let cohort {
            let connection = try Workspace.locate().openDatabase()
            let report = try CohortQuantify.run(cohort: cohort, connection: connection, force: force, workers: workers,
                                                tileSizeMicrons: tileMicrons, stainVectors: stainVectors, detector: detector)
            if json { try printJSON(report) } else { print(report.summary) }
            if report.failed > 0 {
                note("failed slides: " + report.slides.filter { $0.status == "failed" }.map(\.slideID).joined(separator: ", "))
                throw ExitCode(1)
            }
            return
        }
        var parameters = QuantifyParameters(stain: QuantifyStain(rawValue: stain)!, marker: QuantifyParameters.ihcMarker(named: marker), detector: detector)
        if let tileMicrons { parameters.tileSizeMicrons = tileMicrons }
        parameters.workers = workers
        parameters.stainVectors = stainVectors
        if let trainClassifier { return try train(to: trainClassifier, parameters: parameters) }
        let trained = try classifier.map { classifier in
            guard let data = FileManager.default.contents(atPath: classifier) else {
                throw ValidationError("cannot read the classifier \(classifier)")
            }
            return try QuantifyParameters.classifier(json: data)
        }
        var outputs: [FileQuantify.Output] = []
        for path in slides {
            let cells = cellsOut.map { FileQuantify.cellsPath($0, slide: path, count: slides.count) }
            let q = try FileQuantify.run(path: path, parameters: parameters, micronsPerPixel: mpp, cellsPath: cells, classifier: trained)
            let output = FileQuantify.Output(q, cellsFile: cells)
            outputs.append(output)
            if !json { print(output.rendered) }
        }
        if json { try printJSON(outputs) }
    }

    /// `--train-classifier`: learn from the slides' detections matched to `--labels` and write the model.
    private func train(to path: String, parameters: QuantifyParameters) throws {
        let summary = try ClassifierTraining.train(slides: zip(slides, labels).map { ($0, $1) }, parameters: parameters, micronsPerPixel: mpp)
        do { try summary.classifier.jsonData().write(to: URL(fileURLWithPath: path)) } catch {
            throw QuantifyError.writeFailed(path: path, reason: "\(error)")
        }
        let counts = summary.matchedPerClass.map { "\($0.className) \($0.count)" }.joined(separator: ", ")
        print("trained on \(summary.classifier.trainingCellCount) matched cells (\(counts)); \(summary.unmatchedLabels) labelled cells "
              + "had no detection within 4 µm; training accuracy " + String(format: "%.3f", summary.classifier.trainingAccuracy) + " → \(path)")
    }

    private func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

extension StainVectorSource: ExpressibleByArgument {}
extension NucleusDetectorChoice: ExpressibleByArgument {}
