/// Parameters of copy-number burden.
public struct CNVBurdenParameters: Sendable, Hashable, Codable {
    /// For log2-ratio input: a gene counts as altered when |log2 ratio| ≥ this. Default 0.3
    /// (≈ a single-copy change at 70 % purity in a diploid genome). Range (0, 5]. Unused for calls.
    public var log2AbsoluteThreshold: Double

    public init(log2AbsoluteThreshold: Double = 0.3) {
        self.log2AbsoluteThreshold = log2AbsoluteThreshold
    }

    public func validate() throws {
        guard log2AbsoluteThreshold.isFinite, log2AbsoluteThreshold > 0, log2AbsoluteThreshold <= 5 else {
            throw GenomicsError.invalidParameter(name: "log2AbsoluteThreshold", value: "\(log2AbsoluteThreshold)",
                                                 expected: "within (0, 5]")
        }
    }
}

/// Copy-number burden of one sample.
public struct SampleCNVBurden: Sendable, Hashable, Codable {
    public var sample: String
    /// Genes with a value in this sample.
    public var profiledGenes: Int
    /// Profiled genes with a non-zero call (or |log2| ≥ threshold).
    public var alteredGenes: Int
    /// `alteredGenes / profiledGenes` in [0, 1]; nil when no gene was profiled.
    public var fraction: Double?
}

/// Copy-number burden: the fraction of profiled genes that carry a copy-number alteration.
///
/// For discrete calls (−2…2), gene g is altered in sample s when call_gs ≠ 0; for log2 ratios, when
/// |log2_gs| ≥ `log2AbsoluteThreshold`. burden_s = altered_s / profiled_s, where profiled_s counts
/// genes with a (non-missing) value in s; nil when profiled_s = 0. A gene-level analogue of the
/// "fraction of genome altered" (Hieronymus et al. 2014, PNAS 111:E3890 — there computed over
/// segment lengths; here over genes because the inputs are gene matrices).
///
/// Example: calls (0, 1, −2, 0, NA) → profiled 4, altered 2, burden 0.5.
public enum CNVBurden {
    public static func compute(_ matrix: GeneSampleMatrix, kind: GeneMatrixKind,
                               parameters: CNVBurdenParameters = .init()) throws -> [SampleCNVBurden] {
        try parameters.validate()
        guard kind != .expression else {
            throw GenomicsError.invalidParameter(name: "kind", value: "expression", expected: "a copy-number matrix kind")
        }
        return matrix.samples.indices.map { s in
            var profiled = 0, altered = 0
            for g in matrix.genes.indices {
                guard let v = matrix.value(gene: g, sample: s) else { continue }
                profiled += 1
                let isAltered = kind == .copyNumberCalls ? v != 0 : abs(v) >= parameters.log2AbsoluteThreshold
                if isAltered { altered += 1 }
            }
            return SampleCNVBurden(sample: matrix.samples[s], profiledGenes: profiled, alteredGenes: altered,
                                   fraction: profiled == 0 ? nil : Double(altered) / Double(profiled))
        }
    }
}
