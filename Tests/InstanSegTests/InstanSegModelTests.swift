import Foundation
import Testing
@testable import InstanSeg

/// The whole model (network + post-processing, configured from the weights file) against PyTorch: the authors'
/// own test pair, and four real tissue crops run through the published TorchScript model
/// (Fixtures/real/README.md, scripts/peers/instanseg_real_crops.py): ≥ 99 % of PyTorch's instances matched at
/// IoU ≥ 0.9, the raw network output within 1e-3 at every 4th row and column.
@Suite(.serialized) struct InstanSegModelTests {
    static let model: Result<InstanSegModel, Error> = Result { try InstanSegModel(contentsOf: ModelFiles.weights) }

    /// An .npy 1.0 array of any fixed-size dtype: shape, dtype code and the raw little-endian bytes.
    static func npyBytes(_ url: URL) throws -> (shape: [Int], descr: String, bytes: [UInt8]) {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ModelFiles.Missing(description: "\(url.path) not found")
        }
        let bytes = [UInt8](data)
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        let header = String(decoding: bytes[10..<10 + headerLength], as: UTF8.self)
        let descr = header.components(separatedBy: "'descr': '").dropFirst().first?.components(separatedBy: "'").first ?? ""
        let shapeText = header.components(separatedBy: "'shape': (").dropFirst().first?.components(separatedBy: ")").first ?? ""
        let shape = shapeText.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return (shape, descr, Array(bytes[(10 + headerLength)...]))
    }

    static func int32s(_ bytes: [UInt8]) -> [Int32] {
        stride(from: 0, to: bytes.count, by: 4).map {
            Int32(bitPattern: UInt32(bytes[$0]) | UInt32(bytes[$0 + 1]) << 8 | UInt32(bytes[$0 + 2]) << 16 | UInt32(bytes[$0 + 3]) << 24)
        }
    }

    /// Per-channel percentiles of an interleaved RGB image, as InstanSeg computes them for one image.
    static func ownPercentiles(_ rgb: [UInt8]) -> PercentileNormalization {
        var histograms = [[Int]](repeating: [Int](repeating: 0, count: 256), count: 3)
        for (i, v) in rgb.enumerated() { histograms[i % 3][Int(v)] += 1 }
        return PercentileNormalization(histograms: histograms)
    }

    @Test func authorsTestInputGivesTheirShippedLabels() throws {
        let model = try Self.model.get()
        #expect(model.weightsSHA256 == TorchScriptArchive.brightfieldNucleiSHA256)
        #expect(model.settings.pixelSizeMicrons == 0.5)
        let input = try ModelFiles.npy(ModelFiles.modelDirectory.appendingPathComponent("test-input.npy"))
        let plane = 256 * 256
        var rgb = [UInt8](repeating: 0, count: 3 * plane)
        for c in 0..<3 { for i in 0..<plane { rgb[i * 3 + c] = UInt8(input.values[c * plane + i]) } }
        let (labels, count) = try model.segment(rgb: rgb, width: 256, height: 256, normalisation: Self.ownPercentiles(rgb))
        let shipped = try PostProcessingFixtures.shippedLabels()
        #expect(count == 336)
        #expect(PostProcessingFixtures.instanceSets(labels) == PostProcessingFixtures.instanceSets(shipped),
                "every instance's pixel set must equal the authors' label image")
    }

    @Test(arguments: ["skimage_ihc", "stardist_he", "cmu1_keratin", "tiatoolbox_he"])
    func realCropMatchesPyTorch(name: String) throws {
        let model = try Self.model.get()
        let dir = ModelFiles.fixtures.appendingPathComponent("real")
        let rgb = try Self.npyBytes(dir.appendingPathComponent("\(name).rgb.npy"))
        #expect(rgb.descr == "|u1" && rgb.shape.count == 3 && rgb.shape[2] == 3)
        let (height, width) = (rgb.shape[0], rgb.shape[1])
        let normalisation = Self.ownPercentiles(rgb.bytes)
        // Network output at every 4th row and column against PyTorch's `m.fcn`.
        let output = try model.network.predict(normalisation.planes(interleaved: rgb.bytes, channels: 3), height: height, width: width)
        let reference = try ModelFiles.npy(dir.appendingPathComponent("\(name).fcn.npy"))
        let (rows, columns) = ((height + 3) / 4, (width + 3) / 4)
        #expect(reference.shape == [5, rows, columns])
        var worst: Float = 0
        for c in 0..<5 {
            for r in 0..<rows {
                for k in 0..<columns {
                    let ours = output.values[(c * height + 4 * r) * width + 4 * k]
                    worst = max(worst, abs(ours - reference.values[(c * rows + r) * columns + k]))
                }
            }
        }
        #expect(worst <= 1e-3, "\(name): largest network difference \(worst)")
        // Instances against PyTorch's labels.
        let (labels, count) = try model.segment(rgb: rgb.bytes, width: width, height: height, normalisation: normalisation)
        let torch = Self.int32s(try Self.npyBytes(dir.appendingPathComponent("\(name).labels.npy")).bytes)
        let forward = PostProcessingFixtures.matchedFraction(reference: torch, labels: labels, iou: 0.9)
        let backward = PostProcessingFixtures.matchedFraction(reference: labels, labels: torch, iou: 0.9)
        #expect(forward.fraction >= 0.99 && backward.fraction >= 0.99,
                "\(name): \(count) instances, PyTorch \(forward.count); matched at IoU ≥ 0.9: \(forward.fraction) of PyTorch's, \(backward.fraction) of ours")
    }

    @Test func labelsAreRenumberedConsecutively() {
        let (labels, count) = InstanSegModel.consecutive([0, 7, 7, 3, 0, 12])
        #expect(labels == [0, 2, 2, 1, 0, 3] && count == 3)
        #expect(InstanSegModel.consecutive([0, 0]).count == 0)
    }

    @Test func tooSmallAnImageIsANamedError() throws {
        let model = try Self.model.get()
        let rgb = [UInt8](repeating: 200, count: 40 * 40 * 3)
        #expect(throws: InstanSegError.self) {
            try model.segment(rgb: rgb, width: 40, height: 40, normalisation: Self.ownPercentiles(rgb))
        }
    }
}
