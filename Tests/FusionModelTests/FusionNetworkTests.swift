import Foundation
import Testing
@testable import FusionModel

@Suite struct FusionNetworkTests {
    static let configuration = FusionNetworkConfiguration(tileFeatures: 3, genomicFeatures: 2, clinicalFeatures: 2,
                                                          tileHidden: 4, attentionHidden: 3, embedding: 3, dropout: 0.2)

    /// Four patients: complete, without genomics, slide only, without slide; tied survival times.
    static func patients() -> [PatientSample] {
        let tiles = { (n: Int, seed: UInt64) in GradientCheck.random(n, 3, seed: seed, scale: 2) }
        return [
            PatientSample(id: "a", tiles: tiles(5, 1), genomic: [0.3, -1], clinical: [1, 0.5], response: true,
                          survival: SurvivalOutcome(timeMonths: 10, event: true)),
            PatientSample(id: "b", tiles: tiles(3, 2), genomic: nil, clinical: [-0.2, 1.1], response: false,
                          survival: SurvivalOutcome(timeMonths: 4, event: true)),
            PatientSample(id: "c", tiles: tiles(4, 3), response: true,
                          survival: SurvivalOutcome(timeMonths: 10, event: false)),
            PatientSample(id: "d", genomic: [1.2, 0.1], clinical: [0.4, -0.7], response: false,
                          survival: SurvivalOutcome(timeMonths: 4, event: true)),
        ]
    }

    /// Central differences (h = 5e-3, Float32 forward: resolution ≈ 1.2e-5) on every scalar parameter
    /// of the full training loss with dropout and alpha dropout active (same masks in every
    /// evaluation). Tolerance |a − n| ≤ 3e-4 + 2e-2·max(|a|, |n|). Checked to fail when the sigmoid
    /// derivative is perturbed by 10 %.
    @Test func fullModelLossGradientMatchesFiniteDifferences() throws {
        let network = try FusionNetwork(configuration: Self.configuration)
        var g = SeededGenerator(seed: 21)
        var parameters = network.initialParameters(using: &g)
        // Non-zero biases so that every parameter's gradient is exercised.
        for name in parameters.names where name.hasSuffix(".bias") {
            parameters[name] = GradientCheck.random(1, parameters[name]!.columns, seed: UInt64(name.count), scale: 0.3)
        }
        // Larger attention scores, so the attention branch's gradients are well above Float32 resolution.
        parameters["slide.attention.w.weight"]!.values = parameters["slide.attention.w.weight"]!.values.map { $0 * 4 }
        let samples = Self.patients()
        func evaluate(_ p: ParameterSet) throws -> (Double, [String: Matrix]) {
            var pass = ForwardPass(tape: Tape(), parameters: p, training: true, generator: SeededGenerator(seed: 5))
            let loss = try network.loss(samples, &pass, responseWeight: 1, survivalWeight: 0.7)
            try pass.tape.backward(from: loss)
            return (Double(pass.tape.value(loss).values[0]), pass.gradients())
        }
        let (_, analytic) = try evaluate(parameters)
        let h: Float = 5e-3
        var compared = 0, failures: [String] = [], nonZero = 0
        for name in parameters.names {
            for i in 0..<parameters[name]!.count {
                var plus = parameters, minus = parameters
                plus[name]!.values[i] += h
                minus[name]!.values[i] -= h
                let numeric = (try evaluate(plus).0 - evaluate(minus).0) / (2 * Double(h))
                let a = Double(analytic[name]!.values[i])
                compared += 1
                if abs(a) > 1e-4 { nonZero += 1 }
                if abs(a - numeric) > 3e-4 + 2e-2 * max(abs(a), abs(numeric)) {
                    failures.append("\(name)[\(i)]: analytic \(a), numeric \(numeric)")
                }
            }
        }
        #expect(compared == parameters.scalarCount)
        #expect(nonZero > compared / 2, "most parameters should influence the loss")
        #expect(failures.isEmpty, "\(failures.prefix(8))")
    }

