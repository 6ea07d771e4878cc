import Foundation

/// Everything that can go wrong reading InstanSeg weights or running its network.
///
/// Descriptions are one paragraph: what is wrong, with which file, and what to do. They never
/// contain image data.
public enum InstanSegError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The weights file does not exist or cannot be read.
    case weightsMissing(path: String, expectedSHA256: String)
    /// The weights file's SHA-256 is not the pinned one (truncated, corrupted or a different model).
    case checksumMismatch(path: String, expectedSHA256: String, actualSHA256: String)
    /// The file has the right checksum but is not the TorchScript archive this module understands
    /// (only possible with a different pinned checksum or a bug here).
    case malformedArchive(path: String, reason: String)
    /// The archive lacks a tensor the network needs, or it has an unexpected shape.
    case missingTensor(name: String, expectedShape: [Int], foundShape: [Int]?)
    /// An image or normalisation whose dimensions do not fit the network.
    case invalidInput(String)

    public var description: String {
        switch self {
        case let .weightsMissing(path, expected):
            return "The InstanSeg weights file \(path) does not exist or cannot be read (expected SHA-256 \(expected)). "
                + "Run scripts/fetch-models from the TMEScope checkout to download and verify the published "
                + "brightfield_nuclei 0.1.1 weights."
        case let .checksumMismatch(path, expected, actual):
            return "The InstanSeg weights file \(path) has SHA-256 \(actual), but \(expected) is expected: it is "
                + "truncated, corrupted or a different model. Delete it and run scripts/fetch-models to download "
                + "and verify the published brightfield_nuclei 0.1.1 weights again."
        case let .malformedArchive(path, reason):
            return "The InstanSeg weights file \(path) is not a TorchScript archive this reader understands (\(reason)). "
                + "Run scripts/fetch-models to restore the published brightfield_nuclei 0.1.1 weights."
        case let .missingTensor(name, expected, found):
            let what = found.map { "has shape \($0)" } ?? "is missing"
            return "The InstanSeg weights tensor \(name) \(what), but the brightfield_nuclei network needs shape "
                + "\(expected). Run scripts/fetch-models to restore the published weights."
        case let .invalidInput(reason):
            return "Invalid input for the InstanSeg network: \(reason)."
        }
    }
}
