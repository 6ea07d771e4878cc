import BiomarkerStore
import FusionModel
import Foundation

/// What `tme score` did.
public struct ScoringReport: Sendable, Hashable, Codable {
    public var modelID: String
    public var modelRunPK: Int
    public var cohort: String
    /// Patients scored, and among them those scored without one of the model's modalities.
    public var scored: Int
    public var missingModality: [String: Int]
    /// Patients with no usable modality (not scored).
    public var unscorable: Int
    public var attentionRows: Int
    /// Patients scored out-of-fold (held out by the training cross-validation) and by the whole ensemble.
    public var outOfFold: Int = 0
    public var external: Int = 0
    /// The folder predates recorded held-out folds and scored its own training cohort: those scores are
    /// in-sample (stored with evaluation NULL); retrain to score out-of-fold.
    public var foldsUnknown: Bool = false
    public var predictions: [EnsemblePrediction]
}

/// `tme score`: a model folder's fold ensemble scores a cohort; predictions and per-tile attention
/// replace that model's earlier rows for the cohort in one transaction (re-runs are idempotent).
/// Patients of the training cohort are scored out-of-fold (`FoldEnsemble.scoreHoldingOut`): only by the
/// fold model(s) trained without them, so every metric computed from the stored scores is held-out.
public enum ModelScoring {
    /// Scores `cohort` with the model in `directory`. The cohort's tiles are subsampled with the
    /// model's own data parameters, so the training cohort is scored on the tiles it was trained on.
    /// Throws `featureMismatch` when the cohort's tile features differ from the model's.
    public static func run(cohort: String, modelDirectory directory: String, on connection: Connection,
                           removing: Set<Modality> = []) throws -> ScoringReport {
        let (ensemble, config, sha) = try ModelFolder.read(directory)
        let data = try CohortModelData.load(cohort: cohort, on: connection, parameters: config.data)
        let modelModalities = Set(config.members.first?.network.modalities ?? [])
        if modelModalities.contains(.slide), !data.featureNames.tile.isEmpty, data.featureNames.tile != config.featureNames.tile {
            throw ModelPipelineError.featureMismatch(modality: "tile", trained: config.featureNames.tile, found: data.featureNames.tile)
        }
        if data.featureNames.genomic != config.featureNames.genomic {
            throw ModelPipelineError.featureMismatch(modality: "genomic", trained: config.featureNames.genomic, found: data.featureNames.genomic)
        }
        let scorable = data.patients.filter { !$0.sample.removing(removing).availableModalities.intersection(modelModalities).isEmpty }
        // Patients the model was cross-validated on are scored by the fold that held them out; others by all members.
        let predictions = try ensemble.scoreHoldingOut(scorable.map(\.sample), cohort: cohort, removing: removing)
        // A folder written before held-out folds were recorded cannot score its own training cohort out-of-fold:
        // its scores of that cohort are stored with evaluation NULL (unknown), never as external.
        let foldsUnknown = config.heldOutFolds == nil && cohort == config.trainingCohort
        let evaluation = FileManager.default.contents(atPath: directory + "/" + ModelFolder.evaluationFile)
        var attentionRows = 0
        let runPK: Int = try connection.transaction { c in
            let pk = try c.query(ModelSQL.selectModelRun, [config.modelID], name: "model_select_run").first?.decode("model_run_pk", as: Int.self)
                ?? ModelTraining.recordRun(config, evaluationJSON: evaluation, weightsSHA256: sha, cohortID: nil, on: c)
            try c.execute(ModelSQL.deletePredictions, [pk, data.cohortID], name: "model_delete_predictions")
            try c.execute(ModelSQL.deleteAttention, [pk, data.cohortID], name: "model_delete_attention")
            try c.copy(into: ModelSQL.predictionTable, columns: ModelSQL.predictionColumns) { w in
                for (patient, p) in zip(scorable, predictions) {
                    w.append(pk); w.append(patient.patientPK)
                    w.append(p.responseProbability); w.append(p.responseProbabilityLower); w.append(p.responseProbabilityUpper)
                    w.append(p.riskScore); w.append(p.riskGroup)
                    w.append("{" + p.modalitiesUsed.map(\.rawValue).joined(separator: ",") + "}")
                    w.append(foldsUnknown ? nil : p.evaluation.rawValue)
                    try w.endRow()
                }
            }
            attentionRows = try c.copy(into: ModelSQL.attentionTable, columns: ModelSQL.attentionColumns) { w in
                for (patient, p) in zip(scorable, predictions) {
                    guard let attention = p.attention, attention.count == patient.tileKeys.count else { continue }
                    for (key, a) in zip(patient.tileKeys, attention) {
                        w.append(pk); w.append(key.slidePK); w.append(key.level); w.append(key.xPx); w.append(key.yPx)
                        w.append(min(max(a, 0), 1))
                        try w.endRow()
                    }
                }
            }
            return pk
        }
        var missing: [String: Int] = [:]
        for p in predictions {
            for m in modelModalities.subtracting(p.modalitiesUsed) { missing[m.rawValue, default: 0] += 1 }
        }
        return ScoringReport(modelID: config.modelID, modelRunPK: runPK, cohort: cohort, scored: predictions.count,
                             missingModality: missing, unscorable: data.patients.count - scorable.count,
                             attentionRows: attentionRows,
                             outOfFold: predictions.filter { $0.evaluation == .outOfFold }.count,
                             external: predictions.filter { $0.evaluation == .external }.count,
                             foldsUnknown: foldsUnknown, predictions: predictions)
    }
}
