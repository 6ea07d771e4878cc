import BiomarkerStore
import Foundation
import Pipeline
import Reports
import Testing
import TestSupport

/// Renders the fixture cohort's reports from a fresh database and checks them with independent
/// tools (qpdf, pdffonts, pdfinfo, pdftotext from poppler-utils).
@Suite struct FixtureReportTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden")

    /// Renders `body`'s reports on a fresh fixture database; PDFs go to a fresh directory.
    func withFixture<T>(_ name: String, _ body: (Connection, URL, ReportRunner) throws -> T) throws -> T {
        let dir = try PDFTools.temporaryDirectory(name)
        return try TestDatabase.with { connection, _ in
            try ReportFixture.install(on: connection, directory: dir.path)
            var p = ReportParameters()
            p.reproducible = true
            return try body(connection, dir, try ReportRunner(parameters: p))
        }
    }

    @Test func fullPatientReport() throws {
        try withFixture("full") { connection, dir, runner in
            let path = dir.appendingPathComponent("P01.pdf").path
            try runner.writePatient(patientID: "P01", cohort: ReportFixture.cohort, to: path, connection: connection)
            FileHandle.standardError.write(Data("fixture report: \(path)\n".utf8))
            let check = try PDFTools.run("qpdf", ["--check", path])
            #expect(check.status == 0, "qpdf: \(check.stdout) \(check.stderr)")
            let fonts = try PDFTools.fonts(path)
            #expect(!fonts.isEmpty && fonts.allSatisfy(\.embedded), "fonts: \(fonts)")
            let info = try PDFTools.info(path)
            let pages = Int(info["Pages"] ?? "") ?? 0
            #expect((2...4).contains(pages), "pages: \(pages)")
            #expect(info["Page size"] == "595.276 x 841.89 pts (A4)")
            #expect(info["CreationDate"]?.contains("2000") == true)
            // Slide images are stored as JPEG (DCTDecode), not deflated raw RGB: bounded file size.
            let images = try PDFTools.run("pdfimages", ["-list", path]).stdout
            #expect(images.split(separator: "\n").contains { $0.contains(" jpeg ") }, "pdfimages: \(images)")
            let bytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
            #expect(bytes < 1_000_000, "PDF size \(bytes) bytes")
        }
    }
}

extension FixtureReportTests {
    /// A patient with no model score, no slide and no genomics still gets a report that says so,
    /// and hostile text (quotes, %, CJK, markup characters, a 500-character histology) is drawn
    /// as text.
    @Test func missingSectionsAndHostileText() throws {
        try withFixture("missing") { connection, dir, runner in
            let path = dir.appendingPathComponent("P02.pdf").path
            try runner.writePatient(patientID: ReportFixture.hostilePatientID, cohort: ReportFixture.cohort, to: path, connection: connection)
            FileHandle.standardError.write(Data("fixture report: \(path)\n".utf8))
            #expect(try PDFTools.run("qpdf", ["--check", path]).status == 0)
            #expect(try PDFTools.fonts(path).allSatisfy(\.embedded))
            let text = try PDFTools.text(path, layout: false)
            let flat = text.replacingOccurrences(of: "\n", with: " ")
            #expect(flat.contains("No model score yet"))
            #expect(flat.contains("No slide registered"))
            #expect(flat.contains("Genomics: no mutation/expression data ingested"))
            #expect(flat.contains("漢字"))
            #expect(flat.contains("100% <b>&"))
            #expect(flat.contains("«mucineux» 50%"))
            #expect(flat.contains("化疗"))
            #expect(flat.contains("Research use only — not for clinical decisions"))
            let pages = Int(try PDFTools.info(path)["Pages"] ?? "") ?? 0
            #expect((2...4).contains(pages))
        }
    }

