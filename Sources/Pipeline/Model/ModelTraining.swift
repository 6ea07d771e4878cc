import BiomarkerStore
import FusionModel
import Foundation
import Survival
import TMECore

/// The result of `tme train`.
public struct ModelTrainingResult: Sendable {
    public var ensemble: FoldEnsemble
    public var configuration: ModelFolderConfiguration
    public var evaluation: ModelEvaluationReport
    public var weightsSHA256: String
    public var modelRunPK: Int?
    /// Out-of-fold predictions of the training patients (`FoldEnsemble.scoreHoldingOut`: what `tme score` stores for them).
    public var trainingPredictions: [EnsemblePrediction]
}

/// `tme train`: loads a cohort, cross-validates the fusion model and its ablations, evaluates
/// held-out predictions, writes the model folder and records a `tme.model_runs` row.
public enum ModelTraining {
    public static let kind = "fusion-attention-mil"

    /// Trains on `cohort` and writes `directory`/{model.safetensors, config.json, evaluation.json}.
    /// `truthDirectory` (or `<ingested folder>/truth` when present) adds the simulator oracle.
    public static func run(cohort: String, on connection: Connection, options: ModelTrainingOptions, output directory: String,
                           truthDirectory: String? = nil, progress: @escaping (TrainingProgressEvent) -> Void = { _ in })
        throws -> ModelTrainingResult {
        let data = try CohortModelData.load(cohort: cohort, on: connection, parameters: options.data)
        let truthPath = SimulatorTruth.locate(explicit: truthDirectory, sourcePath: data.sourcePath)
        let truth = try truthPath.map { try SimulatorTruth.read(directory: $0) }
        let (trained, evaluation, predictions) = try train(data, options: options, truth: truth, progress: progress)
        var ensemble = trained
        let weights = try ModelFolder.weights(ensemble)
        var sha = SHA256()
        sha.update(weights)
        let weightsSHA = SHA256.hexString(sha.finalize())
        ensemble.featureNames = data.featureNames
        var config = ModelFolderConfiguration(
            format: ModelFolderConfiguration.currentFormat, modelID: "fusion-\(cohort)-\(weightsSHA.prefix(12))", kind: kind,
            members: ensemble.members.map { .init(network: $0.network.configuration, standardizer: $0.standardizer, calibration: $0.calibration) },
            featureNames: data.featureNames, trainingMedianRisk: ensemble.trainingMedianRisk, trainingCohort: cohort,
            seed: options.training.seed, folds: options.folds, training: options.training, recalibration: options.recalibration,
            data: options.data,
            metrics: evaluation.summary, gitCommit: GitCommit.current(), tmescopeVersion: TMEVersion.string)
        config.heldOutFolds = ensemble.heldOut
        try ModelFolder.write(weights: weights, configuration: config, to: directory)
        let evaluationJSON = try ModelFolder.encoder().encode(evaluation)
        try AtomicFile.write(Array(evaluationJSON), to: directory + "/" + ModelFolder.evaluationFile)
        let pk = try recordRun(config, evaluationJSON: evaluationJSON, weightsSHA256: weightsSHA, cohortID: data.cohortID, on: connection)
        return ModelTrainingResult(ensemble: ensemble, configuration: config, evaluation: evaluation, weightsSHA256: weightsSHA,
                                   modelRunPK: pk, trainingPredictions: predictions)
    }

    /// Inserts (or, for the same model id, updates) the `tme.model_runs` row; returns its key.
    @discardableResult
    public static func recordRun(_ config: ModelFolderConfiguration, evaluationJSON: Data?, weightsSHA256: String,
                                 cohortID: Int?, on connection: Connection) throws -> Int {
        let configJSON = String(decoding: try ModelFolder.encoder().encode(config), as: UTF8.self)
        let summary = try ModelFolder.encoder().encode(config.metrics)
        let metrics = String(decoding: evaluationJSON ?? summary, as: UTF8.self)
        let rows = try connection.query(ModelSQL.upsertModelRun,
                                        [config.modelID, config.kind, cohortID, configJSON, metrics,
                                         Int64(bitPattern: config.seed), weightsSHA256, config.gitCommit],
                                        name: "model_upsert_run")
        return try rows[0].decode("model_run_pk")
    }

    /// The fusion part of `train`: cross-validates the fusion network (`CrossValidation.run` with `options`' folds,
    /// seeds per fold, training parameters and recalibration) on `samples`, with the modalities any of them has,
    /// and forms the fold ensemble of its k × s models, whose risk-group threshold for external patients is the
    /// median of its in-sample risk scores. The ensemble remembers which members held out which patients of
    /// `cohort` (`HeldOutFold`, with each fold's own risk threshold: the median risk of its models on their training
    /// patients), so `scoreHoldingOut` scores the training cohort out-of-fold. Returns the network, those
    /// modalities, the cross-validation, the ensemble and its in-sample predictions (used only for the threshold).
    public static func fusionEnsemble(_ samples: [PatientSample], featureNames: ModelFeatureNames, options: ModelTrainingOptions,
                                      cohort: String = "", progress: @escaping (TrainingProgressEvent) -> Void = { _ in })
        throws -> (network: FusionNetwork, modalities: [Modality], crossValidation: CrossValidationResult, ensemble: FoldEnsemble,
                   inSample: [EnsemblePrediction]) {
        let modalities = Modality.allCases.filter { m in samples.contains { $0.availableModalities.contains(m) } }
        let network = try FusionNetwork(configuration: options.network(tileFeatures: featureNames.tile.count, modalities: modalities))
        progress(.variant(name: "fusion", folds: options.folds, maxEpochs: options.training.epochs))
        let cv = try CrossValidation.run(samples, network: network, parameters: options.training, folds: options.folds,
                                         seedsPerFold: options.seedsPerFold, recalibration: options.recalibration) {
            progress(.epoch(variant: "fusion", fold: $0, record: $1))
        }
        var ensemble = FoldEnsemble(members: cv.folds.flatMap(\.models), featureNames: featureNames, trainingMedianRisk: 0,
                                    trainingCohort: cohort)
        let inSample = try ensemble.predict(samples)
        ensemble.trainingMedianRisk = SampleStatistics.median(inSample.map(\.riskScore))
        var next = 0
        for fold in cv.folds {
            let members = Array(next..<(next + fold.models.count))
            next += fold.models.count
            let trainingRisks = try fold.predict(fold.trainingIndices.map { samples[$0] }).map(\.riskScore)
            ensemble.heldOut.append(HeldOutFold(
                members: members,
                patientDigests: fold.testIndices.map { FoldEnsemble.patientDigest(cohort: cohort, patientID: samples[$0].id) },
                medianRisk: SampleStatistics.median(trainingRisks)))
        }
        return (network, modalities, cv, ensemble, inSample)
    }

