/// One somatic variant row of a MAF file: the standard core columns the pipeline uses.
/// Columns not listed here are ignored by the parser.
public struct MAFRecord: Sendable, Hashable, Codable {
    public var hugoSymbol: String
    public var entrezGeneId: Int?
    /// `NCBI_Build` (GRCh37, GRCh38, …) when the file has the column.
    public var ncbiBuild: String?
    public var chromosome: String
    /// 1-based inclusive start, as in the MAF specification.
    public var startPosition: Int
    /// 1-based inclusive end (≥ start).
    public var endPosition: Int
    public var variantClassification: MAFVariantClassification
    /// `Variant_Type` (SNP, DNP, TNP, ONP, INS, DEL) when present.
    public var variantType: String?
    public var referenceAllele: String
    public var tumorSeqAllele1: String?
    public var tumorSeqAllele2: String
    public var tumorSampleBarcode: String
    /// `HGVSp_Short` (e.g. p.G12C) when present.
    public var hgvspShort: String?
    /// `t_depth`, tumour read depth, when present.
    public var tumorDepth: Int?
    /// `t_ref_count`, tumour reads supporting the reference allele, when present.
    public var tumorRefCount: Int?
    /// `t_alt_count`, tumour reads supporting the alternate allele, when present.
    public var tumorAltCount: Int?
    /// Line of the source file this row came from (for messages downstream).
    public var sourceLine: Int

    public init(hugoSymbol: String, entrezGeneId: Int? = nil, ncbiBuild: String? = nil, chromosome: String,
                startPosition: Int, endPosition: Int, variantClassification: MAFVariantClassification,
                variantType: String? = nil, referenceAllele: String, tumorSeqAllele1: String? = nil,
                tumorSeqAllele2: String, tumorSampleBarcode: String, hgvspShort: String? = nil,
                tumorDepth: Int? = nil, tumorRefCount: Int? = nil, tumorAltCount: Int? = nil,
                sourceLine: Int = 0) {
        self.hugoSymbol = hugoSymbol
        self.entrezGeneId = entrezGeneId
        self.ncbiBuild = ncbiBuild
        self.chromosome = chromosome
        self.startPosition = startPosition
        self.endPosition = endPosition
        self.variantClassification = variantClassification
        self.variantType = variantType
        self.referenceAllele = referenceAllele
        self.tumorSeqAllele1 = tumorSeqAllele1
        self.tumorSeqAllele2 = tumorSeqAllele2
        self.tumorSampleBarcode = tumorSampleBarcode
        self.hgvspShort = hgvspShort
        self.tumorDepth = tumorDepth
        self.tumorRefCount = tumorRefCount
        self.tumorAltCount = tumorAltCount
        self.sourceLine = sourceLine
    }

    /// The tumour allele that differs from the reference: `Tumor_Seq_Allele2`, or `Tumor_Seq_Allele1`
    /// when allele 2 equals the reference (some callers put the alternate there).
    public var alternateAllele: String {
        if tumorSeqAllele2 == referenceAllele, let a1 = tumorSeqAllele1, a1 != referenceAllele { return a1 }
        return tumorSeqAllele2
    }

    /// Identity of the variant in its sample; two rows with equal keys are one variant listed twice
    /// (e.g. once per transcript or per caller).
    public var variantKey: MAFVariantKey {
        MAFVariantKey(sample: tumorSampleBarcode, chromosome: chromosome, start: startPosition,
                      end: endPosition, reference: referenceAllele, alternate: alternateAllele)
    }
}

/// Sample, position and alleles: what makes a variant row unique.
public struct MAFVariantKey: Sendable, Hashable, Codable {
    public var sample: String
    public var chromosome: String
    public var start: Int
    public var end: Int
    public var reference: String
    public var alternate: String
}
