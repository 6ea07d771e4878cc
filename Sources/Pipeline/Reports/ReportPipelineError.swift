/// Errors of gathering report data and writing report files. Messages name the cohort, file
/// and what to do; they never contain patient identifiers or database values.
public enum ReportPipelineError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownCohort(String)
    /// The patient is not in the cohort (the identifier is left out of the message on purpose).
    case unknownPatient(cohort: String)
    case cannotWrite(path: String, reason: String)
    case invalidOption(name: String, reason: String)

    public var description: String {
        switch self {
        case .unknownCohort(let name):
            return "no cohort named \"\(name)\" in the database; `tme ingest DIR --cohort NAME` loads one"
        case .unknownPatient(let cohort):
            return "the given patient ID is not in cohort \"\(cohort)\"; `tme screen --cohort \(cohort)` lists its patients"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason); check that the directory exists and is writable"
        case .invalidOption(let name, let reason):
            return "\(name): \(reason)"
        }
    }
}
