import BiomarkerStore
import Foundation
@testable import Pipeline
import Reports
import Testing
import TestSupport

/// Issue 19 on the fixture cohort's pages: the patient report shows the key-gene panel, the sTIL definition
/// and the held-out performance of the model that scored the patient; the cohort report says how its model
/// figures were obtained and prints the training warnings.
extension FixtureReportTests {
    @Test func patientReportShowsKeyGenesSTILDefinitionAndHeldOutPerformance() throws {
        try withFixture("honest") { connection, dir, runner in
            let path = try PDFTools.write(try runner.patientPDF(patientID: "P01", cohort: ReportFixture.cohort, connection: connection),
                                          to: dir, name: "P01.pdf")
            let flat = try PDFTools.text(path, layout: false).replacingOccurrences(of: "\n", with: " ")
            for gene in ["STK11", "KEAP1", "EGFR", "JAK1", "JAK2", "B2M", "PTEN", "POLE"] { #expect(flat.contains(gene), "\(gene)") }
            #expect(flat.contains("Key genes") && flat.contains("Wild-type") && flat.contains("Not measured"))
            #expect(flat.contains("Computed stromal TILs = 100 × area of lymphocyte nuclei in stroma ÷ stromal tissue area"))
            #expect(flat.contains("ITWG cut-offs (10 %, 50 %) do not apply"))
            #expect(flat.contains("Held-out score") && flat.contains("AUC 0.710 (0.520–0.880)"))
            #expect(flat.contains("Training warnings: events per input variable 0.4 < 10"))
        }
    }

    @Test func cohortReportSaysHowItsModelFiguresWereObtained() throws {
        try withFixture("honest-cohort") { connection, _, _ in
            let data = try CohortReportLoader(connection: connection).load(cohort: ReportFixture.cohort)
            let score = try #require(data.responseScore)
            #expect(score.method.hasPrefix("Held-out: out-of-fold predictions of 5-fold cross-validation by patient on cohort fixture"))
            #expect(score.warnings == ["events per input variable 0.4 < 10 (fixture): the fusion model may overfit"])
            #expect(data.riskGroupNote.contains("held-out: out-of-fold predictions"))
            #expect(data.followUp?.contains("reverse Kaplan–Meier") == true)
        }
    }
}
