import Foundation
import Testing
@testable import FusionModel

@Suite struct RecalibrationTests {
    static func logit(_ p: Double) -> Double { log(p / (1 - p)) }

    /// Known answer: logits only at z = −1 (8 of 40 respond) and z = +1 (28 of 40). With plain targets the
    /// maximum-likelihood fit reproduces both rates: a = (logit 0.7 − logit 0.2)/2, b = (logit 0.7 + logit 0.2)/2.
    /// With Platt's targets (N₊ = 36, N₋ = 44: t₊ = 37/38, t₋ = 1/46) the rates are the groups' mean targets.
    @Test func twoPointFitIsExact() throws {
        let z = [Double](repeating: -1, count: 40) + [Double](repeating: 1, count: 40)
        let y = (0..<40).map { $0 < 8 } + (0..<40).map { $0 < 28 }
        let plain = try PlattScaling.fit(logits: z, labels: y, parameters: PlattParameters(smoothedTargets: false))
        #expect(abs(plain.slope - (Self.logit(0.7) - Self.logit(0.2)) / 2) < 1e-9, "\(plain)")
        #expect(abs(plain.intercept - (Self.logit(0.7) + Self.logit(0.2)) / 2) < 1e-9, "\(plain)")
        #expect(abs(plain.probability(logit: -1) - 0.2) < 1e-12 && abs(plain.probability(logit: 1) - 0.7) < 1e-12)

        // Reversed rates (0.7 at z = −1, 0.2 at z = +1): no increasing map fits; the slope is clamped to 0 and the
        // probability is the cohort rate 36/80.
        let reversed = try PlattScaling.fit(logits: z, labels: (0..<40).map { $0 < 28 } + (0..<40).map { $0 < 8 },
                                            parameters: PlattParameters(smoothedTargets: false))
        #expect(reversed.slope == 0 && abs(reversed.intercept - Self.logit(36.0 / 80)) < 1e-12, "\(reversed)")

        let high = 37.0 / 38, low = 1.0 / 46
        let rMinus = (8 * high + 32 * low) / 40, rPlus = (28 * high + 12 * low) / 40
        let smoothed = try PlattScaling.fit(logits: z, labels: y)
        #expect(abs(smoothed.slope - (Self.logit(rPlus) - Self.logit(rMinus)) / 2) < 1e-9, "\(smoothed)")
        #expect(abs(smoothed.intercept - (Self.logit(rPlus) + Self.logit(rMinus)) / 2) < 1e-9, "\(smoothed)")
    }

    /// Synthetic over-confident scores: the network's logit is z = 2.5·t + 1 where the true logit is t
    /// (t ~ N(0, 1.2²), y ~ Bernoulli(σ(t)), n = 20000). The fit must recover the inverse map
    /// t = 0.4·z − 0.4 (standard errors ≈ 0.006), and the recalibrated probabilities must be calibrated.
    @Test func fitRecoversKnownSlopeAndIntercept() throws {
        var g = SeededGenerator(seed: 17)
        var z: [Double] = [], y: [Bool] = []
        for _ in 0..<20_000 {
            let t = 1.2 * g.nextNormal()
            y.append(g.nextUniform() < 1 / (1 + exp(-t)))
            z.append(2.5 * t + 1)
        }
        let c = try PlattScaling.fit(logits: z, labels: y)
        #expect(abs(c.slope - 0.4) < 0.03 && abs(c.intercept + 0.4) < 0.05, "\(c)")
        let raw = z.map { 1 / (1 + exp(-$0)) }, calibrated = z.map { c.probability(logit: $0) }
        let before = try #require(Calibration.expectedCalibrationError(probabilities: raw, labels: y))
        let after = try #require(Calibration.expectedCalibrationError(probabilities: calibrated, labels: y))
        #expect(before > 0.1 && after < 0.02, "ECE before \(before), after \(after)")
        // Extreme logits do not overflow.
        #expect(c.probability(logit: 1e6) == 1 || c.probability(logit: 1e6) > 0.999999)
        #expect(c.probability(logit: -1e6) >= 0 && c.probability(logit: -1e6) < 1e-6)
        // Perfectly separated labels still give a finite fit with Platt's targets.
        let separated = try PlattScaling.fit(logits: [-2, -1, 1, 2], labels: [false, false, true, true])
        #expect(separated.slope.isFinite && separated.slope > 0 && separated.intercept.isFinite)
    }

