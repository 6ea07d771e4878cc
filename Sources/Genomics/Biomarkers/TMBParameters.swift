/// Parameters of tumour mutational burden, stored with every TMB value.
public struct TMBParameters: Sendable, Hashable, Codable {
    /// Size of the captured (sequenced, callable) territory in megabases. Required: there is no default
    /// because it depends on the assay. Typical: ≈ 38 for a whole exome, 0.8 for FoundationOne CDx,
    /// 1.14 for MSK-IMPACT 468. Range (0, 3200].
    public var captureMegabases: Double
    /// TMB-high cut-off in mutations per megabase, inclusive (TMB ≥ this is "high"). Default 10,
    /// the FDA-approved pembrolizumab cut-off (KEYNOTE-158, Marabelle et al. 2020). Range (0, 1000].
    public var highThresholdPerMegabase: Double
    /// Variant classes counted. Default: the maftools non-synonymous set.
    public var countedClasses: Set<MAFVariantClassification>

    public init(captureMegabases: Double, highThresholdPerMegabase: Double = 10,
                countedClasses: Set<MAFVariantClassification> = MAFVariantClassification.maftoolsNonsynonymous) {
        self.captureMegabases = captureMegabases
        self.highThresholdPerMegabase = highThresholdPerMegabase
        self.countedClasses = countedClasses
    }

    /// Throws ``GenomicsError/invalidParameter(name:value:expected:)`` when a field is out of range.
    public func validate() throws {
        guard captureMegabases.isFinite, captureMegabases > 0, captureMegabases <= 3200 else {
            throw GenomicsError.invalidParameter(name: "captureMegabases", value: "\(captureMegabases)",
                                                 expected: "a capture size in Mb within (0, 3200]")
        }
        guard highThresholdPerMegabase.isFinite, highThresholdPerMegabase > 0, highThresholdPerMegabase <= 1000 else {
            throw GenomicsError.invalidParameter(name: "highThresholdPerMegabase", value: "\(highThresholdPerMegabase)",
                                                 expected: "a cut-off in mut/Mb within (0, 1000]")
        }
        guard !countedClasses.isEmpty else {
            throw GenomicsError.invalidParameter(name: "countedClasses", value: "[]", expected: "a non-empty set of MAF classes")
        }
    }
}

/// TMB of one tumour sample.
public struct SampleTMB: Sendable, Hashable, Codable {
    /// `Tumor_Sample_Barcode`.
    public var sample: String
    /// Distinct counted (non-synonymous) variants.
    public var nonsynonymous: Int
    /// Counted-class rows that repeated an already counted variant and were ignored.
    public var duplicateRows: Int
    /// All rows of the sample, any class (duplicates included).
    public var totalRows: Int
    /// `nonsynonymous / captureMegabases`, mutations per megabase.
    public var tmbPerMegabase: Double
    /// `tmbPerMegabase ≥ highThresholdPerMegabase`.
    public var isHigh: Bool

    public init(sample: String, nonsynonymous: Int, duplicateRows: Int, totalRows: Int, tmbPerMegabase: Double, isHigh: Bool) {
        self.sample = sample
        self.nonsynonymous = nonsynonymous
        self.duplicateRows = duplicateRows
        self.totalRows = totalRows
        self.tmbPerMegabase = tmbPerMegabase
        self.isHigh = isHigh
    }
}

/// TMB of every sample of a MAF, with the parameters that produced it.
public struct TMBReport: Sendable, Hashable, Codable {
    public var parameters: TMBParameters
    /// Samples in barcode order; a sample with rows but no counted variant has TMB 0.
    public var samples: [SampleTMB]
}
