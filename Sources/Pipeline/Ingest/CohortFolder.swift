import Foundation
import Genomics

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
    /// Paths by kind; only the kinds present. cBioPortal: `.clinical` is data_clinical_sample.txt and
    /// `.outcomes` data_clinical_patient.txt (which also holds the patient-level clinical fields).
    public let files: [CohortFileKind: URL]
    /// cBioPortal: the patient attribute file (patient-level clinical fields and outcomes).
    public let patientFile: URL?
    /// cBioPortal: the CNV value kind declared by meta_cna (`DISCRETE` → calls, `LOG2-VALUE`/`CONTINUOUS` → log2).
    public let declaredCNVKind: GeneMatrixKind?
    /// cBioPortal: the case list of sequenced samples, when the study has one.
    public let sequencedCaseList: URL?

    /// Files whose bytes decide whether a kind changed (cBioPortal clinical = patient + sample files, and the
    /// sequenced case list when there is one).
    public func digestFiles(_ kind: CohortFileKind) -> [URL] {
        guard let url = files[kind] else { return [] }
        if kind == .clinical, let patientFile { return [patientFile, url] + (sequencedCaseList.map { [$0] } ?? []) }
        return [url]
    }

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
            self.patientFile = nil
            self.declaredCNVKind = nil
            self.sequencedCaseList = nil
        } else if fm.fileExists(atPath: root.appendingPathComponent("meta_study.txt").path) {
            let study = try CBioPortalStudy(root: root)
            guard let samples = study.sampleFile else {
                throw IngestError.missingFile(folder: path, file: "a meta file with datatype: SAMPLE_ATTRIBUTES (data_clinical_sample.txt)")
            }
            files[.clinical] = samples
            files[.outcomes] = study.patientFile
            files[.mutations] = study.mutationFile
            files[.expression] = study.expressionFile
            files[.cnv] = study.cnvFile?.url
            files[.slides] = existing(["slides.tsv"])
            self.format = .cbioportal
            self.patientFile = study.patientFile
            self.declaredCNVKind = study.cnvFile?.kind
            self.sequencedCaseList = study.sequencedCaseList
        } else {
            throw IngestError.unrecognisedFolder(path: path)
        }
        self.root = root
        self.files = files
    }
}
