/// The outcome of `Trainer.train`.
public struct TrainingResult: Sendable, Hashable, Codable {
    /// The model at the epoch with the lowest validation loss (the last epoch without a split).
    public var model: TrainedFusionModel
    public var history: [EpochRecord]
    /// 1-based epoch whose weights were kept.
    public var bestEpoch: Int
    /// Positions (in the input) used for fitting and for early stopping.
    public var fittingIndices: [Int]
    public var validationIndices: [Int]
}

/// Mini-batch training with Adam(W), modality dropout and early stopping.
public enum Trainer {
    /// Trains a network on raw patients.
    ///
    /// 1. Split the patients (stratified by response) into fitting and validation parts
    ///    (`validationFraction`).
    /// 2. Fit the feature standardisation on *these* patients only — callers pass training folds,
    ///    never test patients.
    /// 3. With `linearPrior` configured, fit the response prior on the fitting patients (`LinearPrior`).
    /// 4. Each epoch: shuffle the fitting patients, hide modalities at random (`modalityDropout`,
    ///    keeping at least one), and for each mini-batch minimise `FusionNetwork.loss` by one Adam step
    ///    (Cox risk sets are the batch's patients).
    /// 5. After each epoch evaluate the validation loss without dropout; keep the best weights; stop
    ///    after `patience` epochs without improvement.
    ///
    /// Every random draw comes from one `SeededGenerator(seed:)`, so the same data and parameters give
    /// bit-identical weights (given the same OpenBLAS thread count). `progress` is called after each epoch.
    /// Throws `invalidParameter`, `invalidSample`, `insufficientData` or `nonFinite`.
    public static func train(_ samples: [PatientSample], network: FusionNetwork, parameters p: TrainingParameters,
                             progress: ((EpochRecord) -> Void)? = nil) throws -> TrainingResult {
        try p.validate()
        guard samples.count >= 2 else {
            throw FusionModelError.insufficientData(reason: "\(samples.count) patients; training needs at least 2")
        }
        var generator = SeededGenerator(seed: p.seed)
        var (fitting, validation) = Stratification.split(responses: samples.map(\.response),
                                                         heldOutFraction: p.validationFraction, generator: &generator)
        if fitting.isEmpty { (fitting, validation) = (validation, []) }
        let standardizer = try FeatureStandardizer.fit(samples, configuration: network.configuration)
        let standardized = samples.map(standardizer.apply)
        var model = TrainedFusionModel(network: network, standardizer: standardizer,
                                       parameters: network.initialParameters(using: &generator))
        if let settings = network.configuration.linearPrior {
            for (name, m) in try LinearPrior.fit(fitting.map { standardized[$0] }, configuration: network.configuration,
                                                 settings: settings).tensors {
                model.parameters[name] = m
            }
        }
        var optimizer = AdamOptimizer(settings: p.optimizer)
        var history: [EpochRecord] = []
        var best = (epoch: 0, loss: Double.infinity, parameters: model.parameters)

        for epoch in 1...p.epochs {
            let order = fitting.shuffled(using: &generator)
            var lossSum = 0.0, batches = 0
            for start in stride(from: 0, to: order.count, by: p.batchSize) {
                let batch = order[start..<min(start + p.batchSize, order.count)].map {
                    dropModalities(standardized[$0], among: network.configuration.modalities,
                                   probability: p.modalityDropout, generator: &generator)
                }
                var pass = ForwardPass(tape: Tape(), parameters: model.parameters, training: true,
                                       generator: generator.split())
                let loss = try network.loss(batch, &pass, responseWeight: p.responseLossWeight,
                                            survivalWeight: p.survivalLossWeight)
                let value = Double(pass.tape.value(loss).values[0])
                guard value.isFinite else { throw FusionModelError.nonFinite(where: "training loss at epoch \(epoch)") }
                try pass.tape.backward(from: loss)
                try optimizer.update(&model.parameters, gradients: pass.gradients())
                lossSum += value
                batches += 1
            }
            var record = EpochRecord(epoch: epoch, trainingLoss: lossSum / Double(max(batches, 1)), validationLoss: nil)
            if !validation.isEmpty {
                let v = try model.loss(validation.map { samples[$0] }, responseWeight: p.responseLossWeight,
                                       survivalWeight: p.survivalLossWeight)
                record.validationLoss = v
                if v < best.loss { best = (epoch, v, model.parameters) }
            } else {
                best = (epoch, record.trainingLoss, model.parameters)
            }
            history.append(record)
            progress?(record)
            if !validation.isEmpty && epoch - best.epoch >= p.patience { break }
        }
        model.parameters = best.parameters
        return TrainingResult(model: model, history: history, bestEpoch: best.epoch,
                              fittingIndices: fitting, validationIndices: validation)
    }

    /// Hides each present modality of `among` (the network's) with the given probability, always
    /// keeping at least one of them.
    static func dropModalities(_ s: PatientSample, among modalities: [Modality], probability: Float,
                               generator: inout SeededGenerator) -> PatientSample {
        guard probability > 0 else { return s }
        var remaining = s.availableModalities.intersection(modalities)
        var drop: Set<Modality> = []
        for m in remaining.sorted() where remaining.count > 1 && generator.nextUniform() < Double(probability) {
            drop.insert(m)
            remaining.remove(m)
        }
        return drop.isEmpty ? s : s.removing(drop)
    }
}
