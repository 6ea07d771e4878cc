import BiomarkerStore
import FusionModel
import Foundation
import Reports

/// What the reports need to know about the model run behind a cohort's scores: how it was evaluated
/// (evaluation.json, stored as `tme.model_runs.metrics`) and what its training warned about.
public struct ModelRunInfo: Sendable {
    public var modelID: String
    public var trainingCohort: String?
    public var folds: Int?
    /// Bootstrap replicates and seed of the training run's evaluation (reused so that the report's
    /// intervals on the same out-of-fold scores are the ones in evaluation.json).
    public var evaluation: EvaluationParameters
    /// Training warnings (events per variable, separation, convergence).
    public var warnings: [String]
    /// The fusion model's held-out evaluation from training (out-of-fold).
    public var fusion: VariantEvaluation?

    static let select = """
        SELECT r.model_id, c.name AS training_cohort, r.metrics::text AS metrics
        FROM tme.model_runs r LEFT JOIN tme.cohorts c ON c.cohort_id = r.training_cohort_id
        WHERE r.model_id = $1
        """

    private struct Metrics: Decodable {
        var folds: Int?
        var warnings: [String]?
        var evaluation: EvaluationParameters?
        var fusion: VariantEvaluation?
        var cohort: String?
    }

    /// The run's information, or nil when no run has that id. Metrics that are not an evaluation.json
    /// (a folder scored before its evaluation was stored) leave the evaluation defaults and no warnings.
    public static func load(modelID: String, on connection: Connection) throws -> ModelRunInfo? {
        guard let row = try connection.query(select, [modelID], name: "report model run").first else { return nil }
        let text: String = try row.decode("metrics")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let metrics = try? decoder.decode(Metrics.self, from: Data(text.utf8))
        let storedCohort: String? = try row.decode("training_cohort")
        return ModelRunInfo(modelID: modelID, trainingCohort: metrics?.cohort ?? storedCohort,
                            folds: metrics?.folds, evaluation: metrics?.evaluation ?? EvaluationParameters(),
                            warnings: metrics?.warnings ?? [], fusion: metrics?.fusion)
    }

    /// "out-of-fold predictions of 5-fold cross-validation on cohort demo (each patient scored only by the models
    /// trained without it)" and the like, from the scores' `evaluation` values.
    public func scoreDescription(_ evaluations: [String?]) -> String {
        let oof = evaluations.filter { $0 == PredictionEvaluation.outOfFold.rawValue }.count
        let external = evaluations.filter { $0 == PredictionEvaluation.external.rawValue }.count
        let unknown = evaluations.count - oof - external
        let cv = "\(folds.map { "\($0)-fold" } ?? "k-fold") cross-validation by patient"
            + (trainingCohort.map { " on cohort \($0)" } ?? "")
        var parts: [String] = []
        if oof > 0 {
            parts.append((oof == evaluations.count ? "held-out: out-of-fold predictions" : "\(oof) out-of-fold predictions")
                         + " of \(cv) (each patient scored only by the models trained without it)")
        }
        if external > 0 {
            parts.append((external == evaluations.count ? "external: " : "\(external) ")
                         + "predictions of the whole fold ensemble for patients no model was trained on"
                         + (trainingCohort.map { " (trained on cohort \($0))" } ?? ""))
        }
        if unknown > 0 {
            parts.append("\(unknown) scores stored before TMEScope recorded how they were obtained (training patients among "
                         + "them were scored in-sample: re-run tme score)")
        }
        return parts.joined(separator: "; ")
    }
}

/// The cohort report's response-score figures, computed from the stored (held-out) scores exactly as
/// `tme train` computes evaluation.json (`VariantEvaluation.evaluate`, same bootstrap), so that for the
/// training cohort the page and evaluation.json agree to the digit.
public enum HeldOutPerformance {
    /// Patients with a score and an outcome (response or overall survival), in patient-id order, as the
    /// training run's patients; nil without a responder and a non-responder among them.
    public static func evaluate(_ patients: [CohortPatient], run: ModelRunInfo) -> ResponseScoreEvaluation? {
        let scored = patients.filter { p in
            p.responseProbability != nil && p.riskScore != nil && (p.objectiveResponse != nil || survival(p) != nil)
        }
        let labelled = scored.compactMap { p in p.objectiveResponse.map { (p.responseProbability!, $0) } }
        guard let curve = ResponseMetrics.roc(scores: labelled.map(\.0), labels: labelled.map(\.1), label: "Score") else { return nil }
        let e = VariantEvaluation.evaluate(probabilities: scored.map { $0.responseProbability! }, risks: scored.map { $0.riskScore! },
                                           responses: scored.map(\.objectiveResponse), survival: scored.map(survival),
                                           parameters: run.evaluation)
        var roc = curve
        roc.auc = e.auc ?? curve.auc
        roc.aucLower = e.aucCI?[0]
        roc.aucUpper = e.aucCI?[1]
        let b = run.evaluation.bootstrapReplicates
        let method = run.scoreDescription(scored.map(\.scoreEvaluation)).prefix(1).uppercased()
            + run.scoreDescription(scored.map(\.scoreEvaluation)).dropFirst()
            + ". n = \(e.patients) patients with a score and an outcome: \(e.evaluableResponses) with an evaluable response "
            + "(\(e.responders) responders), \(e.events) OS deaths. 95 % intervals: percentile bootstrap over patients "
            + "(\(b) resamples, seed \(run.evaluation.seed)), as in the model's evaluation.json."
        return ResponseScoreEvaluation(modelID: run.modelID, roc: roc,
                                       calibrationBins: ResponseMetrics.calibrationBins(predictions: labelled.map(\.0), outcomes: labelled.map(\.1)),
                                       brierScore: e.brier ?? .nan, patients: labelled.count, responders: e.responders,
                                       method: method, figures: figures(e), warnings: run.warnings)
    }

    /// "AUC 0.868 (0.757–0.949) · Brier 0.125 · ECE 0.089 · Harrell's C 0.784 (0.703–0.858)".
    public static func figures(_ e: VariantEvaluation) -> String {
        func f(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "–" }
        func ci(_ x: [Double]?) -> String { x.map { " (" + f($0[0]) + "–" + f($0[1]) + ")" } ?? "" }
        var parts = ["AUC " + f(e.auc) + ci(e.aucCI)]
        if e.brier != nil { parts.append("Brier " + f(e.brier)) }
        if e.ece != nil { parts.append("ECE " + f(e.ece)) }
        if e.cindex != nil { parts.append("Harrell's C " + f(e.cindex) + ci(e.cindexCI)) }
        return parts.joined(separator: " · ")
    }

    /// Overall survival as the model pipeline reads it (`CohortModelData`: times floored at 0.001 months).
    static func survival(_ p: CohortPatient) -> SurvivalOutcome? {
        guard let t = p.osMonths, let e = p.osEvent, t.isFinite else { return nil }
        return SurvivalOutcome(timeMonths: max(t, 1e-3), event: e)
    }
}
