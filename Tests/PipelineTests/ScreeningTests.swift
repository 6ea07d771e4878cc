import BiomarkerStore
import Foundation
import Pipeline
import Testing
import TestSupport

/// `tme screen` against hand-written SQL on a small fixture cohort with known values and gaps.
@Suite struct ScreeningTests {
    struct FixturePatient {
        let id: String, ecog: Int?, stage: String?, histology: String?, line: Int?
        let tmb: Double?, stk11: Bool?, keap1: Bool?, msi: String?, gep: Double?
        let phenotype: String?, tps: Double?, cps: Double?
    }

    static let patients: [FixturePatient] = [
        .init(id: "P01", ecog: 0, stage: "IVA", histology: "Adenocarcinoma", line: 1, tmb: 14.2, stk11: false, keap1: false, msi: "MSS", gep: 0.8, phenotype: "inflamed", tps: 60, cps: 70),
        .init(id: "P02", ecog: 1, stage: "IIIB", histology: "Squamous", line: 2, tmb: 3.1, stk11: true, keap1: false, msi: "MSS", gep: -0.5, phenotype: "desert", tps: 0, cps: 1),
        .init(id: "P03", ecog: 2, stage: "IV", histology: "adenocarcinoma", line: 1, tmb: 22.0, stk11: false, keap1: true, msi: "MSI-H", gep: 1.2, phenotype: "inflamed", tps: 5, cps: 12),
        .init(id: "P04", ecog: 0, stage: "II", histology: "Adenocarcinoma", line: 1, tmb: nil, stk11: nil, keap1: nil, msi: nil, gep: nil, phenotype: "excluded", tps: 55, cps: 60),
        .init(id: "P05", ecog: nil, stage: nil, histology: nil, line: nil, tmb: 10.0, stk11: false, keap1: false, msi: "MSS", gep: 0.1, phenotype: nil, tps: nil, cps: nil),
        .init(id: "P06", ecog: 1, stage: "IVB", histology: "Squamous", line: 3, tmb: 9.99, stk11: false, keap1: false, msi: "MSS", gep: 0.3, phenotype: "inflamed", tps: 1, cps: 9),
        .init(id: "P07", ecog: 3, stage: "I", histology: "Adenocarcinoma", line: 1, tmb: 30.5, stk11: true, keap1: true, msi: "MSI-H", gep: 2.0, phenotype: "excluded", tps: 90, cps: 100),
        .init(id: "P08", ecog: 1, stage: "IV", histology: "x'); DROP TABLE tme.patients; --", line: 1, tmb: 12.0, stk11: false, keap1: false, msi: "MSS", gep: nil, phenotype: "inflamed", tps: 49.9, cps: 10),
    ]

