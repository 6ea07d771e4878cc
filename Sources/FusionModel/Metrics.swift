/// Discrimination metrics used for validation and tests.
public enum Metrics {
    /// Area under the ROC curve by the Mann–Whitney statistic (Hanley & McNeil 1982):
    /// AUC = P(score₊ > score₋) + ½ P(score₊ = score₋) over all positive/negative pairs.
    /// Returns nil when either class is empty. Example: scores [0.1, 0.4, 0.35, 0.8] with labels
    /// [false, false, true, true] give 0.75.
    public static func rocAUC(scores: [Double], labels: [Bool]) -> Double? {
        let pos = zip(scores, labels).filter { $0.1 }.map(\.0)
        let neg = zip(scores, labels).filter { !$0.1 }.map(\.0)
        guard !pos.isEmpty, !neg.isEmpty else { return nil }
        var wins = 0.0
        for p in pos { for n in neg { wins += p > n ? 1 : (p == n ? 0.5 : 0) } }
        return wins / Double(pos.count * neg.count)
    }

    /// Harrell's concordance index (Harrell et al. 1982): over comparable pairs (i has an event and
    /// tᵢ < tⱼ), the fraction where ηᵢ > ηⱼ, ties in η counting ½. Nil without comparable pairs.
    public static func harrellC(risk: [Double], times: [Double], events: [Bool]) -> Double? {
        var concordant = 0.0, comparable = 0.0
        for i in risk.indices where events[i] {
            for j in risk.indices where times[i] < times[j] {
                comparable += 1
                concordant += risk[i] > risk[j] ? 1 : (risk[i] == risk[j] ? 0.5 : 0)
            }
        }
        return comparable > 0 ? concordant / comparable : nil
    }
}
