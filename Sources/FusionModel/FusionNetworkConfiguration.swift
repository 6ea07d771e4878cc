/// Architecture of the fusion network; stored as JSON beside the weights.
public struct FusionNetworkConfiguration: Sendable, Hashable, Codable {
    /// Features per tile (columns of a patient's tile matrix). ≥ 1.
    public var tileFeatures: Int
    /// Length of the genomic vector. ≥ 1.
    public var genomicFeatures: Int
    /// Length of the clinical vector. ≥ 1.
    public var clinicalFeatures: Int
    /// Modalities the network has encoders for; single-modality ablations list one. Default all three.
    public var modalities: [Modality]
    /// Width of the per-tile MLP before attention pooling. Default 32, sensible 8–256.
    public var tileHidden: Int
    /// Hidden width of the gated attention (V, U). Default 16, sensible 8–128.
    public var attentionHidden: Int
    /// Width d of every modality embedding and of the fused embedding. Default 16, sensible 4–128.
    public var embedding: Int
    /// Dropout probability in the encoders (alpha dropout in the SNN genomic encoder). Default 0.1, range [0, 0.5].
    public var dropout: Float
    /// A ridge-logistic offset added to the response logit (`LinearPrior`); nil (the default, and in
    /// configurations saved before it existed): none.
    public var linearPrior: LinearPriorSettings?

    public init(tileFeatures: Int, genomicFeatures: Int, clinicalFeatures: Int,
                modalities: [Modality] = Modality.allCases, tileHidden: Int = 32, attentionHidden: Int = 16,
                embedding: Int = 16, dropout: Float = 0.1, linearPrior: LinearPriorSettings? = nil) {
        self.tileFeatures = tileFeatures
        self.genomicFeatures = genomicFeatures
        self.clinicalFeatures = clinicalFeatures
        self.modalities = modalities
        self.tileHidden = tileHidden
        self.attentionHidden = attentionHidden
        self.embedding = embedding
        self.dropout = dropout
        self.linearPrior = linearPrior
    }

    /// Throws `invalidParameter` for sizes < 1, no modality, or dropout outside [0, 0.9].
    public func validate() throws {
        let sizes = [("tileFeatures", tileFeatures), ("genomicFeatures", genomicFeatures),
                     ("clinicalFeatures", clinicalFeatures), ("tileHidden", tileHidden),
                     ("attentionHidden", attentionHidden), ("embedding", embedding)]
        for (name, value) in sizes where value < 1 {
            throw FusionModelError.invalidParameter(name: name, value: "\(value)", expected: "≥ 1")
        }
        guard !modalities.isEmpty, Set(modalities).count == modalities.count else {
            throw FusionModelError.invalidParameter(name: "modalities", value: "\(modalities.map(\.rawValue))",
                                                    expected: "one or more distinct modalities")
        }
        guard dropout >= 0, dropout <= 0.9 else {
            throw FusionModelError.invalidParameter(name: "dropout", value: "\(dropout)", expected: "0 ≤ p ≤ 0.9")
        }
        try linearPrior?.validate()
    }
}
