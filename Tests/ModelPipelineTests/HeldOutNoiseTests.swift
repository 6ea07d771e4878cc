import BiomarkerStore
import Foundation
import FusionModel
@testable import Pipeline
import Testing
import TestSupport

/// Issue 19: every performance figure is held-out. On a cohort whose outcomes are pure noise (drawn from
/// their own seed, independent of every input), no honest AUC can be told apart from chance: every AUC
/// interval `tme train` and the cohort report give must cover 0.5. In-sample scores of the same models do
/// not (checked too, so that this test could fail had the report kept in-sample scores).
@Suite struct HeldOutNoiseTests {
    static let cohort = "noise-fixture"

    /// The evaluated configuration (linear prior, attention guide, Platt on inner folds) with 1 seed per fold, 3 inner
    /// folds, 20 tiles and 200 bootstrap resamples for a debug build, and made free to overfit (60 epochs, no dropout,
    /// no weight decay, prior ridge 0.3 instead of 3): the more a model fits noise, the more in-sample scores lie,
    /// so the held-out check is the stricter for it.
    static func options() -> ModelTrainingOptions {
        var o = ModelTrainingOptions.evaluated(folds: 5, seed: 5)
        o.seedsPerFold = 1
        o.recalibration.innerFolds = 3
        o.data.maxTilesPerPatient = 20
        o.evaluation.bootstrapReplicates = 200
        o.training.batchSize = 8
        o.training.epochs = 60
        o.training.optimizer.weightDecay = 0
        o.dropout = 0
        o.linearPrior.ridge = 0.3
        return o
    }

    @Test func everyReportedAUCIntervalOfANoiseCohortCoversChance() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tme-noise-\(UUID().uuidString)").path
        try TestDatabase.with { c, _ in
            try ModelFixture.load(c, cohort: Self.cohort, count: 60, noiseSeed: 2026)
            let result = try ModelTraining.run(cohort: Self.cohort, on: c, options: Self.options(), output: out)
            // evaluation.json: the fusion model, its ablations, the Cox baseline and the genomics-removed check.
            let variants = result.evaluation.variants
            #expect(variants.count >= 5)
            for (name, v) in variants {
                let ci = try #require(v.aucCI, "\(name) has no AUC interval")
                #expect(ci[0] <= 0.5 && 0.5 <= ci[1], "\(name): AUC \(v.auc ?? .nan) [\(ci[0]), \(ci[1])] excludes chance")
            }
            // The cohort report, from the scores tme score stores (out-of-fold), shows exactly evaluation.json's figures.
            _ = try ModelScoring.run(cohort: Self.cohort, modelDirectory: out, on: c)
            let report = try CohortReportLoader(connection: c).load(cohort: Self.cohort)
            let score = try #require(report.responseScore)
            let lower = try #require(score.roc.aucLower), upper = try #require(score.roc.aucUpper)
            #expect(lower <= 0.5 && 0.5 <= upper, "cohort report AUC \(score.roc.auc) [\(lower), \(upper)] excludes chance")
            #expect(score.roc.auc == result.evaluation.fusion.auc && [lower, upper] == result.evaluation.fusion.aucCI)
            #expect(score.brierScore == result.evaluation.fusion.brier)
            #expect(score.method.hasPrefix("Held-out: out-of-fold predictions of 5-fold cross-validation"))
            #expect(score.warnings == result.evaluation.warnings && !score.warnings.isEmpty)
            // The same models scoring their own training patients (in-sample) claim a signal that is not there.
            let (ensemble, _, _) = try ModelFolder.read(out)
            let data = try CohortModelData.load(cohort: Self.cohort, on: c, parameters: result.configuration.data)
            let samples = data.trainable.map(\.sample)
            let inSample = try ensemble.predict(samples)
            let optimistic = VariantEvaluation.evaluate(probabilities: inSample.map(\.responseProbability), risks: inSample.map(\.riskScore),
                                                        responses: samples.map(\.response), survival: samples.map(\.survival),
                                                        parameters: Self.options().evaluation)
            let optimisticCI = try #require(optimistic.aucCI)
            #expect(optimisticCI[0] > 0.5, "in-sample AUC \(optimistic.auc ?? .nan) [\(optimisticCI[0]), \(optimisticCI[1])]")
        }
    }
}

/// Issue 19: `tme train`'s defaults are the configuration that was evaluated (cohorts/eval400/training.json).
@Suite struct TrainingDefaultsTests {
    static let trainingJSON = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../cohorts/eval400/training.json").standardizedFileURL.path

    @Test func evaluatedConfigurationIsTheOneInTrainingJSON() throws {
        let file = try ModelTrainingOptions.read(path: Self.trainingJSON)
        #expect(file == ModelTrainingOptions.evaluated())
        #expect(file != ModelTrainingOptions())
        // Merged onto the evaluated defaults, the file changes nothing.
        #expect(try ModelTrainingOptions.read(path: Self.trainingJSON, base: .evaluated()) == .evaluated())
        let e = ModelTrainingOptions.evaluated()
        #expect(e.seedsPerFold == 3 && e.training.epochs == 30 && e.training.validationFraction == 0)
        #expect(e.recalibration.method == .platt && e.linearPrior.enabled && e.linearPrior.attentionGuide == 1)
    }
}

/// A model folder written before held-out folds were recorded cannot score its own training cohort out-of-fold:
/// those scores are stored with evaluation NULL (unknown, in-sample), never labelled external.
@Suite struct OlderModelFolderTests {
    @Test func folderWithoutHeldOutFoldsMarksItsTrainingCohortUnknown() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tme-old-\(UUID().uuidString)").path
        try TestDatabase.with { c, _ in
            try ModelFixture.load(c)
            var options = ModelPipelineTests.options()
            options.ablations = false
            _ = try ModelTraining.run(cohort: ModelFixture.cohort, on: c, options: options, output: out)
            let url = URL(fileURLWithPath: out + "/config.json")
            var config = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
            #expect(config.removeValue(forKey: "heldOutFolds") != nil)
            try JSONSerialization.data(withJSONObject: config).write(to: url)
            let report = try ModelScoring.run(cohort: ModelFixture.cohort, modelDirectory: out, on: c)
            #expect(report.foldsUnknown && report.outOfFold == 0)
            let rows = try c.query("SELECT count(*)::int AS n, count(evaluation)::int AS known FROM tme.predictions")
            #expect(try rows[0].decode("n", as: Int.self) == ModelFixture.patients && rows[0].decode("known", as: Int.self) == 0)
        }
    }
}
