/// Which immunotherapy-relevant genes carry a non-synonymous mutation, per sample.
///
/// Rule: gene G is mutated in sample s when s has at least one MAF row with Hugo_Symbol = G and a
/// Variant_Classification in the maftools non-synonymous set. Default genes: STK11, KEAP1 (resistance
/// in NSCLC, Skoulidis et al. 2018), PTEN (Peng et al. 2016), B2M, JAK1, JAK2 (antigen presentation /
/// IFN-γ signalling loss, Zaretsky et al. 2016), POLE (hypermutation), TP53, KRAS, EGFR (NSCLC drivers
/// associated with response), SMARCA4, ARID1A.
/// Example: rows STK11 Missense, KRAS Silent → STK11 true, KRAS false.
public struct KeyGeneMutations: Sendable {
    /// The default key genes, in report order.
    public static let defaultGenes = ["STK11", "KEAP1", "PTEN", "B2M", "JAK1", "JAK2", "POLE",
                                      "TP53", "KRAS", "EGFR", "SMARCA4", "ARID1A"]

    public let genes: [String]
    private let geneSet: Set<String>
    private var mutated: [String: Set<String>] = [:]

    public init(genes: [String] = KeyGeneMutations.defaultGenes) {
        self.genes = genes
        self.geneSet = Set(genes)
    }

    /// Adds one MAF row (every sample seen gets an entry, mutated or not).
    public mutating func add(_ record: MAFRecord) {
        let sample = record.tumorSampleBarcode
        if mutated[sample] == nil { mutated[sample] = [] }
        if record.variantClassification.isNonsynonymous, geneSet.contains(record.hugoSymbol) {
            mutated[sample]?.insert(record.hugoSymbol)
        }
    }

    /// Flags per sample, samples in barcode order.
    public func flags() -> [SampleKeyGeneFlags] {
        mutated.keys.sorted().map { sample in
            let set = mutated[sample] ?? []
            return SampleKeyGeneFlags(sample: sample, mutated: genes.filter { set.contains($0) }, evaluated: genes)
        }
    }
}

/// Key-gene mutation status of one sample.
public struct SampleKeyGeneFlags: Sendable, Hashable, Codable {
    public var sample: String
    /// Mutated key genes, in key-gene order.
    public var mutated: [String]
    /// Every gene that was checked.
    public var evaluated: [String]

    public init(sample: String, mutated: [String], evaluated: [String]) {
        self.sample = sample
        self.mutated = mutated
        self.evaluated = evaluated
    }

    /// True when `gene` was checked and is mutated; nil when it was not checked.
    public func isMutated(_ gene: String) -> Bool? {
        evaluated.contains(gene) ? mutated.contains(gene) : nil
    }
}
