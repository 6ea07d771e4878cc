/// Counts tumour mutational burden while MAF records stream past.
///
/// Definition: for each `Tumor_Sample_Barcode`,
///
///     TMB = |{ distinct variants with Variant_Classification ∈ C }| / capture size (Mb)
///
/// where C is the maftools non-synonymous set (Frame_Shift_Del, Frame_Shift_Ins, Splice_Site,
/// Translation_Start_Site, Nonsense_Mutation, Nonstop_Mutation, In_Frame_Del, In_Frame_Ins,
/// Missense_Mutation) and a variant is identified by sample, chromosome, start, end, reference and
/// alternate allele (``MAFVariantKey``): rows repeating a variant count once. TMB-high means
/// TMB ≥ 10 mut/Mb by default. Samples whose rows are all of other classes get TMB 0.
/// References: Mayakonda et al. 2018 (maftools, `tmb()`); Chalmers et al. 2017 (TMB definition);
/// Marabelle et al. 2020 (≥ 10 mut/Mb).
///
/// Example: capture 2 Mb, sample S with rows Missense (chr1:100 A>T), the same row again, Silent,
/// Nonsense → nonsynonymous 2, TMB 1.0, not high.
///
/// Memory: one key per distinct counted variant.
public struct TMBCounter: Sendable {
    public let parameters: TMBParameters
    private var seen: [String: Set<MAFVariantKey>] = [:]
    private var duplicates: [String: Int] = [:]
    private var totals: [String: Int] = [:]

    /// Throws ``GenomicsError/invalidParameter(name:value:expected:)`` for an invalid capture size or cut-off.
    public init(parameters: TMBParameters) throws {
        try parameters.validate()
        self.parameters = parameters
    }

    /// Adds one MAF row.
    public mutating func add(_ record: MAFRecord) {
        let sample = record.tumorSampleBarcode
        totals[sample, default: 0] += 1
        if seen[sample] == nil { seen[sample] = [] }
        guard parameters.countedClasses.contains(record.variantClassification) else { return }
        if !seen[sample, default: []].insert(record.variantKey).inserted {
            duplicates[sample, default: 0] += 1
        }
    }

    /// Adds many rows.
    public mutating func add<S: Sequence>(contentsOf records: S) where S.Element == MAFRecord {
        for record in records { add(record) }
    }

    /// Per-sample TMB in barcode order.
    public func report() -> TMBReport {
        let samples = seen.keys.sorted().map { sample -> SampleTMB in
            let n = seen[sample]?.count ?? 0
            let tmb = Double(n) / parameters.captureMegabases
            return SampleTMB(sample: sample, nonsynonymous: n, duplicateRows: duplicates[sample] ?? 0,
                             totalRows: totals[sample] ?? 0, tmbPerMegabase: tmb,
                             isHigh: tmb >= parameters.highThresholdPerMegabase)
        }
        return TMBReport(parameters: parameters, samples: samples)
    }
}
