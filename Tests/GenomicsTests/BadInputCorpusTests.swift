import Testing
@testable import Genomics
@testable import Pipeline

/// Every file of Fixtures/bad (made by make_bad_corpus.py) fails with exactly the message in expected.tsv.
@Suite struct BadInputCorpusTests {
    struct Case: Sendable, CustomStringConvertible {
        let file, reader, message: String
        var description: String { file }
    }

    static let cases: [Case] = {
        let lines = (try? Fixtures.lines("bad/expected.tsv")) ?? []
        return lines.dropFirst().filter { !$0.isEmpty }.map {
            let f = $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Case(file: f[0], reader: f[1], message: f[2])
        }
    }()

    @Test func corpusIsLargeEnough() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func givesItsSpecificError(_ c: Case) throws {
        let path = Fixtures.path("bad/\(c.file)")
        do {
            switch c.reader {
            case "maf": try GenomicsFiles.forEachMAFRecord(path: path) { _ in }
            case "expression": _ = try GenomicsFiles.matrix(path: path, kind: .expression)
            case "cnv_calls": _ = try GenomicsFiles.matrix(path: path, kind: .copyNumberCalls)
            case "cbio_patient":
                _ = try GenomicsFiles.clinical(path: path, columns: ClinicalColumnMap(
                    patientId: "PATIENT_ID", age: "AGE", ecog: "ECOG", bestResponse: "BEST_RESPONSE",
                    osMonths: "OS_MONTHS", osStatus: "OS_STATUS"))
            case "cbio_sample": _ = try GenomicsFiles.clinical(path: path, columns: .cBioPortalSample)
            case "tmescope_clinical": _ = try GenomicsFiles.clinical(path: path, columns: .tmescopeClinical)
            case "outcomes_csv": _ = try GenomicsFiles.clinical(path: path, columns: .tmescopeOutcomes)
            default: Issue.record("unknown reader \(c.reader)"); return
            }
            Issue.record("\(c.file): no error thrown")
        } catch let error as GenomicsError {
            #expect(error.description == c.message)
        }
    }
}
