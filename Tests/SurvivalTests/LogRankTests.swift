import Foundation
import Testing
@testable import Survival

@Suite struct LogRankTests {
    @Test func docExample() throws {
        let r = try LogRank.test(times: [1, 2, 3, 4], events: [true, true, true, true], groups: ["a", "a", "b", "b"])
        #expect(r.groups[0].observed == 2)
        #expect(abs(r.groups[0].expected - 5.0 / 6.0) < 1e-15)
        #expect(r.degreesOfFreedom == 1)
    }

    /// χ² within 1e-9 relative, O and E within 1e-9, p within 1e-9 relative of R's survdiff.
    @Test(arguments: [
        ("lung_sex", "lung", "sex", nil, 0.0),
        ("veteran_celltype", "veteran", "celltype", nil, 0.0),
        ("veteran_celltype_strata_trt", "veteran", "celltype", "trt", 0.0),
        ("lung_sex_rho1", "lung", "sex", nil, 1.0),
        ("veteran_celltype_rho0.5", "veteran", "celltype", nil, 0.5),
    ] as [(String, String, String, String?, Double)])
    func matchesR(key: String, dataset: String, group: String, stratum: String?, rho: Double) throws {
        let ref = try Fixture.reference()
        let data = try Fixture(dataset)
        let (times, events) = data.outcome()
        let r = try LogRank.test(times: times, events: events, groups: data.strings(group),
                                 strata: stratum.map { data.strings($0) }, weights: .init(p: rho))
        let k = "logrank.\(key)"
        #expect(close(r.chiSquare, ref[k + ".chisq"]!, 1e-9, relative: true))
        #expect(Double(r.degreesOfFreedom) == ref[k + ".df"]!)
        #expect(close(r.pValue, ref[k + ".p"]!, 1e-9, relative: true))
        for g in r.groups {
            #expect(close(g.observed, ref["\(k).observed.\(g.group)"]!, 1e-9), "\(k) O \(g.group)")
            #expect(close(g.expected, ref["\(k).expected.\(g.group)"]!, 1e-9), "\(k) E \(g.group)")
        }
    }

    @Test func needsTwoGroupsAndEvents() {
        #expect(throws: SurvivalError.tooFewGroups(found: 1)) {
            try LogRank.test(times: [1, 2], events: [true, true], groups: ["a", "a"])
        }
        #expect(throws: SurvivalError.noEvents(what: "log-rank test")) {
            try LogRank.test(times: [1, 2], events: [false, false], groups: ["a", "b"])
        }
    }

    /// Without tied times, the log-rank χ² equals the Cox score test for the group indicator.
    @Test func equalsCoxScoreTest() throws {
        let data = try Fixture("lung")
        let (tiedTimes, events) = data.outcome()
        let times = tiedTimes.enumerated().map { $1 + Double($0) * 1e-3 }
        let sex = data.numbers("sex").map { $0! }
        let r = try LogRank.test(times: times, events: events, groups: sex.map { "\(Int($0))" })
        let cox = try CoxModel.fit(times: times, events: events, covariates: [Covariate(name: "sex", values: sex)],
                                   parameters: .init(ties: .breslow))
        #expect(close(cox.summary.score.chiSquare, r.chiSquare, 1e-10, relative: true))
    }
}
