import Foundation
import Testing
@testable import InstanSeg

/// The network against PyTorch (scripts/peers/instanseg_reference.py, fixtures in Fixtures/): the
/// authors' test tensor normalised as InstanSeg does, whole (256 × 256) and cropped to 250 × 203 (reflect
/// padding and its removal), every 2nd row and column of all 5 output channels within 1e-3.
@Suite struct InstanSegNetworkTests {
    static let tolerance: Float = 1e-3

    struct Reference: Decodable {
        struct Case: Decodable {
            var shape: [Int]
            var percentile_low: [Double]
            var percentile_high: [Double]
        }
        var model_sha256: String
        var full: Case
        var crop: Case
    }

    static func reference() throws -> Reference {
        let data = try Data(contentsOf: ModelFiles.fixtures.appendingPathComponent("instanseg_reference.json"))
        return try JSONDecoder().decode(Reference.self, from: data)
    }

    /// The authors' test input, 3 × 256 × 256 float 0–255.
    static func testInput() throws -> [Float] {
        let input = try ModelFiles.npy(ModelFiles.modelDirectory.appendingPathComponent("test-input.npy"))
        #expect(input.shape == [1, 3, 256, 256])
        return input.values
    }

    static func crop(_ image: [Float], rows: Range<Int>, columns: Range<Int>) -> [Float] {
        var out: [Float] = []
        for c in 0..<3 {
            for y in rows {
                let start: Int = (c * 256 + y) * 256
                out += image[start + columns.lowerBound..<start + columns.upperBound]
            }
        }
        return out
    }

    /// Largest |ours − PyTorch| over the fixture's samples (every 2nd row and column).
    static func maxDifference(_ output: InstanSegNetworkOutput, fixture: String) throws -> Float {
        let reference = try ModelFiles.npy(ModelFiles.fixtures.appendingPathComponent(fixture))
        let (h, w) = (reference.shape[1], reference.shape[2])
        #expect(reference.shape == [5, (output.height + 1) / 2, (output.width + 1) / 2])
        var worst: Float = 0
        for c in 0..<5 {
            for y in 0..<h {
                for x in 0..<w {
                    let ours = output.values[(c * output.height + 2 * y) * output.width + 2 * x]
                    worst = max(worst, abs(ours - reference.values[(c * h + y) * w + x]))
                }
            }
        }
        return worst
    }

    @Test func matchesPyTorchOnTheAuthorsTestInput() throws {
        let network = try ModelFiles.network(), reference = try Self.reference()
        #expect(reference.model_sha256 == TorchScriptArchive.brightfieldNucleiSHA256)
        var image = try Self.testInput()
        let normalization = PercentileNormalization(image: image, channels: 3)
        #expect(normalization.lower == reference.full.percentile_low && normalization.upper == reference.full.percentile_high)
        normalization.apply(to: &image)
        let output = try network.predict(image, height: 256, width: 256, threads: 1)
        #expect(output.values.count == 5 * 256 * 256)
        let difference = try Self.maxDifference(output, fixture: "instanseg_full_out_s2.npy")
        #expect(difference < Self.tolerance, "max |Swift − PyTorch| = \(difference)")
    }

    @Test func matchesPyTorchOnAnOddCropThatNeedsPadding() throws {
        let network = try ModelFiles.network(), reference = try Self.reference()
        var image = Self.crop(try Self.testInput(), rows: 3..<253, columns: 17..<220)
        let normalization = PercentileNormalization(image: image, channels: 3)
        #expect(normalization.lower == reference.crop.percentile_low && normalization.upper == reference.crop.percentile_high)
        normalization.apply(to: &image)
        let workspace = InstanSegWorkspace()
        let output = try network.predict(image, height: 250, width: 203, workspace: workspace, threads: 1)
        let difference = try Self.maxDifference(output, fixture: "instanseg_crop_out_s2.npy")
        #expect(difference < Self.tolerance, "max |Swift − PyTorch| = \(difference)")
        // A reused workspace gives the same numbers; two workers (other bands) stay within the tolerance.
        let again = try network.predict(image, height: 250, width: 203, workspace: workspace, threads: 1)
        #expect(again.values == output.values)
        let twoWorkers = try network.predict(image, height: 250, width: 203, workspace: workspace, threads: 2)
        let difference2 = try Self.maxDifference(twoWorkers, fixture: "instanseg_crop_out_s2.npy")
        #expect(difference2 < Self.tolerance, "two workers: max |Swift − PyTorch| = \(difference2)")
    }

    @Test func rejectsImagesTheModelCannotPad() throws {
        let network = try ModelFiles.network()
        #expect(throws: InstanSegError.self) { _ = try network.predict([Float](repeating: 0, count: 3 * 5 * 40), height: 5, width: 40) }
        #expect(throws: InstanSegError.self) { _ = try network.predict([Float](repeating: 0, count: 10), height: 16, width: 16) }
    }
}
