import BiomarkerStore
import Foundation
import FusionModel
@testable import Pipeline
import Testing
import TestSupport

@Suite struct ModelPipelineTests {
    static func options() -> ModelTrainingOptions {
        var o = ModelTrainingOptions(folds: 3, seed: 11, epochs: 4)
        o.data.maxTilesPerPatient = 20
        o.evaluation.bootstrapReplicates = 50
        o.training.batchSize = 8
        return o
    }

    static func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tme-model-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func loadsBagsVectorsAndMissingModalities() throws {
        try TestDatabase.with { c, _ in
            try ModelFixture.load(c)
            let data = try CohortModelData.load(cohort: ModelFixture.cohort, on: c, parameters: ModelDataParameters(maxTilesPerPatient: 20, seed: 3))
            #expect(data.patients.count == ModelFixture.patients)
            #expect(data.featureNames.tile == ModelFixture.featureNames)
            #expect(data.missingCounts == [.genomics: 4, .slide: 1, .clinical: 1])
            let p0 = data.patients[0]
            #expect(p0.sample.genomic == nil && p0.missing[.genomics] == "no genomic biomarkers")
            #expect(data.patients[4].sample.tiles == nil)
            #expect(data.patients[5].missing[.clinical] == "no ECOG")
            // Subsampled to 20 of 30 tiles, keys aligned with the matrix rows.
            let p6 = data.patients[6]
            #expect(p6.sample.tiles?.rows == 20 && p6.tileKeys.count == 20 && Set(p6.tileKeys).count == 20)
            // Clinical vector: FX006 is 56 years, male, ECOG 0, stage IV, line 1.
            #expect(p6.sample.clinical == [56, 1, 0, 4, 1])
            // Genomic vector: ln(1+TMB) first, CD274 as log2(x+1), TP53 flag (patient 7 is odd → mutated).
            let g7 = try #require(data.patients[7].sample.genomic)
            #expect(g7.count == ModelInputEncoding.genomicNames.count && g7[4 + 7] == 1 && g7[4 + 0] == 0)
            // Same seed → same tiles; another seed → another subset.
            let again = try CohortModelData.load(cohort: ModelFixture.cohort, on: c, parameters: ModelDataParameters(maxTilesPerPatient: 20, seed: 3))
            #expect(again.patients[6].tileKeys == p6.tileKeys)
            let other = try CohortModelData.load(cohort: ModelFixture.cohort, on: c, parameters: ModelDataParameters(maxTilesPerPatient: 20, seed: 4))
            #expect(other.patients[6].tileKeys != p6.tileKeys)
            #expect(throws: ModelPipelineError.unknownCohort("nope")) {
                try CohortModelData.load(cohort: "nope", on: c)
            }
        }
    }

    @Test func trainScoreRescoreAndReload() throws {
        let out = try Self.temporaryDirectory() + "/model"
        try TestDatabase.with { c, _ in
            try ModelFixture.load(c)
            let result = try ModelTraining.run(cohort: ModelFixture.cohort, on: c, options: Self.options(), output: out)
            for file in ["model.safetensors", "config.json", "evaluation.json"] {
                #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file)")
            }
            let evaluation = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/evaluation.json"))) as! [String: Any]
            for variant in ["fusion", "slide_only", "genomics_only", "clinical_only", "clinical_cox"] {
                let v = try #require(evaluation[variant] as? [String: Any], "\(variant)")
                for key in ["cindex", "cindex_ci", "auc", "auc_ci"] { #expect(v[key] != nil, "\(variant).\(key)") }
            }
            #expect((evaluation["fusion"] as? [String: Any])?["brier"] != nil && (evaluation["fusion"] as? [String: Any])?["ece"] != nil)
            #expect(evaluation["oracle"] == nil && evaluation["oracle_projection"] == nil)
            // Genomics hidden for round(0.3 × 36) = 11 patients at scoring; with the 4 who lack genomics, 11–15 are flagged.
            let removed = try #require(evaluation["fusion_genomics_removed"] as? [String: Any])
            #expect(removed["cindex"] != nil && (removed["note"] as? String)?.contains("for 11 patients") == true)
            let flagged = try #require(evaluation["genomics_removed_patients"] as? Int)
            #expect((11...15).contains(flagged))
            // 36 patients, ~25 events, 4 + 15 + 5 inputs: EPV ≈ 1 → warned.
            #expect(result.evaluation.warnings.contains { $0.contains("events per input variable") })
            let runs = try c.query("SELECT model_id, weights_sha256, kind FROM tme.model_runs")
            #expect(runs.count == 1)
            #expect(try runs[0].decode("weights_sha256", as: String.self) == result.weightsSHA256)

            // Score twice: same rows, no duplicates, values identical.
            let first = try ModelScoring.run(cohort: ModelFixture.cohort, modelDirectory: out, on: c)
            let stored1 = try storedPredictions(c)
            let second = try ModelScoring.run(cohort: ModelFixture.cohort, modelDirectory: out, on: c)
            let stored2 = try storedPredictions(c)
            #expect(first.scored == ModelFixture.patients && second.scored == first.scored)
            #expect(stored1.count == ModelFixture.patients && stored1 == stored2)
            let attention = try c.query("SELECT count(*)::int AS n FROM tme.tile_attention")[0].decode("n", as: Int.self)
            #expect(attention == (ModelFixture.patients - 1) * 20 && first.attentionRows == attention)
            #expect(try c.query("SELECT count(*)::int AS n FROM tme.model_runs")[0].decode("n", as: Int.self) == 1)
            // Attention of each bag sums to 1.
            for r in try c.query("SELECT slide_pk, sum(attention_weight) AS s FROM tme.tile_attention GROUP BY slide_pk") {
                #expect(abs(try r.decode("s", as: Double.self) - 1) < 1e-6)
            }
            // Missing modalities are flagged.
            #expect(first.missingModality == ["genomics": 4, "slide": 1, "clinical": 1])
            #expect(stored1["FX000"]?.modalities == "{slide,clinical}")
            #expect(stored1["FX004"]?.modalities == "{genomics,clinical}")

            // Loading the folder reproduces the training run's out-of-fold predictions bit-for-bit, and so does the
            // database: every training patient is scored only by the fold that held it out.
            let (loaded, config, sha) = try ModelFolder.read(out)
            #expect(sha == result.weightsSHA256)
            let data = try CohortModelData.load(cohort: ModelFixture.cohort, on: c, parameters: result.configuration.data)
            let samples = data.trainable.map(\.sample)
            let reloaded = try loaded.scoreHoldingOut(samples, cohort: ModelFixture.cohort)
            #expect(reloaded == result.trainingPredictions)
            #expect(result.trainingPredictions.allSatisfy { $0.evaluation == .outOfFold })
            #expect(try storedEvaluations(c) == ["out_of_fold": ModelFixture.patients])
            for p in result.trainingPredictions {
                let s = try #require(stored1[p.id])
                #expect(s.probability.bitPattern == p.responseProbability.bitPattern && s.risk.bitPattern == p.riskScore.bitPattern)
                #expect(s.group == p.riskGroup)
                #expect(s.lower <= s.probability && s.probability <= s.upper)
            }
            // The stored scores are the held-out ones evaluation.json was computed from: same AUC, interval, Brier, C.
            let again = VariantEvaluation.evaluate(probabilities: reloaded.map(\.responseProbability), risks: reloaded.map(\.riskScore),
                                                   responses: samples.map(\.response), survival: samples.map(\.survival),
                                                   parameters: Self.options().evaluation)
            #expect(again.auc == result.evaluation.fusion.auc && again.aucCI == result.evaluation.fusion.aucCI)
            #expect(again.brier == result.evaluation.fusion.brier && again.cindex == result.evaluation.fusion.cindex)
            // Each fold's risk threshold is its models' median risk on their own training patients; both groups occur.
            let folds = try #require(config.heldOutFolds)
            #expect(folds.count == 3 && folds.flatMap(\.patientDigests).count == ModelFixture.patients)
            #expect(Set(folds.flatMap(\.patientDigests))
                    == Set(samples.map { FoldEnsemble.patientDigest(cohort: ModelFixture.cohort, patientID: $0.id) }))
            let highs = stored1.values.filter { $0.group == "high" }.count
            #expect(highs > 0 && highs < ModelFixture.patients)
            // The whole ensemble (in-sample for these patients) scores differently: the held-out scores are not it.
            #expect(try loaded.predict(samples).map(\.responseProbability) != reloaded.map(\.responseProbability))
        }
    }

    /// Platt recalibration (`{"recalibration": {"method": "platt", "innerFolds": 3}}`): every member's slope and
    /// intercept are in config.json, they are not the identity, and scoring from the folder reproduces the
    /// training run's calibrated predictions bit-for-bit (in memory and in the database).
    /// Plain Platt, and the stacked form with the linear prior (both stored per member and reloaded).
    @Test(arguments: [false, true])
    func recalibratedModelReloadsAndScoresBitForBit(prior: Bool) throws {
        let out = try Self.temporaryDirectory() + "/model"
        var options = try ModelTrainingOptions.decode(Data(#"{"recalibration": {"method": "platt", "innerFolds": 3}}"#.utf8))
        options.linearPrior.enabled = prior
        let base = Self.options()
        options.folds = base.folds; options.training = base.training; options.data = base.data
        options.evaluation = base.evaluation; options.ablations = false
        #expect(options.recalibration == RecalibrationParameters(method: .platt, innerFolds: 3))
        try TestDatabase.with { c, _ in
            try ModelFixture.load(c)
            let result = try ModelTraining.run(cohort: ModelFixture.cohort, on: c, options: options, output: out)
            let config = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/config.json"))) as! [String: Any]
            let members = try #require(config["members"] as? [[String: Any]])
            #expect(members.count == 3 && members.allSatisfy { $0["calibration"] is [String: Any] })
            #expect(result.ensemble.members.allSatisfy { $0.calibration != nil && $0.calibration != PlattCalibration(slope: 1, intercept: 0) })
            #expect(result.evaluation.fusion.note?.contains("Platt") == true)
            #expect(result.ensemble.members.allSatisfy { ($0.calibration?.priorSlope != nil) == prior && ($0.network.configuration.linearPrior != nil) == prior })
            let (loaded, _, _) = try ModelFolder.read(out)
            #expect(loaded.members.map(\.calibration) == result.ensemble.members.map(\.calibration))
            let data = try CohortModelData.load(cohort: ModelFixture.cohort, on: c, parameters: result.configuration.data)
            #expect(try loaded.scoreHoldingOut(data.trainable.map(\.sample), cohort: ModelFixture.cohort) == result.trainingPredictions)
            _ = try ModelScoring.run(cohort: ModelFixture.cohort, modelDirectory: out, on: c)
            let stored = try storedPredictions(c)
            for p in result.trainingPredictions {
                #expect(stored[p.id]?.probability.bitPattern == p.responseProbability.bitPattern)
            }
            // The calibration changes the probabilities: the same members without it score differently.
            var raw = loaded
            raw.members = raw.members.map { var m = $0; m.calibration = nil; return m }
            #expect(try raw.scoreHoldingOut(data.trainable.map(\.sample), cohort: ModelFixture.cohort).map(\.responseProbability)
                    != result.trainingPredictions.map(\.responseProbability))
        }
    }

    /// Genomics hidden at scoring time: exactly the chosen patients (and those without genomics) are
    /// scored without it, and their modalities used say so; everyone else keeps the out-of-fold prediction.
    @Test func genomicsRemovedAtScoringIsFlagged() throws {
        try TestDatabase.with { c, _ in
            try ModelFixture.load(c)
            let options = Self.options()
            let data = try CohortModelData.load(cohort: ModelFixture.cohort, on: c, parameters: options.data)
            let samples = data.trainable.map(\.sample)
            let network = try FusionNetwork(configuration: options.network(tileFeatures: data.featureNames.tile.count,
                                                                           modalities: Modality.allCases))
            let cv = try CrossValidation.run(samples, network: network, parameters: options.training, folds: options.folds)
            let (predictions, hidden) = try #require(try ModelTraining.genomicsRemovedPredictions(cv, samples: samples, options: options))
            #expect(hidden.count == 11)
            for (i, p) in predictions.enumerated() {
                let expectGenomics = samples[i].genomic != nil && !hidden.contains(i)
                #expect(p.modalitiesUsed.contains(.genomics) == expectGenomics, "position \(i)")
                if !hidden.contains(i) { #expect(p == cv.outOfFold[i]) }
            }
            // Hiding genomics changes the scores of patients who had it.
            let changed = hidden.filter { samples[$0].genomic != nil && predictions[$0].riskScore != cv.outOfFold[$0].riskScore }
            #expect(!changed.isEmpty)
            var none = options
            none.genomicsRemovedFraction = 0
            #expect(try ModelTraining.genomicsRemovedPredictions(cv, samples: samples, options: none) == nil)
        }
    }

    struct Stored: Equatable { var probability, lower, upper, risk: Double; var group: String; var modalities: String }

    /// Stored predictions counted by `evaluation`.
    func storedEvaluations(_ c: Connection) throws -> [String: Int] {
        var out: [String: Int] = [:]
        for r in try c.query("SELECT evaluation, count(*)::int AS n FROM tme.predictions GROUP BY evaluation") {
            out[try r.decode("evaluation")] = try r.decode("n")
        }
        return out
    }

    func storedPredictions(_ c: Connection) throws -> [String: Stored] {
        var out: [String: Stored] = [:]
        for r in try c.query("""
            SELECT p.patient_id, pr.response_probability, pr.response_probability_lower, pr.response_probability_upper,
                   pr.risk_score, pr.risk_group, pr.modalities_used::text AS modalities
            FROM tme.predictions pr JOIN tme.patients p USING (patient_pk)
            """) {
            out[try r.decode("patient_id")] = Stored(
                probability: try r.decode("response_probability"), lower: try r.decode("response_probability_lower"),
                upper: try r.decode("response_probability_upper"), risk: try r.decode("risk_score"),
                group: try r.decode("risk_group"), modalities: try r.decode("modalities"))
        }
        return out
    }
}
