/// The multimodal network: one encoder per modality, a gated fusion that masks absent modalities,
/// and two heads.
///
/// - Slide: per-tile MLP (tileFeatures → tileHidden, ReLU) → gated attention pooling (Ilse et al.
///   2018; with `linearPrior.attentionGuide` κ > 0 its scores get + κ·(the prior's per-tile evidence),
///   `LinearPrior.tileEvidence`) → projection (tileHidden → d, ReLU).
/// - Genomics: SNN block (genomicFeatures → d → d, SELU + alpha dropout; Klambauer et al. 2017).
/// - Clinical: MLP (clinicalFeatures → d, ReLU).
/// - Fusion: each embedding eₘ (1×d) gets a gate logit gₘ = eₘ wₘ + bₘ; the gates
///   αₘ = softmax over the *present* modalities (absent ones masked to α = 0, their embedding a
///   constant zero row that receives no gradient); fused f = Σₘ αₘ eₘ.
/// - Heads: response logit f w_r + b_r (logistic, CR/PR vs SD/PD), plus the fixed `LinearPrior` offset
///   when configured; risk η = f w_c (Cox log hazard, no bias because the partial likelihood is
///   invariant to it).
public struct FusionNetwork: Sendable, Hashable, Codable {
    public let configuration: FusionNetworkConfiguration

    public init(configuration: FusionNetworkConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
    }

    // MARK: - Layers

    var tileMLP: FeedForward {
        FeedForward(name: "slide.tile", sizes: [configuration.tileFeatures, configuration.tileHidden],
                    activation: .relu, dropout: configuration.dropout)
    }
    var attention: GatedAttentionPooling {
        GatedAttentionPooling(name: "slide.attention", inputs: configuration.tileHidden,
                              hidden: configuration.attentionHidden)
    }
    var slideProjection: FeedForward {
        FeedForward(name: "slide.projection", sizes: [configuration.tileHidden, configuration.embedding],
                    activation: .relu, dropout: 0)
    }
    var genomicEncoder: FeedForward {
        FeedForward(name: "genomics.snn",
                    sizes: [configuration.genomicFeatures, configuration.embedding, configuration.embedding],
                    activation: .selu, dropout: configuration.dropout)
    }
    var clinicalEncoder: FeedForward {
        FeedForward(name: "clinical.mlp", sizes: [configuration.clinicalFeatures, configuration.embedding],
                    activation: .relu, dropout: configuration.dropout)
    }
    func gate(_ m: Modality) -> Linear { Linear(name: "fusion.gate.\(m.rawValue)", inputs: configuration.embedding, outputs: 1) }
    var responseHead: Linear { Linear(name: "head.response", inputs: configuration.embedding, outputs: 1) }
    var riskHead: Linear { Linear(name: "head.risk", inputs: configuration.embedding, outputs: 1, hasBias: false) }

    /// Fresh parameters, drawn from `generator` in a fixed order.
    public func initialParameters(using generator: inout SeededGenerator) -> ParameterSet {
        var p = ParameterSet()
        for m in configuration.modalities.sorted() {
            switch m {
            case .slide:
                tileMLP.initialize(into: &p, using: &generator)
                attention.initialize(into: &p, using: &generator)
                slideProjection.initialize(into: &p, using: &generator)
            case .genomics: genomicEncoder.initialize(into: &p, using: &generator)
            case .clinical: clinicalEncoder.initialize(into: &p, using: &generator)
            }
            gate(m).initialize(into: &p, using: &generator)
        }
        responseHead.initialize(into: &p, using: &generator)
        riskHead.initialize(into: &p, using: &generator)
        return p
    }

    // MARK: - Forward

    /// The network's outputs for one patient, as tape variables.
    public struct Output {
        /// Response logit (1×1); P(CR/PR) = σ(logit).
        public let responseLogit: Variable
        /// The `LinearPrior` part of `responseLogit` (0 without a prior).
        public let responsePrior: Float
        /// Cox log hazard η (1×1).
        public let risk: Variable
        /// Per-tile attention (tiles×1) when the slide was used.
        public let attention: Variable?
        /// Fusion gates α over `configuration.modalities` (m×1); 0 for absent modalities.
        public let gates: Variable
        /// Modalities that contributed, sorted.
        public let modalitiesUsed: [Modality]
    }

    /// Runs the network on one (standardised) patient. Modalities the patient lacks, or that the
    /// network has no encoder for, are masked. Throws `invalidSample` when nothing usable remains
    /// or a feature count is wrong.
    public func forward(_ sample: PatientSample, index: Int, _ pass: inout ForwardPass) throws -> Output {
        let c = configuration
        let t = pass.tape
        let present = sample.availableModalities.intersection(c.modalities)
        guard !present.isEmpty else {
            throw FusionModelError.invalidSample(index: index, reason:
                "none of the modalities \(c.modalities.map(\.rawValue)) the model uses is present")
        }
        var embeddings: [Variable] = [], logits: [Variable] = [], keep: [Bool] = []
        var attentionOut: Variable?
        for m in c.modalities {
            guard present.contains(m) else {
                embeddings.append(t.constant(Matrix(rows: 1, columns: c.embedding)))
                logits.append(t.constant(Matrix(scalar: 0)))
                keep.append(false)
                continue
            }
            let e: Variable
            switch m {
            case .slide:
                let tiles = sample.tiles!
                try check(tiles.columns, c.tileFeatures, "tile features", index)
                let h = try tileMLP(t.constant(tiles), &pass)
                var guide: Variable?
                if let kappa = c.linearPrior?.attentionGuide, kappa > 0,
                   let evidence = LinearPrior.tileEvidence(tiles, parameters: { pass.value(of: $0) }) {
                    guide = t.scale(t.constant(evidence), by: Float(kappa))
                }
                let pooled = try attention(h, bias: guide, &pass)
                attentionOut = pooled.attention
                e = try slideProjection(pooled.embedding, &pass)
            case .genomics:
                try check(sample.genomic!.count, c.genomicFeatures, "genomic features", index)
                e = try genomicEncoder(t.constant(Matrix(row: sample.genomic!)), &pass)
            case .clinical:
                try check(sample.clinical!.count, c.clinicalFeatures, "clinical features", index)
                e = try clinicalEncoder(t.constant(Matrix(row: sample.clinical!)), &pass)
            }
            embeddings.append(e)
            logits.append(try gate(m)(e, &pass))
            keep.append(true)
        }
        let gates = try t.softmax(t.concatRows(logits), keep: keep)
        let fused = try t.matmul(t.transpose(gates), t.concatRows(embeddings))
        var responseLogit = try responseHead(fused, &pass), prior: Float = 0
        if c.linearPrior != nil {
            prior = LinearPrior.logit(sample, present: present, parameters: { pass.value(of: $0) })
            responseLogit = try t.add(responseLogit, t.constant(Matrix(scalar: prior)))
        }
        return Output(responseLogit: responseLogit, responsePrior: prior, risk: try riskHead(fused, &pass),
                      attention: attentionOut, gates: gates, modalitiesUsed: present.sorted())
    }

    private func check(_ found: Int, _ expected: Int, _ what: String, _ index: Int) throws {
        guard found == expected else {
            throw FusionModelError.invalidSample(index: index, reason: "\(found) \(what), the model expects \(expected)")
        }
    }
}
