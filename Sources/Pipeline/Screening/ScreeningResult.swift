import BiomarkerStore
import Foundation

/// The verdict of one criterion for one patient.
public enum CriterionVerdict: String, Codable, Sendable {
    case passed, failed
    /// The data needed to judge it is missing.
    case notJudged = "not_judged"
}

/// One patient's screening outcome.
public struct ScreenedPatient: Codable, Sendable, Hashable {
    public let patientID: String
    /// Verdicts in the order of `ScreeningResult.criteria`.
    public let verdicts: [CriterionVerdict]
    /// The measured value each verdict rests on (nil: missing), in the same order.
    public let values: [String?]
    /// eligible: all passed; ineligible: any failed; undetermined: none failed, some not judged.
    public let status: String

    enum CodingKeys: String, CodingKey { case patientID = "patient", verdicts, values, status }
}

/// Everything `tme screen` prints.
public struct ScreeningResult: Codable, Sendable {
    public let cohort: String
    public let criteria: [String]
    public let patients: [ScreenedPatient]

    public var eligible: [ScreenedPatient] { patients.filter { $0.status == "eligible" } }

    /// Runs the compiled query for `cohort`.
    public static func run(_ criteria: ScreeningCriteria, cohort: String, on connection: Connection) throws -> ScreeningResult {
        let known = try connection.query("SELECT 1 FROM tme.cohorts WHERE name = $1", [cohort])
        guard !known.isEmpty else { throw ScreeningError.unknownCohort(cohort) }
        var vocabularies: [Vocabulary: Vocabulary.Table] = [:]
        if criteria.tumorTypes != nil { vocabularies[.tumorType] = try Vocabulary.tumorType.load(on: connection) }
        if criteria.histologies != nil { vocabularies[.histology] = try Vocabulary.histology.load(on: connection) }
        let query = try ScreeningQuery(cohort: cohort, criteria: criteria, vocabularies: vocabularies)
        let rows = try connection.query(query.sql, query.parameters, name: "screening query")
        let patients = try rows.map { row -> ScreenedPatient in
            let verdicts = try (0..<query.criteria.count).map { index -> CriterionVerdict in
                switch try row.decode("c\(index)", as: Bool?.self) {
                case .some(true): .passed
                case .some(false): .failed
                case .none: .notJudged
                }
            }
            let status = verdicts.contains(.failed) ? "ineligible" : verdicts.contains(.notJudged) ? "undetermined" : "eligible"
            let values = try (0..<query.criteria.count).map { try row.decode("v\($0)", as: String?.self) }
            return ScreenedPatient(patientID: try row.decode("patient_id"), verdicts: verdicts, values: values, status: status)
        }
        return ScreeningResult(cohort: cohort, criteria: query.criteria.map(\.label), patients: patients)
    }
}
