import Foundation
import Testing
@testable import InstanSeg

@Suite struct TorchScriptArchiveTests {
    /// Names, shapes and counts as `torch.jit.load(...).state_dict()` and `.parameters()` report them.
    @Test func readsTensorsAndAttributes() throws {
        let archive = try ModelFiles.archive()
        #expect(archive.sha256 == TorchScriptArchive.brightfieldNucleiSHA256)
        #expect(archive.moduleClass == "__torch__.instanseg.utils.loss.instanseg_loss.InstanSeg_Torchscript")
        #expect(archive.tensors.count == 258)  // float32 entries of state_dict(), running statistics included
        #expect(archive.parameterCount == 3_824_780)
        #expect(archive.tensors["fcn.encoder.0.conv0.0.weight"]?.shape == [32, 3, 1, 1])
        #expect(archive.tensors["fcn.encoder.3.conv4.0.weight"]?.shape == [256, 256, 3, 3])
        #expect(archive.tensors["fcn.decoders.0.decoder.0.conv_skip.0.weight"]?.shape == [128, 128, 1, 1])
        #expect(archive.tensors["fcn.decoders.0.final_block.2.1.running_var"]?.shape == [1])
        #expect(archive.tensors["pixel_classifier.fc1.weight"]?.shape == [5, 4])
        #expect(archive.tensors["fcn.pixel_classifier.fc3.weight"]?.shape == [1, 5])
        // First values of fcn.encoder.0.conv0.0.weight, printed by PyTorch.
        let first = try #require(archive.tensors["fcn.encoder.0.conv0.0.weight"]).values.prefix(4)
        #expect(Array(first) == [0.62025297, 0.5277834, -0.5843614, -0.26414764])
        #expect(archive.attributes["dim_coords"] == .int(2))
        #expect(archive.attributes["n_sigma"] == .int(2))
        #expect(archive.attributes["dim_seeds"] == .int(1))
        #expect(archive.attributes["default_mask_threshold"] == .double(0.53))
        #expect(archive.attributes["default_peak_distance"] == .int(5))
        #expect(archive.attributes["default_seed_threshold"] == .double(0.7))
        #expect(archive.attributes["default_overlap_threshold"] == .double(0.3))
        #expect(archive.attributes["default_fg_threshold"] == .double(0.5))
        #expect(archive.attributes["default_window_size"] == .int(32))
        #expect(archive.attributes["default_min_size"] == .int(10))
        #expect(archive.attributes["default_cleanup_fragments"] == .bool(true))
        #expect(archive.attributes["cells_and_nuclei"] == .bool(false))
        #expect(archive.attributes["pixel_size"] == .double(0.5))
        let settings = try InstanSegModelSettings(archive: archive)
        #expect(settings.pixelSizeMicrons == 0.5 && settings.maskThreshold == 0.53 && settings.windowSize == 32)
    }

    @Test func corruptedCopyFailsTheChecksum() throws {
        let source = try Data(contentsOf: ModelFiles.weights)
        var bytes = [UInt8](source)
        bytes[bytes.count / 2] ^= 0x01
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("instanseg-corrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("instanseg.pt")
        try Data(bytes).write(to: copy)
        do {
            _ = try TorchScriptArchive(contentsOf: copy)
            Issue.record("a corrupted archive was accepted")
        } catch let error as InstanSegError {
            guard case let .checksumMismatch(path, expected, actual) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(path == copy.path && expected == TorchScriptArchive.brightfieldNucleiSHA256 && actual != expected)
            Self.expectOneHelpfulParagraph(error.description, path: copy.path)
        }
    }

    @Test func missingFileSaysHowToFetchIt() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-dir-\(UUID().uuidString)/instanseg.pt")
        #expect(throws: InstanSegError.weightsMissing(path: missing.path, expectedSHA256: TorchScriptArchive.brightfieldNucleiSHA256)) {
            _ = try TorchScriptArchive(contentsOf: missing)
        }
        let error = InstanSegError.weightsMissing(path: missing.path, expectedSHA256: TorchScriptArchive.brightfieldNucleiSHA256)
        Self.expectOneHelpfulParagraph(error.description, path: missing.path)
    }

    static func expectOneHelpfulParagraph(_ text: String, path: String) {
        #expect(text.contains(path))
        #expect(text.contains(TorchScriptArchive.brightfieldNucleiSHA256))
        #expect(text.contains("run scripts/fetch-models") || text.contains("Run scripts/fetch-models"))
        #expect(!text.contains("\n"))
    }

    /// Pickle opcodes outside the supported set are rejected, not skipped.
    @Test func unknownPickleOpcodeIsRejected() {
        #expect(throws: PickleReader.Failure.self) { _ = try PickleReader.decode([0x80, 0x02, 0x5d, 0x2e]) }
        #expect(throws: PickleReader.Failure.self) { _ = try PickleReader.decode([0x80, 0x02, 0x4b]) }
    }
}
