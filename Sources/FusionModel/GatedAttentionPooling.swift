/// Gated attention multiple-instance pooling (Ilse, Tomczak & Welling 2018, "Attention-based Deep
/// Multiple Instance Learning", eq. 9):
///
///     sₖ = wᵀ (tanh(V hₖ) ⊙ σ(U hₖ)) + c,   aₖ = exp(sₖ) / Σⱼ exp(sⱼ),   z = Σₖ aₖ hₖ
///
/// for the n instances hₖ (rows of H, n×inputs) of one bag. V and U are inputs×hidden with biases,
/// w is hidden×1. Returns the bag embedding z (1×inputs) and the attention a (n×1, sums to 1), which
/// is what the attention heatmaps show. The tanh branch scores, the sigmoid branch gates: the gate
/// lets the model switch off instances where tanh alone would be nearly linear.
///
/// Parameters `<name>.V.*`, `<name>.U.*`, `<name>.w.*`. A bag of one tile gets attention 1.
public struct GatedAttentionPooling: Sendable, Hashable, Codable {
    public let name: String
    public let inputs: Int
    public let hidden: Int

    public init(name: String, inputs: Int, hidden: Int) {
        self.name = name
        self.inputs = inputs
        self.hidden = hidden
    }

    var v: Linear { Linear(name: name + ".V", inputs: inputs, outputs: hidden) }
    var u: Linear { Linear(name: name + ".U", inputs: inputs, outputs: hidden) }
    var w: Linear { Linear(name: name + ".w", inputs: hidden, outputs: 1) }

    public func initialize(into parameters: inout ParameterSet, using generator: inout SeededGenerator) {
        v.initialize(into: &parameters, using: &generator)
        u.initialize(into: &parameters, using: &generator)
        w.initialize(into: &parameters, using: &generator)
    }

    /// Pools the bag `h` (n×inputs, n ≥ 1) into (embedding 1×inputs, attention n×1); `bias` (n×1), when
    /// given, is added to the scores sₖ before the softmax.
    public func callAsFunction(_ h: Variable, bias: Variable? = nil, _ pass: inout ForwardPass) throws
        -> (embedding: Variable, attention: Variable) {
        guard h.rows > 0 else {
            throw FusionModelError.shapeMismatch(operation: "attention pooling", expected: "a bag of at least one tile",
                                                 found: h.shapeDescription)
        }
        let t = pass.tape
        let gated = try t.multiply(t.tanh(v(h, &pass)), t.sigmoid(u(h, &pass)))
        var scores = try w(gated, &pass)
        if let bias { scores = try t.add(scores, bias) }
        let attention = try t.softmax(scores)
        let embedding = try t.matmul(t.transpose(attention), h)
        return (embedding, attention)
    }
}
