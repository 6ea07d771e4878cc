import Foundation
import Genomics

/// The validated, cross-checked non-MAF contents of a cohort folder. The MAF is streamed later
/// (it can hold millions of rows); everything else is small enough to hold.
public struct CohortContents: Sendable {
    public var folder: CohortFolder
    /// One record per sample row of clinical.tsv (TMEScope: one sample per patient row).
    public var clinical: [ClinicalRecord]
    public var outcomes: [ClinicalRecord]
    public var slides: [SlideManifestRow]
    public var expression: GeneSampleMatrix?
    public var cnv: GeneSampleMatrix?
    /// Samples whose DNA was sequenced, and the file that says so (cBioPortal case list or clinical.tsv's
    /// `sequenced` column); nil: no such information, so with a MAF every sample counts as sequenced.
    public var sequencedSamples: Set<String>?
    public var sequencedSource: String?
    /// Rows read per kind (MAF filled in while streaming).
    public var rowCounts: [CohortFileKind: Int] = [:]

    /// Patient ids in first-seen order.
    public var patientIds: [String] {
        var seen = Set<String>()
        return clinical.map(\.patientId).filter { seen.insert($0).inserted }
    }

    /// Sample ids of clinical.tsv.
    public var sampleIds: [String] { clinical.compactMap(\.sampleId) }

    /// Sample ids of clinical.tsv that were sequenced (`sequencedSamples`, or all of them).
    public var sequencedSampleIds: [String] { sampleIds.filter { sequencedSamples?.contains($0) ?? true } }

    /// Reads and validates every file but the MAF. Throws `GenomicsError` for a malformed file and
    /// ``IngestError`` for references between files that do not resolve.
    public static func load(_ folder: CohortFolder, parameters: IngestParameters) throws -> CohortContents {
        guard let clinicalURL = folder.files[.clinical] else {
            throw IngestError.missingFile(folder: folder.root.path, file: "clinical.tsv")
        }
        var contents: CohortContents
        let clinicalName = clinicalURL.lastPathComponent
        let patientListName = folder.patientFile?.lastPathComponent ?? clinicalName
        if folder.format == .cbioportal {
            contents = try loadCBioPortalClinical(folder, sampleURL: clinicalURL)
        } else {
            let clinicalMap = try presentColumns(of: .tmescopeClinical, in: clinicalURL,
                                                 extra: ["msiStatus": "msi_status", "sequenced": "sequenced"])
            let clinical = try GenomicsFiles.clinical(path: clinicalURL.path, columns: clinicalMap)
            try checkPatientsAgree(clinical, file: clinicalName)
            contents = CohortContents(folder: folder, clinical: clinical, outcomes: [], slides: [])
        }
        let clinical = contents.clinical
        if clinical.isEmpty { throw GenomicsError.noData(source: clinicalName, what: "patients") }
        let patients = Set(clinical.map(\.patientId))
        let samples = Set(clinical.compactMap(\.sampleId))
        contents.rowCounts[.clinical] = clinical.count
        if folder.format == .tmescope, let url = folder.files[.outcomes] {
            let map = try presentColumns(of: .tmescopeOutcomes, in: url, extra: [:])
            contents.outcomes = try GenomicsFiles.clinical(path: url.path, columns: map)
            for row in contents.outcomes where !patients.contains(row.patientId) {
                throw IngestError.unknownReference(file: url.lastPathComponent, line: row.sourceLine, column: map.patientId,
                                                   kind: "patient", listedIn: clinicalName)
            }
            contents.rowCounts[.outcomes] = contents.outcomes.count
        }
        if let url = folder.files[.slides] {
            contents.slides = try readSlides(url)
            for row in contents.slides {
                if !patients.contains(row.patientId) {
                    throw IngestError.unknownReference(file: url.lastPathComponent, line: row.sourceLine, column: "patient_id",
                                                       kind: "patient", listedIn: patientListName)
                }
                if let s = row.sampleId, !samples.contains(s) {
                    throw IngestError.unknownReference(file: url.lastPathComponent, line: row.sourceLine, column: "sample_id",
                                                       kind: "sample", listedIn: clinicalName)
                }
            }
            contents.rowCounts[.slides] = contents.slides.count
        }
        for (kind, matrixKind) in [(CohortFileKind.expression, GeneMatrixKind.expression), (.cnv, parameters.cnvKind)] {
            guard let url = folder.files[kind] else { continue }
            let (matrix, headerLine) = try readMatrix(url, kind: matrixKind)
            if let i = matrix.samples.firstIndex(where: { !samples.contains($0) }) {
                throw IngestError.unknownReference(file: url.lastPathComponent, line: headerLine,
                                                   column: "sample column \(i + 1)", kind: "sample", listedIn: clinicalName)
            }
            if kind == .expression { contents.expression = matrix } else { contents.cnv = matrix }
            contents.rowCounts[kind] = matrix.genes.count
        }
        try contents.loadSequenced(samples: samples, clinicalName: clinicalName)
        if folder.files[.mutations] != nil, parameters.captureMegabases == nil {
            throw IngestError.captureSizeRequired(file: folder.files[.mutations]!.lastPathComponent)
        }
        return contents
    }

