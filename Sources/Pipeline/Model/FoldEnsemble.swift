import FusionModel
import Foundation

/// Scores of one patient from a fold ensemble.
public struct EnsemblePrediction: Sendable, Hashable, Codable {
    public var id: String
    /// Mean of the members' P(CR/PR).
    public var responseProbability: Double
    /// Smallest and largest member probability: the spread of the k × s models trained on different
    /// folds and seeds (with 5 folds and 1 seed per fold, the range of 5 values). Not a confidence
    /// interval: it shows how much the score depends on which patients and seed trained the model.
    public var responseProbabilityLower: Double
    public var responseProbabilityUpper: Double
    /// Mean of the members' Cox log hazards (higher = worse).
    public var riskScore: Double
    /// Mean of the members' attention over the patient's tiles (sums to 1); nil without a slide.
    public var attention: [Double]?
    public var modalitiesUsed: [Modality]
    /// Out-of-fold or external (`FoldEnsemble.scoreHoldingOut`); `predict` alone always gives external.
    public var evaluation: PredictionEvaluation = .external
    /// "low" or "high" when set by `scoreHoldingOut` (by the threshold of the models that scored the patient).
    public var riskGroup: String? = nil
}

/// The k × s models of a k-fold cross-validation with s seeds per fold, used together for scoring:
/// each was trained on k − 1 folds with its own standardisation. Averaging them is the usual "CV ensemble"; the
/// spread of the members is the interval stored with each probability.
public struct FoldEnsemble: Sendable, Hashable, Codable {
    public var members: [TrainedFusionModel]
    public var featureNames: ModelFeatureNames
    /// Median ensemble risk score of the training cohort: the low/high risk-group threshold of external patients.
    public var trainingMedianRisk: Double
    /// The cohort the members were cross-validated on, and which members held out which of its patients
    /// (`scoreHoldingOut`). Empty for an ensemble that does not know its folds (every patient is external).
    public var trainingCohort: String?
    public var heldOut: [HeldOutFold]

    public init(members: [TrainedFusionModel], featureNames: ModelFeatureNames, trainingMedianRisk: Double,
                trainingCohort: String? = nil, heldOut: [HeldOutFold] = []) {
        self.members = members
        self.featureNames = featureNames
        self.trainingMedianRisk = trainingMedianRisk
        self.trainingCohort = trainingCohort
        self.heldOut = heldOut
    }

    /// Scores raw patients with every member; deterministic (no dropout), so the same inputs
    /// give bit-identical outputs. `removing` hides modalities (as for a patient who lacks them).
    public func predict(_ samples: [PatientSample], removing: Set<Modality> = []) throws -> [EnsemblePrediction] {
        let perMember = try members.map { try $0.predict(samples, removing: removing) }
        return samples.indices.map { i in
            let preds = perMember.map { $0[i] }
            let k = Double(preds.count)
            let probabilities = preds.map(\.responseProbability)
            var attention: [Double]?
            if let first = preds[0].attention {
                var sum = [Double](repeating: 0, count: first.count)
                for p in preds { for (j, a) in (p.attention ?? []).enumerated() where j < sum.count { sum[j] += Double(a) } }
                attention = sum.map { $0 / k }
            }
            return EnsemblePrediction(id: samples[i].id, responseProbability: probabilities.reduce(0, +) / k,
                                      responseProbabilityLower: probabilities.min() ?? .nan,
                                      responseProbabilityUpper: probabilities.max() ?? .nan,
                                      riskScore: preds.map(\.riskScore).reduce(0, +) / k,
                                      attention: attention, modalitiesUsed: preds[0].modalitiesUsed)
        }
    }

    /// "low" or "high" by the training median (a score equal to the median is "high").
    /// "low" below `threshold` (default: the whole ensemble's median risk on its training patients), else "high".
    public func riskGroup(_ risk: Double, threshold: Double? = nil) -> String { risk < (threshold ?? trainingMedianRisk) ? "low" : "high" }
}
