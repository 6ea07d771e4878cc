import Foundation

/// One somatic mutation (the MAF core columns).
public struct MutationRecord: Sendable, Hashable, Codable {
    public var sampleID: String
    public var gene: GeneLocus
    public var position: Int
    public var variantClassification: String
    public var variantType: String
    public var referenceAllele: String
    public var tumorAllele: String
    public var proteinChange: String
    public var refCount: Int
    public var altCount: Int

    /// Counted in TMB (nonsynonymous coding or splice site).
    public var isNonsynonymous: Bool { variantClassification != "Silent" }
    public var endPosition: Int { variantType == "INS" ? position + 1 : position + max(referenceAllele.count, 1) - 1 }
}

/// A genes × samples matrix (row-major by gene).
public struct GeneMatrix<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    public var genes: [String]
    public var samples: [String]
    /// values[g][s]
    public var values: [[Value]]
}

/// Per-patient genomics: mutations, CNV calls and expression.
public struct CohortGenomics: Sendable, Hashable, Codable {
    public var mutations: [MutationRecord]
    /// GISTIC-style calls −2 (deep deletion) … 2 (amplification).
    public var cnv: GeneMatrix<Int>
    /// RSEM normalized counts (linear scale), as cBioPortal's `data_mrna_seq_v2_rsem.txt`.
    public var expression: GeneMatrix<Double>
    /// Per-sample CNV burden multiplier drawn by the model.
    public var cnvBurden: [Double]
}
