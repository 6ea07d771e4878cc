/// Every genomic biomarker of one tumour sample: the row TMEScope stores in `genomic_biomarkers`.
/// A nil field means "not measured" (no MAF, no expression, too few genes, …), never zero.
public struct SampleGenomicBiomarkers: Sendable, Hashable, Codable {
    public var sample: String
    /// Distinct non-synonymous variants, TMB in mut/Mb and the capture size it was divided by.
    public var nonsynonymousCount: Int?
    public var tmbPerMegabase: Double?
    public var tmbHigh: Bool?
    public var captureMegabases: Double?
    /// T-cell-inflamed GEP and IFN-γ 6-gene scores (mean z-scores) and why either is missing.
    public var gepScore: Double?
    public var gepGenesUsed: Int?
    public var gepReason: String?
    public var ifngScore: Double?
    public var ifngGenesUsed: Int?
    public var ifngReason: String?
    /// Fraction of profiled genes with a copy-number alteration, 0…1.
    public var cnvBurden: Double?
    /// Mutated key genes (nil when no MAF covered the sample).
    public var mutatedKeyGenes: [String]?
    public var msiStatus: MSIStatus?

    public init(sample: String) { self.sample = sample }

    /// Joins per-sample results by sample id; samples present in any input appear once, in id order.
    /// Signature scores whose `score` is nil carry their `reason` into `gepReason` / `ifngReason`.
    public static func join(tmb: TMBReport? = nil, gep: [SignatureScore] = [], ifng: [SignatureScore] = [],
                            cnv: [SampleCNVBurden] = [], keyGenes: [SampleKeyGeneFlags] = [],
                            msi: [String: MSIStatus] = [:]) -> [SampleGenomicBiomarkers] {
        var rows: [String: SampleGenomicBiomarkers] = [:]
        func update(_ sample: String, _ body: (inout SampleGenomicBiomarkers) -> Void) {
            var row = rows[sample] ?? SampleGenomicBiomarkers(sample: sample)
            body(&row)
            rows[sample] = row
        }
        for s in tmb?.samples ?? [] {
            update(s.sample) {
                $0.nonsynonymousCount = s.nonsynonymous; $0.tmbPerMegabase = s.tmbPerMegabase
                $0.tmbHigh = s.isHigh; $0.captureMegabases = tmb?.parameters.captureMegabases
            }
        }
        for s in gep { update(s.sample) { $0.gepScore = s.score; $0.gepGenesUsed = s.genesUsed.count; $0.gepReason = s.reason } }
        for s in ifng { update(s.sample) { $0.ifngScore = s.score; $0.ifngGenesUsed = s.genesUsed.count; $0.ifngReason = s.reason } }
        for s in cnv { update(s.sample) { $0.cnvBurden = s.fraction } }
        for s in keyGenes { update(s.sample) { $0.mutatedKeyGenes = s.mutated } }
        for (sample, status) in msi { update(sample) { $0.msiStatus = status } }
        return rows.keys.sorted().compactMap { rows[$0] }
    }
}