    /// Which samples were sequenced: the cBioPortal case list `*_sequenced`, else clinical.tsv's `sequenced`
    /// column (an empty cell counts as not sequenced), else nil (all). A listed sample the clinical table
    /// lacks is an error naming the file and line.
    mutating func loadSequenced(samples: Set<String>, clinicalName: String) throws {
        if let url = folder.sequencedCaseList {
            let (ids, line) = try CBioPortalStudy.readCaseList(url)
            if ids.contains(where: { !samples.contains($0) }) {
                throw IngestError.unknownReference(file: "case_lists/" + url.lastPathComponent, line: line, column: "case_list_ids",
                                                   kind: "sample", listedIn: clinicalName)
            }
            sequencedSamples = Set(ids)
            sequencedSource = "case_lists/" + url.lastPathComponent
        } else if clinical.contains(where: { $0.sequenced != nil }) {
            sequencedSamples = Set(clinical.filter { $0.sequenced == true }.compactMap(\.sampleId))
            sequencedSource = clinicalName + " (column sequenced)"
        }
    }

    /// cBioPortal: patient attributes (clinical fields and outcomes) joined to sample attributes
    /// (SAMPLE_ID → PATIENT_ID, tumour type, histology, MSI). Sample-level values win; a patient's
    /// tumour type and histology come from its first sample.
    static func loadCBioPortalClinical(_ folder: CohortFolder, sampleURL: URL) throws -> CohortContents {
        guard let patientURL = folder.patientFile else {
            throw IngestError.missingFile(folder: folder.root.path, file: "a meta file with datatype: PATIENT_ATTRIBUTES")
        }
        let patientMap = try presentColumns(of: .cBioPortalPatient, in: patientURL, extra: ["msiStatus": "MSI_STATUS"])
        let patientRows = try GenomicsFiles.clinical(path: patientURL.path, columns: patientMap)
        let sampleMap = try presentColumns(of: .cBioPortalSampleDetailed, in: sampleURL, extra: [:])
        let sampleRows = try GenomicsFiles.clinical(path: sampleURL.path, columns: sampleMap)
        let byPatient = Dictionary(uniqueKeysWithValues: patientRows.map { ($0.patientId, $0) })
        var clinical: [ClinicalRecord] = []
        var withSamples = Set<String>()
        for s in sampleRows {
            guard var r = byPatient[s.patientId] else {
                throw IngestError.unknownReference(file: sampleURL.lastPathComponent, line: s.sourceLine, column: "PATIENT_ID",
                                                   kind: "patient", listedIn: patientURL.lastPathComponent)
            }
            if withSamples.insert(s.patientId).inserted {
                r.tumorType = s.tumorType ?? r.tumorType
                r.histology = s.histology ?? r.histology
            } else if let first = clinical.first(where: { $0.patientId == s.patientId }) {
                r.tumorType = first.tumorType
                r.histology = first.histology
            }
            r.sampleId = s.sampleId
            r.msiStatus = s.msiStatus ?? r.msiStatus
            r.sourceLine = s.sourceLine
            r.bestResponse = nil; r.overallSurvival = nil; r.progressionFreeSurvival = nil
            clinical.append(r)
        }
        for p in patientRows where !withSamples.contains(p.patientId) {
            var r = p
            r.bestResponse = nil; r.overallSurvival = nil; r.progressionFreeSurvival = nil
            clinical.append(r)
        }
        let hasOutcomes = patientMap.bestResponse != nil || patientMap.osMonths != nil || patientMap.pfsMonths != nil
        var contents = CohortContents(folder: folder, clinical: clinical, outcomes: hasOutcomes ? patientRows : [], slides: [])
        contents.rowCounts[.outcomes] = patientRows.count
        return contents
    }

