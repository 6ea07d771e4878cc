/// A named gene set scored as a mean of per-gene z-scores (see ``SignatureScorer``).
public struct GeneSignature: Sendable, Hashable, Codable {
    /// Short identifier stored with scores (`tcell_inflamed_gep`, `ifng_6`).
    public var name: String
    /// HGNC symbols, matched exactly against the expression matrix's gene column.
    public var genes: [String]
    /// Fewest genes that must be measured (present, non-constant across the cohort, and non-missing in
    /// the sample) for a score; with fewer the score is nil with a reason. Range 1…genes.count.
    public var minimumGenes: Int
    /// Where the gene list comes from.
    public var reference: String

    public init(name: String, genes: [String], minimumGenes: Int, reference: String) {
        self.name = name
        self.genes = genes
        self.minimumGenes = minimumGenes
        self.reference = reference
    }

    /// The 18-gene T-cell-inflamed gene expression profile of Ayers et al. 2017 (J Clin Invest
    /// 127:2930) and Cristescu et al. 2018 (Science 362:eaar3593). Minimum 15 of 18 genes (⌈0.8·18⌉).
    /// Note: the clinical assay uses platform-specific weights on NanoString data; TMEScope's score
    /// is the unweighted mean of z-scores, comparable within a cohort only.
    public static let tCellInflamedGEP = GeneSignature(
        name: "tcell_inflamed_gep",
        genes: ["CCL5", "CD27", "CD274", "CD276", "CD8A", "CMKLR1", "CXCL9", "CXCR6", "HLA-DQA1",
                "HLA-DRB1", "HLA-E", "IDO1", "LAG3", "NKG7", "PDCD1LG2", "PSMB10", "STAT1", "TIGIT"],
        minimumGenes: 15,
        reference: "Ayers et al. 2017, J Clin Invest 127:2930-2940")

    /// The 6-gene IFN-γ signature of Ayers et al. 2017 (preliminary IFN-γ score). Minimum 5 of 6 genes (⌈0.8·6⌉).
    public static let ifnGamma6 = GeneSignature(
        name: "ifng_6",
        genes: ["CXCL9", "CXCL10", "HLA-DRA", "IDO1", "IFNG", "STAT1"],
        minimumGenes: 5,
        reference: "Ayers et al. 2017, J Clin Invest 127:2930-2940")

    /// Throws when the gene list is empty, has duplicates, or `minimumGenes` is out of range.
    public func validate() throws {
        guard !genes.isEmpty, Set(genes).count == genes.count else {
            throw GenomicsError.invalidParameter(name: "\(name).genes", value: "\(genes.count) genes",
                                                 expected: "a non-empty list without duplicates")
        }
        guard minimumGenes >= 1, minimumGenes <= genes.count else {
            throw GenomicsError.invalidParameter(name: "\(name).minimumGenes", value: "\(minimumGenes)",
                                                 expected: "within 1…\(genes.count)")
        }
    }
}
