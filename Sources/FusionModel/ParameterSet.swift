/// Named trainable tensors of a network, e.g. `slide.attention.V.weight` (inputs × outputs) or
/// `head.response.bias` (1 × outputs). Names are the safetensors keys.
public struct ParameterSet: Sendable, Hashable, Codable {
    public private(set) var tensors: [String: Matrix]

    public init(_ tensors: [String: Matrix] = [:]) { self.tensors = tensors }

    /// Parameter names in sorted order (the order of iteration everywhere, for reproducibility).
    public var names: [String] { tensors.keys.sorted() }

    /// Total number of scalar parameters.
    public var scalarCount: Int { tensors.values.reduce(0) { $0 + $1.count } }

    public subscript(name: String) -> Matrix? {
        get { tensors[name] }
        set { tensors[name] = newValue }
    }

    /// Checks that `name` exists with the given shape.
    public func require(_ name: String, rows: Int, columns: Int) throws {
        guard let m = tensors[name], m.rows == rows, m.columns == columns else {
            throw FusionModelError.missingParameter(name: name, expectedShape: [rows, columns])
        }
    }
}

/// One forward evaluation of a network on a tape: the parameters bound as tape variables, whether
/// dropout is active, and the generator that draws dropout masks.
public struct ForwardPass {
    public let tape: Tape
    public let bound: [String: Variable]
    public let training: Bool
    public var generator: SeededGenerator

    /// Tensors fitted before training and never updated by it (`LinearPrior`): read, not bound.
    public let frozen: [String: Matrix]

    /// Binds every parameter to the tape: as gradient-carrying leaves when `training`, as constants
    /// otherwise (scoring records no backward rules). Tensors named with `LinearPrior.parameterPrefix`
    /// are frozen: not bound, so they get no gradient and the optimiser never moves them.
    public init(tape: Tape, parameters: ParameterSet, training: Bool, generator: SeededGenerator) {
        self.tape = tape
        var bound: [String: Variable] = [:], frozen: [String: Matrix] = [:]
        for name in parameters.names {
            let m = parameters.tensors[name]!
            if name.hasPrefix(LinearPrior.parameterPrefix) {
                frozen[name] = m
            } else {
                bound[name] = training ? tape.parameter(m) : tape.constant(m)
            }
        }
        self.bound = bound
        self.frozen = frozen
        self.training = training
        self.generator = generator
    }

    /// The bound variable of a parameter; throws `missingParameter` if the set lacks it.
    public func parameter(_ name: String, rows: Int, columns: Int) throws -> Variable {
        guard let v = bound[name], v.rows == rows, v.columns == columns else {
            throw FusionModelError.missingParameter(name: name, expectedShape: [rows, columns])
        }
        return v
    }

    /// A frozen tensor's value; nil if the set lacks it.
    public func value(of name: String) -> Matrix? { frozen[name] }

    /// ∂L/∂θ for every bound parameter after `tape.backward`.
    public func gradients() -> [String: Matrix] {
        bound.mapValues { tape.gradient($0) }
    }
}
