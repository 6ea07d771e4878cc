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
