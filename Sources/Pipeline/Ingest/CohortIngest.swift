import BiomarkerStore
import Foundation
import Genomics
import TMECore

/// `tme ingest DIR --cohort NAME`: validates a cohort folder and loads it into PostgreSQL.
///
/// 1. Every file is parsed and validated, and references between files are checked (outcomes,
///    slides, matrix columns and MAF rows must name patients/samples of clinical.tsv) — before
///    anything is written, except the MAF, which is validated while it streams inside the transaction.
/// 2. One transaction per cohort: any error rolls everything back, so either all of it lands or none.
/// 3. Each file's SHA-256 and parameters are compared with `tme.ingested_files`: identical files
///    change nothing; a changed file replaces that cohort's rows of that kind (patients and slides
///    are upserted, so slide quantification survives a corrected clinical table).
/// 4. Genomic biomarkers (TMB, GEP, IFN-γ, CNV burden, key genes, MSI) are recomputed whenever
///    anything changed. With a MAF, every sequenced sample without a MAF row has TMB 0; which samples were
///    sequenced comes from the cBioPortal case list `*_sequenced` or clinical.tsv's `sequenced` column (all
///    samples when neither exists); the others have NULL TMB and key-gene flags (not measured).
public enum CohortIngest {
    /// Runs the ingest; `connection` may be nil only for a dry run (which then cannot check tumour types
    /// against the vocabulary in the database; with a connection a dry run checks them and writes nothing).
    public static func run(directory: String, parameters: IngestParameters, connection: Connection?,
                           showProgress: Bool = false) throws -> IngestReport {
        let started = Date()
        try parameters.validate()
        let folder = try CohortFolder(path: directory)
        var parameters = parameters
        if let declared = folder.declaredCNVKind { parameters.cnvKind = declared }
        var contents = try CohortContents.load(folder, parameters: parameters)
        var digests: [CohortFileKind: String] = [:]
        for kind in folder.files.keys {
            let parts = try folder.digestFiles(kind).map { try fileSHA256($0) }
            digests[kind] = parts.count == 1 ? parts[0] : SHA256.hex(Array(parts.joined(separator: "+").utf8))
        }

        if let connection { try validateTumorTypes(contents, on: connection) }
        guard !parameters.dryRun, let connection else {
            let genomic = try streamMutations(contents, parameters: parameters, samplePKs: nil, copy: { _, _ in }, showProgress: showProgress)
            contents.rowCounts[.mutations] = genomic.rows
            let biomarkers = biomarkerRows(contents, parameters: parameters, tmb: genomic.tmb, flags: genomic.flags)
            return report(contents, parameters, unchanged: false, written: [], biomarkers: biomarkers.count, started: started)
        }
        return try connection.transaction { c in
            var writer = CohortStore(connection: c, contents: contents, parameters: parameters, digests: digests)
            try writer.prepareCohort()
            if writer.isUnchanged {
                contents.rowCounts.merge(writer.storedRowCounts) { $1 }
                return report(contents, parameters, unchanged: true, written: [], biomarkers: 0, started: started)
            }
            try writer.writePatientsAndSamples()
            try writer.writeOutcomesAndSlides()
            let genomic = try writer.writeMutations(showProgress: showProgress)
            contents.rowCounts[.mutations] = genomic.rows
            writer.contents.rowCounts[.mutations] = genomic.rows
            try writer.writeMatrices()
            let biomarkers = biomarkerRows(contents, parameters: parameters, tmb: genomic.tmb, flags: genomic.flags)
            try writer.writeBiomarkers(biomarkers)
            try writer.writeSequenced()
            try writer.recordFiles()
            return report(contents, parameters, unchanged: false, written: writer.changedKinds, biomarkers: biomarkers.count,
                          started: started)
        }
    }

    // MARK: - MAF streaming

    struct GenomicStream {
        var tmb: TMBReport?
        var flags: [SampleKeyGeneFlags]
        var rows: Int
    }