    @Test func unknownPatientAndCohortAreNamedErrors() throws {
        try withFixture("unknown") { connection, dir, runner in
            #expect(throws: ReportPipelineError.unknownPatient(cohort: ReportFixture.cohort)) {
                try runner.writePatient(patientID: "nobody", cohort: ReportFixture.cohort,
                                        to: dir.appendingPathComponent("x.pdf").path, connection: connection)
            }
            #expect(throws: ReportPipelineError.unknownCohort("nope")) {
                try runner.writeCohort(cohort: "nope", criteriaPath: nil, to: dir.appendingPathComponent("c.pdf").path,
                                       connection: connection)
            }
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.pdf").path))
        }
    }

    /// The cohort report with a screening table; checked with qpdf, pdffonts, pdfinfo and its text.
    @Test func cohortReportWithScreening() throws {
        try withFixture("cohort") { connection, dir, runner in
            let criteria = dir.appendingPathComponent("criteria.json")
            try Data(#"{"min_tmb_per_mb": 10, "max_ecog": 1, "phenotypes": ["inflamed", "excluded"]}"#.utf8).write(to: criteria)
            let path = dir.appendingPathComponent("cohort.pdf").path
            try runner.writeCohort(cohort: ReportFixture.cohort, criteriaPath: criteria.path, to: path, connection: connection)
            FileHandle.standardError.write(Data("fixture report: \(path)\n".utf8))
            #expect(try PDFTools.run("qpdf", ["--check", path]).status == 0)
            #expect(try PDFTools.fonts(path).allSatisfy(\.embedded))
            let pages = Int(try PDFTools.info(path)["Pages"] ?? "") ?? 0
            #expect((4...6).contains(pages), "pages \(pages)")
            let flat = try PDFTools.text(path, layout: false).replacingOccurrences(of: "\n", with: " ")
            for needle in ["Cohort summary", "Objective response rate by biomarker stratum", "Overall survival by TMB",
                           "Overall survival by PD-L1 TPS", "Overall survival by immune phenotype", "Number at risk",
                           "Hazard ratios", "ROC of the response probability", "Screening: criteria.json", "TMB >= 10 mut/Mb"] {
                #expect(flat.contains(needle), "missing \(needle)")
            }
        }
    }

    /// Two reproducible renders of the same data give identical bytes, and the extracted text of
    /// the fixture patient's report matches the reviewed golden file (regenerate with
    /// `TME_UPDATE_GOLDEN=1 swift test --filter ReportPipelineTests` and review the diff).
    @Test func reproducibleGoldenText() throws {
        try withFixture("golden") { connection, dir, runner in
            let a = try runner.patientPDF(patientID: "P01", cohort: ReportFixture.cohort, connection: connection)
            let b = try runner.patientPDF(patientID: "P01", cohort: ReportFixture.cohort, connection: connection)
            #expect(a == b)
            let path = try PDFTools.write(a, to: dir, name: "P01.pdf")
            // The slide file lives in a per-test directory: its path never reaches the page, only its name.
            let text = try PDFTools.text(path)
            let golden = FixtureReportTests.goldenDirectory.appendingPathComponent("P01.txt")
            if ProcessInfo.processInfo.environment["TME_UPDATE_GOLDEN"] == "1" {
                try text.write(to: golden, atomically: true, encoding: .utf8)
            }
            let expected = try String(contentsOf: golden, encoding: .utf8)
            #expect(text == expected, "pdftotext differs from \(golden.path)")
        }
    }

    /// `writeAll` renders every patient with two workers and the files are complete PDFs.
    @Test func allPatientsInParallel() throws {
        let dir = try PDFTools.temporaryDirectory("all")
        let database = try TemporaryDatabase(prefix: "tme_test", project: TestDatabase.project)
        defer { try? database.drop() }
        try ReportFixture.install(on: try database.connect(), directory: dir.path, patients: 6)
        var p = ReportParameters()
        p.reproducible = true
        p.markCells = false
        let out = dir.appendingPathComponent("reports").path
        let files = try ReportRunner(parameters: p).writeAll(cohort: ReportFixture.cohort, directory: out, workers: 2,
                                                             connect: { try database.connect() })
        #expect(files.count == 6)
        #expect(files.contains { $0.hasSuffix("/P02 _____ 100_ _b__.pdf") == false })
        for f in files {
            #expect(try PDFTools.run("qpdf", ["--check", f]).status == 0)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }
}