    static func load(_ connection: Connection) throws {
        try connection.execute("INSERT INTO tme.cohorts (name, source_format) VALUES ('screen-fixture', 'simulated')")
        try connection.execute("INSERT INTO tme.cohorts (name, source_format) VALUES ('other', 'simulated')")
        let cohort: Int = try connection.query("SELECT cohort_id FROM tme.cohorts WHERE name = 'screen-fixture'").first!.decode("cohort_id")
        let other: Int = try connection.query("SELECT cohort_id FROM tme.cohorts WHERE name = 'other'").first!.decode("cohort_id")
        try connection.execute("INSERT INTO tme.patients (cohort_id, patient_id, ecog) VALUES ($1, 'P01', 0)", [other])
        for p in patients {
            let patient: Int = try connection.query("""
                INSERT INTO tme.patients (cohort_id, patient_id, ecog, stage, histology, line_of_therapy)
                VALUES ($1, $2, $3, $4, $5, $6) RETURNING patient_pk
                """, [cohort, p.id, p.ecog, p.stage, p.histology, p.line]).first!.decode("patient_pk")
            let sample: Int = try connection.query(
                "INSERT INTO tme.samples (patient_pk, sample_id) VALUES ($1, $2) RETURNING sample_pk", [patient, p.id + "-T"]).first!.decode("sample_pk")
            if p.tmb != nil || p.msi != nil || p.gep != nil {
                try connection.execute("""
                    INSERT INTO tme.genomic_biomarkers (sample_pk, capture_size_mb, tmb_per_mb, tmb_high, gep_score, msi_status, stk11_mutated, keap1_mutated)
                    VALUES ($1, 38, $2::float8, $2::float8 >= 10, $3, $4, $5, $6)
                    """, [sample, p.tmb, p.gep, p.msi, p.stk11, p.keap1])
            }
            for (stain, suffix) in [("H&E", "HE"), ("PD-L1", "PDL1")] {
                let slide: Int = try connection.query("""
                    INSERT INTO tme.slides (patient_pk, slide_id, stain, path) VALUES ($1, $2, $3, '/dev/null') RETURNING slide_pk
                    """, [patient, "\(p.id)-\(suffix)", stain]).first!.decode("slide_pk")
                if stain == "H&E", let phenotype = p.phenotype {
                    try connection.execute("""
                        INSERT INTO tme.slide_tme (slide_pk, tissue_area_mm2, tumor_area_mm2, stroma_area_mm2, lymphocyte_count,
                            macrophage_count, tumor_cell_count, stroma_cell_count, immune_phenotype)
                        VALUES ($1, 1, 0.5, 0.5, 0, 0, 0, 0, $2)
                        """, [slide, phenotype])
                }
                if stain == "PD-L1", let tps = p.tps {
                    try connection.execute("""
                        INSERT INTO tme.slide_tme (slide_pk, tissue_area_mm2, tumor_area_mm2, stroma_area_mm2, lymphocyte_count,
                            macrophage_count, tumor_cell_count, stroma_cell_count, pdl1_tps_percent, pdl1_cps)
                        VALUES ($1, 1, 0.5, 0.5, 0, 0, 0, 0, $2, $3)
                        """, [slide, tps, p.cps])
                }
            }
        }
    }

    func eligible(_ criteria: ScreeningCriteria, _ connection: Connection) throws -> [String] {
        try ScreeningResult.run(criteria, cohort: "screen-fixture", on: connection).eligible.map(\.patientID)
    }

    func handWritten(_ sql: String, _ connection: Connection) throws -> [String] {
        try connection.query("SELECT p.patient_id FROM tme.biomarker_summary p WHERE p.cohort = 'screen-fixture' AND \(sql) ORDER BY 1")
            .map { try $0.decode("patient_id") }
    }

