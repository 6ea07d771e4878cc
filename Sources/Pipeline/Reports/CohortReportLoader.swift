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
                                    responseScore: try Self.responseScore(patients, modelID: modelID, on: connection),
                                    provenance: Provenance(inputs: try CohortRows.inputs(cohortID: info.id, on: connection),
                                                           parameters: [.init(name: "Report parameters", json: parameters.json)],
                                                           toolVersion: TMEVersion.string, generatedAt: generatedAt))
        data.followUp = ReportStatistics.followUpSummary(patients)
        if let score = data.responseScore, patients.contains(where: { $0.riskGroup != nil }) {
            data.riskGroupNote = "Model risk groups (low / high: below / at or above the median risk score of the models that scored "
                + "the patient, fixed on their training patients) come from the same scores as the response-score figures: "
                + score.method.prefix(1).lowercased() + score.method.dropFirst()
        }
        if let criteria {
            let result = try ScreeningResult.run(criteria.criteria, cohort: cohort, on: connection)
            let symbols: [CriterionVerdict: String] = [.passed: "pass", .failed: "FAIL", .notJudged: "?"]
            data.screening = ScreeningTable(source: criteria.source, criteria: result.criteria, rows: result.patients.map {
                ScreeningTable.Row(patientID: $0.patientID, status: $0.status,
                                   verdicts: zip($0.verdicts, $0.values).map { ScreeningResult.cell(symbols[$0] ?? "?", $1) })
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

    /// The newest model's response-score figures from the stored scores: held-out (`HeldOutPerformance`) with the
    /// run's evaluation parameters and warnings; without a stored run, the plain figures with no method claimed.
    static func responseScore(_ patients: [CohortPatient], modelID: String?, on connection: Connection) throws -> ResponseScoreEvaluation? {
        guard let modelID else { return nil }
        if let run = try ModelRunInfo.load(modelID: modelID, on: connection) {
            return HeldOutPerformance.evaluate(patients, run: run)
        }
        return ResponseMetrics.evaluation(patients, modelID: modelID)
    }
}
