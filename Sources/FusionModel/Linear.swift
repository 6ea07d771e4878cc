/// A fully connected layer y = x W + b for x n×inputs, W inputs×outputs, b 1×outputs (broadcast
/// over rows). Parameters `<name>.weight` and `<name>.bias`.
///
/// Initialisation: W ~ N(0, 1/inputs) (LeCun normal, the initialisation SELU networks need;
/// Klambauer et al. 2017), b = 0.
public struct Linear: Sendable, Hashable, Codable {
    public let name: String
    public let inputs: Int
    public let outputs: Int
    public let hasBias: Bool

    public init(name: String, inputs: Int, outputs: Int, hasBias: Bool = true) {
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
        self.hasBias = hasBias
    }

    var weightName: String { name + ".weight" }
    var biasName: String { name + ".bias" }

    /// Adds freshly initialised parameters to `parameters`.
    public func initialize(into parameters: inout ParameterSet, using generator: inout SeededGenerator) {
        let sd = 1 / Double(max(inputs, 1)).squareRoot()
        let w = (0..<(inputs * outputs)).map { _ in Float(generator.nextNormal() * sd) }
        parameters[weightName] = Matrix(uncheckedRows: inputs, columns: outputs, values: w)
        if hasBias { parameters[biasName] = Matrix(rows: 1, columns: outputs) }
    }

    /// y = x W + b. Throws `shapeMismatch` when x does not have `inputs` columns.
    public func callAsFunction(_ x: Variable, _ pass: inout ForwardPass) throws -> Variable {
        let y = try pass.tape.matmul(x, pass.parameter(weightName, rows: inputs, columns: outputs))
        guard hasBias else { return y }
        return try pass.tape.add(y, pass.parameter(biasName, rows: 1, columns: outputs))
    }
}
