import FusionModel
import Foundation
import TMECore

/// How a stored score was obtained (`tme.predictions.evaluation`).
public enum PredictionEvaluation: String, Sendable, Hashable, Codable {
    /// The patient was in the model's training cohort: only the fold model(s) trained without it scored it.
    case outOfFold = "out_of_fold"
    /// No member of the ensemble was trained on the patient: the whole fold ensemble scored it.
    case external
}

/// One fold of the training cross-validation as a model folder remembers it: which ensemble members were
/// trained without which patients, so that scoring the training cohort again stays held-out.
public struct HeldOutFold: Sendable, Hashable, Codable {
    /// Positions in `FoldEnsemble.members` of the models trained without this fold (one per seed).
    public var members: [Int]
    /// `FoldEnsemble.patientDigest` of every held-out patient (digests, not the pseudonyms themselves).
    public var patientDigests: [String]
    /// Median risk score of this fold's models on their own training patients: the low/high threshold
    /// for the fold's held-out patients (fixed without seeing them or any outcome).
    public var medianRisk: Double

    public init(members: [Int], patientDigests: [String], medianRisk: Double) {
        self.members = members; self.patientDigests = patientDigests; self.medianRisk = medianRisk
    }
}

extension FoldEnsemble {
    /// SHA-256 (hex) of "cohort ␟ patient id": how a model folder names its held-out patients.
    public static func patientDigest(cohort: String, patientID: String) -> String {
        SHA256.hex(Array((cohort + "\u{1F}" + patientID).utf8))
    }

    /// The fold that held `patientID` of `cohort` out, or nil when no member was trained on the patient
    /// (another cohort, or a patient of the training cohort that was not trainable).
    public func heldOutFold(cohort: String, patientID: String) -> Int? {
        heldOutFolds(cohort: cohort)[Self.patientDigest(cohort: cohort, patientID: patientID)]
    }

    /// Fold by held-out patient digest (empty for another cohort than the training one).
    func heldOutFolds(cohort: String) -> [String: Int] {
        guard cohort == trainingCohort else { return [:] }
        var fold: [String: Int] = [:]
        for (k, f) in heldOut.enumerated() { for d in f.patientDigests where fold[d] == nil { fold[d] = k } }
        return fold
    }

    /// Scores patients honestly: a patient of the training cohort that a fold held out is scored only by
    /// that fold's members (the mean of its seeds, as the cross-validation predicted it) and grouped by that
    /// fold's median risk; every other patient is scored by the whole ensemble and grouped by
    /// `trainingMedianRisk`. Each prediction says which (`evaluation`). Deterministic; `removing` as in `predict`.
    public func scoreHoldingOut(_ samples: [PatientSample], cohort: String, removing: Set<Modality> = []) throws -> [EnsemblePrediction] {
        var out = [EnsemblePrediction?](repeating: nil, count: samples.count)
        var groups: [Int?: [Int]] = [:]
        let foldOf = heldOutFolds(cohort: cohort)
        for (i, s) in samples.enumerated() { groups[foldOf[Self.patientDigest(cohort: cohort, patientID: s.id)], default: []].append(i) }
        for (fold, positions) in groups.sorted(by: { ($0.key ?? -1) < ($1.key ?? -1) }) {
            var scorer = self
            var threshold = trainingMedianRisk
            var evaluation = PredictionEvaluation.external
            if let fold {
                scorer.members = heldOut[fold].members.map { members[$0] }
                threshold = heldOut[fold].medianRisk
                evaluation = .outOfFold
            }
            let predictions = try scorer.predict(positions.map { samples[$0] }, removing: removing)
            for (i, var p) in zip(positions, predictions) {
                p.evaluation = evaluation
                p.riskGroup = riskGroup(p.riskScore, threshold: threshold)
                out[i] = p
            }
        }
        return out.map { $0! }
    }
}
