import Foundation
import Testing
@testable import FusionModel

@Suite struct CrossValidationTests {
    @Test func foldsArePatientDisjointAndStratified() throws {
        // 23 responders, 41 non-responders, 6 not evaluable.
        let responses: [Bool?] = (0..<70).map { $0 < 23 ? true : ($0 < 64 ? false : nil) }
        var g = SeededGenerator(seed: 4)
        let folds = try Stratification.folds(responses: responses, k: 5, generator: &g)
        #expect(folds.flatMap { $0 }.sorted() == Array(0..<70))
        let sizes = folds.map(\.count)
        #expect(sizes.max()! - sizes.min()! <= 1)
        for stratum in [true, false] as [Bool?] + [nil] {
            let counts = folds.map { $0.filter { responses[$0] == stratum }.count }
            #expect(counts.max()! - counts.min()! <= 1, "stratum \(String(describing: stratum)): \(counts)")
        }
        var g2 = SeededGenerator(seed: 4)
        #expect(try Stratification.folds(responses: responses, k: 5, generator: &g2) == folds)
        #expect(throws: FusionModelError.self) { try Stratification.folds(responses: [true, false], k: 3, generator: &g) }
    }

    @Test func splitHoldsOutTheRequestedFractionPerStratum() {
        let responses: [Bool?] = (0..<50).map { $0 < 20 }
        var g = SeededGenerator(seed: 2)
        let (kept, held) = Stratification.split(responses: responses, heldOutFraction: 0.2, generator: &g)
        #expect(held.count == 10 && kept.count == 40)
        #expect(held.filter { $0 < 20 }.count == 4)
        #expect(Set(kept).isDisjoint(with: held))
    }

    /// No leakage: replacing the *test* patients' features of fold 0 by extreme values changes
    /// neither fold 0's standardisation nor its trained weights, and its standardisation equals a fit
    /// on the training folds alone. (A fit on all patients would move: checked, so the test can fail.)
    @Test func standardisationAndTrainingSeeOnlyTrainingFolds() throws {
        let samples = SyntheticCohort.splitSignal(patients: 45, tiles: 5, seed: 8).samples
        let configuration = FusionNetworkConfiguration(tileFeatures: 3, genomicFeatures: 3, clinicalFeatures: 2,
                                                       tileHidden: 6, attentionHidden: 4, embedding: 4, dropout: 0.1)
        let network = try FusionNetwork(configuration: configuration)
        let params = TrainingParameters(epochs: 3, batchSize: 8, seed: 13)
        let clean = try CrossValidation.run(samples, network: network, parameters: params, folds: 3)
        let test0 = clean.folds[0].testIndices
        var corrupted = samples
        for i in test0 {
            corrupted[i].tiles!.values = corrupted[i].tiles!.values.map { $0 * 1000 + 500 }
            corrupted[i].genomic = corrupted[i].genomic!.map { $0 - 1e4 }
            corrupted[i].clinical = corrupted[i].clinical!.map { $0 + 1e4 }
        }
        let dirty = try CrossValidation.run(corrupted, network: network, parameters: params, folds: 3)
        #expect(dirty.folds[0].testIndices == test0)
        #expect(dirty.folds[0].training.model == clean.folds[0].training.model)
        let trainingOnly = try FeatureStandardizer.fit(clean.folds[0].trainingIndices.map { samples[$0] },
                                                       configuration: configuration)
        #expect(clean.folds[0].training.model.standardizer == trainingOnly)
        #expect(Set(clean.folds[0].trainingIndices).isDisjoint(with: test0))
        // The other folds trained on the corrupted patients, so their standardisation must differ.
        #expect(dirty.folds[1].training.model.standardizer != clean.folds[1].training.model.standardizer)
        let leaky = try FeatureStandardizer.fit(corrupted, configuration: configuration)
        #expect(leaky != trainingOnly)
        // Every patient has exactly one out-of-fold prediction, in input order.
        #expect(clean.outOfFold.map(\.id) == samples.map(\.id))
    }

    /// A seed bag per fold: member 0 is the single-seed run, the other members differ, and the fold's
    /// held-out prediction is the members' mean (probability, risk, attention).
    @Test func seedsPerFoldAverageTheMembers() throws {
        let samples = SyntheticCohort.splitSignal(patients: 30, tiles: 4, seed: 5).samples
        let network = try FusionNetwork(configuration: FusionNetworkConfiguration(
            tileFeatures: 3, genomicFeatures: 3, clinicalFeatures: 2, tileHidden: 6, attentionHidden: 4, embedding: 4, dropout: 0.1))
        let params = TrainingParameters(epochs: 2, batchSize: 8, seed: 3)
        let single = try CrossValidation.run(samples, network: network, parameters: params, folds: 3)
        let bag = try CrossValidation.run(samples, network: network, parameters: params, folds: 3, seedsPerFold: 3)
        #expect(bag.folds.map(\.testIndices) == single.folds.map(\.testIndices))
        for (b, s) in zip(bag.folds, single.folds) {
            #expect(b.trainings.count == 3 && b.models[0] == s.models[0] && b.models[1] != b.models[0])
            let each = try b.models.map { try $0.predict(b.testIndices.map { samples[$0] }) }
            for (j, p) in b.testPredictions.enumerated() {
                let probability = each.reduce(0.0) { $0 + $1[j].responseProbability } / 3
                let risk = each.reduce(0.0) { $0 + $1[j].riskScore } / 3
                #expect(abs(p.responseProbability - probability) < 1e-12 && abs(p.riskScore - risk) < 1e-12)
                let a0 = try #require(each[0][j].attention), a = try #require(p.attention)
                let expected = a0.indices.map { t in each.reduce(0.0) { $0 + Double($1[j].attention![t]) } / 3 }
                #expect(zip(a, expected).allSatisfy { abs(Double($0) - $1) < 1e-6 })
            }
        }
        #expect(throws: FusionModelError.self) {
            try CrossValidation.run(samples, network: network, parameters: params, folds: 3, seedsPerFold: 0)
        }
    }
}
