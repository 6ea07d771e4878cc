/// How `CrossValidation.run` recalibrates each fold's response probability; stored with the model.
public struct RecalibrationParameters: Sendable, Hashable, Codable {
    public enum Method: String, Sendable, Hashable, Codable {
        /// P(CR/PR) = σ(network logit).
        case none
        /// Platt scaling fitted on inner cross-validation predictions (`Recalibration.fit`).
        case platt
    }

    /// Default `.none`.
    public var method: Method
    /// Folds of the inner cross-validation inside each outer training fold. Default 5, sensible 3–10;
    /// training time grows by `innerFolds` single-seed networks per outer fold.
    public var innerFolds: Int
    public var platt: PlattParameters

    public init(method: Method = .none, innerFolds: Int = 5, platt: PlattParameters = PlattParameters()) {
        self.method = method
        self.innerFolds = innerFolds
        self.platt = platt
    }

    /// Throws `invalidParameter` for fewer than 2 inner folds.
    public func validate() throws {
        guard innerFolds >= 2 else {
            throw FusionModelError.invalidParameter(name: "recalibration.innerFolds", value: "\(innerFolds)", expected: "≥ 2")
        }
    }
}

/// A recalibration fitted inside one outer training fold, and the patients it was fitted on.
public struct FittedRecalibration: Sendable, Hashable, Codable {
    public var calibration: PlattCalibration
    /// Positions (in the outer cross-validation's input) whose inner out-of-fold logits fitted the
    /// calibration: a subset of the outer fold's training positions, never its test positions.
    public var fittedOn: [Int]
}

/// Recalibration without leakage: the calibration of an outer fold is fitted only on that fold's
/// training patients, by an inner cross-validation (the cross-validated sigmoid training set of Platt 1999;
/// scikit-learn's `CalibratedClassifierCV(ensemble=False)`).
public enum Recalibration {
    /// 1. Split the outer training patients `training` (positions in `samples`) into `innerFolds`
    ///    folds stratified by response (seeded by `seed`).
    /// 2. For each inner fold, train one network (`Trainer.train`, seed `seed + j`) on the other inner
    ///    folds and compute the response logits of the inner fold: every training patient gets one
    ///    logit from a network that did not see it.
    /// 3. Fit `PlattScaling` to those logits and the patients' responses (not-evaluable patients skipped);
    ///    with a `LinearPrior`, its stacked form (`PlattScaling.fitStacked`) on the logits' two parts.
    /// The outer fold's networks (trained on all of `training`) then use the fitted map.
    public static func fit(_ samples: [PatientSample], training: [Int], network: FusionNetwork, parameters: TrainingParameters,
                           recalibration r: RecalibrationParameters, seed: UInt64) throws -> FittedRecalibration {
        try r.validate()
        var generator = SeededGenerator(seed: seed ^ 0x5350_4C49_5400_0000)
        let inner = try Stratification.folds(responses: training.map { samples[$0].response }, k: r.innerFolds, generator: &generator)
        var logits = [Double?](repeating: nil, count: training.count), priors = [Double](repeating: 0, count: training.count)
        for (j, test) in inner.enumerated() {
            let held = Set(test)
            let fitting = training.indices.filter { !held.contains($0) }.map { samples[training[$0]] }
            var p = parameters
            p.seed = seed &+ UInt64(j)
            let model = try Trainer.train(fitting, network: network, parameters: p).model
            for (k, part) in zip(test, try model.responseLogitParts(test.map { samples[training[$0]] })) {
                logits[k] = part.logit
                priors[k] = part.prior
            }
        }
        let used = training.indices.filter { samples[training[$0]].response != nil && logits[$0] != nil }
        let labels = used.map { samples[training[$0]].response! }
        let calibration = network.configuration.linearPrior == nil
            ? try PlattScaling.fit(logits: used.map { logits[$0]! }, labels: labels, parameters: r.platt)
            : try PlattScaling.fitStacked(logits: used.map { logits[$0]! }, priors: used.map { priors[$0] }, labels: labels,
                                          parameters: r.platt)
        return FittedRecalibration(calibration: calibration, fittedOn: used.map { training[$0] })
    }
}
