/// A multilayer perceptron: Linear → activation → dropout for each consecutive pair of `sizes`.
///
/// With `.relu` the dropout is ordinary inverted dropout; with `.selu` the block is the
/// self-normalising network (SNN) block of Klambauer et al. 2017 — Linear → SELU → alpha dropout —
/// which keeps activations near zero mean and unit variance without batch normalisation (the
/// genomic encoder of PORPOISE, Chen et al. 2022, uses the same block). Dropout is only applied
/// during training. Layer i has parameters `<name>.<i>.weight` / `.bias`.
public struct FeedForward: Sendable, Hashable, Codable {
    public enum Activation: String, Sendable, Hashable, Codable { case relu, selu }

    public let name: String
    public let sizes: [Int]
    public let activation: Activation
    public let dropout: Float

    public init(name: String, sizes: [Int], activation: Activation, dropout: Float) {
        self.name = name
        self.sizes = sizes
        self.activation = activation
        self.dropout = dropout
    }

    public var layers: [Linear] {
        (0..<max(sizes.count - 1, 0)).map { Linear(name: "\(name).\($0)", inputs: sizes[$0], outputs: sizes[$0 + 1]) }
    }

    public func initialize(into parameters: inout ParameterSet, using generator: inout SeededGenerator) {
        for layer in layers { layer.initialize(into: &parameters, using: &generator) }
    }

    public func callAsFunction(_ x: Variable, _ pass: inout ForwardPass) throws -> Variable {
        var h = x
        for layer in layers {
            h = try layer(h, &pass)
            switch activation {
            case .relu:
                h = pass.tape.relu(h)
                if pass.training { h = try pass.tape.dropout(h, probability: dropout, using: &pass.generator) }
            case .selu:
                h = pass.tape.selu(h)
                if pass.training { h = try pass.tape.alphaDropout(h, probability: dropout, using: &pass.generator) }
            }
        }
        return h
    }
}
