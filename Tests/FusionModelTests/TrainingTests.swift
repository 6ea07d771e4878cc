import Foundation
import Testing
@testable import FusionModel

@Suite struct TrainingTests {
    /// Adam's first step moves each parameter by η·sign(g) (bias correction makes m̂/√v̂ = ±1);
    /// AdamW additionally subtracts η·λ·θ from `.weight` tensors only.
    @Test func adamFirstStepAndDecoupledDecay() throws {
        var p = ParameterSet(["x.weight": Matrix(row: [1, -2, 3]), "x.bias": Matrix(row: [1])])
        var adam = AdamOptimizer(settings: AdamSettings(learningRate: 0.1, weightDecay: 0.5))
        try adam.update(&p, gradients: ["x.weight": Matrix(row: [10, -0.001, 0]), "x.bias": Matrix(row: [-4])])
        let w = try #require(p["x.weight"]).values
        #expect(abs(w[0] - (1 - 0.1 - 0.05)) < 1e-6)
        #expect(abs(w[1] - (-2 + 0.1 + 0.1)) < 1e-5)
        #expect(abs(w[2] - (3 - 0.15)) < 1e-6)  // zero gradient: only the decay acts
        #expect(abs(try #require(p["x.bias"]).values[0] - 1.1) < 1e-6)  // no decay on biases
    }

    @Test func adamMinimisesAQuadratic() throws {
        // f(x) = Σ (xᵢ − cᵢ)², minimum at c.
        let c: [Float] = [3, -1, 0.5]
        var p = ParameterSet(["v": Matrix(row: [0, 0, 0])])
        var adam = AdamOptimizer(settings: AdamSettings(learningRate: 0.05, weightDecay: 0))
        for _ in 0..<2000 {
            let x = p["v"]!.values
            try adam.update(&p, gradients: ["v": Matrix(row: zip(x, c).map { 2 * ($0 - $1) })])
        }
        for (x, target) in zip(p["v"]!.values, c) { #expect(abs(x - target) < 1e-3) }
    }

    @Test func adamRejectsNonFiniteGradients() {
        var p = ParameterSet(["v": Matrix(row: [1])])
        var adam = AdamOptimizer(settings: AdamSettings())
        #expect(throws: FusionModelError.self) { try adam.update(&p, gradients: ["v": Matrix(row: [.nan])]) }
        #expect(p["v"]?.values == [1] && adam.step == 0)
    }

    static let small = FusionNetworkConfiguration(tileFeatures: 3, genomicFeatures: 3, clinicalFeatures: 2,
                                                  tileHidden: 8, attentionHidden: 6, embedding: 6, dropout: 0.1)

    @Test func sameSeedGivesIdenticalWeights() throws {
        let data = SyntheticCohort.splitSignal(patients: 40, tiles: 6, seed: 4).samples
        let network = try FusionNetwork(configuration: Self.small)
        let params = TrainingParameters(epochs: 4, batchSize: 8, seed: 77)
        let a = try Trainer.train(data, network: network, parameters: params)
        let b = try Trainer.train(data, network: network, parameters: params)
        #expect(a.model.parameters == b.model.parameters)
        #expect(a.history == b.history)
        var other = params
        other.seed = 78
        let c = try Trainer.train(data, network: network, parameters: other)
        #expect(c.model.parameters != a.model.parameters)
    }

    @Test func earlyStoppingKeepsBestValidationEpoch() throws {
        let data = SyntheticCohort.splitSignal(patients: 60, tiles: 6, seed: 5).samples
        let network = try FusionNetwork(configuration: Self.small)
        let result = try Trainer.train(data, network: network,
                                       parameters: TrainingParameters(epochs: 200, batchSize: 8, patience: 3, seed: 1))
        let losses = result.history.compactMap(\.validationLoss)
        #expect(losses.count == result.history.count)
        #expect(losses.min() == result.history[result.bestEpoch - 1].validationLoss)
        #expect(result.history.count == result.bestEpoch + 3 || result.history.count == 200)
        #expect(result.history.count < 200, "a 60-patient cohort should stop early")
        #expect(Set(result.fittingIndices).isDisjoint(with: result.validationIndices))
        #expect(result.validationIndices.count == 12)
        // The kept model reproduces the recorded best validation loss.
        let v = try result.model.loss(result.validationIndices.map { data[$0] }, responseWeight: 1, survivalWeight: 1)
        #expect(abs(v - losses.min()!) < 1e-9)
    }

    @Test func modalityDropoutKeepsAtLeastOneModality() {
        var g = SeededGenerator(seed: 1)
        let s = SyntheticCohort.splitSignal(patients: 1, tiles: 4, seed: 1).samples[0]
        var counts: [Int: Int] = [:]
        for _ in 0..<2000 {
            let d = Trainer.dropModalities(s, among: Modality.allCases, probability: 0.6, generator: &g)
            counts[d.availableModalities.count, default: 0] += 1
        }
        #expect(counts[0] == nil)
        #expect((counts[1] ?? 0) > 0 && (counts[2] ?? 0) > 0 && (counts[3] ?? 0) > 0)
        // A slide-only network never loses its only modality to the dropout.
        for _ in 0..<200 {
            #expect(Trainer.dropModalities(s, among: [.slide], probability: 0.9, generator: &g).tiles != nil)
        }
    }

    @Test func invalidTrainingParametersThrow() throws {
        let network = try FusionNetwork(configuration: Self.small)
        let data = SyntheticCohort.splitSignal(patients: 10, tiles: 4, seed: 1).samples
        #expect(throws: FusionModelError.self) { try Trainer.train(data, network: network, parameters: TrainingParameters(epochs: 0)) }
        #expect(throws: FusionModelError.self) {
            try Trainer.train(data, network: network, parameters: TrainingParameters(validationFraction: 0.9))
        }
        #expect(throws: FusionModelError.self) { try Trainer.train(Array(data.prefix(1)), network: network, parameters: TrainingParameters()) }
    }
}
