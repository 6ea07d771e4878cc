import BiomarkerStore
import Foundation
import Genomics

/// Writes one validated cohort inside the caller's transaction, kind by kind, touching only the
/// kinds whose files changed since the last ingest (see ``CohortIngest``).
struct CohortStore {
    let connection: Connection
    var contents: CohortContents
    let parameters: IngestParameters
    let digests: [CohortFileKind: String]
    private(set) var cohortId = 0
    private(set) var changedKinds: Set<CohortFileKind> = []
    private(set) var removedKinds: Set<CohortFileKind> = []
    /// Row counts recorded by the previous ingest, by kind.
    private(set) var storedRowCounts: [CohortFileKind: Int] = [:]
    private var patientPKs: [String: Int] = [:]
    private var samplePKs: [String: Int] = [:]

    init(connection: Connection, contents: CohortContents, parameters: IngestParameters, digests: [CohortFileKind: String]) {
        self.connection = connection
        self.contents = contents
        self.parameters = parameters
        self.digests = digests
    }

    var isUnchanged: Bool { changedKinds.isEmpty && removedKinds.isEmpty }

    /// Finds or creates the cohort row and decides which kinds changed.
    mutating func prepareCohort() throws {
        let format = contents.folder.format.rawValue, path = contents.folder.root.path
        if let row = try connection.query(IngestSQL.findCohort, [parameters.cohort]).first {
            cohortId = try row.decode("cohort_id")
            try connection.execute(IngestSQL.updateCohortSource, [cohortId, format, path])
        } else {
            cohortId = try connection.query(IngestSQL.insertCohort, [parameters.cohort, format, path])[0].decode("cohort_id")
        }
        for (kind, digest) in digests {
            let same = try connection.query(IngestSQL.fileUnchanged,
                                            [cohortId, kind.rawValue, digest, parameters.storedParameters(for: kind)])
            if same.isEmpty { changedKinds.insert(kind) }
        }
        for row in try connection.query(IngestSQL.storedKinds, [cohortId]) {
            let raw: String = try row.decode("kind")
            guard let kind = CohortFileKind(rawValue: raw) else { continue }
            storedRowCounts[kind] = try row.decode("row_count")
            if digests[kind] == nil { removedKinds.insert(kind) }
        }
    }

    private func touched(_ kind: CohortFileKind) -> Bool { changedKinds.contains(kind) || removedKinds.contains(kind) }

    // MARK: - Patients, samples, outcomes, slides

    mutating func writePatientsAndSamples() throws {
        if touched(.clinical) {
            var done = Set<String>()
            for r in contents.clinical where done.insert(r.patientId).inserted {
                try connection.execute(IngestSQL.upsertPatient, [
                    cohortId, r.patientId, r.ageYears, r.sex?.rawValue, r.tumorType, r.histology, r.stage, r.ecog,
                    r.lineOfTherapy, r.priorTherapy,
                ])
            }
            try connection.execute(IngestSQL.deleteOtherPatients, [cohortId, SQLTextArray(contents.patientIds)])
        }
        patientPKs = try keys(IngestSQL.patientKeys, "patient_id", "patient_pk")
        if touched(.clinical) {
            for r in contents.clinical {
                guard let sample = r.sampleId, let pk = patientPKs[r.patientId] else { continue }
                try connection.execute(IngestSQL.insertSample, [pk, sample])
            }
            try connection.execute(IngestSQL.deleteOtherSamples, [cohortId, SQLTextArray(contents.sampleIds)])
        }
        samplePKs = try keys(IngestSQL.sampleKeys, "sample_id", "sample_pk")
    }

    mutating func writeOutcomesAndSlides() throws {
        if touched(.outcomes) || touched(.clinical) {
            try connection.execute(IngestSQL.deleteOutcomes, [cohortId])
            for r in contents.outcomes {
                guard let pk = patientPKs[r.patientId] else { continue }
                try connection.execute(IngestSQL.insertOutcome, [
                    pk, r.bestResponse?.rawValue, r.overallSurvival?.months, r.overallSurvival?.event,
                    r.progressionFreeSurvival?.months, r.progressionFreeSurvival?.event,
                ])
            }
        }
        if touched(.slides) || touched(.clinical) {
            for s in contents.slides {
                guard let pk = patientPKs[s.patientId] else { continue }
                try connection.execute(IngestSQL.upsertSlide, [
                    pk, s.sampleId.flatMap { samplePKs[$0] }, s.slideId, s.stain, s.path, s.widthPx, s.heightPx,
                    s.micronsPerPixel,
                ])
            }
            let keys = contents.slides.map { $0.patientId + "\u{1F}" + $0.slideId }
            try connection.execute(IngestSQL.deleteOtherSlides, [cohortId, SQLTextArray(keys)])
        }
    }

    // MARK: - Genomic tables

