/// Errors of `tme ingest` beyond single-file parsing (which throws `Genomics.GenomicsError`):
/// the folder's layout, references between files, and missing inputs. Identifiers are never
/// echoed; messages name the file, line and column instead.
public enum IngestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The folder is neither a TMEScope cohort folder nor a cBioPortal study folder.
    case unrecognisedFolder(path: String)
    /// A format was recognised but a file it requires is absent.
    case missingFile(folder: String, file: String)
    /// The cohort name does not match `^[A-Za-z0-9_.-]{1,64}$`.
    case invalidCohortName(String)
    /// A row (or matrix column) refers to a patient or sample the clinical table does not list.
    case unknownReference(file: String, line: Int, column: String, kind: String, listedIn: String)
    /// A MAF is present but no capture size was given.
    case captureSizeRequired(file: String)
    /// A value of the slide manifest is malformed.
    case invalidSlideValue(file: String, line: Int, column: String, value: String, expected: String)
    /// Two files of one folder are in different genome builds.
    case mixedGenomeBuilds(file: String, line: Int, found: String, expected: String, from: String)
    /// A MAF row belongs to a sample that the case list (or the `sequenced` column) says was not sequenced.
    case mutationOfUnsequencedSample(file: String, line: Int, sequencedList: String)
    /// A tumour type that is not in the vocabulary (`tme.tumor_type_synonyms`).
    case unknownTumorType(file: String, line: Int, column: String, value: String, accepted: [String])

    public var description: String {
        switch self {
        case .unrecognisedFolder(let path):
            return "\(path): not a cohort folder (expected clinical.tsv for the TMEScope layout, "
                + "or meta_study.txt with data_*.txt for a cBioPortal study)"
        case .missingFile(let folder, let file):
            return "\(folder): \(file) is missing; the cohort cannot be loaded without it"
        case .invalidCohortName(let name):
            return "cohort name \"\(name)\" is not 1–64 letters, digits, '_', '.' or '-'"
        case .unknownReference(let file, let line, let column, let kind, let listedIn):
            return "\(file):\(line): \(column) names a \(kind) that \(listedIn) does not list; "
                + "add it there or remove the row"
        case .captureSizeRequired(let file):
            return "\(file): TMB needs the captured territory; pass --capture-mb (e.g. 38 for an exome)"
        case .invalidSlideValue(let file, let line, let column, let value, let expected):
            return "\(file):\(line): \(column) \"\(value)\" is not \(expected)"
        case .mixedGenomeBuilds(let file, let line, let found, let expected, let from):
            return "\(file):\(line): NCBI_Build \"\(found)\" differs from \"\(expected)\" in \(from); "
                + "lift all data to one build before loading"
        case .mutationOfUnsequencedSample(let file, let line, let list):
            return "\(file):\(line): Tumor_Sample_Barcode names a sample that \(list) does not list as sequenced; "
                + "add the sample there or remove its mutations"
        case .unknownTumorType(let file, let line, let column, let value, let accepted):
            return "\(file):\(line): \(column) \"\(value)\" is not a known tumour type; accepted: OncoTree codes "
                + accepted.joined(separator: ", ") + " (or their names and common synonyms, tme.tumor_type_synonyms)"
        }
    }
}
