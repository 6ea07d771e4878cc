import Foundation
import Testing
@testable import Survival
import TMECore

/// 200 random and adversarial datasets: every statistic either returns finite numbers (and a Cox
/// fit is a genuine maximum: zero score, positive-definite information) or throws a named
/// `SurvivalError` — never crashes, hangs or returns NaN coefficients.
@Suite struct RobustnessTests {
    struct Dataset: CustomStringConvertible {
        var kind: String
        var times: [Double]
        var events: [Bool]
        var covariates: [Covariate]
        var description: String { "\(kind) n=\(times.count) p=\(covariates.count)" }
    }

    static func normal(_ rng: inout SplitMix64) -> Double {
        let u1 = Double(rng.next() >> 11) / Double(1 << 53) + 1e-300
        let u2 = Double(rng.next() >> 11) / Double(1 << 53)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    static func make(_ index: Int) -> Dataset {
        var rng = SplitMix64(seed: UInt64(index) &* 7919 &+ 13)
        let kinds = ["random", "tied-times", "huge-covariate", "collinear", "one-event", "all-censored",
                     "n=2", "all-tied", "binary-rare", "wide"]
        let kind = kinds[index % kinds.count]
        var n = Int(rng.next() % 150) + 5
        var p = Int(rng.next() % 4) + 1
        if kind == "n=2" { n = 2; p = 1 }
        if kind == "wide" { n = 20 + Int(rng.next() % 10); p = 12 }
        var cols: [[Double]] = (0..<p).map { _ in (0..<n).map { _ in normal(&rng) } }
        let eta = (0..<n).map { i in 0.5 * cols[0][i] }
        var times = (0..<n).map { i in -log(Double(rng.next() % 10_000 + 1) / 10_001) * exp(-eta[i]) * 10 }
        var events = (0..<n).map { _ in rng.next() % 3 != 0 }
        switch kind {
        case "tied-times": times = times.map { ($0 / 5).rounded() * 5 }
        case "huge-covariate": cols[0] = cols[0].map { $0 * 1e8 + 3e9 }
        case "collinear": cols.append(cols[0].enumerated().map { 2 * $1 - (p > 1 ? cols[1][$0] : 0) + 1 })
        case "one-event":
            events = [Bool](repeating: false, count: n)
            events[Int(rng.next() % UInt64(n))] = true
        case "all-censored": events = [Bool](repeating: false, count: n)
        case "all-tied": times = [Double](repeating: 3, count: n)
        case "binary-rare": cols[0] = (0..<n).map { _ in rng.next() % 20 == 0 ? 1 : 0 }
        default: break
        }
        let covariates = cols.enumerated().map { Covariate(name: "x\($0.offset)", values: $0.element) }
        return Dataset(kind: kind, times: times, events: events, covariates: covariates)
    }

    @Test(arguments: 0..<200)
    func fitsOrThrowsNamedError(index: Int) throws {
        let d = Self.make(index)
        for ties in CoxParameters.Ties.allCases {
            do {
                let m = try CoxModel.fit(times: d.times, events: d.events, covariates: d.covariates,
                                         parameters: .init(ties: ties))
                #expect(m.coefficients.allSatisfy { $0.isFinite }, "\(d)")
                #expect(m.standardErrors.allSatisfy { $0.isFinite && $0 > 0 }, "\(d)")
                let data = CoxData(times: d.times, events: d.events, covariates: d.covariates)
                let e = data.evaluate(beta: m.coefficients, ties: ties)
                let scale = e.information.values.map(abs).max() ?? 1
                for (j, u) in e.score.enumerated() {
                    let sd = (m.covariance[j * d.covariates.count + j]).squareRoot()
                    #expect(abs(u) * sd < 1e-4 * max(1, scale * sd * sd), "\(d): score not zero")
                }
            } catch let error as SurvivalError {
                #expect(!error.description.isEmpty)
                switch (d.kind, error) {
                case ("all-censored", .noEvents), ("collinear", .collinearCovariate), (_, .separation), (_, .uninformativeCovariate),
                     ("all-tied", _), ("one-event", _), ("n=2", _), ("wide", _), ("binary-rare", _):
                    break
                default:
                    Issue.record("\(d): unexpected \(error)")
                }
            }
        }
        let km = try KaplanMeier.fit(times: d.times, events: d.events)
        #expect(km.steps.allSatisfy { $0.survival >= 0 && $0.survival <= 1 })
        let groups = d.covariates[0].values.map { $0 > (d.covariates[0].values.sorted()[d.times.count / 2]) ? "hi" : "lo" }
        if Set(groups).count == 2, d.events.contains(true) {
            let lr = try LogRank.test(times: d.times, events: d.events, groups: groups)
            #expect(lr.chiSquare.isFinite && lr.chiSquare >= -1e-9, "\(d)")
        }
        let c = try Concordance.harrell(times: d.times, events: d.events, scores: d.covariates[0].values)
        #expect(c.comparable == 0 || (c.cindex >= 0 && c.cindex <= 1))
    }
}
