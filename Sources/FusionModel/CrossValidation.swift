/// One fold of a cross-validation.
public struct CrossValidationFold: Sendable, Hashable, Codable {
    public var index: Int
    public var trainingIndices: [Int]
    public var testIndices: [Int]
    /// One training per seed (`seedsPerFold`), all on `trainingIndices`.
    public var trainings: [TrainingResult]
    /// Predictions for `testIndices`, in that order: the mean over `trainings` (`PatientPrediction.mean`).
    public var testPredictions: [PatientPrediction]
    /// With `RecalibrationParameters.Method.platt`: the fold's recalibration (set on every model of the
    /// fold) and the training positions it was fitted on.
    public var recalibration: FittedRecalibration?

    /// The first seed's training (the only one with `seedsPerFold` = 1).
    public var training: TrainingResult { trainings[0] }
    /// The fold's trained models, one per seed.
    public var models: [TrainedFusionModel] { trainings.map(\.model) }

    /// Scores patients with every model of the fold and averages (`PatientPrediction.mean`).
    public func predict(_ samples: [PatientSample], removing: Set<Modality> = []) throws -> [PatientPrediction] {
        let perModel = try models.map { try $0.predict(samples, removing: removing) }
        return samples.indices.map { i in PatientPrediction.mean(perModel.map { $0[i] }) }
    }
}

/// The outcome of `CrossValidation.run`.
public struct CrossValidationResult: Sendable, Hashable, Codable {
    public var folds: [CrossValidationFold]
    /// Held-out prediction of every patient, in input order (each from the one fold that did not train on it).
    public var outOfFold: [PatientPrediction]
}

/// k-fold cross-validation by patient, stratified by response.
public enum CrossValidation {
    /// For each fold f: train on the other folds (`Trainer.train`, which fits the standardisation and
    /// the early-stopping split inside them) and predict fold f. Test patients influence nothing in
    /// their fold's model: not the standardisation, not early stopping, not the initialisation.
    /// Fold f trains `seedsPerFold` networks (a seed bag: same data, other initialisation, validation
    /// split, batches and dropout), member r with seed `parameters.seed + f + r·0x9E3779B97F4A7C15`
    /// (wrapping; r = 0 is the single-seed run), and predicts the mean of its members.
    /// With `recalibration.method == .platt`, fold f also fits a Platt recalibration on an inner
    /// cross-validation of its training patients (`Recalibration.fit`, seed `parameters.seed ⊕ "inner" + 64·f`)
    /// and every member scores with it, so the held-out predictions are calibrated by a map that never saw
    /// the held-out patients.
    public static func run(_ samples: [PatientSample], network: FusionNetwork, parameters: TrainingParameters,
                           folds k: Int, seedsPerFold: Int = 1, recalibration: RecalibrationParameters = RecalibrationParameters(),
                           progress: ((Int, EpochRecord) -> Void)? = nil) throws -> CrossValidationResult {
        guard seedsPerFold >= 1 else {
            throw FusionModelError.invalidParameter(name: "seedsPerFold", value: "\(seedsPerFold)", expected: "≥ 1")
        }
        try recalibration.validate()
        var generator = SeededGenerator(seed: parameters.seed)
        let folds = try Stratification.folds(responses: samples.map(\.response), k: k, generator: &generator)
        var results: [CrossValidationFold] = []
        var outOfFold = [PatientPrediction?](repeating: nil, count: samples.count)
        for (f, test) in folds.enumerated() {
            let testSet = Set(test)
            let training = samples.indices.filter { !testSet.contains($0) }
            var trainings: [TrainingResult] = []
            for r in 0..<seedsPerFold {
                var p = parameters
                p.seed = parameters.seed &+ UInt64(f) &+ UInt64(r) &* 0x9E37_79B9_7F4A_7C15
                trainings.append(try Trainer.train(training.map { samples[$0] }, network: network, parameters: p) {
                    progress?(f, $0)
                })
            }
            var fitted: FittedRecalibration?
            if recalibration.method == .platt {
                let fit = try Recalibration.fit(samples, training: training, network: network, parameters: parameters,
                                                recalibration: recalibration,
                                                seed: (parameters.seed ^ 0x696E_6E65_7200_0000) &+ UInt64(f) &* 64)
                for r in trainings.indices { trainings[r].model.calibration = fit.calibration }
                fitted = fit
            }
            var fold = CrossValidationFold(index: f, trainingIndices: training, testIndices: test,
                                           trainings: trainings, testPredictions: [], recalibration: fitted)
            fold.testPredictions = try fold.predict(test.map { samples[$0] })
            for (i, pred) in zip(test, fold.testPredictions) { outOfFold[i] = pred }
            results.append(fold)
        }
        return CrossValidationResult(folds: results, outOfFold: outOfFold.compactMap { $0 })
    }
}
