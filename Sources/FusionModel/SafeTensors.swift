import Foundation

/// One tensor of a safetensors buffer: its shape and Float32 values in row-major order.
public struct SafeTensor: Sendable, Hashable, Codable {
    public var shape: [Int]
    public var values: [Float]

    public init(shape: [Int], values: [Float]) {
        self.shape = shape
        self.values = values
    }

    public init(_ m: Matrix) { self.init(shape: m.shape, values: m.values) }

    /// The tensor as a matrix: rank 2 as is, rank 1 as a 1×n row, rank 0 as 1×1.
    /// Throws `shapeMismatch` for rank > 2.
    public func matrix() throws -> Matrix {
        switch shape.count {
        case 0: return try Matrix(rows: 1, columns: 1, values: values)
        case 1: return try Matrix(rows: 1, columns: shape[0], values: values)
        case 2: return try Matrix(rows: shape[0], columns: shape[1], values: values)
        default:
            throw FusionModelError.shapeMismatch(operation: "safetensors → matrix", expected: "rank ≤ 2",
                                                 found: "shape \(shape)")
        }
    }
}

/// Reading and writing the safetensors format (Hugging Face, https://github.com/huggingface/safetensors):
///
///     [8 bytes: N, unsigned little-endian]
///     [N bytes: UTF-8 JSON object {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]},
///                                 "__metadata__": {"key": "value", ...}} padded with spaces]
///     [data: the tensors' bytes, little-endian, at offsets relative to the end of the header]
///
/// Only dtype F32 is written and read. Works on byte buffers; `Pipeline` reads and writes the files.
/// Python reads our output with `safetensors.numpy.load_file` (tested).
public enum SafeTensors {
    /// Encodes tensors (in sorted name order, contiguous, header padded to 8 bytes) and string metadata.
    /// Throws `safetensors` when a tensor's value count differs from its shape's product.
    public static func encode(_ tensors: [String: SafeTensor], metadata: [String: String] = [:]) throws -> [UInt8] {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var offset = 0
        for name in tensors.keys.sorted() {
            let t = tensors[name]!
            guard t.shape.allSatisfy({ $0 >= 0 }), t.shape.reduce(1, *) == t.values.count else {
                throw FusionModelError.safetensors(reason: "tensor '\(name)' has \(t.values.count) values for shape \(t.shape)",
                                                   byteOffset: 0)
            }
            let size = t.values.count * 4
            header[name] = ["dtype": "F32", "shape": t.shape, "data_offsets": [offset, offset + size]] as [String: Any]
            offset += size
        }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes])
        while (8 + json.count) % 8 != 0 { json.append(0x20) }
        var out = [UInt8]()
        out.reserveCapacity(8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: json)
        for name in tensors.keys.sorted() {
            for v in tensors[name]!.values {
                withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) }
            }
        }
        return out
    }

    /// Encodes a parameter set (every tensor 2-D).
    public static func encode(_ parameters: ParameterSet, metadata: [String: String] = [:]) throws -> [UInt8] {
        try encode(parameters.tensors.mapValues(SafeTensor.init), metadata: metadata)
    }

    /// Decodes a buffer. Validates the header length, the JSON, each entry's dtype, shape and
    /// offsets, and that the tensors tile the data section exactly (no gaps, overlaps or excess).
    public static func decode(_ bytes: [UInt8]) throws -> (tensors: [String: SafeTensor], metadata: [String: String]) {
        func fail(_ reason: String, _ at: Int) -> FusionModelError { .safetensors(reason: reason, byteOffset: at) }
        guard bytes.count >= 8 else { throw fail("buffer of \(bytes.count) bytes is shorter than the 8-byte header length", 0) }
        let n = bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard n <= UInt64(bytes.count - 8) else { throw fail("header length \(n) exceeds the buffer (\(bytes.count) bytes)", 0) }
        let dataStart = 8 + Int(n)
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart])),
              let header = object as? [String: Any] else {
            throw fail("header is not a JSON object", 8)
        }
        var metadata: [String: String] = [:]
        if let m = header["__metadata__"] {
            guard let dict = m as? [String: String] else { throw fail("__metadata__ must map strings to strings", 8) }
            metadata = dict
        }
        let dataCount = bytes.count - dataStart
        var tensors: [String: SafeTensor] = [:]
        var spans: [(Int, Int)] = []
        for (name, entry) in header where name != "__metadata__" {
            guard let e = entry as? [String: Any], let dtype = e["dtype"] as? String,
                  let shape = ints(e["shape"]), let offsets = ints(e["data_offsets"]), offsets.count == 2 else {
                throw fail("entry '\(name)' needs dtype, shape and data_offsets [begin, end]", 8)
            }
            guard dtype == "F32" else { throw fail("tensor '\(name)' has dtype \(dtype); only F32 is supported", 8) }
            let (begin, end) = (offsets[0], offsets[1])
            let count = shape.reduce(1, *)
            guard shape.allSatisfy({ $0 >= 0 }), begin >= 0, end >= begin, end <= dataCount, end - begin == 4 * count else {
                throw fail("tensor '\(name)': offsets [\(begin), \(end)] do not hold shape \(shape) as F32 inside \(dataCount) data bytes", 8)
            }
            var values = [Float](repeating: 0, count: count)
            for i in 0..<count {
                let p = dataStart + begin + 4 * i
                let bits = UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
                values[i] = Float(bitPattern: bits)
            }
            tensors[name] = SafeTensor(shape: shape, values: values)
            spans.append((begin, end))
        }
        var covered = 0
        for (begin, end) in spans.sorted(by: { $0 < $1 }) {
            guard begin == covered else { throw fail("tensor data has a gap or overlap at data byte \(begin)", dataStart + begin) }
            covered = end
        }
        guard covered == dataCount else { throw fail("\(dataCount - covered) bytes after the last tensor", dataStart + covered) }
        return (tensors, metadata)
    }

    /// Decodes a buffer into a parameter set (tensors of rank ≤ 2).
    public static func decodeParameters(_ bytes: [UInt8]) throws -> (parameters: ParameterSet, metadata: [String: String]) {
        let (tensors, metadata) = try decode(bytes)
        return (ParameterSet(try tensors.mapValues { try $0.matrix() }), metadata)
    }

    private static func ints(_ any: Any?) -> [Int]? {
        guard let array = any as? [Any] else { return nil }
        var out: [Int] = []
        for x in array {
            if let i = x as? Int { out.append(i) } else if let n = x as? NSNumber, n.doubleValue == n.doubleValue.rounded() {
                out.append(n.intValue)
            } else { return nil }
        }
        return out
    }
}
