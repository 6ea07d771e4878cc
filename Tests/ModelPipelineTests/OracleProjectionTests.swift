import Foundation
import FusionModel
@testable import Pipeline
import Testing

@Suite struct OracleProjectionTests {
    /// y = 1 + 2x is recovered exactly as λ → 0 and shrunk towards ȳ = 3 as λ grows; inputs outside the
    /// fitted range [0, 2] are clipped to it.
    @Test func ridgeFitKnownLine() throws {
        let fit = try #require(RidgeFit(x: [[0], [1], [2]], y: [1, 3, 5], lambda: 1e-9))
        #expect(abs(fit.predict([1.5]) - 4) < 1e-6)
        #expect(abs(fit.predict([3]) - 5) < 1e-6 && abs(fit.predict([-1]) - 1) < 1e-6)
        // Standardised columns have Σz² = n, so β = Σz(y − ȳ)/(n + λn) = β_OLS/(1 + λ): λ = 1 halves the slope.
        let half = try #require(RidgeFit(x: [[0], [1], [2]], y: [1, 3, 5], lambda: 1))
        #expect(abs(half.predict([1.5]) - 3.5) < 1e-9)
        #expect(RidgeFit(x: [], y: [], lambda: 1) == nil && RidgeFit(x: [[1]], y: [1], lambda: 0) == nil)
        // The inner cross-validation prefers a small penalty for a noiseless line.
        let xs: [[Double]] = (0..<20).map { [Double($0)] }
        let ys: [Double] = (0..<20).map { 1 + 2 * Double($0) }
        let chosen = try #require(RidgeFit(x: xs, y: ys, choosingFrom: [10, 1e-3, 1]))
        #expect(abs(chosen.predict([10.5]) - 22) < 0.1)
    }

    /// Truth that depends only on the first genomic input: genomics explains it (R² ≈ 1, AUC and C of the
    /// truth itself), the clinical vector (noise) explains nothing (R² ≤ 0.1).
    @Test func projectionFindsTheModalityThatCarriesTheSignal() throws {
        var g = SeededGenerator(seed: 4)
        var samples: [PatientSample] = [], truth: [String: SimulatorTruth.Patient] = [:]
        for i in 0..<200 {
            let signal = Float(g.nextNormal()), noise = Float(g.nextNormal())
            let p = 1 / (1 + Foundation.exp(-Double(signal)))
            let id = "P\(i)"
            samples.append(PatientSample(id: id, tiles: try Matrix(rows: 2, columns: 1, values: [noise, -noise]),
                                         genomic: [signal, Float(g.nextNormal())], clinical: [noise],
                                         response: g.nextUniform() < p,
                                         survival: SurvivalOutcome(timeMonths: 1 + g.nextUniform() * 20, event: true)))
            truth[id] = SimulatorTruth.Patient(responseProbability: p, osLinearPredictor: -Double(signal))
        }
        let folds = (0..<5).map { f in samples.indices.filter { $0 % 5 == f } }
        let projection = try #require(OracleProjection.evaluate(SimulatorTruth(patients: truth, directory: "test"),
                                                                samples: samples, folds: folds))
        let genomics = try #require(projection.sets["genomics"]), clinical = try #require(projection.sets["clinical"])
        #expect(try #require(genomics.responseLPR2) > 0.99 && (try #require(genomics.osLPR2)) > 0.99)
        #expect(try #require(clinical.responseLPR2) < 0.1)
        #expect(genomics.patients == 200 && genomics.inputs == 2 && projection.sets["slide"]?.inputs == 2)
        // The projection's AUC equals the AUC of the true probabilities (same ranking).
        let trueAUC = Metrics.rocAUC(scores: samples.map { truth[$0.id]!.responseProbability }, labels: samples.map { $0.response! })!
        #expect(abs(genomics.auc! - trueAUC) < 0.01)
    }

    @Test func optionsFileMergesOntoDefaults() throws {
        let o = try ModelTrainingOptions.decode(Data(#"{"training": {"patience": 20, "optimizer": {"weightDecay": 0.001}}, "dropout": 0.2}"#.utf8))
        var expected = ModelTrainingOptions()
        expected.training.patience = 20
        expected.training.optimizer.weightDecay = 0.001
        expected.dropout = 0.2
        #expect(o == expected)
        #expect(throws: ModelPipelineError.self) { try ModelTrainingOptions.decode(Data(#"{"training": {"patiense": 20}}"#.utf8)) }
        #expect(throws: ModelPipelineError.self) { try ModelTrainingOptions.decode(Data(#"{"folds": "five"}"#.utf8)) }
        #expect(throws: ModelPipelineError.self) { try ModelTrainingOptions.decode(Data("[1]".utf8)) }
        var seeded = expected
        seeded.apply(folds: 3, seed: 9, epochs: nil)
        #expect(seeded.folds == 3 && seeded.training.seed == 9 && seeded.data.seed == 9 && seeded.evaluation.seed == 9
                && seeded.training.epochs == expected.training.epochs)
    }
}
