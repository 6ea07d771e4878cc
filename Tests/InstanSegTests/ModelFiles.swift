import Foundation
import InstanSeg

/// The fetched brightfield_nuclei 0.1.1 files and the committed fixtures, for every InstanSeg test.
///
/// Weights: `$TME_MODELS_DIR/instanseg/brightfield_nuclei/0.1.1` (or `$TME_MODELS_DIR` itself when it
/// holds `instanseg.pt`), else `<package root>/.tme/models/instanseg/brightfield_nuclei/0.1.1`, which
/// scripts/fetch-models fills (scripts/test runs it). Missing weights fail the tests that need them,
/// with a message saying so; they are never skipped silently.
enum ModelFiles {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static var modelDirectory: URL {
        let relative = "instanseg/brightfield_nuclei/0.1.1"
        if let dir = ProcessInfo.processInfo.environment["TME_MODELS_DIR"], !dir.isEmpty {
            let url = URL(fileURLWithPath: dir)
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("instanseg.pt").path) { return url }
            return url.appendingPathComponent(relative)
        }
        return packageRoot.appendingPathComponent(".tme/models").appendingPathComponent(relative)
    }

    static var weights: URL { modelDirectory.appendingPathComponent("instanseg.pt") }

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// The archive, read (and hashed: slow in debug builds) once per test process.
    static func archive() throws -> TorchScriptArchive {
        try shared.archive.get()
    }

    static func network() throws -> InstanSegNetwork {
        try shared.network.get()
    }

    private static let shared: (archive: Result<TorchScriptArchive, Error>, network: Result<InstanSegNetwork, Error>) = {
        guard FileManager.default.fileExists(atPath: weights.path) else {
            let missing = Missing(description: "InstanSeg weights not found at \(weights.path): run scripts/fetch-models "
                                  + "(scripts/test does) or set TME_MODELS_DIR")
            return (.failure(missing), .failure(missing))
        }
        let archive = Result { try TorchScriptArchive(contentsOf: weights) }
        return (archive, archive.flatMap { a in Result { try InstanSegNetwork(archive: a) } })
    }()

    /// A little-endian float32 `.npy` file (NumPy format 1.0, C order): shape and values.
    static func npy(_ url: URL) throws -> (shape: [Int], values: [Float]) {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Missing(description: "\(url.path) not found: run scripts/fetch-models (scripts/test does)")
        }
        let bytes = [UInt8](data)
        guard bytes.count > 10, bytes[0] == 0x93, bytes[6] == 1 else { throw Missing(description: "\(url.path) is not an .npy 1.0 file") }
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        let header = String(decoding: bytes[10..<10 + headerLength], as: UTF8.self)
        guard header.contains("'descr': '<f4'"), header.contains("'fortran_order': False"),
              let shapeText = header.components(separatedBy: "'shape': (").dropFirst().first?.components(separatedBy: ")").first
        else { throw Missing(description: "\(url.path) is not a C-order float32 array") }
        let shape = shapeText.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let start = 10 + headerLength, count = shape.reduce(1, *)
        guard bytes.count == start + 4 * count else { throw Missing(description: "\(url.path) has the wrong length") }
        let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes[start...].withUnsafeBytes { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0) }
            initialized = count
        }
        return (shape, values)
    }
}
