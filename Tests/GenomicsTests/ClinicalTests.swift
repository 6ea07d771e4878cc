import Testing
@testable import Genomics
@testable import Pipeline

@Suite struct ClinicalTests {
    @Test func cBioPortalPatientFileWithFourHeaderLines() throws {
        var map = ClinicalColumnMap.cBioPortalPatient
        map.stage = nil; map.histology = nil; map.lineOfTherapy = nil; map.priorTherapy = nil
        let rows = try GenomicsFiles.clinical(path: Fixtures.path("hand/cbio_clinical_patient.txt"), columns: map)
        #expect(rows.map(\.patientId) == ["P001", "P002", "P003", "P004"])
        #expect(rows[0].ageYears == 63 && rows[0].sex == .male && rows[0].ecog == 1 && rows[0].bestResponse == .partialResponse)
        #expect(rows[0].overallSurvival == SurvivalTime(months: 24.5, event: false))
        #expect(rows[0].progressionFreeSurvival == SurvivalTime(months: 12.25, event: true))
        #expect(rows[1].overallSurvival == SurvivalTime(months: 6.1, event: true))
        #expect(rows[1].bestResponse == .progressiveDisease)
        #expect(rows[2].ageYears == nil && rows[2].sex == nil && rows[2].bestResponse == .notEvaluable && rows[2].overallSurvival == nil)
        #expect(rows[3].progressionFreeSurvival == SurvivalTime(months: 30, event: false))
        #expect(rows[3].sourceLine == 9)
    }

    @Test func outcomesCSVWithQuotes() throws {
        let rows = try GenomicsFiles.clinical(path: Fixtures.path("hand/outcomes.csv"), columns: .tmescopeOutcomes)
        #expect(rows.map(\.patientId) == ["P001", "P002", "P003"])
        #expect(rows[1].overallSurvival == SurvivalTime(months: 6.1, event: true))
        #expect(rows[2].overallSurvival == nil && rows[2].bestResponse == nil)
    }

    @Test func statusVocabulary() {
        #expect(EventStatus.parse("1:DECEASED") == true)
        #expect(EventStatus.parse("0:LIVING") == false)
        #expect(EventStatus.parse("1:Recurred/Progressed") == true)
        #expect(EventStatus.parse("0:DiseaseFree") == false)
        #expect(EventStatus.parse("Dead") == true && EventStatus.parse("alive") == false)
        #expect(EventStatus.parse("2:odd") == nil && EventStatus.parse("maybe") == nil)
        #expect(MSIStatus(clinicalValue: "MSI-High") == .high && MSIStatus(clinicalValue: "mss") == .stable)
        #expect(BestResponse(clinicalValue: "Complete Response") == .completeResponse)
        #expect(BestResponse.partialResponse.isObjectiveResponse == true && BestResponse.stableDisease.isObjectiveResponse == false)
        #expect(BestResponse.notEvaluable.isObjectiveResponse == nil && BestResponse(clinicalValue: "NE") == .notEvaluable)
        #expect(Sex(clinicalValue: "Female") == .female && Sex(clinicalValue: "M") == .male && Sex(clinicalValue: "x") == nil)
    }

    @Test func sampleTableMapsSamplesToPatients() throws {
        let lines = ["#a", "#b", "#c", "#d", "SAMPLE_ID\tPATIENT_ID\tMSI_STATUS", "S1\tP1\tMSS", "S2\tP1\tMSI-H", "S3\tP2\tNA"]
        let rows = try ClinicalTableParser.parseAll(lines: lines, source: "data_clinical_sample.txt", columns: .cBioPortalSample)
        #expect(rows.map(\.sampleId) == ["S1", "S2", "S3"])
        #expect(rows.map(\.patientId) == ["P1", "P1", "P2"])
        #expect(rows.map(\.msiStatus) == [.stable, .high, nil])
    }
}