    /// The map restricted to the optional columns the file has (patient and sample id stay required).
    static func presentColumns(of map: ClinicalColumnMap, in url: URL, extra: [String: String]) throws -> ClinicalColumnMap {
        let header = Set(try GenomicsFiles.headerColumns(path: url.path))
        func keep(_ column: String?) -> String? { column.flatMap { header.contains($0) ? $0 : nil } }
        var m = map
        m.age = keep(m.age); m.sex = keep(m.sex); m.tumorType = keep(m.tumorType); m.stage = keep(m.stage)
        m.histology = keep(m.histology); m.priorTherapy = keep(m.priorTherapy); m.ecog = keep(m.ecog)
        m.lineOfTherapy = keep(m.lineOfTherapy); m.bestResponse = keep(m.bestResponse)
        m.osMonths = keep(m.osMonths); m.osStatus = keep(m.osStatus); m.pfsMonths = keep(m.pfsMonths)
        m.pfsStatus = keep(m.pfsStatus); m.genomeBuild = keep(m.genomeBuild)
        m.msiStatus = keep(m.msiStatus ?? extra["msiStatus"])
        m.sequenced = keep(m.sequenced ?? extra["sequenced"])
        // A time without its status column (or the reverse) stays declared so the parser reports it.
        if (m.osMonths == nil) != (m.osStatus == nil) { m.osMonths = map.osMonths; m.osStatus = map.osStatus }
        if (m.pfsMonths == nil) != (m.pfsStatus == nil) { m.pfsMonths = map.pfsMonths; m.pfsStatus = map.pfsStatus }
        return m
    }

    /// Rows of one patient (several samples) must agree on patient-level fields.
    static func checkPatientsAgree(_ rows: [ClinicalRecord], file: String) throws {
        var first: [String: ClinicalRecord] = [:]
        for row in rows {
            var normalized = row
            normalized.sampleId = nil
            normalized.sourceLine = 0
            normalized.sequenced = nil
            if let earlier = first[row.patientId] {
                guard earlier == normalized else {
                    throw GenomicsError.inconsistentRow(SourceLocation(source: file, line: row.sourceLine),
                                                        message: "patient-level values differ from the same patient's earlier row")
                }
            } else {
                first[row.patientId] = normalized
            }
        }
    }

    static func readSlides(_ url: URL) throws -> [SlideManifestRow] {
        let file = try CompressedTextFile(path: url.path)
        var parser = SlideManifestParser(source: url.lastPathComponent)
        var rows: [SlideManifestRow] = []
        try GenomicsError.reading {
            try file.forEachRecord(format: SlideManifestParser.format) { if let r = try parser.parse(record: $0) { rows.append(r) } }
        }
        try parser.finish()
        return rows
    }

    static func readMatrix(_ url: URL, kind: GeneMatrixKind) throws -> (GeneSampleMatrix, Int) {
        try GenomicsFiles.matrixWithHeaderLine(path: url.path, kind: kind)
    }
}