    @Test func badInputsThrow() {
        #expect(throws: FusionModelError.self) { try PlattScaling.fit(logits: [0, 1], labels: [true, true]) }
        #expect(throws: FusionModelError.self) { try PlattScaling.fit(logits: [0, .nan], labels: [true, false]) }
        #expect(throws: FusionModelError.self) { try PlattScaling.fit(logits: [0, 1], labels: [true]) }
        #expect(throws: FusionModelError.self) {
            try RecalibrationParameters(method: .platt, innerFolds: 1).validate()
        }
    }

    static let configuration = FusionNetworkConfiguration(tileFeatures: 3, genomicFeatures: 3, clinicalFeatures: 2,
                                                          tileHidden: 6, attentionHidden: 4, embedding: 4, dropout: 0.1)
    static let platt = RecalibrationParameters(method: .platt, innerFolds: 3)

    /// The inner cross-validation reads only the training positions it is given: every other patient's
    /// features are NaN (any use of them would throw `invalidSample`), and the calibration is fitted on
    /// exactly the given positions.
    @Test func innerCalibrationReadsOnlyTrainingPatients() throws {
        var samples = SyntheticCohort.splitSignal(patients: 40, tiles: 5, seed: 3).samples
        let training = Array(stride(from: 0, to: 40, by: 2))
        for i in stride(from: 1, to: 40, by: 2) {
            samples[i].tiles!.values = samples[i].tiles!.values.map { _ in .nan }
            samples[i].genomic = samples[i].genomic!.map { _ in .nan }
            samples[i].clinical = samples[i].clinical!.map { _ in .nan }
            samples[i].response = !(samples[i].response!)
        }
        let network = try FusionNetwork(configuration: Self.configuration)
        let fit = try Recalibration.fit(samples, training: training, network: network,
                                        parameters: TrainingParameters(epochs: 3, batchSize: 8, seed: 2),
                                        recalibration: Self.platt, seed: 9)
        #expect(fit.fittedOn == training)
        #expect(fit.calibration.slope.isFinite && fit.calibration.intercept.isFinite)
    }

    /// No leakage in cross-validation: fold 0's calibration is fitted on fold 0's training patients only
    /// (recorded positions), and corrupting fold 0's *held-out* patients (features scaled, survival replaced;
    /// responses stay, since they define the stratified folds: `innerCalibrationReadsOnlyTrainingPatients`
    /// flips them) leaves fold 0's calibration and models bit-identical, while the folds that trained on
    /// them change (so the test can fail). The held-out predictions are σ(a·logit + b) of each member,
    /// averaged over the fold's members.
    @Test func crossValidatedCalibrationNeverSeesHeldOutPatients() throws {
        let samples = SyntheticCohort.splitSignal(patients: 45, tiles: 5, seed: 8).samples
        let network = try FusionNetwork(configuration: Self.configuration)
        let params = TrainingParameters(epochs: 3, batchSize: 8, seed: 13)
        let clean = try CrossValidation.run(samples, network: network, parameters: params, folds: 3, seedsPerFold: 2,
                                            recalibration: Self.platt)
        for fold in clean.folds {
            let fitted = try #require(fold.recalibration)
            #expect(fitted.fittedOn == fold.trainingIndices)
            #expect(Set(fitted.fittedOn).isDisjoint(with: fold.testIndices))
            #expect(fold.models.allSatisfy { $0.calibration == fitted.calibration })
            let held = fold.testIndices.map { samples[$0] }
            let logits = try fold.models.map { try $0.responseLogits(held) }
            for (j, p) in fold.testPredictions.enumerated() {
                let expected = logits.reduce(0.0) { $0 + fitted.calibration.probability(logit: $1[j]) } / Double(logits.count)
                #expect(abs(p.responseProbability - expected) < 1e-12)
            }
        }
        let test0 = clean.folds[0].testIndices
        var corrupted = samples
        for i in test0 {
            corrupted[i].tiles!.values = corrupted[i].tiles!.values.map { $0 * 100 + 50 }
            corrupted[i].genomic = corrupted[i].genomic!.map { $0 - 1e3 }
            corrupted[i].survival = SurvivalOutcome(timeMonths: 1e3, event: false)
        }
        let dirty = try CrossValidation.run(corrupted, network: network, parameters: params, folds: 3, seedsPerFold: 2,
                                            recalibration: Self.platt)
        #expect(dirty.folds[0].testIndices == test0)
        #expect(dirty.folds[0].recalibration == clean.folds[0].recalibration)
        #expect(dirty.folds[0].models == clean.folds[0].models)
        #expect(dirty.folds[1].recalibration?.calibration != clean.folds[1].recalibration?.calibration)
        // Without recalibration the same run has no calibration and plain σ(logit) predictions.
        let plain = try CrossValidation.run(samples, network: network, parameters: params, folds: 3, seedsPerFold: 2)
        #expect(plain.folds.allSatisfy { $0.recalibration == nil && $0.models.allSatisfy { $0.calibration == nil } })
        #expect(plain.folds[0].models.map(\.parameters) == clean.folds[0].models.map(\.parameters))
    }

    /// A recalibrated model survives the archive round trip with bit-identical predictions.
    @Test func archiveKeepsTheCalibration() throws {
        let samples = SyntheticCohort.splitSignal(patients: 30, tiles: 4, seed: 5).samples
        var model = try Trainer.train(samples, network: FusionNetwork(configuration: Self.configuration),
                                      parameters: TrainingParameters(epochs: 2, batchSize: 8, seed: 4)).model
        model.calibration = PlattCalibration(slope: 0.7310585786300049, intercept: -0.1234567890123456789)
        let (weights, json) = try ModelArchive.encode(model)
        let loaded = try ModelArchive.decode(weights: weights, configuration: json)
        #expect(loaded.calibration == model.calibration)
        let a = try model.predict(samples), b = try loaded.predict(samples)
        #expect(zip(a, b).allSatisfy { $0.responseProbability.bitPattern == $1.responseProbability.bitPattern })
        var uncalibrated = model
        uncalibrated.calibration = nil
        #expect(try uncalibrated.predict(samples)[0].responseProbability != a[0].responseProbability)
    }
}
