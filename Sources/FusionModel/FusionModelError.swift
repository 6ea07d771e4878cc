/// Every failure the FusionModel module reports. Messages name what was wrong and what was expected;
/// they never contain patient identifiers or feature values.
public enum FusionModelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Two operands of a tape operation have incompatible shapes.
    case shapeMismatch(operation: String, expected: String, found: String)
    /// A matrix was built from a value array of the wrong length.
    case elementCount(expected: Int, found: Int)
    /// A patient's input does not match the network configuration (feature counts, missing data).
    case invalidSample(index: Int, reason: String)
    /// A parameter the network needs is absent from the parameter set (e.g. a truncated weights file).
    case missingParameter(name: String, expectedShape: [Int])
    /// A hyper-parameter is outside its documented range.
    case invalidParameter(name: String, value: String, expected: String)
    /// Too few patients (or too few of one class) for the requested split.
    case insufficientData(reason: String)
    /// A safetensors buffer does not follow the format.
    case safetensors(reason: String, byteOffset: Int)
    /// `backward` was called on a variable that is not a 1×1 scalar.
    case nonScalarLoss(rows: Int, columns: Int)
    /// A value became NaN or infinite during training.
    case nonFinite(where: String)

    public var description: String {
        switch self {
        case let .shapeMismatch(operation, expected, found):
            "\(operation): expected \(expected), found \(found)"
        case let .elementCount(expected, found):
            "matrix storage: expected \(expected) values (rows × columns), found \(found)"
        case let .invalidSample(index, reason):
            "patient at position \(index): \(reason)"
        case let .missingParameter(name, shape):
            "parameter '\(name)' with shape \(shape) is missing; the weights do not match the configuration"
        case let .invalidParameter(name, value, expected):
            "parameter \(name) = \(value) is invalid; expected \(expected)"
        case let .insufficientData(reason):
            "not enough data: \(reason)"
        case let .safetensors(reason, offset):
            "safetensors at byte \(offset): \(reason)"
        case let .nonScalarLoss(rows, columns):
            "backward needs a 1×1 loss, found \(rows)×\(columns)"
        case let .nonFinite(location):
            "non-finite value in \(location); lower the learning rate or check the inputs for extreme values"
        }
    }
}
