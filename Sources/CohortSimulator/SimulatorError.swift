import Foundation

/// Errors of the CohortSimulator module. Messages name the file or field and what was expected;
/// they never contain patient values.
public enum SimulatorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The configuration is invalid: `field` and what is expected.
    case invalidConfig(field: String, expected: String)
    /// A configuration file could not be read or decoded.
    case unreadableConfig(path: String, reason: String)
    /// Writing an output file failed.
    case writeFailed(path: String, reason: String)
    /// The slide sink rejected a tile.
    case sinkFailed(slide: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidConfig(field, expected):
            return "cohort config: field '\(field)' is invalid; expected \(expected)"
        case let .unreadableConfig(path, reason):
            return "cannot read cohort config \(path): \(reason)"
        case let .writeFailed(path, reason):
            return "cannot write \(path): \(reason)"
        case let .sinkFailed(slide, reason):
            return "slide \(slide): tile output failed: \(reason)"
        }
    }
}
