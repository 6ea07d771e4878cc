import Foundation

/// Kinds of cohort input file; also the `kind` of `tme.ingested_files`.
public enum CohortFileKind: String, Sendable, Hashable, Codable, CaseIterable {
    case clinical, outcomes, mutations, expression, cnv, slides
}

/// Layout of a cohort folder.
public enum CohortFormat: String, Sendable, Hashable, Codable {
    /// `clinical.tsv outcomes.tsv mutations.maf expression.tsv cnv.tsv slides.tsv` (CohortSimulator's layout).
    case tmescope
    /// `meta_study.txt` with `data_clinical_patient.txt`, `data_clinical_sample.txt`, `data_mutations*.txt`, …
    case cbioportal
}

/// The files of one cohort folder, found by name. Each kind may be plain, `.gz`, or (for tables) `.csv`.
public struct CohortFolder: Sendable, Hashable {
    public let root: URL
    public let format: CohortFormat
    /// Paths by kind; only the kinds present.
    public let files: [CohortFileKind: URL]

    static let tmescopeNames: [CohortFileKind: [String]] = [
        .clinical: ["clinical.tsv", "clinical.csv"],
        .outcomes: ["outcomes.tsv", "outcomes.csv"],
        .mutations: ["mutations.maf", "mutations.maf.gz"],
        .expression: ["expression.tsv", "expression.tsv.gz"],
        .cnv: ["cnv.tsv", "cnv.tsv.gz"],
        .slides: ["slides.tsv"],
    ]

    /// Detects the layout of `path`; throws ``IngestError/unrecognisedFolder(path:)`` or
    /// ``IngestError/missingFile(folder:file:)``.
    public init(path: String) throws {
        let root = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        let fm = FileManager.default
        func existing(_ names: [String]) -> URL? {
            for name in names {
                for candidate in [name, name + ".gz"] where !candidate.hasSuffix(".gz.gz") {
                    let url = root.appendingPathComponent(candidate)
                    if fm.fileExists(atPath: url.path) { return url }
                }
            }
            return nil
        }
        var files: [CohortFileKind: URL] = [:]
        if existing(["clinical.tsv", "clinical.csv"]) != nil {
            for (kind, names) in Self.tmescopeNames { files[kind] = existing(names) }
            self.format = .tmescope
        } else if fm.fileExists(atPath: root.appendingPathComponent("meta_study.txt").path) {
            throw IngestError.missingFile(folder: path, file: "a TMEScope layout (cBioPortal study folders are not supported by this draft yet)")
        } else {
            throw IngestError.unrecognisedFolder(path: path)
        }
        self.root = root
        self.files = files
    }
}
