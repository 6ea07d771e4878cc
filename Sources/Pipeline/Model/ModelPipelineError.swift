/// Errors of `tme train` and `tme score` beyond the model's own (`FusionModelError`): the cohort's
/// data in the database, the model folder, and consistency between them. Patient identifiers and
/// stored values never appear; messages say which table, file or feature is wrong and what to do.
public enum ModelPipelineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No cohort of that name is in `tme.cohorts`.
    case unknownCohort(String)
    /// Too few usable patients (with a response or survival outcome and at least one modality).
    case insufficientPatients(found: Int, needed: Int, reason: String)
    /// Slides of one cohort store tile features under different names (or in a different order).
    case inconsistentTileFeatures(expected: [String], found: [String])
    /// The model was trained on features the scored cohort does not provide in the same order.
    case featureMismatch(modality: String, trained: [String], found: [String])
    /// A model folder file is missing or malformed.
    case modelFile(path: String, reason: String)
    /// A simulator truth table is malformed.
    case truthFile(path: String, line: Int, reason: String)
    /// A stored array column could not be parsed.
    case malformedArray(table: String, column: String)
    /// A training-options JSON file (`tme train --options`) is unreadable or names an unknown option.
    case optionsFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownCohort(let name):
            return "no cohort named \"\(name)\" in tme.cohorts; ingest it first (tme ingest DIR --cohort \(name))"
        case .insufficientPatients(let found, let needed, let reason):
            return "\(found) usable patients, at least \(needed) needed: \(reason)"
        case .inconsistentTileFeatures(let expected, let found):
            return "slides store different tile features (\(expected.count) named \(expected.prefix(3).joined(separator: ", "))… vs "
                + "\(found.count) named \(found.prefix(3).joined(separator: ", "))…); re-run tme quantify --cohort with one version"
        case .featureMismatch(let modality, let trained, let found):
            let pairs: [(String, String)] = Array(zip(trained, found))
            let first: Int = pairs.firstIndex { $0.0 != $0.1 } ?? min(trained.count, found.count)
            return "the model's \(modality) features (\(trained.count)) differ from the cohort's (\(found.count)); "
                + "first difference at position \(first); re-quantify the cohort or retrain the model"
        case .modelFile(let path, let reason):
            return "\(path): \(reason)"
        case .truthFile(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        case .malformedArray(let table, let column):
            return "\(table).\(column): an array value is not a PostgreSQL array of numbers"
        case .optionsFile(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}
