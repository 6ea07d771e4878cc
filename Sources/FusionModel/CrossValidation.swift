/// One fold of a cross-validation.
public struct CrossValidationFold: Sendable, Hashable, Codable {
    public var index: Int
    public var trainingIndices: [Int]
    public var testIndices: [Int]
    public var training: TrainingResult
    /// Predictions for `testIndices`, in that order.
    public var testPredictions: [PatientPrediction]
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
    /// Fold f trains with seed `parameters.seed + f` (wrapping).
    public static func run(_ samples: [PatientSample], network: FusionNetwork, parameters: TrainingParameters,
                           folds k: Int, progress: ((Int, EpochRecord) -> Void)? = nil) throws -> CrossValidationResult {
        var generator = SeededGenerator(seed: parameters.seed)
        let folds = try Stratification.folds(responses: samples.map(\.response), k: k, generator: &generator)
        var results: [CrossValidationFold] = []
        var outOfFold = [PatientPrediction?](repeating: nil, count: samples.count)
        for (f, test) in folds.enumerated() {
            let testSet = Set(test)
            let training = samples.indices.filter { !testSet.contains($0) }
            var p = parameters
            p.seed = parameters.seed &+ UInt64(f)
            let result = try Trainer.train(training.map { samples[$0] }, network: network, parameters: p) {
                progress?(f, $0)
            }
            let predictions = try result.model.predict(test.map { samples[$0] })
            for (i, pred) in zip(test, predictions) { outOfFold[i] = pred }
            results.append(CrossValidationFold(index: f, trainingIndices: training, testIndices: test,
                                               training: result, testPredictions: predictions))
        }
        return CrossValidationResult(folds: results, outOfFold: outOfFold.compactMap { $0 })
    }
}
