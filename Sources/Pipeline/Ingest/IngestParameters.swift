import Genomics

/// Parameters of one `tme ingest` run, stored (per file kind) in `tme.ingested_files.parameters`.
public struct IngestParameters: Sendable, Hashable, Codable {
    /// Cohort name: 1–64 of letters, digits, `_`, `.`, `-`.
    public var cohort: String
    /// Captured territory of the sequencing assay in Mb; required when the folder has a MAF
    /// (e.g. 38 for a whole exome, 0.8 for FoundationOne CDx). Range (0, 3200].
    public var captureMegabases: Double?
    /// Units of expression.tsv: `linear` (RSEM, TPM; log2(x+1) before scoring) or `log2`. Default linear.
    public var expressionScale: ExpressionScale
    /// cnv.tsv holds discrete calls (−2…2, default) or log2 ratios.
    public var cnvKind: GeneMatrixKind
    /// Validate and report without writing.
    public var dryRun: Bool

    public init(cohort: String, captureMegabases: Double? = nil, expressionScale: ExpressionScale = .linear,
                cnvKind: GeneMatrixKind = .copyNumberCalls, dryRun: Bool = false) {
        self.cohort = cohort
        self.captureMegabases = captureMegabases
        self.expressionScale = expressionScale
        self.cnvKind = cnvKind
        self.dryRun = dryRun
    }

    /// Throws for an invalid cohort name or capture size.
    public func validate() throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
        guard (1...64).contains(cohort.count), cohort.allSatisfy({ allowed.contains($0) }) else {
            throw IngestError.invalidCohortName(cohort)
        }
        if let captureMegabases { try TMBParameters(captureMegabases: captureMegabases).validate() }
    }

    /// Parameters JSON stored for a kind of file (what shaped its stored values).
    func storedParameters(for kind: CohortFileKind) -> String {
        switch kind {
        case .mutations: return "{\"capture_mb\": \(captureMegabases.map { "\($0)" } ?? "null")}"
        case .expression: return "{\"scale\": \"\(expressionScale.rawValue)\"}"
        case .cnv: return "{\"kind\": \"\(cnvKind.rawValue)\"}"
        default: return "{}"
        }
    }
}
