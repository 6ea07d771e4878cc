/// A handle to one node of a `Tape`: its position and shape.
public struct Variable: Sendable, Hashable {
    public let index: Int
    public let rows: Int
    public let columns: Int
    public var shapeDescription: String { "\(rows)×\(columns)" }
    public var isScalar: Bool { rows == 1 && columns == 1 }
}

/// Reverse-mode automatic differentiation over `Matrix` values (a "Wengert list").
///
/// Each operation appends a node holding its value and a closure that, given the node's output
/// gradient ∂L/∂y, adds the vector–Jacobian products ∂L/∂x = (∂y/∂x)ᵀ ∂L/∂y into its inputs'
/// gradients. `backward(from:)` seeds ∂L/∂L = 1 and visits the nodes in reverse order of creation,
/// which is a valid reverse topological order because a node can only use earlier nodes.
/// Gradients are only accumulated into nodes that require them (parameters and everything computed
/// from them), so the large constant tile matrices cost no backward work.
///
/// A tape is a mutable, single-use graph owned by one forward/backward pass, hence a class; it is not
/// `Sendable` and must stay in the task that built it.
public final class Tape {
    private(set) var values: [Matrix] = []
    private(set) var gradients: [Matrix?] = []
    private(set) var requiresGradient: [Bool] = []
    private var backwardRules: [((Tape, Matrix) -> Void)?] = []

    public init() {}

    /// Number of nodes recorded so far.
    public var nodeCount: Int { values.count }

    // MARK: - Leaves

    /// A leaf whose gradient is wanted (a trainable parameter).
    public func parameter(_ value: Matrix) -> Variable {
        append(value, requiresGradient: true, rule: nil)
    }

    /// A leaf without gradient (data, masks, labels).
    public func constant(_ value: Matrix) -> Variable {
        append(value, requiresGradient: false, rule: nil)
    }

    /// The current value of a node.
    public func value(_ variable: Variable) -> Matrix { values[variable.index] }

    /// ∂L/∂variable after `backward`; a zero matrix when the loss does not depend on it.
    public func gradient(_ variable: Variable) -> Matrix {
        gradients[variable.index] ?? Matrix(rows: variable.rows, columns: variable.columns)
    }

    // MARK: - Backward pass

    /// Computes ∂loss/∂x for every node x that requires a gradient. `loss` must be 1×1.
    public func backward(from loss: Variable) throws {
        guard loss.isScalar else { throw FusionModelError.nonScalarLoss(rows: loss.rows, columns: loss.columns) }
        for i in gradients.indices { gradients[i] = nil }
        gradients[loss.index] = Matrix(scalar: 1)
        for i in stride(from: loss.index, through: 0, by: -1) {
            guard let rule = backwardRules[i], let upstream = gradients[i] else { continue }
            rule(self, upstream)
        }
    }

    // MARK: - Building blocks for operations

    /// Records a node. `rule` receives the node's upstream gradient; it is only stored when some
    /// input requires a gradient.
    func record(_ value: Matrix, inputs: [Variable], rule: @escaping (Tape, Matrix) -> Void) -> Variable {
        let needs = inputs.contains { requiresGradient[$0.index] }
        return append(value, requiresGradient: needs, rule: needs ? rule : nil)
    }

    private func append(_ value: Matrix, requiresGradient needs: Bool, rule: ((Tape, Matrix) -> Void)?) -> Variable {
        values.append(value)
        gradients.append(nil)
        requiresGradient.append(needs)
        backwardRules.append(rule)
        return Variable(index: values.count - 1, rows: value.rows, columns: value.columns)
    }

    /// Whether gradients flow into `variable`.
    func needsGradient(_ variable: Variable) -> Bool { requiresGradient[variable.index] }

    /// Adds into ∂L/∂variable through `body`, which receives the gradient storage (zero-initialised
    /// on first use). Does nothing for nodes that need no gradient.
    func accumulate(_ variable: Variable, _ body: (inout [Float]) -> Void) {
        guard requiresGradient[variable.index] else { return }
        if gradients[variable.index] == nil {
            gradients[variable.index] = Matrix(rows: variable.rows, columns: variable.columns)
        }
        body(&gradients[variable.index]!.values)
    }

    /// Checks that two variables have the same shape.
    func requireSameShape(_ a: Variable, _ b: Variable, _ operation: String) throws {
        guard a.rows == b.rows, a.columns == b.columns else {
            throw FusionModelError.shapeMismatch(operation: operation, expected: a.shapeDescription,
                                                 found: b.shapeDescription)
        }
    }
}