    @Test func fiveCriteriaSetsMatchHandWrittenSQL() throws {
        try TestDatabase.with { connection, _ in
            try Self.load(connection)
            var tmbHigh = ScreeningCriteria(); tmbHigh.minTMBPerMb = 10
            #expect(try eligible(tmbHigh, connection) == handWritten("tmb_per_mb >= 10", connection))
            #expect(try eligible(tmbHigh, connection) == ["P01", "P03", "P05", "P07", "P08"])

            var keynote = ScreeningCriteria(); keynote.minPDL1TPSPercent = 50; keynote.maxECOG = 1
            #expect(try eligible(keynote, connection) == handWritten("pdl1_tps_percent >= 50 AND ecog <= 1", connection))

            var inflamedFirstLine = ScreeningCriteria()
            inflamedFirstLine.phenotypes = ["inflamed"]; inflamedFirstLine.maxLineOfTherapy = 1; inflamedFirstLine.stages = ["IV"]
            #expect(try eligible(inflamedFirstLine, connection)
                    == handWritten("immune_phenotype = 'inflamed' AND line_of_therapy <= 1 AND stage LIKE 'IV%'", connection))

            var noStk11 = ScreeningCriteria()
            noStk11.excludeMutated = ["stk11", "KEAP1"]; noStk11.minTMBPerMb = 5; noStk11.histologies = ["ADENOCARCINOMA"]
            #expect(try eligible(noStk11, connection) == handWritten(
                "NOT stk11_mutated AND NOT keap1_mutated AND tmb_per_mb >= 5 AND lower(histology) = 'adenocarcinoma'", connection))

            var msi = ScreeningCriteria(); msi.requireMSIHigh = true; msi.minPDL1CPS = 10; msi.requireMeasured = ["gep", "tmb"]
            #expect(try eligible(msi, connection) == handWritten(
                "msi_status = 'MSI-H' AND pdl1_cps >= 10 AND gep_score IS NOT NULL AND tmb_per_mb IS NOT NULL", connection))

            var gep = ScreeningCriteria(); gep.minGEPScore = 0.5; gep.stages = ["III", "IV"]
            #expect(try eligible(gep, connection) == handWritten("gep_score >= 0.5 AND substring(stage from '^(IV|III|II|I)') IN ('III', 'IV')", connection))
        }
    }

    @Test func missingDataIsNotJudgedNeverPassedOrFailed() throws {
        try TestDatabase.with { connection, _ in
            try Self.load(connection)
            var criteria = ScreeningCriteria(); criteria.minTMBPerMb = 10; criteria.maxECOG = 1
            let result = try ScreeningResult.run(criteria, cohort: "screen-fixture", on: connection)
            let p04 = try #require(result.patients.first { $0.patientID == "P04" })
            #expect(p04.verdicts == [.notJudged, .passed])
            #expect(p04.status == "undetermined")
            let p05 = try #require(result.patients.first { $0.patientID == "P05" })
            #expect(p05.verdicts == [.passed, .notJudged])
            let p02 = try #require(result.patients.first { $0.patientID == "P02" })
            #expect(p02.status == "ineligible")
            #expect(result.patients.count == Self.patients.count, "patients of other cohorts must not appear")
        }
    }

    @Test func injectionStringsAreData() throws {
        try TestDatabase.with { connection, _ in
            try Self.load(connection)
            // Criteria values are resolved through the vocabularies: an injection string is an unknown term (an error),
            // never SQL; a patient whose stored histology is one is data, not judged against a known term.
            var criteria = ScreeningCriteria()
            criteria.histologies = ["x'); DROP TABLE tme.patients; --"]
            #expect(throws: ScreeningError.self) { try ScreeningResult.run(criteria, cohort: "screen-fixture", on: connection) }
            criteria.histologies = nil
            criteria.tumorTypes = ["' OR '1'='1"]
            #expect(throws: ScreeningError.self) { try ScreeningResult.run(criteria, cohort: "screen-fixture", on: connection) }
            criteria.tumorTypes = nil
            criteria.histologies = ["adenocarcinoma"]
            let result = try ScreeningResult.run(criteria, cohort: "screen-fixture", on: connection)
            let p08 = try #require(result.patients.first { $0.patientID == "P08" })
            #expect(p08.verdicts == [.notJudged] && p08.values == ["x'); DROP TABLE tme.patients; --"])
            #expect(result.eligible.map(\.patientID) == ["P01", "P03", "P04", "P07"])
            let injectedCohort = try? ScreeningResult.run(ScreeningCriteria(), cohort: "x' OR '1'='1", on: connection)
            #expect(injectedCohort == nil)
            #expect(try connection.query("SELECT count(*) AS n FROM tme.patients").first!.decode("n", as: Int.self) == 9)
        }
    }

    @Test func badCriteriaAreClearErrors() throws {
        var phenotype = ScreeningCriteria(); phenotype.phenotypes = ["hot"]
        #expect(throws: ScreeningError.self) { try ScreeningQuery(cohort: "c", criteria: phenotype) }
        var gene = ScreeningCriteria(); gene.excludeMutated = ["BRCA9"]
        #expect(throws: ScreeningError.self) { try ScreeningQuery(cohort: "c", criteria: gene) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("criteria-\(UUID()).json")
        try #"{"min_tmb": 10}"#.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            _ = try ScreeningCriteria.load(file)
            Issue.record("a misspelt key must be rejected")
        } catch let error as ScreeningError {
            #expect(error.description.contains("min_tmb"))
        }
    }
}