    /// Cross-validates the fusion network (and, with `options.ablations`, each single modality and the
    /// clinical Cox baseline) on the cohort's trainable patients; the fusion fold models form the ensemble.
    /// Throws `insufficientPatients` with fewer than 2 × folds trainable patients.
    public static func train(_ data: CohortModelData, options: ModelTrainingOptions, truth: SimulatorTruth?,
                             progress: @escaping (TrainingProgressEvent) -> Void = { _ in })
        throws -> (FoldEnsemble, ModelEvaluationReport, [EnsemblePrediction]) {
        let patients = data.trainable
        guard patients.count >= 2 * options.folds else {
            throw ModelPipelineError.insufficientPatients(found: patients.count, needed: 2 * options.folds,
                                                          reason: "patients need an outcome and at least one modality")
        }
        let samples = patients.map(\.sample)
        let (network, modalities, cv, ensemble, _) = try fusionEnsemble(samples, featureNames: data.featureNames, options: options,
                                                                        cohort: data.cohortName, progress: progress)
        // What `tme score` stores for the training patients: each scored by the fold that held it out.
        let heldOut = try ensemble.scoreHoldingOut(samples, cohort: data.cohortName)

        let responses = samples.map(\.response), survival = samples.map(\.survival)
        var variants: [String: VariantEvaluation] = [:]
        if options.ablations {
            for m in modalities where modalities.count > 1 {
                variants[m.rawValue] = try ablation(m, samples: samples, options: options, tileFeatures: data.featureNames.tile.count,
                                                    progress: progress)
            }
            variants["cox"] = clinicalCox(samples: samples, folds: cv.folds.map(\.testIndices), options: options)
        }
        progress(.evaluating)
        let e = options.evaluation
        let fusion = VariantEvaluation.evaluate(probabilities: cv.outOfFold.map(\.responseProbability), risks: cv.outOfFold.map(\.riskScore),
                                                responses: responses, survival: survival, parameters: e,
                                                note: "gated fusion of \(modalities.map(\.rawValue).joined(separator: ", ")); out-of-fold predictions"
                                                    + options.recalibration.note)
        let removed = try genomicsRemoved(cv, samples: samples, options: options)
        let oracle = truth.flatMap { oracleEvaluation($0, samples: samples, parameters: e) }
        let projection = truth.flatMap { OracleProjection.evaluate($0, samples: samples, folds: cv.folds.map(\.testIndices)) }
        let events = survival.filter { $0?.event == true }.count
        let inputs = data.featureNames.tile.count + ModelInputEncoding.genomicNames.count + ModelInputEncoding.clinicalNames.count
        var epv: [String: Double] = ["fusion": Double(events) / Double(inputs),
                                     "clinical_cox": Double(events) / Double(ModelInputEncoding.clinicalNames.count)]
        var g = SeededGenerator(seed: 0)
        let parameterCount = network.initialParameters(using: &g).scalarCount
        epv["fusion_per_parameter"] = Double(events) / Double(parameterCount)
        var warnings: [String] = []
        if epv["fusion"]! < 10 {
            warnings.append(String(format: "events per input variable %.1f < 10 (%d OS events, %d inputs, %d network parameters): "
                                   + "the fusion model may overfit; interpret its metrics with their intervals", epv["fusion"]!, events, inputs, parameterCount))
        }
        var missing: [String: Int] = [:]
        for (m, c) in data.missingCounts { missing[m.rawValue] = c }
        var report = ModelEvaluationReport(
            cohort: data.cohortName, patients: samples.count, folds: options.folds, seed: options.training.seed, fusion: fusion,
            slideOnly: variants["slide"], genomicsOnly: variants["genomics"], clinicalOnly: variants["clinical"],
            clinicalCox: variants["cox"], oracle: oracle, fusionGenomicsRemoved: removed?.evaluation,
            genomicsRemovedFraction: options.genomicsRemovedFraction, eventsPerVariable: epv,
            fusionParameterCount: parameterCount, missingModalities: missing, warnings: warnings, evaluation: e)
        report.oracleProjection = projection
        report.genomicsRemovedPatients = removed?.withoutGenomics
        report.outOfFoldRiskGroups = RiskGroupSummary.compute(groups: heldOut.map(\.riskGroup), responses: responses,
                                                              survival: survival)
        return (ensemble, report, heldOut)
    }
}
