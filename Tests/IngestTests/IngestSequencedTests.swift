import BiomarkerStore
import Foundation
import Testing
import TestSupport
@testable import Pipeline

/// Issue 19: only sequenced samples have genomic biomarkers. A cBioPortal case list `*_sequenced` (or the
/// `sequenced` column of a TMEScope clinical.tsv) decides; the other samples get NULL TMB and key-gene flags
/// (not measured), never TMB 0, and screening says "not judged" for them.
@Suite struct IngestSequencedTests {
    static let tmb = """
        SELECT s.sample_id, s.sequenced, g.tmb_per_mb, g.stk11_mutated
        FROM tme.samples s JOIN tme.patients p USING (patient_pk) JOIN tme.cohorts c USING (cohort_id)
        LEFT JOIN tme.genomic_biomarkers g ON g.sample_pk = s.sample_pk
        WHERE c.name = $1 ORDER BY s.sample_id
        """

    struct Row: Equatable { var sequenced: Bool?; var tmb: Double?; var stk11: Bool? }

    static func rows(_ c: Connection, _ cohort: String) throws -> [String: Row] {
        var out: [String: Row] = [:]
        for r in try c.query(tmb, [cohort]) {
            out[try r.decode("sample_id")] = Row(sequenced: try r.decode("sequenced"), tmb: try r.decode("tmb_per_mb"),
                                                 stk11: try r.decode("stk11_mutated"))
        }
        return out
    }

    static func caseList(_ cbio: CohortCopy, _ ids: [String]) throws {
        try FileManager.default.createDirectory(at: cbio.url.appendingPathComponent("case_lists"), withIntermediateDirectories: true)
        try cbio.write("case_lists/cases_sequenced.txt", """
            cancer_study_identifier: small
            stable_id: small_sequenced
            case_list_name: Samples with mutation data
            case_list_description: Samples sequenced (\(ids.count) samples)
            case_list_ids: \(ids.joined(separator: "\t"))

            """)
    }

    @Test func caseListOmittingASampleStoresNullTMB() throws {
        let cbio = try CohortCopy("cohort_small_cbio")
        try Self.caseList(cbio, ["S1", "S2", "S3", "S5"])
        try TestDatabase.with { c, _ in
            _ = try CohortIngest.run(directory: cbio.path, parameters: .small(), connection: c)
            let rows = try Self.rows(c, "small")
            // S4 is not in the case list: not measured. S5 is, but has no MAF row: sequenced, TMB 0, wild-type.
            #expect(rows["S4"] == Row(sequenced: false, tmb: nil, stk11: nil))
            #expect(rows["S5"] == Row(sequenced: true, tmb: 0, stk11: false))
            #expect(rows["S1"]?.sequenced == true && (rows["S1"]?.tmb ?? 0) > 0)
            // Screening: TMB-high is "not judged" for P4 (never FAIL), judged for P5.
            var criteria = ScreeningCriteria()
            criteria.minTMBPerMb = 10
            let result = try ScreeningResult.run(criteria, cohort: "small", on: c)
            #expect(result.patients.first { $0.patientID == "P4" }?.verdicts == [.notJudged])
            #expect(result.patients.first { $0.patientID == "P4" }?.values == [nil])
            #expect(result.patients.first { $0.patientID == "P5" }?.verdicts == [.failed])
            #expect(result.patients.first { $0.patientID == "P5" }?.values == ["0.0"])
        }
    }

    @Test func withoutACaseListEverySampleOfTheMAFStudyIsSequenced() throws {
        let cbio = try CohortCopy("cohort_small_cbio")
        try TestDatabase.with { c, _ in
            _ = try CohortIngest.run(directory: cbio.path, parameters: .small(), connection: c)
            let rows = try Self.rows(c, "small")
            #expect(rows["S4"] == Row(sequenced: true, tmb: 0, stk11: false))
        }
    }

    @Test func mutationsOfASampleTheCaseListOmitsAreAnError() throws {
        let cbio = try CohortCopy("cohort_small_cbio")
        try Self.caseList(cbio, ["S1", "S2", "S5"])
        try TestDatabase.with { c, _ in
            #expect {
                _ = try CohortIngest.run(directory: cbio.path, parameters: .small(), connection: c)
            } throws: { error in
                guard case IngestError.mutationOfUnsequencedSample(let file, _, let list) = error else { return false }
                return file == "data_mutations.txt" && list == "case_lists/cases_sequenced.txt" && !"\(error)".contains("S3")
            }
        }
    }

    @Test func sequencedColumnOfATMEScopeFolder() throws {
        let folder = try CohortCopy("cohort_small")
        var lines = try folder.read("clinical.tsv").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in lines.indices where !lines[i].isEmpty {
            lines[i] += i == 0 ? "\tsequenced" : (lines[i].hasPrefix("P4\t") ? "\tno" : "\tyes")
        }
        try folder.write("clinical.tsv", lines.joined(separator: "\n"))
        try TestDatabase.with { c, _ in
            _ = try CohortIngest.run(directory: folder.path, parameters: .small(), connection: c)
            let rows = try Self.rows(c, "small")
            #expect(rows["S4"] == Row(sequenced: false, tmb: nil, stk11: nil))
            #expect(rows["S5"]?.sequenced == true && rows["S5"]?.tmb != nil)
        }
    }

    @Test func unknownTumorTypeIsReportedWithFileAndLine() throws {
        let cbio = try CohortCopy("cohort_small_cbio")
        try cbio.replace(in: "data_clinical_sample.txt", "P4\tS4\turothelial", with: "P4\tS4\tlung-ish")
        try TestDatabase.with { c, _ in
            #expect {
                _ = try CohortIngest.run(directory: cbio.path, parameters: .small(), connection: c)
            } throws: { error in
                let text = "\(error)"
                return text.hasPrefix("data_clinical_sample.txt:9: ONCOTREE_CODE \"lung-ish\" is not a known tumour type; accepted: ")
                    && text.contains("LUAD") && text.contains("NSCLC")
            }
        }
    }
}
