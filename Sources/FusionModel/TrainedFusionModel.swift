import Foundation

/// Scores of one patient.
public struct PatientPrediction: Sendable, Hashable, Codable {
    public var id: String
    /// P(CR/PR) = σ(response logit).
    public var responseProbability: Double
    /// Cox log hazard η (higher = worse prognosis); only differences between patients matter.
    public var riskScore: Double
    /// Attention over the patient's tiles (sums to 1), in tile order; nil without a slide.
    public var attention: [Float]?
    /// Modalities that contributed to the score. A patient scored without one of the model's
    /// modalities is visible here (e.g. `[slide, clinical]` for a model trained on all three).
    public var modalitiesUsed: [Modality]
    /// Fusion gate α per modality (0 for absent ones).
    public var modalityWeights: [Modality: Double]

    /// The mean of several models' predictions of one patient: mean probability, risk score, attention
    /// and gates; the first prediction's id and modalities (the same for models of one architecture).
    /// A single prediction is returned unchanged; `predictions` must not be empty.
    public static func mean(_ predictions: [PatientPrediction]) -> PatientPrediction {
        var out = predictions[0]
        guard predictions.count > 1 else { return out }
        let k = Double(predictions.count)
        out.responseProbability = predictions.reduce(0) { $0 + $1.responseProbability } / k
        out.riskScore = predictions.reduce(0) { $0 + $1.riskScore } / k
        if let a = out.attention {
            var sum = [Double](repeating: 0, count: a.count)
            for p in predictions { for (j, v) in (p.attention ?? []).enumerated() where j < sum.count { sum[j] += Double(v) } }
            out.attention = sum.map { Float($0 / k) }
        }
        var weights: [Modality: Double] = [:]
        for p in predictions { for (m, w) in p.modalityWeights { weights[m, default: 0] += w / k } }
        out.modalityWeights = weights
        return out
    }
}

/// A trained network with the standardisation fitted on its training patients: everything needed to
/// score raw patients reproducibly.
public struct TrainedFusionModel: Sendable, Hashable, Codable {
    public let network: FusionNetwork
    public let standardizer: FeatureStandardizer
    public var parameters: ParameterSet
    /// Recalibration of the response logit (fitted by `CrossValidation` on inner out-of-fold predictions
    /// of this model's training patients); nil: P(CR/PR) = σ(logit).
    public var calibration: PlattCalibration?

    public init(network: FusionNetwork, standardizer: FeatureStandardizer, parameters: ParameterSet,
                calibration: PlattCalibration? = nil) {
        self.network = network
        self.standardizer = standardizer
        self.parameters = parameters
        self.calibration = calibration
    }

    /// Scores raw (unstandardised) patients, optionally as if `removing` modalities were absent.
    /// Deterministic: dropout is off, so the same inputs give bit-identical outputs.
    /// Throws `invalidSample` for wrong feature counts, non-finite values or no usable modality.
    /// With `calibration`, P(CR/PR) = σ(a·logit + b), or its stacked form (`PlattCalibration`).
    public func predict(_ samples: [PatientSample], removing: Set<Modality> = []) throws -> [PatientPrediction] {
        try samples.enumerated().map { i, raw in try score(raw, index: i, removing: removing).prediction }
    }

    /// The network's response logits (before `calibration`), for fitting a recalibration.
    public func responseLogits(_ samples: [PatientSample]) throws -> [Double] {
        try responseLogitParts(samples).map(\.logit)
    }

    /// The response logits (before `calibration`) and their `LinearPrior` part (0 without a prior).
    public func responseLogitParts(_ samples: [PatientSample]) throws -> [(logit: Double, prior: Double)] {
        try samples.enumerated().map { i, raw in
            let s = try score(raw, index: i, removing: [])
            return (s.logit, s.prior)
        }
    }

    /// One patient's uncalibrated logit, its prior part and the prediction (probability σ(logit), or
    /// `calibration`'s map of it).
    private func score(_ raw: PatientSample, index i: Int, removing: Set<Modality>) throws
        -> (logit: Double, prior: Double, prediction: PatientPrediction) {
        try FeatureStandardizer.validate(raw, index: i, configuration: network.configuration)
        let s = standardizer.apply(raw.removing(removing))
        var pass = ForwardPass(tape: Tape(), parameters: parameters, training: false,
                               generator: SeededGenerator(seed: 0))
        let out = try network.forward(s, index: i, &pass)
        let t = pass.tape
        let logit = Double(t.value(out.responseLogit).values[0])
        let gates = t.value(out.gates).values
        var weights: [Modality: Double] = [:]
        for (m, a) in zip(network.configuration.modalities, gates) { weights[m] = Double(a) }
        let prior = Double(out.responsePrior)
        let probability = calibration?.probability(logit: logit, prior: prior) ?? 1 / (1 + Foundation.exp(-logit))
        return (logit, prior, PatientPrediction(id: raw.id, responseProbability: probability,
                                         riskScore: Double(t.value(out.risk).values[0]),
                                         attention: out.attention.map { t.value($0).values },
                                         modalitiesUsed: out.modalitiesUsed, modalityWeights: weights))
    }

    /// Mean training loss (dropout off) of raw patients; used for early stopping.
    public func loss(_ samples: [PatientSample], responseWeight: Float, survivalWeight: Float) throws -> Double {
        var pass = ForwardPass(tape: Tape(), parameters: parameters, training: false, generator: SeededGenerator(seed: 0))
        let l = try network.loss(samples.map(standardizer.apply), &pass,
                                 responseWeight: responseWeight, survivalWeight: survivalWeight)
        return Double(pass.tape.value(l).values[0])
    }
}
