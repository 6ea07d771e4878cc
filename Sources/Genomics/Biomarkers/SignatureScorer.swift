import Foundation

/// Units of the expression values handed to ``SignatureScorer``.
public enum ExpressionScale: String, Sendable, Hashable, Codable {
    /// Already log2 (e.g. log2(TPM+1), RSEM log2, microarray log2 intensities): used as is.
    case log2
    /// Linear, non-negative (TPM, FPKM, RSEM, normalised counts): transformed as log2(x + pseudocount).
    case linear
}

/// Parameters of signature scoring, stored with every score.
public struct SignatureParameters: Sendable, Hashable, Codable {
    /// Units of the input matrix. Default `.log2`.
    public var scale: ExpressionScale
    /// Added before log2 when `scale == .linear`. Default 1; range (0, 100].
    public var pseudocount: Double
    /// Fewest samples with a value a gene needs for its cohort mean and SD. Default 3; range ≥ 2.
    public var minimumSamplesPerGene: Int

    public init(scale: ExpressionScale = .log2, pseudocount: Double = 1, minimumSamplesPerGene: Int = 3) {
        self.scale = scale
        self.pseudocount = pseudocount
        self.minimumSamplesPerGene = minimumSamplesPerGene
    }

    public func validate() throws {
        guard pseudocount.isFinite, pseudocount > 0, pseudocount <= 100 else {
            throw GenomicsError.invalidParameter(name: "pseudocount", value: "\(pseudocount)", expected: "within (0, 100]")
        }
        guard minimumSamplesPerGene >= 2 else {
            throw GenomicsError.invalidParameter(name: "minimumSamplesPerGene", value: "\(minimumSamplesPerGene)",
                                                 expected: "at least 2 (a standard deviation needs two values)")
        }
    }
}

/// One sample's signature score, or why there is none.
public struct SignatureScore: Sendable, Hashable, Codable {
    public var sample: String
    public var signature: String
    /// Mean z-score of the genes used; nil when fewer than the signature's minimum were measured.
    public var score: Double?
    /// Genes that entered the mean, in signature order.
    public var genesUsed: [String]
    /// Signature genes that did not (absent from the matrix, constant across the cohort, or missing here).
    public var genesMissing: [String]
    /// Why `score` is nil; nil when there is a score.
    public var reason: String?
}

/// Signature scores as the mean of per-gene z-scored log2 expression.
///
/// For gene g and sample s with log2 expression x_gs (x = log2(v + pseudocount) for linear input):
///
///     μ_g = mean_s x_gs,   σ_g = sqrt( Σ_s (x_gs − μ_g)² / (n_g − 1) )   (sample SD, n−1 denominator)
///     z_gs = (x_gs − μ_g) / σ_g
///     score_s = (1 / |G_s|) Σ_{g ∈ G_s} z_gs
///
/// where means and SDs run over the n_g samples of the matrix that have a value for g (the cohort is
/// the reference population, so scores are relative to it), and G_s is the set of signature genes
/// present in the matrix, with n_g ≥ `minimumSamplesPerGene` and σ_g > 0, and with a value in sample s.
/// If |G_s| < `signature.minimumGenes` the score is nil and `reason` says how many were measured —
/// never a silent partial score. References: Ayers et al. 2017 (gene sets); z-score averaging as in
/// Lee et al. 2008 (PLoS Comput Biol 4:e1000217).
///
/// Example (in tests): genes A, B over samples s1…s3 with log2 values A = (1, 2, 3), B = (2, 2, 5):
/// μ_A = 2, σ_A = 1, z_A = (−1, 0, 1); μ_B = 3, σ_B = √3, z_B = (−1/√3, −1/√3, 2/√3);
/// score(s1) = (−1 − 0.57735)/2 = −0.788675.
public enum SignatureScorer {
    /// Scores every sample of `matrix`. Throws for invalid parameters or a negative linear value.
    public static func score(_ signature: GeneSignature, in matrix: GeneSampleMatrix,
                             parameters: SignatureParameters = .init()) throws -> [SignatureScore] {
        try signature.validate()
        try parameters.validate()
        var z: [String: [Double?]] = [:]
        var unusable: [String: String] = [:]
        for gene in signature.genes {
            guard let raw = matrix.values(of: gene) else { unusable[gene] = "absent"; continue }
            let x = try raw.map { try $0.map { try transform($0, gene: gene, parameters) } }
            let present = x.compactMap { $0 }
            guard present.count >= parameters.minimumSamplesPerGene else { unusable[gene] = "too few samples"; continue }
            let mean = present.reduce(0, +) / Double(present.count)
            let sd = (present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(present.count - 1)).squareRoot()
            guard sd > 0, sd.isFinite else { unusable[gene] = "constant"; continue }
            z[gene] = x.map { $0.map { ($0 - mean) / sd } }
        }
        return matrix.samples.indices.map { s in
            var used: [String] = [], missing: [String] = [], total = 0.0
            for gene in signature.genes {
                if let value = z[gene]?[s] ?? nil { used.append(gene); total += value } else { missing.append(gene) }
            }
            let enough = used.count >= signature.minimumGenes
            let reason = enough ? nil : "only \(used.count) of \(signature.genes.count) \(signature.name) genes measured "
                + "(minimum \(signature.minimumGenes)); missing: \(missing.joined(separator: ", "))"
            return SignatureScore(sample: matrix.samples[s], signature: signature.name,
                                  score: enough ? total / Double(used.count) : nil,
                                  genesUsed: used, genesMissing: missing, reason: reason)
        }
    }

    static func transform(_ v: Double, gene: String, _ p: SignatureParameters) throws -> Double {
        switch p.scale {
        case .log2: return v
        case .linear:
            guard v >= 0 else {
                throw GenomicsError.invalidParameter(name: "scale", value: "linear",
                                                     expected: "consistent with the data: gene \(gene) has negative value \(v); "
                                                        + "the matrix looks log-scaled, use log2")
            }
            return log2(v + p.pseudocount)
        }
    }
}
