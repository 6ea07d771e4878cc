import Foundation
import Testing
@testable import Survival

/// Uno's C, cumulative/dynamic AUC and Brier scores against scikit-survival 0.28
/// (Fixtures/make_reference_sksurv.py) on the veteran data.
@Suite struct IPCWTests {
    static let times: [Double] = [30, 60, 90, 180, 365]

    static func veteran() throws -> (t: [Double], e: [Bool], score: [Double], karno: [Double]) {
        let data = try Fixture("veteran")
        let (t, e) = data.outcome()
        let age = data.numbers("age").map { $0! }, karno = data.numbers("karno").map { $0! }
        return (t, e, zip(age, karno).map { $0 / 100 - $1 }, karno)
    }

    @Test func unoMatchesScikitSurvival() throws {
        let ref = try Fixture.reference("sksurv_reference")
        let v = try Self.veteran()
        #expect(close(try Concordance.uno(times: v.t, events: v.e, scores: v.score), ref["uno.all"]!, 1e-12))
        #expect(close(try Concordance.uno(times: v.t, events: v.e, scores: v.score, truncation: 365), ref["uno.tau365"]!, 1e-12))
    }

    /// Without censoring Ĝ ≡ 1 and Uno's C is Harrell's C.
    @Test func unoEqualsHarrellWithoutCensoring() throws {
        let t: [Double] = [1, 2, 3, 4, 5, 6], e = [Bool](repeating: true, count: 6), s: [Double] = [5, 6, 1, 3, 2, 0]
        #expect(try Concordance.uno(times: t, events: e, scores: s) == Concordance.harrell(times: t, events: e, scores: s).cindex)
    }

    @Test func aucMatchesScikitSurvival() throws {
        let ref = try Fixture.reference("sksurv_reference")
        let v = try Self.veteran()
        let r = try TimeDependentAUC.cumulativeDynamic(times: v.t, events: v.e, scores: v.score, at: Self.times)
        for (t, a) in zip(Self.times, r.auc) { #expect(close(a, ref["auc.\(Int(t))"]!, 1e-12), "t=\(t)") }
        #expect(close(r.meanAUC, ref["auc.mean"]!, 1e-12))
    }

    @Test func brierMatchesScikitSurvival() throws {
        let ref = try Fixture.reference("sksurv_reference")
        let v = try Self.veteran()
        let predictions = v.karno.map { k in Self.times.map { exp(-$0 / 100 * exp(0.03 * (60 - k))) } }
        let r = try BrierScore.score(times: v.t, events: v.e, predictions: predictions, at: Self.times)
        for (t, b) in zip(Self.times, r.scores) { #expect(close(b, ref["brier.\(Int(t))"]!, 1e-12), "t=\(t)") }
        #expect(close(r.integrated, ref["ibs"]!, 1e-12))
    }
}