    /// Streams the MAF once: validates sample references, counts TMB and key genes, and hands each
    /// record with its sample key to `copy` when `samplePKs` is given.
    static func streamMutations(_ contents: CohortContents, parameters: IngestParameters, samplePKs: [String: Int]?,
                                copy: (MAFRecord, Int) throws -> Void, showProgress: Bool) throws -> GenomicStream {
        guard let url = contents.folder.files[.mutations], let capture = parameters.captureMegabases else {
            return GenomicStream(tmb: nil, flags: [], rows: 0)
        }
        let known = Set(contents.sampleIds)
        var counter = try TMBCounter(parameters: TMBParameters(captureMegabases: capture))
        var flags = KeyGeneMutations()
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        let progress = showProgress && size > 20_000_000 ? ProgressReporter("mutations", total: nil, unit: "rows") : nil
        var rows = 0
        try GenomicsFiles.forEachMAFRecord(path: url.path) { record in
            guard known.contains(record.tumorSampleBarcode) else {
                throw IngestError.unknownReference(file: url.lastPathComponent, line: record.sourceLine,
                                                   column: "Tumor_Sample_Barcode", kind: "sample",
                                                   listedIn: contents.folder.files[.clinical]?.lastPathComponent ?? "clinical.tsv")
            }
            if let sequenced = contents.sequencedSamples, !sequenced.contains(record.tumorSampleBarcode) {
                throw IngestError.mutationOfUnsequencedSample(file: url.lastPathComponent, line: record.sourceLine,
                                                              sequencedList: contents.sequencedSource ?? "the case list")
            }
            counter.add(record)
            flags.add(record)
            if let pk = samplePKs?[record.tumorSampleBarcode] { try copy(record, pk) }
            rows += 1
            if rows % 50_000 == 0 { progress?.advance(by: 50_000) }
        }
        progress?.advance(by: rows % 50_000)
        progress?.finish()
        // Sequenced samples (all, unless a case list or the sequenced column says otherwise) without a MAF row have
        // TMB 0 and no key-gene mutation; the others get no TMB row at all: NULL, not measured.
        var report = counter.report()
        let present = Set(report.samples.map(\.sample))
        let sequenced = contents.sequencedSampleIds
        for sample in sequenced where !present.contains(sample) {
            report.samples.append(SampleTMB(sample: sample, nonsynonymous: 0, duplicateRows: 0, totalRows: 0,
                                            tmbPerMegabase: 0, isHigh: false))
        }
        report.samples.sort { $0.sample < $1.sample }
        var allFlags = flags.flags()
        let flagged = Set(allFlags.map(\.sample))
        for sample in sequenced where !flagged.contains(sample) {
            allFlags.append(SampleKeyGeneFlags(sample: sample, mutated: [], evaluated: KeyGeneMutations.defaultGenes))
        }
        return GenomicStream(tmb: report, flags: allFlags, rows: rows)
    }

    // MARK: - Biomarkers

    static func biomarkerRows(_ contents: CohortContents, parameters: IngestParameters, tmb: TMBReport?,
                              flags: [SampleKeyGeneFlags]) -> [SampleGenomicBiomarkers] {
        let signatureParameters = SignatureParameters(scale: parameters.expressionScale)
        let gep = contents.expression.flatMap { try? SignatureScorer.score(.tCellInflamedGEP, in: $0, parameters: signatureParameters) } ?? []
        let ifng = contents.expression.flatMap { try? SignatureScorer.score(.ifnGamma6, in: $0, parameters: signatureParameters) } ?? []
        let cnv = contents.cnv.flatMap { try? CNVBurden.compute($0, kind: parameters.cnvKind) } ?? []
        var msi: [String: MSIStatus] = [:]
        for row in contents.clinical { if let s = row.sampleId, let m = row.msiStatus { msi[s] = m } }
        return SampleGenomicBiomarkers.join(tmb: tmb, gep: gep, ifng: ifng, cnv: cnv, keyGenes: flags, msi: msi)
    }

    // MARK: - Vocabulary

    /// Every tumour type must be an OncoTree code, name or synonym of `tme.tumor_type_synonyms`; the first that
    /// is not is reported with its file and line and the accepted codes (`IngestError.unknownTumorType`).
    static func validateTumorTypes(_ contents: CohortContents, on connection: Connection) throws {
        guard contents.clinical.contains(where: { $0.tumorType != nil }) else { return }
        let table = try Vocabulary.tumorType.load(on: connection)
        for row in contents.clinical {
            guard let value = row.tumorType, table.node(for: value) == nil else { continue }
            let cbio = contents.folder.format == .cbioportal
            throw IngestError.unknownTumorType(file: contents.folder.files[.clinical]?.lastPathComponent ?? "clinical.tsv",
                                               line: row.sourceLine, column: cbio ? "ONCOTREE_CODE" : "tumor_type",
                                               value: value, accepted: table.nodes)
        }
    }

    // MARK: - Helpers

    static func fileSHA256(_ url: URL) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw GenomicsInputError.cannotOpen(path: url.path, reason: "not readable")
        }
        defer { try? handle.close() }
        return try SHA256.hex(reading: handle)
    }

    static func report(_ contents: CohortContents, _ parameters: IngestParameters, unchanged: Bool,
                       written: Set<CohortFileKind>, biomarkers: Int, started: Date) -> IngestReport {
        let files = CohortFileKind.allCases.compactMap { kind -> IngestReport.FileSummary? in
            guard let url = contents.folder.files[kind] else { return nil }
            return IngestReport.FileSummary(kind: kind, fileName: url.lastPathComponent, rows: contents.rowCounts[kind] ?? 0,
                                            written: written.contains(kind))
        }
        return IngestReport(cohort: parameters.cohort, format: contents.folder.format, dryRun: parameters.dryRun,
                            unchanged: unchanged, files: files, biomarkerSamples: biomarkers,
                            seconds: Date().timeIntervalSince(started))
    }
}
