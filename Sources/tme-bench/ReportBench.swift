import ArgumentParser
import BiomarkerStore
import Foundation
import Pipeline
import TestSupport

/// `tme-bench report`: time of one patient report (database reads, slide thumbnail and heatmaps,
/// full-resolution tiles with cell detection, layout, PDF) and of every patient of a cohort in
/// parallel, on the synthetic report fixture in a temporary database.
struct ReportBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Patient report time (with slide figures) and all-patients time on a synthetic fixture cohort.")

    @Option(help: "Patients in the fixture cohort.") var patients = 64
    @Option(name: .customLong("slide-width"), help: "Fixture slide width, level-0 pixels.") var slideWidth = 16384
    @Option(name: .customLong("slide-height"), help: "Fixture slide height, level-0 pixels.") var slideHeight = 12288
    @Option(help: "Runs of the single-report timing (the best and the median are reported).") var repeats = 5
    @Option(help: "Workers for the all-patients run.") var jobs = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard patients >= 3, repeats >= 1, jobs >= 1, slideWidth >= 512, slideHeight >= 512 else {
            throw ValidationError("need ≥ 3 patients, ≥ 1 repeat, ≥ 1 job and slides of at least 512 px")
        }
    }

    func run() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tme-bench-report-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = try TemporaryDatabase(prefix: "tme_bench")
        defer { try? database.drop() }
        let setup = Date()
        let slide = ReportFixtureSlide(width: slideWidth, height: slideHeight)
        try ReportFixture.install(on: try database.connect(), directory: dir.path, patients: patients, slide: slide)
        note("report: fixture of \(patients) patients, slide \(slideWidth)×\(slideHeight) px (\(slide.tileTruth().count) tiles), "
             + String(format: "set up in %.1f s", Date().timeIntervalSince(setup)))
        let connection = try database.connect()
        for markCells in [true, false] {
            var parameters = ReportParameters()
            parameters.markCells = markCells
            let runner = try ReportRunner(parameters: parameters)
            var seconds: [Double] = []
            var size = 0
            for _ in 0..<repeats {
                let start = Date()
                size = try runner.writePatient(patientID: "P01", cohort: ReportFixture.cohort,
                                               to: dir.appendingPathComponent("P01.pdf").path, connection: connection)
                seconds.append(Date().timeIntervalSince(start))
            }
            seconds.sort()
            print(String(format: "one patient report (%@): best %.3f s, median %.3f s, %d KiB",
                         markCells ? "slide figures + cell detection" : "slide figures, no cells",
                         seconds[0], seconds[seconds.count / 2], size / 1024))
        }
        let runner = try ReportRunner(parameters: ReportParameters())
        let start = Date()
        let files = try runner.writeAll(cohort: ReportFixture.cohort, directory: dir.appendingPathComponent("all").path,
                                        workers: jobs, connect: { try database.connect() })
        let all = Date().timeIntervalSince(start)
        print(String(format: "all %d patient reports with %d workers: %.2f s (%.3f s per report)",
                     files.count, jobs, all, all / Double(max(files.count, 1))))
    }
}
