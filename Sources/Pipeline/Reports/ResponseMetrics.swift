import Foundation
import Reports

/// Discrimination and calibration of a predicted response probability against observed
/// objective response, for the reports' ROC and reliability plots.
public enum ResponseMetrics {
    /// Empirical ROC curve and AUC.
    ///
    /// Thresholds run from the highest score down; at each distinct score every subject with that
    /// score turns positive at once, so tied scores give a diagonal segment. AUC is the
    /// Mann–Whitney statistic AUC = (1 / PN) Σᵢ∈pos Σⱼ∈neg [sᵢ > sⱼ] + ½[sᵢ = sⱼ] (equal to the
    /// trapezoid area under the curve). Its 95 % interval uses the Hanley & McNeil (1982) standard
    /// error with Q₁ = A/(2 − A), Q₂ = 2A²/(1 + A):
    /// SE² = [A(1 − A) + (P − 1)(Q₁ − A²) + (N − 1)(Q₂ − A²)] / (PN), clamped to 0…1.
    /// Example: scores [0.9, 0.8, 0.7, 0.6], labels [T, F, T, F] → AUC 0.75.
    /// Returns nil without at least one positive and one negative.
    public static func roc(scores: [Double], labels: [Bool], label: String) -> ROCCurveData? {
        let pairs = zip(scores, labels).filter { $0.0.isFinite }
        let positives = pairs.filter { $0.1 }.count, negatives = pairs.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        let sorted = pairs.sorted { $0.0 > $1.0 }
        var fpr: [Double] = [0], tpr: [Double] = [0]
        var tp = 0, fp = 0, i = 0
        while i < sorted.count {
            let s = sorted[i].0
            while i < sorted.count, sorted[i].0 == s {
                if sorted[i].1 { tp += 1 } else { fp += 1 }
                i += 1
            }
            fpr.append(Double(fp) / Double(negatives)); tpr.append(Double(tp) / Double(positives))
        }
        var area = 0.0
        for k in 1..<fpr.count { area += (fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1]) / 2 }
        let a = min(max(area, 0), 1), p = Double(positives), n = Double(negatives)
        let q1 = a / (2 - a), q2 = 2 * a * a / (1 + a)
        let variance = (a * (1 - a) + (p - 1) * (q1 - a * a) + (n - 1) * (q2 - a * a)) / (p * n)
        let se = max(variance, 0).squareRoot()
        return ROCCurveData(label: label, falsePositiveRates: fpr, truePositiveRates: tpr, auc: a,
                            aucLower: max(0, a - 1.959963984540054 * se), aucUpper: min(1, a + 1.959963984540054 * se))
    }

    /// Reliability bins: subjects sorted by prediction and split into `bins` groups of (nearly)
    /// equal size (sizes differ by at most one, larger groups first); per bin the mean prediction,
    /// the observed response fraction and its 95 % Wilson interval. `bins` nil: n / 6 clamped to 2…10.
    public static func calibrationBins(predictions: [Double], outcomes: [Bool], bins: Int? = nil) -> [CalibrationBin] {
        let pairs = zip(predictions, outcomes).filter { $0.0.isFinite }.sorted { $0.0 < $1.0 }
        guard !pairs.isEmpty else { return [] }
        let wanted = bins ?? min(max(pairs.count / 6, 2), 10)
        let k = min(max(wanted, 1), pairs.count)
        let base = pairs.count / k, extra = pairs.count % k
        var out: [CalibrationBin] = []
        var start = 0
        for b in 0..<k {
            let size = base + (b < extra ? 1 : 0)
            let slice = pairs[start..<(start + size)]
            start += size
            let events = slice.filter { $0.1 }.count
            let ci = ReportStatistics.wilsonInterval(successes: events, trials: size)
            out.append(CalibrationBin(meanPredicted: slice.map(\.0).reduce(0, +) / Double(size),
                                      observedFraction: Double(events) / Double(size), count: size,
                                      lower: ci.lower, upper: ci.upper))
        }
        return out
    }

    /// Brier score: mean of (p − y)² with y = 1 for response. nil for no subjects.
    public static func brier(predictions: [Double], outcomes: [Bool]) -> Double? {
        let pairs = zip(predictions, outcomes).filter { $0.0.isFinite }
        guard !pairs.isEmpty else { return nil }
        return pairs.map { ($0.0 - ($0.1 ? 1 : 0)) * ($0.0 - ($0.1 ? 1 : 0)) }.reduce(0, +) / Double(pairs.count)
    }

    /// The cohort's response-score evaluation from its patients (scored and evaluable ones);
    /// nil when there is no positive and negative pair.
    public static func evaluation(_ patients: [CohortPatient], modelID: String) -> ResponseScoreEvaluation? {
        let scored = patients.compactMap { p -> (Double, Bool)? in
            guard let s = p.responseProbability, let y = p.objectiveResponse else { return nil }
            return (s, y)
        }
        guard let roc = roc(scores: scored.map(\.0), labels: scored.map(\.1), label: "Score"),
              let brier = brier(predictions: scored.map(\.0), outcomes: scored.map(\.1)) else { return nil }
        return ResponseScoreEvaluation(modelID: modelID, roc: roc,
                                       calibrationBins: calibrationBins(predictions: scored.map(\.0), outcomes: scored.map(\.1)),
                                       brierScore: brier, patients: scored.count, responders: scored.filter(\.1).count)
    }
}
