import Foundation
import Testing
@testable import Survival
import TMECore

@Suite struct ConcordanceTests {
    @Test func docExample() throws {
        let r = try Concordance.harrell(times: [1, 2, 3], events: [true, true, true], scores: [3, 1, 2])
        #expect(r.concordant == 2 && r.discordant == 1 && r.tiedRisk == 0)
        #expect(r.cindex == 2.0 / 3.0)
    }

    /// Exact pair counts against R's concordance(..., reverse = TRUE).
    @Test(arguments: [("lung_age", "lung", "age"), ("lung_ecog", "lung", "ph.ecog"),
                      ("veteran_karno", "veteran", "karno")])
    func matchesR(key: String, dataset: String, score: String) throws {
        let ref = try Fixture.reference()
        let data = try Fixture(dataset).completeCases(["time", "status", score])
        let (t, e) = data.outcome()
        let r = try Concordance.harrell(times: t, events: e, scores: data.numbers(score).map { $0! })
        #expect(Double(r.concordant) == ref["cindex.\(key).concordant"]!)
        #expect(Double(r.discordant) == ref["cindex.\(key).discordant"]!)
        #expect(Double(r.tiedRisk) == ref["cindex.\(key).tied_risk"]!)
        #expect(close(r.cindex, ref["cindex.\(key).cindex"]!, 1e-15, relative: true))
    }

    /// The O(n log n) counts equal a direct O(n²) count of the definition on tie-heavy data.
    @Test func equalsBruteForce() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<30 {
            let n = Int(rng.next() % 60) + 2
            let t = (0..<n).map { _ in Double(rng.next() % 10) }
            let e = (0..<n).map { _ in rng.next() % 3 != 0 }
            let s = (0..<n).map { _ in Double(rng.next() % 5) }
            let fast = try Concordance.harrell(times: t, events: e, scores: s)
            var c = 0, d = 0, tie = 0
            for i in 0..<n where e[i] {
                for j in 0..<n where j != i && (t[i] < t[j] || (t[i] == t[j] && !e[j])) {
                    if s[i] > s[j] { c += 1 } else if s[i] < s[j] { d += 1 } else { tie += 1 }
                }
            }
            #expect(fast.concordant == c && fast.discordant == d && fast.tiedRisk == tie)
        }
    }
}

@Suite struct SortOrderTests {
    /// The radix order equals a stable comparison sort, with negatives, ties, ±0 and extremes.
    @Test func equalsStableComparisonSort() {
        var rng = SplitMix64(seed: 99)
        var values: [Double] = [0, -0.0, 1e308, -1e308, 5e-324, -5e-324, 3, 3, -2]
        for _ in 0..<5000 { values.append(Double(Int64(bitPattern: rng.next()) % 2000) / 7) }
        let expectedUp = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        let expectedDown = values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
        #expect(SortOrder.ascending(values) == expectedUp)
        #expect(SortOrder.descending(values) == expectedDown)
        #expect(SortOrder.ascending([]) == [])
    }
}
