/// Hyper-parameters of one training run; stored with the model.
public struct TrainingParameters: Sendable, Hashable, Codable {
    /// Maximum number of epochs. Default 100, sensible 20–500.
    public var epochs: Int
    /// Patients per mini-batch (and per Cox risk set). Default 32, sensible 8–128.
    public var batchSize: Int
    /// Adam / AdamW settings.
    public var optimizer: AdamSettings
    /// Probability of hiding each present modality of a training patient in an epoch (at least one
    /// is always kept), so the model learns to score patients with a missing modality. Default 0.15, range [0, 0.9].
    public var modalityDropout: Float
    /// Epochs without a lower validation loss before stopping. Default 10, ≥ 1.
    public var patience: Int
    /// Fraction of the training patients held out (stratified by response) for early stopping.
    /// Default 0.2, range [0, 0.5]; 0 trains for `epochs` without early stopping.
    public var validationFraction: Double
    /// Weight of the response (logistic) loss. Default 1, ≥ 0.
    public var responseLossWeight: Float
    /// Weight of the Cox loss. Default 1, ≥ 0.
    public var survivalLossWeight: Float
    /// Seed of every random choice (initialisation, split, batches, dropout). Same seed → same weights.
    public var seed: UInt64

    public init(epochs: Int = 100, batchSize: Int = 32, optimizer: AdamSettings = AdamSettings(),
                modalityDropout: Float = 0.15, patience: Int = 10, validationFraction: Double = 0.2,
                responseLossWeight: Float = 1, survivalLossWeight: Float = 1, seed: UInt64 = 1) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.optimizer = optimizer
        self.modalityDropout = modalityDropout
        self.patience = patience
        self.validationFraction = validationFraction
        self.responseLossWeight = responseLossWeight
        self.survivalLossWeight = survivalLossWeight
        self.seed = seed
    }

    /// Throws `invalidParameter` for a value outside its documented range.
    public func validate() throws {
        func fail(_ name: String, _ value: Any, _ expected: String) -> FusionModelError {
            .invalidParameter(name: name, value: "\(value)", expected: expected)
        }
        guard epochs >= 1 else { throw fail("epochs", epochs, "≥ 1") }
        guard batchSize >= 1 else { throw fail("batchSize", batchSize, "≥ 1") }
        guard patience >= 1 else { throw fail("patience", patience, "≥ 1") }
        guard modalityDropout >= 0, modalityDropout <= 0.9 else { throw fail("modalityDropout", modalityDropout, "0–0.9") }
        guard validationFraction >= 0, validationFraction <= 0.5 else {
            throw fail("validationFraction", validationFraction, "0–0.5")
        }
        guard responseLossWeight >= 0, survivalLossWeight >= 0, responseLossWeight + survivalLossWeight > 0 else {
            throw fail("loss weights", "\(responseLossWeight), \(survivalLossWeight)", "≥ 0 and not both 0")
        }
        guard optimizer.learningRate > 0, optimizer.learningRate.isFinite else {
            throw fail("optimizer.learningRate", optimizer.learningRate, "> 0")
        }
        guard optimizer.weightDecay >= 0 else { throw fail("optimizer.weightDecay", optimizer.weightDecay, "≥ 0") }
    }
}

/// One line of the training history.
public struct EpochRecord: Sendable, Hashable, Codable {
    public var epoch: Int
    /// Mean mini-batch loss over the epoch (with dropout).
    public var trainingLoss: Double
    /// Loss on the validation split without dropout; nil without a split.
    public var validationLoss: Double?
}
