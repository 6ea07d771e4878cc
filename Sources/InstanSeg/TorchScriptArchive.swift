import Foundation
import TMECore

/// A float32 tensor read from a TorchScript archive: row-major (C order) values and their shape.
public struct ArchiveTensor: Sendable, Hashable {
    public let shape: [Int]
    public let values: [Float]

    public init(shape: [Int], values: [Float]) {
        self.shape = shape
        self.values = values
    }
}

/// A scalar attribute of a TorchScript module (`pixel_size`, `default_mask_threshold`, …).
public enum ArchiveScalar: Sendable, Hashable, Codable {
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)

    /// The value as a real number (ints widened; nil for bools and strings).
    public var doubleValue: Double? {
        switch self {
        case let .double(v): return v
        case let .int(v): return Double(v)
        default: return nil
        }
    }

    public var intValue: Int? { if case let .int(v) = self { return v } else { return nil } }
    public var boolValue: Bool? { if case let .bool(v) = self { return v } else { return nil } }
}

/// The weights and settings inside a PyTorch TorchScript file (`torch.jit.save`), read without PyTorch.
///
/// The file is a zip archive (`ZipReader`): `<name>/data.pkl` is a protocol-2 pickle of the module
/// tree (`PickleReader`), whose tensors are persistent ids rebuilt by
/// `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, …)`; each storage is the raw
/// little-endian entry `<name>/data/<key>`. Module names join with dots as in PyTorch's
/// `state_dict()` (`fcn.encoder.0.conv0.0.weight`). The file's SHA-256 is checked before anything
/// else is read, so a truncated or altered file never reaches the parser.
///
/// Only float32 tensors are kept (int64 ones such as `num_batches_tracked` are skipped); the
/// top module's scalar attributes are kept in `attributes`.
public struct TorchScriptArchive: Sendable {
    /// SHA-256 of InstanSeg brightfield_nuclei 0.1.1 `instanseg.pt` (its `rdf.yaml`, and
    /// scripts/fetch-models).
    public static let brightfieldNucleiSHA256 = "0c724da169d507d8dd2e206ad3675a0b1566824eee6e20ad9a0ba916311d9dd0"

    /// The file read.
    public let path: String
    /// Its SHA-256 (lower-case hex), equal to the expected one.
    public let sha256: String
    /// The top module's class (`__torch__.instanseg.utils.loss.instanseg_loss.InstanSeg_Torchscript`).
    public let moduleClass: String
    /// Every float32 tensor by its `state_dict` name.
    public let tensors: [String: ArchiveTensor]
    /// The top module's scalar attributes (bool, int, float, string) by name.
    public let attributes: [String: ArchiveScalar]
    /// Learnable parameters, PyTorch's `sum(p.numel() for p in model.parameters())`: float tensors
    /// other than batch-norm running statistics, a storage shared by two names counted once.
    public let parameterCount: Int