    /// Streams the MAF (always: its sample references and TMB depend on the clinical table too) and
    /// COPYs it when the MAF itself changed.
    mutating func writeMutations(showProgress: Bool) throws -> CohortIngest.GenomicStream {
        let rewrite = touched(.mutations) || touched(.clinical)
        if rewrite { try connection.execute(IngestSQL.deleteCohortRows(.mutations), [cohortId]) }
        guard rewrite, contents.folder.files[.mutations] != nil else {
            return try CohortIngest.streamMutations(contents, parameters: parameters, samplePKs: nil, copy: { _, _ in },
                                                    showProgress: showProgress)
        }
        var result: CohortIngest.GenomicStream?
        let contents = self.contents, parameters = self.parameters, pks = samplePKs
        try connection.copy(into: IngestSQL.GenomicTable.mutations.rawValue, columns: IngestSQL.mutationColumns) { w in
            result = try CohortIngest.streamMutations(contents, parameters: parameters, samplePKs: pks, copy: { r, pk in
                w.append(pk); w.append(r.hugoSymbol); w.append(r.entrezGeneId); w.append(r.ncbiBuild)
                w.append(r.chromosome); w.append(r.startPosition); w.append(r.endPosition)
                w.append(r.variantClassification.rawValue); w.append(r.variantType); w.append(r.referenceAllele)
                w.append(r.tumorSeqAllele2); w.append(r.hgvspShort); w.append(r.tumorRefCount); w.append(r.tumorAltCount)
                try w.endRow()
            }, showProgress: showProgress)
        }
        return result!
    }

    func writeMatrices() throws {
        let unit = parameters.expressionScale == .log2 ? "log2" : "linear"
        let cnvKind = parameters.cnvKind == .copyNumberLog2 ? "log2_ratio" : "gistic"
        for (kind, table, matrix, label) in [(CohortFileKind.expression, IngestSQL.GenomicTable.expression, contents.expression, unit),
                                             (.cnv, .cnv, contents.cnv, cnvKind)] {
            guard touched(kind) || touched(.clinical) else { continue }
            try connection.execute(IngestSQL.deleteCohortRows(table), [cohortId])
            guard let matrix else { continue }
            let columns = kind == .expression ? IngestSQL.expressionColumns : IngestSQL.cnvColumns
            let pks = matrix.samples.map { samplePKs[$0] }
            try connection.copy(into: table.rawValue, columns: columns) { w in
                for g in matrix.genes.indices {
                    for s in matrix.samples.indices {
                        guard let pk = pks[s], let v = matrix.value(gene: g, sample: s) else { continue }
                        w.append(pk); w.append(matrix.genes[g]); w.append(v); w.append(label)
                        try w.endRow()
                    }
                }
            }
        }
    }

    func writeBiomarkers(_ rows: [SampleGenomicBiomarkers]) throws {
        try connection.execute(IngestSQL.deleteCohortRows(.biomarkers), [cohortId])
        try connection.copy(into: IngestSQL.GenomicTable.biomarkers.rawValue, columns: IngestSQL.biomarkerColumns) { w in
            for b in rows {
                guard let pk = samplePKs[b.sample] else { continue }
                w.append(pk); w.append(b.captureMegabases); w.append(b.nonsynonymousCount); w.append(b.tmbPerMegabase)
                w.append(b.tmbHigh); w.append(b.gepScore); w.append(b.gepGenesUsed); w.append(b.gepReason)
                w.append(b.ifngScore); w.append(b.ifngGenesUsed); w.append(b.ifngReason); w.append(b.cnvBurden)
                w.append(b.msiStatus?.rawValue)
                for gene in IngestSQL.keyGeneColumns { w.append(b.mutatedKeyGenes.map { $0.contains(gene) }) }
                try w.endRow()
            }
        }
    }

    /// `tme.samples.sequenced` of every sample of the cohort (NULL when no MAF was ingested).
    func writeSequenced() throws {
        try connection.execute(IngestSQL.updateSequenced, [cohortId, contents.folder.files[.mutations] != nil,
                                                           SQLTextArray(contents.sequencedSampleIds)])
    }

    func recordFiles() throws {
        for (kind, digest) in digests where changedKinds.contains(kind) {
            try connection.execute(IngestSQL.upsertFile, [
                cohortId, kind.rawValue, contents.folder.files[kind]!.lastPathComponent, digest,
                contents.rowCounts[kind] ?? 0, parameters.storedParameters(for: kind),
            ])
        }
        for kind in removedKinds { try connection.execute(IngestSQL.deleteFileKind, [cohortId, kind.rawValue]) }
    }

    private func keys(_ sql: String, _ idColumn: String, _ pkColumn: String) throws -> [String: Int] {
        var map: [String: Int] = [:]
        for row in try connection.query(sql, [cohortId]) { map[try row.decode(idColumn)] = try row.decode(pkColumn) }
        return map
    }
}
