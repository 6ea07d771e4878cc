import Foundation

/// Discrimination of the true linear predictors on the realised outcomes: the best any model can do.
public enum OracleMetrics {
    /// Harrell's concordance index (Harrell et al. 1982): over usable pairs (the shorter time is an event),
    /// nil without usable pairs; otherwise the fraction where the higher risk has the shorter time; risk ties count 1/2; time ties are skipped.
    /// Example: times [1, 2, 3], events all 1, risks [3, 2, 1] → 1.0.
    public static func harrellC(time: [Double], event: [Bool], risk: [Double]) -> Double? {
        var num = 0.0, den = 0.0
        for i in time.indices where event[i] {
            for j in time.indices where time[j] > time[i] {
                den += 1
                if risk[i] > risk[j] { num += 1 } else if risk[i] == risk[j] { num += 0.5 }
            }
        }
        return den > 0 ? num / den : nil
    }

    /// ROC AUC as the Mann–Whitney probability P(score₊ > score₋) + ½ P(tie).
    /// Example: scores [0.1, 0.9], labels [false, true] → 1.0.
    public static func auc(score: [Double], label: [Bool]) -> Double? {
        var num = 0.0, den = 0.0
        for i in score.indices where label[i] {
            for j in score.indices where !label[j] {
                den += 1
                if score[i] > score[j] { num += 1 } else if score[i] == score[j] { num += 0.5 }
            }
        }
        return den > 0 ? num / den : nil
    }
}