    /// Reads and verifies the archive at `url`.
    ///
    /// - Throws: `InstanSegError.weightsMissing` when the file cannot be read,
    ///   `.checksumMismatch` when its SHA-256 is not `expectedSHA256`, `.malformedArchive` when its
    ///   contents cannot be parsed.
    public init(contentsOf url: URL, expectedSHA256: String = brightfieldNucleiSHA256) throws {
        path = url.path
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw InstanSegError.weightsMissing(path: url.path, expectedSHA256: expectedSHA256)
        }
        let bytes = [UInt8](data)
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update($0) }
        sha256 = SHA256.hexString(hasher.finalize())
        guard sha256 == expectedSHA256.lowercased() else {
            throw InstanSegError.checksumMismatch(path: url.path, expectedSHA256: expectedSHA256, actualSHA256: sha256)
        }
        do {
            let parsed = try Self.parse(bytes)
            (moduleClass, tensors, attributes, parameterCount) = (parsed.moduleClass, parsed.tensors, parsed.attributes, parsed.parameterCount)
        } catch let failure as ZipReader.Failure {
            throw InstanSegError.malformedArchive(path: url.path, reason: failure.reason)
        } catch let failure as PickleReader.Failure {
            throw InstanSegError.malformedArchive(path: url.path, reason: failure.reason)
        }
    }

    /// The tensor `name`, checked to have `shape`.
    public func tensor(_ name: String, shape: [Int]) throws -> ArchiveTensor {
        guard let tensor = tensors[name], tensor.shape == shape else {
            throw InstanSegError.missingTensor(name: name, expectedShape: shape, foundShape: tensors[name]?.shape)
        }
        return tensor
    }

    // MARK: - Parsing

    private struct Parsed {
        var moduleClass = ""
        var tensors: [String: ArchiveTensor] = [:]
        var attributes: [String: ArchiveScalar] = [:]
        var parameterCount = 0
    }

    private static func parse(_ bytes: [UInt8]) throws -> Parsed {
        let zip = try ZipReader(bytes: bytes)
        guard let pickleName = zip.entries.keys.filter({ $0.hasSuffix("/data.pkl") && $0.split(separator: "/").count == 2 }).first
        else { throw ZipReader.Failure(reason: "no <name>/data.pkl entry") }
        let prefix = String(pickleName.dropLast("data.pkl".count))
        guard case let .object(top) = try PickleReader.decode(try zip.data(pickleName)) else {
            throw PickleReader.Failure(reason: "data.pkl does not hold a module")
        }
        var parsed = Parsed(moduleClass: top.className)
        var storages: [String: [Float]] = [:]
        var parameterStorages: [String: Int] = [:]
        var pending: [(prefix: String, object: PickleObject)] = [("", top)]
        while let (namePrefix, module) = pending.popLast() {
            guard case let .dict(state) = module.state else { continue }
            for (key, value) in state.items {
                guard case let .string(name) = key else { continue }
                let fullName = namePrefix + name
                switch value {
                case let .object(child):
                    pending.append((fullName + ".", child))
                case let .tensor(t) where t.storage.storageClass == "torch.FloatStorage":
                    if storages[t.storage.key] == nil {
                        storages[t.storage.key] = try floats(zip.data(prefix + "data/" + t.storage.key), t.storage)
                    }
                    parsed.tensors[fullName] = try gather(t, from: storages[t.storage.key]!)
                    if !name.hasPrefix("running_") {
                        parameterStorages[t.storage.key] = t.storage.elementCount
                    }
                case let .bool(v) where namePrefix.isEmpty: parsed.attributes[name] = .bool(v)
                case let .int(v) where namePrefix.isEmpty: parsed.attributes[name] = .int(v)
                case let .double(v) where namePrefix.isEmpty: parsed.attributes[name] = .double(v)
                case let .string(v) where namePrefix.isEmpty: parsed.attributes[name] = .string(v)
                default: continue
                }
            }
        }
        parsed.parameterCount = parameterStorages.values.reduce(0, +)
        return parsed
    }

    /// The float32 little-endian storage entry as floats.
    private static func floats(_ raw: [UInt8], _ storage: PickledStorage) throws -> [Float] {
        guard raw.count == storage.elementCount * 4 else {
            throw ZipReader.Failure(reason: "storage \(storage.key) holds \(raw.count) bytes, not \(storage.elementCount) floats")
        }
        // Little-endian bytes are the in-memory layout on every platform Swift runs TMEScope on.
        return [Float](unsafeUninitializedCapacity: storage.elementCount) { buffer, initialized in
            raw.withUnsafeBytes { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0) }
            initialized = storage.elementCount
        }
    }

    /// The tensor's elements in row-major order, following its storage offset and strides.
    private static func gather(_ t: PickledTensor, from storage: [Float]) throws -> ArchiveTensor {
        let count = t.shape.reduce(1, *)
        var contiguous = [Int](repeating: 1, count: t.shape.count)
        for axis in t.shape.indices.dropLast().reversed() { contiguous[axis] = contiguous[axis + 1] * t.shape[axis + 1] }
        if contiguous == t.strides || count <= 1 {
            guard t.storageOffset >= 0, t.storageOffset + count <= storage.count else {
                throw ZipReader.Failure(reason: "a tensor reaches past its storage \(t.storage.key)")
            }
            return ArchiveTensor(shape: t.shape, values: Array(storage[t.storageOffset..<t.storageOffset + count]))
        }
        var values = [Float](repeating: 0, count: count)
        var index = [Int](repeating: 0, count: t.shape.count)
        for i in 0..<count {
            let offset = t.storageOffset + zip(index, t.strides).reduce(0) { $0 + $1.0 * $1.1 }
            guard offset >= 0, offset < storage.count else {
                throw ZipReader.Failure(reason: "a tensor reaches past its storage \(t.storage.key)")
            }
            values[i] = storage[offset]
            var axis = index.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < t.shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return ArchiveTensor(shape: t.shape, values: values)
    }
}
