import BiomarkerStore
import Foundation
import Reports
import TMECore

/// Gathers a cohort report's data: patient rows, response by strata, KM panels with log-rank
/// tests, the multivariable Cox model, ROC/calibration of the newest model's response score and,
/// when criteria are given, the screening table.
public struct CohortReportLoader {
    public let connection: Connection
    public let parameters: ReportParameters

    public init(connection: Connection, parameters: ReportParameters = ReportParameters()) {
        self.connection = connection; self.parameters = parameters
    }

    /// - Parameters:
    ///   - criteria: a screening criteria set and the name of the file it came from.
    public func load(cohort: String, criteria: (criteria: ScreeningCriteria, source: String, sha256: String?)? = nil,
                     generatedAt: Date = Date()) throws -> CohortReportData {
        let info = try CohortRows.cohort(cohort, on: connection)
        let (patients, modelID) = try CohortRows.patients(cohort: cohort, on: connection)
        let cox = ReportStatistics.coxForest(patients)
        var data = CohortReportData(cohort: cohort, description: info.description, patients: patients,
                                    responseByStratum: ReportStatistics.responseByStratum(patients),
                                    survivalPanels: patients.contains { $0.osMonths != nil } ? ReportStatistics.standardPanels(patients) : [],
                                    coxRows: cox.rows, coxNote: cox.note,
                                    responseScore: modelID.flatMap { ResponseMetrics.evaluation(patients, modelID: $0) },
                                    provenance: Provenance(inputs: try CohortRows.inputs(cohortID: info.id, on: connection),
                                                           parameters: [.init(name: "Report parameters", json: parameters.json)],
                                                           toolVersion: TMEVersion.string, generatedAt: generatedAt))
        if let criteria {
            let result = try ScreeningResult.run(criteria.criteria, cohort: cohort, on: connection)
            let symbols: [CriterionVerdict: String] = [.passed: "pass", .failed: "FAIL", .notJudged: "?"]
            data.screening = ScreeningTable(source: criteria.source, criteria: result.criteria, rows: result.patients.map {
                ScreeningTable.Row(patientID: $0.patientID, status: $0.status, verdicts: $0.verdicts.map { symbols[$0] ?? "?" })
            })
            data.provenance.inputs.append(Provenance.Input(kind: "criteria", name: criteria.source, sha256: criteria.sha256))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            if let json = try? encoder.encode(criteria.criteria) {
                data.provenance.parameters.append(.init(name: "Screening criteria", json: String(decoding: json, as: UTF8.self)))
            }
        }
        return data
    }
}
