import Foundation

/// Writes a whole simulated cohort folder (the only part of CohortSimulator that touches files).
///
/// Layout of `out/`:
/// ```
/// cohort.json            the config used
/// clinical.tsv outcomes.tsv mutations.maf expression.tsv cnv.tsv slides.tsv
/// slides/<sample>-<stain>.tiff                         tiled pyramidal TIFF (SlideIO writer)
/// truth/model.json truth/patients.tsv                  coefficients, constants, oracle metrics; per-patient truth
/// truth/slides/<slide>_cells.tsv _regions.png .geojson per-slide truth
/// cbioportal/                                          the same data as a cBioPortal study
/// ```
/// Slides are rendered by `workers` threads, one slide per thread at a time, tiles streamed to the sink.
public enum CohortWriter {
    /// What was written.
    public struct Summary: Sendable, Hashable, Codable {
        public var patients: Int
        public var slides: Int
        public var mutations: Int
        public var truth: CohortTruth
    }

    /// Progress events, for a CLI's progress bar.
    public enum Progress: Sendable, Hashable {
        /// Tables are about to be written and `slides` slides rendered.
        case planned(patients: Int, mutations: Int, slides: Int)
        /// One slide (TIFF and truth) is complete; `done` of `total`.
        case slideWritten(done: Int, total: Int)
    }

    public static func write(config: CohortConfig, to out: String, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                             sinks: any SlideSinkFactory = PyramidTIFFSinkFactory(),
                             progress: @escaping @Sendable (Progress) -> Void = { _ in }) throws -> Summary {
        let fm = FileManager.default
        for d in [out, out + "/slides", out + "/truth/slides"] {
            do { try fm.createDirectory(atPath: d, withIntermediateDirectories: true) } catch {
                throw SimulatorError.writeFailed(path: d, reason: "cannot create directory")
            }
        }
        let generator = try CohortGenerator(config: config)
        let (patients, constants) = generator.generate()
        let genomics = GenomicsGenerator(config: config).genomics(for: patients)
        let jobs = config.slides.render ? CohortPlan.slides(config: config, patients: patients) : []
        progress(.planned(patients: patients.count, mutations: genomics.mutations.count, slides: jobs.count))

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try writeData(try encoder.encode(config), out + "/cohort.json")
        try clinicalTable(patients).write(to: out + "/clinical.tsv")
        try outcomesTable(patients).write(to: out + "/outcomes.tsv")
        try mafTable(genomics.mutations).write(to: out + "/mutations.maf")
        try matrixTable(genomics.expression, entrez: false) { fmt($0, 2) }.write(to: out + "/expression.tsv")
        try matrixTable(genomics.cnv, entrez: false) { String($0) }.write(to: out + "/cnv.tsv")
        try slideManifest(jobs, patients, config).write(to: out + "/slides.tsv")
        try patientTruthTable(patients, genomics).write(to: out + "/truth/patients.tsv")
        let truth = CohortTruth(config: config, constants: constants, patients: patients, genomics: genomics)
        try writeData(try encoder.encode(truth), out + "/truth/model.json")
        try writeCBioPortal(out + "/cbioportal", config, patients, genomics)

        let textures = Textures()
        try ParallelJobs.run(count: jobs.count, workers: workers, progress: { done, total in
            progress(.slideWritten(done: done, total: total))
        }) { k in
            let job = jobs[k]
            let patient = patients[job.patientIndex]
            let tissue = SlideTissue(patient: patient, config: config)
            let renderer = SlideRenderer(tissue: tissue, stain: job.stain, config: config, textures: textures,
                                         slideSeed: CohortPlan.slideSeed(config: config, patient: patient.index, stain: job.stain))
            let geometry = tissue.layout.geometry
            let spec = SlideImageSpec(path: out + "/slides/" + job.fileName, geometry: geometry,
                                      compression: config.slides.compression, jpegQuality: config.slides.jpegQuality,
                                      description: "TMEScope CohortSimulator \(job.slideID) stain=\(job.stain.rawValue)")
            do {
                try renderer.render(into: try sinks.makeSink(spec))
            } catch let e as SimulatorError { throw e } catch {
                throw SimulatorError.sinkFailed(slide: job.slideID, reason: String(describing: error))
            }
            try SlideTruthWriter.write(directory: out + "/truth/slides", slideID: job.slideID, tissue: tissue, stain: job.stain)
        }
        return Summary(patients: patients.count, slides: jobs.count, mutations: genomics.mutations.count, truth: truth)
    }

    static func writeData(_ data: Data, _ path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw SimulatorError.writeFailed(path: path, reason: "cannot create file")
        }
    }
}
