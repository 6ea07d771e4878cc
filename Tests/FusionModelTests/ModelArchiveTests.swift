import Foundation
import Testing
@testable import FusionModel

@Suite struct ModelArchiveTests {
    @Test func loadingReproducesPredictionsBitForBit() throws {
        let data = SyntheticCohort.splitSignal(patients: 30, tiles: 5, seed: 3).samples
        let network = try FusionNetwork(configuration: TrainingTests.small)
        let model = try Trainer.train(data, network: network, parameters: TrainingParameters(epochs: 2, batchSize: 8)).model
        let (weights, json) = try ModelArchive.encode(model, provenance: ["seed": "1"])
        let loaded = try ModelArchive.decode(weights: weights, configuration: json)
        #expect(loaded == model)
        #expect(try loaded.predict(data) == model.predict(data))
        let (_, metadata) = try SafeTensors.decode(weights)
        #expect(metadata["tmescope_config"] == String(decoding: json, as: UTF8.self))
    }

    /// An independent NumPy float64 forward pass (Fixtures/numpy_forward.py), reading only our
    /// model.safetensors, reproduces our probabilities, risks and attention within 1e-4 — for
    /// complete patients and patients missing a modality.
    /// Without the `LinearPrior`, with it, and with it guiding attention.
    @Test(.enabled(if: SafeTensorsTests.pythonWithSafetensors() != nil, "needs python3 with safetensors and numpy"),
          arguments: [nil, LinearPriorTests.settings, LinearPriorTests.guidedSettings])
    func numpyForwardPassFromOurFileAgrees(prior: LinearPriorSettings?) throws {
        let python = try #require(SafeTensorsTests.pythonWithSafetensors())
        var data = SyntheticCohort.splitSignal(patients: 24, tiles: 7, seed: 6).samples
        var configuration = TrainingTests.small
        configuration.linearPrior = prior
        let network = try FusionNetwork(configuration: configuration)
        let model = try Trainer.train(data, network: network, parameters: TrainingParameters(epochs: 3, batchSize: 8)).model
        data[1].genomic = nil
        data[2].tiles = nil
        data[3].clinical = nil
        data[3].tiles = nil
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fusion-np-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (weights, _) = try ModelArchive.encode(model)
        try Data(weights).write(to: dir.appendingPathComponent("model.safetensors"))
        try JSONEncoder().encode(data).write(to: dir.appendingPathComponent("samples.json"))
        let out = try SafeTensorsTests.run(python, [SafeTensorsTests.fixtures.appendingPathComponent("numpy_forward.py").path,
                                                    dir.appendingPathComponent("model.safetensors").path,
                                                    dir.appendingPathComponent("samples.json").path])
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        let ours = try model.predict(data)
        #expect(reference.count == ours.count)
        for (r, p) in zip(reference, ours) {
            #expect(abs((r["response_probability"] as? Double ?? .nan) - p.responseProbability) < 1e-4)
            #expect(abs((r["risk_score"] as? Double ?? .nan) - p.riskScore) < 1e-4)
            let attention = r["attention"] as? [Double]
            #expect((attention == nil) == (p.attention == nil))
            for (a, b) in zip(attention ?? [], p.attention ?? []) { #expect(abs(a - Double(b)) < 1e-5) }
        }
    }

    @Test func truncatedWeightsAreRejected() throws {
        let network = try FusionNetwork(configuration: TrainingTests.small)
        var g = SeededGenerator(seed: 1)
        let data = SyntheticCohort.splitSignal(patients: 5, tiles: 3, seed: 1).samples
        var model = TrainedFusionModel(network: network, standardizer: try FeatureStandardizer.fit(data, configuration: TrainingTests.small),
                                       parameters: network.initialParameters(using: &g))
        model.parameters["genomics.snn.1.weight"] = nil
        let (weights, json) = try ModelArchive.encode(model)
        #expect(throws: FusionModelError.missingParameter(name: "genomics.snn.1.weight", expectedShape: [6, 6])) {
            try ModelArchive.decode(weights: weights, configuration: json)
        }
    }
}

@Suite struct MetricsTests {
    @Test func aucDocExampleAndTies() {
        #expect(Metrics.rocAUC(scores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true]) == 0.75)
        #expect(Metrics.rocAUC(scores: [1, 1], labels: [true, false]) == 0.5)
        #expect(Metrics.rocAUC(scores: [1, 2], labels: [true, true]) == nil)
    }

    @Test func harrellByHand() {
        // Comparable pairs (i has an event, tᵢ < tⱼ): (0,1) (0,2) (0,3) (2,1) (2,3).
        // Risks 3, 1, 2, 2: the first four are concordant, (2,3) is a risk tie (½) → 4.5 / 5.
        let c = Metrics.harrellC(risk: [3, 1, 2, 2], times: [1, 5, 4, 6], events: [true, false, true, false])
        #expect(c == 0.9)
    }

    @Test func standardizerCentresConstantColumns() {
        let s = ColumnScaling.fit(rows: [[1, 5], [3, 5]], columns: 2)
        #expect(s.means == [2, 5] && s.scales == [1, 1])
        #expect(s.apply([3, 5]) == [1, 0])
    }
}
