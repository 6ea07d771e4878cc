import CZlib
import Foundation
import InstanSeg
import TMECore

/// The PyTorch reference runs of scripts/peers/instanseg_postprocess_reference.py (Fixtures/PostProcessing, see
/// its manifest.json) and the authors' files from the fetched weights folder.
enum PostProcessingFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/PostProcessing")

    struct Case: Decodable {
        var source: String
        var height: Int
        var width: Int
        var fcnSHA256: String
        var labelsSHA256: String
        var instances: Int
    }

    struct Manifest: Decodable {
        var cases: [String: Case]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func manifest() throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: directory.appendingPathComponent("manifest.json")))
    }

    /// The model folder: $TME_MODELS_DIR, else <package root>/.tme/models/instanseg/brightfield_nuclei/0.1.1.
    static func modelsDirectory() throws -> URL {
        let url: URL
        if let dir = ProcessInfo.processInfo.environment["TME_MODELS_DIR"], !dir.isEmpty {
            url = URL(fileURLWithPath: dir)
        } else {
            url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".tme/models/instanseg/brightfield_nuclei/0.1.1")
        }
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent("instanseg.pt").path) else {
            throw Failure(description: "the InstanSeg weights are missing from \(url.path): run scripts/fetch-models "
                          + "(or set TME_MODELS_DIR to the brightfield_nuclei/0.1.1 folder)")
        }
        return url
    }

    static func probabilityNet() throws -> ProbabilityNetWeights {
        struct Tensor: Decodable {
            var shape: [Int]
            var values: [Float]
        }
        let json = try JSONDecoder().decode([String: Tensor].self,
                                            from: Data(contentsOf: directory.appendingPathComponent("probability_net.json")))
        func layer(_ name: String) throws -> ProbabilityNetWeights.Layer {
            guard let w = json[name + ".weight"], let b = json[name + ".bias"], w.shape.count == 2 else {
                throw Failure(description: "probability_net.json lacks \(name)")
            }
            return .init(outputs: w.shape[0], inputs: w.shape[1], weight: w.values, bias: b.values)
        }
        return ProbabilityNetWeights(fc1: try layer("fc1"), fc2: try layer("fc2"), fc3: try layer("fc3"))
    }

    /// The network output (5 × H × W float32) of a case, checked against the manifest's SHA-256.
    static func networkOutput(_ name: String, _ c: Case) throws -> [Float] {
        let count = 5 * c.height * c.width
        let shuffled = try inflate(directory.appendingPathComponent(name + ".fcn.f32.zlib"), bytes: 4 * count)
        var raw = [UInt8](repeating: 0, count: 4 * count)
        for i in 0..<count { for b in 0..<4 { raw[4 * i + b] = shuffled[b * count + i] } }
        guard SHA256.hex(raw) == c.fcnSHA256 else { throw Failure(description: "\(name): network output checksum") }
        return raw.withUnsafeBytes { bytes in (0..<count).map { Float(bitPattern: bytes.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self).littleEndian) } }
    }

    /// PyTorch's labels of a case (H × W int32).
    static func torchLabels(_ name: String, _ c: Case) throws -> [Int32] {
        let raw = try inflate(directory.appendingPathComponent(name + ".labels.i32.zlib"), bytes: 4 * c.height * c.width)
        guard SHA256.hex(raw) == c.labelsSHA256 else { throw Failure(description: "\(name): labels checksum") }
        return raw.withUnsafeBytes { bytes in
            (0..<(c.height * c.width)).map { Int32(bitPattern: bytes.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self).littleEndian) }
        }
    }

    /// The authors' test-output_instance_segmentation.npy (1 × 1 × H × W float32) as labels.
    static func shippedLabels() throws -> [Int32] {
        let data = try [UInt8](Data(contentsOf: modelsDirectory().appendingPathComponent("test-output_instance_segmentation.npy")))
        guard data.count > 10, data[0] == 0x93 else { throw Failure(description: "not a .npy file") }
        let headerLength = Int(data[8]) | Int(data[9]) << 8
        let header = String(decoding: data[10..<(10 + headerLength)], as: UTF8.self)
        guard header.contains("'<f4'"), header.contains("False") else {
            throw Failure(description: "unexpected .npy header \(header)")
        }
        let body = Array(data[(10 + headerLength)...])
        return body.withUnsafeBytes { bytes in
            (0..<(body.count / 4)).map { Int32(Float(bitPattern: bytes.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self).littleEndian)) }
        }
    }

    static func inflate(_ url: URL, bytes: Int) throws -> [UInt8] {
        let compressed = try [UInt8](Data(contentsOf: url))
        var out = [UInt8](repeating: 0, count: bytes)
        var length = uLongf(bytes)
        let status = out.withUnsafeMutableBufferPointer { o in
            compressed.withUnsafeBufferPointer { c in uncompress(o.baseAddress!, &length, c.baseAddress!, uLong(c.count)) }
        }
        guard status == Z_OK, Int(length) == bytes else {
            throw Failure(description: "\(url.lastPathComponent): zlib status \(status), \(length) of \(bytes) bytes")
        }
        return out
    }

    /// Pixel sets of every non-zero label, keyed by label.
    static func instances(_ labels: [Int32]) -> [Int32: [Int]] {
        var sets: [Int32: [Int]] = [:]
        for (i, l) in labels.enumerated() where l != 0 { sets[l, default: []].append(i) }
        return sets
    }

    /// The instance sets as a set of pixel sets (label numbers ignored).
    static func instanceSets(_ labels: [Int32]) -> Set<[Int]> {
        Set(instances(labels).values)
    }

    /// For each reference instance the best IoU with any instance of `labels`; returns the fraction of reference
    /// instances whose best IoU ≥ `iou`, and the matched pairs are one-to-one because IoU ≥ 0.5 is unique.
    static func matchedFraction(reference: [Int32], labels: [Int32], iou: Double) -> (fraction: Double, count: Int) {
        let ref = instances(reference)
        var areas: [Int32: Int] = [:]
        for l in labels where l != 0 { areas[l, default: 0] += 1 }
        var matched = 0
        for (_, pixels) in ref {
            var overlap: [Int32: Int] = [:]
            for p in pixels where labels[p] != 0 { overlap[labels[p], default: 0] += 1 }
            let best = overlap.map { Double($0.value) / Double(pixels.count + areas[$0.key]! - $0.value) }.max() ?? 0
            if best >= iou { matched += 1 }
        }
        return (ref.isEmpty ? 1 : Double(matched) / Double(ref.count), ref.count)
    }
}
