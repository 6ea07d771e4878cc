import FusionModel
import Foundation
import Survival

/// How much of the simulator's true signal each modality's inputs carry: the oracle's linear
/// predictors projected onto one modality's patient-level inputs, cross-validated on the fusion folds.
///
/// For each input set S (genomics: the genomic vector; slide: per tile feature j the bag mean m̄ⱼ and
/// ln(1 + max(m̄ⱼ, 0)); clinical: the clinical vector; all three concatenated) and each target
/// t ∈ {response LP = logit P_true(response), OS LP η}, a ridge regression t ≈ β₀ + xβ on the
/// standardised inputs (penalty λ·n_train on β, λ chosen from `ridgePenalties` by a 4-fold
/// cross-validation inside the training folds) is fitted on the training folds' patients that have S,
/// and predicts the held-out fold. Reported per set: the cross-validated
/// R² = 1 − Σ(t − t̂)² / Σ(t − t̄)² of both targets, the response AUC of t̂_response and Harrell's C of
/// t̂_OS on the observed outcomes.
///
/// The projection is fitted to the truth, not to outcomes, so it is (up to non-linearity) a ceiling for
/// a model that sees only S: when the ceiling of all modalities exceeds the best single modality's by
/// less than a margin, no model can show that margin on this cohort (except by chance).
public struct OracleProjection: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var patients: Int
        public var inputs: Int
        public var responseLPR2: Double?
        public var osLPR2: Double?
        public var auc: Double?
        public var cindex: Double?

        enum CodingKeys: String, CodingKey {
            case patients, inputs, responseLPR2 = "response_lp_r2", osLPR2 = "os_lp_r2", auc, cindex
        }
    }

    /// By input set: "genomics", "slide", "clinical", "all".
    public var sets: [String: Entry]
    /// The λ grid of the inner cross-validation.
    public var ridgePenalties: [Double]
    public var note: String

    enum CodingKeys: String, CodingKey { case sets, ridgePenalties = "ridge_penalties", note }

    /// Nil without truth for at least `folds` × 2 patients.
    public static func evaluate(_ truth: SimulatorTruth, samples: [PatientSample], folds: [[Int]],
                                ridgePenalties: [Double] = [1e-3, 1e-2, 0.1, 1]) -> OracleProjection? {
        let responseLP = samples.map { s in truth.patients[s.id].map { logit($0.responseProbability) } }
        let osLP = samples.map { s in truth.patients[s.id]?.osLinearPredictor }
        guard responseLP.compactMap({ $0 }).count >= 2 * folds.count else { return nil }
        let inputs: [(String, (PatientSample) -> [Double]?)] = [
            ("genomics", { $0.genomic.map { $0.map(Double.init) } }),
            ("slide", slideSummary),
            ("clinical", { $0.clinical.map { $0.map(Double.init) } }),
            ("all", { s in
                guard let g = s.genomic, let t = slideSummary(s), let c = s.clinical else { return nil }
                return g.map(Double.init) + t + c.map(Double.init)
            }),
        ]
        var sets: [String: Entry] = [:]
        for (name, read) in inputs {
            let x = samples.map(read)
            let use = samples.indices.filter { x[$0] != nil && responseLP[$0] != nil && osLP[$0] != nil }
            guard use.count >= 2 * folds.count, let width = x[use[0]]?.count else { continue }
            var predictedResponse = [Double?](repeating: nil, count: samples.count), predictedOS = predictedResponse
            for test in folds {
                let held = Set(test)
                let train = use.filter { !held.contains($0) }
                let scored = use.filter { held.contains($0) }
                guard train.count > 2 else { continue }
                let rx = train.map { x[$0]! }
                guard let fitR = RidgeFit(x: rx, y: train.map { responseLP[$0]! }, choosingFrom: ridgePenalties),
                      let fitO = RidgeFit(x: rx, y: train.map { osLP[$0]! }, choosingFrom: ridgePenalties) else { continue }
                for i in scored {
                    predictedResponse[i] = fitR.predict(x[i]!)
                    predictedOS[i] = fitO.predict(x[i]!)
                }
            }
            let done = use.filter { predictedResponse[$0] != nil }
            let labelled = done.filter { samples[$0].response != nil }
            let survived = done.filter { samples[$0].survival != nil }
            sets[name] = Entry(
                patients: done.count, inputs: width,
                responseLPR2: r2(done.map { responseLP[$0]! }, done.map { predictedResponse[$0]! }),
                osLPR2: r2(done.map { osLP[$0]! }, done.map { predictedOS[$0]! }),
                auc: Metrics.rocAUC(scores: labelled.map { predictedResponse[$0]! }, labels: labelled.map { samples[$0].response! }),
                cindex: try? Concordance.harrell(times: survived.map { samples[$0].survival!.timeMonths },
                                                 events: survived.map { samples[$0].survival!.event },
                                                 scores: survived.map { predictedOS[$0]! }).cindex)
        }
        return OracleProjection(sets: sets, ridgePenalties: ridgePenalties, note:
            "simulator truth (logit true P(response), OS linear predictor) projected by ridge least squares onto each modality's "
            + "patient-level inputs (slide: bag means and ln(1+mean) of the tile features), fitted on the training folds, scored on "
            + "the held-out fold: R² is the share of the truth's variance the modality can explain linearly; auc/cindex are what "
            + "that projection achieves on the observed outcomes (an approximate ceiling for a model of that modality alone)")
    }

    /// Per tile feature: the bag mean and ln(1 + max(mean, 0)); nil without tiles.
    static func slideSummary(_ s: PatientSample) -> [Double]? {
        guard let tiles = s.tiles, tiles.rows > 0 else { return nil }
        var mean = [Double](repeating: 0, count: tiles.columns)
        for r in 0..<tiles.rows { for c in 0..<tiles.columns { mean[c] += Double(tiles[r, c]) } }
        mean = mean.map { $0 / Double(tiles.rows) }
        return mean + mean.map { log1p(max($0, 0)) }
    }

    static func logit(_ p: Double) -> Double {
        let q = min(max(p, 1e-12), 1 - 1e-12)
        return log(q / (1 - q))
    }

    static func r2(_ y: [Double], _ yhat: [Double]) -> Double? {
        guard y.count >= 2 else { return nil }
        let mean = y.reduce(0, +) / Double(y.count)
        let total = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        guard total > 0 else { return nil }
        return 1 - zip(y, yhat).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / total
    }
}
