/// Patient-level splits stratified by response, so each part keeps the cohort's responder rate.
///
/// Patients are grouped into strata (responder, non-responder, not evaluable); each stratum is
/// shuffled with the seeded generator and dealt out in turn. Whole patients move, never tiles.
public enum Stratification {
    /// k folds (lists of sample positions). Dealing continues across strata, so fold sizes differ
    /// by at most one. Throws `insufficientData` when k < 2 or there are fewer patients than folds.
    public static func folds(responses: [Bool?], k: Int, generator: inout SeededGenerator) throws -> [[Int]] {
        guard k >= 2 else { throw FusionModelError.invalidParameter(name: "folds", value: "\(k)", expected: "≥ 2") }
        guard responses.count >= k else {
            throw FusionModelError.insufficientData(reason: "\(responses.count) patients for \(k) folds")
        }
        var folds = [[Int]](repeating: [], count: k)
        var next = 0
        for stratum in strata(responses) {
            for i in stratum.shuffled(using: &generator) {
                folds[next % k].append(i)
                next += 1
            }
        }
        return folds.map { $0.sorted() }
    }

    /// Splits positions into (kept, heldOut) with ⌊fraction·nₛ + ½⌋ of each stratum held out.
    public static func split(responses: [Bool?], heldOutFraction: Double,
                             generator: inout SeededGenerator) -> (kept: [Int], heldOut: [Int]) {
        var kept: [Int] = [], held: [Int] = []
        for stratum in strata(responses) {
            let shuffled = stratum.shuffled(using: &generator)
            let n = Int((heldOutFraction * Double(shuffled.count)).rounded())
            held += shuffled.prefix(n)
            kept += shuffled.dropFirst(n)
        }
        return (kept.sorted(), held.sorted())
    }

    private static func strata(_ responses: [Bool?]) -> [[Int]] {
        [responses.indices.filter { responses[$0] == true },
         responses.indices.filter { responses[$0] == false },
         responses.indices.filter { responses[$0] == nil }]
    }
}
