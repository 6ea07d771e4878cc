import FusionModel

/// Everything `tme train` can be told; stored with the model.
public struct ModelTrainingOptions: Sendable, Hashable, Codable {
    /// Cross-validation folds (by patient, stratified by response). Default 5, sensible 3–10.
    public var folds: Int
    /// Networks trained per fold with different seeds (a seed bag; the fold predicts their mean, and every
    /// one is a member of the scoring ensemble). Default 1, sensible 1–10; training time grows linearly.
    public var seedsPerFold: Int
    /// Optimisation, early stopping and seed (`training.seed` seeds everything).
    public var training: TrainingParameters
    /// Recalibration of the response probability inside each training fold (Platt scaling on an inner
    /// cross-validation; `Recalibration`). Applies to the fusion network and its single-modality ablations.
    public var recalibration: RecalibrationParameters
    /// Widths of the network (the feature counts are set from the data).
    public var tileHidden: Int
    public var attentionHidden: Int
    public var embedding: Int
    public var dropout: Float
    /// The ridge-logistic response offset (`LinearPrior`); off unless `enabled`.
    public var linearPrior: LinearPriorSettings
    /// Tile bag size and sampler.
    public var data: ModelDataParameters
    public var evaluation: EvaluationParameters
    /// Train slide-only, genomics-only and clinical-only networks and the clinical Cox baseline. Default true.
    public var ablations: Bool
    /// Fraction of held-out patients scored without genomics for the robustness check. Default 0.3.
    public var genomicsRemovedFraction: Double
    /// Ridge penalty λ of the clinical Cox baseline (stabilises small folds). Default 0.01.
    public var coxRidge: Double

    /// The bare network: 1 seed per fold, early stopping on a 20 % validation split (≤ `epochs`), no recalibration,
    /// no linear prior (`tme train --bare`). `tme train` without `--bare` starts from `evaluated`.
    public init(folds: Int = 5, seed: UInt64 = 1, epochs: Int = 100) {
        self.folds = folds
        seedsPerFold = 1
        training = TrainingParameters(epochs: epochs, seed: seed)
        recalibration = RecalibrationParameters()
        tileHidden = 32
        attentionHidden = 16
        embedding = 16
        dropout = 0.1
        linearPrior = LinearPriorSettings()
        data = ModelDataParameters(maxTilesPerPatient: 500, seed: seed)
        evaluation = EvaluationParameters(bootstrapReplicates: 1000, seed: seed)
        ablations = true
        genomicsRemovedFraction = 0.3
        coxRidge = 0.01
    }

    /// The configuration evaluated on 400 simulated patients (MODEL_EVALUATION.md, cohorts/eval400/training.json)
    /// and the default of `tme train`: the bare network (`init`) with 3 seeds per fold, 30 epochs without early
    /// stopping (validationFraction 0), Platt recalibration on 5 inner folds, and the linear response prior
    /// (ridge 3, slide penalty ×9) with the attention guide κ = 1. `tme train --bare` trains `init`'s network.
    public static func evaluated(folds: Int = 5, seed: UInt64 = 1) -> ModelTrainingOptions {
        var o = ModelTrainingOptions(folds: folds, seed: seed, epochs: 30)
        o.seedsPerFold = 3
        o.training.validationFraction = 0
        o.recalibration = RecalibrationParameters(method: .platt, innerFolds: 5)
        o.linearPrior = LinearPriorSettings(enabled: true, ridge: 3, slidePenaltyFactor: 9, attentionGuide: 1)
        return o
    }

    func network(tileFeatures: Int, modalities: [Modality]) -> FusionNetworkConfiguration {
        FusionNetworkConfiguration(tileFeatures: max(tileFeatures, 1), genomicFeatures: ModelInputEncoding.genomicNames.count,
                                   clinicalFeatures: ModelInputEncoding.clinicalNames.count, modalities: modalities,
                                   tileHidden: tileHidden, attentionHidden: attentionHidden, embedding: embedding, dropout: dropout,
                                   linearPrior: linearPrior.enabled ? linearPrior : nil)
    }
}

/// What `tme train` reports while it works.
public enum TrainingProgressEvent: Sendable {
    /// A variant's cross-validation starts.
    case variant(name: String, folds: Int, maxEpochs: Int)
    /// One epoch of one fold finished.
    case epoch(variant: String, fold: Int, record: EpochRecord)
    /// Evaluation (bootstrap intervals) is running.
    case evaluating
}

extension RecalibrationParameters {
    /// Appended to a variant's evaluation note.
    var note: String {
        method == .platt ? "; Platt-recalibrated per fold on \(innerFolds)-fold inner cross-validation of the training folds" : ""
    }
}
