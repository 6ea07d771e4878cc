import BiomarkerStore
import Foundation
import Pipeline
import Testing
import TestSupport

/// Issue 19: tumour types and histologies resolve through the vocabularies in the database (OncoTree codes,
/// names and synonyms; a criterion selects a node and its descendants); unknown values are errors listing
/// the accepted ones; every verdict comes with the value it rests on.
@Suite struct ScreeningVocabularyTests {
    /// (patient, tumor_type as given, histology as given)
    static let patients: [(String, String?, String?)] = [
        ("V1", "LUAD", "Lung Adenocarcinoma"), ("V2", "LUSC", "Lung Squamous Cell Carcinoma"), ("V3", "SKCM", "Cutaneous Melanoma"),
        ("V4", "BLCA", "Bladder Urothelial Carcinoma"), ("V5", "Non-Small Cell Lung Cancer", "adenocarcinoma"),
        ("V6", "NSCLC", nil), ("V7", nil, "squamous"), ("V8", "lung-ish", "unheard-of"),
    ]

    static func load(_ c: Connection) throws {
        let cohort: Int = try c.query("INSERT INTO tme.cohorts (name, source_format) VALUES ('vocab', 'simulated') RETURNING cohort_id")[0]
            .decode("cohort_id")
        for (id, type, histology) in patients {
            try c.execute("INSERT INTO tme.patients (cohort_id, patient_id, tumor_type, histology) VALUES ($1, $2, $3, $4)",
                          [cohort, id, type, histology])
        }
    }

    func screen(_ c: Connection, tumorTypes: [String]? = nil, histologies: [String]? = nil) throws -> ScreeningResult {
        var criteria = ScreeningCriteria()
        criteria.tumorTypes = tumorTypes
        criteria.histologies = histologies
        return try ScreeningResult.run(criteria, cohort: "vocab", on: c)
    }

    @Test func parentCodesSelectTheirDescendants() throws {
        try TestDatabase.with { c, _ in
            try Self.load(c)
            let nsclc = try screen(c, tumorTypes: ["NSCLC"])
            #expect(nsclc.eligible.map(\.patientID) == ["V1", "V2", "V5", "V6"])
            #expect(nsclc.criteria == ["tumor type in {NSCLC}"])
            // Values outside the vocabulary or missing are not judged, never failed; the value is shown.
            let v8 = try #require(nsclc.patients.first { $0.patientID == "V8" })
            #expect(v8.verdicts == [.notJudged] && v8.values == ["lung-ish"])
            #expect(nsclc.patients.first { $0.patientID == "V7" }?.verdicts == [.notJudged])
            #expect(nsclc.patients.first { $0.patientID == "V3" }?.verdicts == [.failed])
            #expect(try screen(c, tumorTypes: ["melanoma"]).eligible.map(\.patientID) == ["V3"])
            #expect(try screen(c, tumorTypes: ["luad", "Skin Cutaneous Melanoma"]).eligible.map(\.patientID) == ["V1", "V3"])
            #expect(try screen(c, tumorTypes: ["urothelial"]).eligible.map(\.patientID) == ["V4"])
            #expect(try screen(c, histologies: ["adenocarcinoma"]).eligible.map(\.patientID) == ["V1", "V5"])
            #expect(try screen(c, histologies: ["squamous cell carcinoma"]).eligible.map(\.patientID) == ["V2", "V7"])
            #expect(try screen(c, histologies: ["melanoma"]).eligible.map(\.patientID) == ["V3"])
            let table = try screen(c, tumorTypes: ["NSCLC"]).rendered(as: .table)
            #expect(table.contains("pass LUAD") && table.contains("FAIL SKCM") && table.contains("? lung-ish"))
        }
    }

    @Test func unknownValuesAreErrorsListingTheAcceptedOnes() throws {
        try TestDatabase.with { c, _ in
            try Self.load(c)
            #expect {
                _ = try screen(c, tumorTypes: ["lung-ish"])
            } throws: { error in
                guard case ScreeningError.unknownTerm(let criterion, let value, let accepted) = error else { return false }
                return criterion == "tumor_types" && value == "lung-ish" && accepted.contains("NSCLC") && accepted.contains("SKCM")
                    && "\(error)".contains("accepted: ")
            }
            #expect(throws: ScreeningError.self) { _ = try screen(c, histologies: ["adenoma-ish"]) }
        }
    }
}
