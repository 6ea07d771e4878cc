import Foundation
import Testing
@testable import Survival
import TMECore

@Suite struct CalibrationTests {
    /// Exponential data with known S(t | x): the true model is calibrated, a distorted one is not.
    static func data(n: Int) -> (t: [Double], e: [Bool], rate: [Double]) {
        var rng = SplitMix64(seed: 11)
        var t: [Double] = [], e: [Bool] = [], rate: [Double] = []
        for _ in 0..<n {
            let x = Double(rng.next() % 1000) / 1000 * 2 - 1
            let r = exp(x) / 10
            let u = (Double(rng.next() >> 11) + 0.5) / 9_007_199_254_740_992
            let c = (Double(rng.next() >> 11) + 0.5) / 9_007_199_254_740_992 * 40
            let event = -log(u) / r
            t.append(min(event, c)); e.append(event <= c); rate.append(r)
        }
        return (t, e, rate)
    }

    @Test func trueModelIsCalibratedAndDistortedIsNot() throws {
        let d = Self.data(n: 4000)
        // 400 per group: KM SE ≈ 0.025, so 0.08 is about 3 SE.
        let good = try Calibration.atTime(5, times: d.t, events: d.e, predictedSurvival: d.rate.map { exp(-$0 * 5) })
        #expect(good.groups.count == 10 && good.groups.map(\.subjects).reduce(0, +) == 4000)
        #expect(good.groups.allSatisfy { abs($0.observed - $0.predicted) < 0.08 }, "\(good.groups.map { ($0.observed, $0.predicted) }) \(good.pValue)")
        #expect(good.pValue > 0.001)
        let bad = try Calibration.atTime(5, times: d.t, events: d.e, predictedSurvival: d.rate.map { exp(-$0 * 15) })
        #expect(bad.pValue < 1e-10)
    }

    /// Each group's observed value is the Kaplan–Meier estimate of exactly its members.
    @Test func groupsUseTheirOwnKaplanMeier() throws {
        let d = Self.data(n: 200)
        let pred = d.rate.map { exp(-$0 * 5) }
        let r = try Calibration.atTime(5, times: d.t, events: d.e, predictedSurvival: pred, groups: 4)
        let order = pred.indices.sorted { pred[$0] < pred[$1] }
        let first = Array(order[0..<50])
        let km = try KaplanMeier.fit(times: first.map { d.t[$0] }, events: first.map { d.e[$0] })
        #expect(r.groups[0].observed == km.survival(at: 5))
        #expect(abs(r.groups[0].predicted - first.map { pred[$0] }.reduce(0, +) / 50) < 1e-15)
    }
}

@Suite struct BootstrapTests {
    @Test func standardErrorOfTheMeanAndDeterminism() throws {
        var rng = SplitMix64(seed: 3)
        let x = (0..<400).map { _ in Double(rng.next() % 10_000) / 100 }
        let mean = x.reduce(0, +) / 400
        let sd = (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 399).squareRoot()
        let stat: @Sendable ([Int]) -> Double = { idx in idx.reduce(0.0) { $0 + x[$1] } / Double(idx.count) }
        let a = try Bootstrap.percentileInterval(subjects: 400, parameters: .init(replicates: 2000, seed: 42), statistic: stat)
        let b = try Bootstrap.percentileInterval(subjects: 400, parameters: .init(replicates: 2000, seed: 42), statistic: stat)
        #expect(a == b)
        #expect(a.estimate == mean)
        #expect(abs(a.standardError / (sd / 20) - 1) < 0.1)
        #expect(a.lower < mean && mean < a.upper)
        #expect(abs((a.upper - a.lower) / (2 * 1.96 * sd / 20) - 1) < 0.15)
    }

    /// Bootstrap of Harrell's C on lung: failing resamples are counted, the interval brackets C.
    @Test func concordanceInterval() throws {
        let data = try Fixture("lung")
        let (t, e) = data.outcome()
        let age = data.numbers("age").map { $0! }
        let r = try Bootstrap.percentileInterval(subjects: t.count, parameters: .init(replicates: 200)) { idx in
            try Concordance.harrell(times: idx.map { t[$0] }, events: idx.map { e[$0] }, scores: idx.map { age[$0] }).cindex
        }
        #expect(r.failed == 0 && r.replicates == 200)
        #expect(r.lower < r.estimate && r.estimate < r.upper)
    }

    @Test func quantileIsRType7() {
        #expect(Bootstrap.quantile([1, 2, 3, 4], 0.25) == 1.75)
        #expect(Bootstrap.quantile([1, 2, 3, 4], 1) == 4)
    }
}