    @Test func absentModalitiesAreMaskedAndReported() throws {
        let network = try FusionNetwork(configuration: Self.configuration)
        var g = SeededGenerator(seed: 2)
        let model = TrainedFusionModel(network: network, standardizer: try FeatureStandardizer.fit(Self.patients(), configuration: Self.configuration),
                                       parameters: network.initialParameters(using: &g))
        let predictions = try model.predict(Self.patients())
        #expect(predictions.map(\.modalitiesUsed) == [[.slide, .genomics, .clinical], [.slide, .clinical], [.slide], [.genomics, .clinical]])
        #expect(predictions[1].modalityWeights[.genomics] == 0)
        #expect(predictions[3].modalityWeights[.slide] == 0 && predictions[3].attention == nil)
        #expect(abs(predictions[0].modalityWeights.values.reduce(0, +) - 1) < 1e-6)
        let attention = try #require(predictions[0].attention)
        #expect(attention.count == 5 && abs(attention.reduce(0, +) - 1) < 1e-5)
        // Removing genomics at scoring time changes the patient's flags and (generically) the score.
        let without = try model.predict([Self.patients()[0]], removing: [.genomics])
        #expect(without[0].modalitiesUsed == [.slide, .clinical])
        #expect(without[0].riskScore != predictions[0].riskScore)
        // Scoring is deterministic.
        #expect(try model.predict(Self.patients()) == predictions)
    }

    @Test func badInputsThrowWithPosition() throws {
        let network = try FusionNetwork(configuration: Self.configuration)
        var g = SeededGenerator(seed: 2)
        let model = TrainedFusionModel(network: network, standardizer: try FeatureStandardizer.fit(Self.patients(), configuration: Self.configuration),
                                       parameters: network.initialParameters(using: &g))
        #expect(throws: FusionModelError.invalidSample(index: 1, reason: "none of the modalities [\"slide\", \"genomics\", \"clinical\"] the model uses is present")) {
            try model.predict([Self.patients()[0], PatientSample(id: "empty")])
        }
        #expect(throws: FusionModelError.self) { try model.predict([PatientSample(id: "x", genomic: [1, 2, 3])]) }
        #expect(throws: FusionModelError.self) { try model.predict([PatientSample(id: "x", clinical: [.nan, 1])]) }
        var missing = model
        missing.parameters["head.risk.weight"] = nil
        #expect(throws: FusionModelError.missingParameter(name: "head.risk.weight", expectedShape: [3, 1])) {
            try missing.predict([Self.patients()[0]])
        }
        #expect(throws: FusionModelError.self) {
            try FusionNetwork(configuration: FusionNetworkConfiguration(tileFeatures: 0, genomicFeatures: 1, clinicalFeatures: 1))
        }
    }

    /// The Breslow partial likelihood equals R's `coxph(ties = "breslow")` log-likelihood at β = 1
    /// (Fixtures/cox_breslow_reference.R: −12.9880277046 with 6 events).
    @Test func coxMatchesRSurvival() throws {
        let time: [Double] = [5, 3, 3, 8, 1, 3, 8, 2, 5, 6]
        let event = [1, 1, 0, 1, 0, 1, 0, 1, 1, 0].map { $0 == 1 }
        let eta: [Float] = [0.5, -1.2, 0.3, 2.0, 0.0, 0.7, -0.4, 1.1, -0.8, 0.25]
        let t = Tape()
        let loss = try t.coxPartialLikelihood(risk: t.constant(Matrix(column: eta)), times: time, events: event)
        #expect(abs(Double(t.value(loss).values[0]) * 6 - 12.988_027_704_6) < 1e-4)
    }

    @Test func coxWithoutEventsIsZero() throws {
        let t = Tape()
        let x = t.parameter(Matrix(column: [1, 2]))
        let loss = try t.coxPartialLikelihood(risk: x, times: [1, 2], events: [false, false])
        try t.backward(from: loss)
        #expect(t.value(loss).values == [0] && t.gradient(x).values == [0, 0])
    }
}
