import Foundation
import Testing
@testable import Survival

@Suite struct KaplanMeierTests {
    @Test func docExample() throws {
        let curve = try KaplanMeier.fit(times: [1, 2, 2, 3], events: [true, true, false, true])
        #expect(curve.steps.map(\.survival) == [0.75, 0.5, 0])
        #expect(curve.steps.map(\.atRisk) == [4, 3, 1])
        #expect(curve.median == 2.5)
    }

    /// Every table row, SE and both CI transforms against R's survfit (tolerance 1e-8 absolute).
    @Test(arguments: [("km_lung", "lung", nil), ("km_lung_sex", "lung", "sex"),
                      ("km_veteran_celltype", "veteran", "celltype")] as [(String, String, String?)])
    func matchesR(expectedFile: String, dataset: String, groupColumn: String?) throws {
        let data = try Fixture(dataset)
        let expected = try Fixture(expectedFile)
        let (times, events) = data.outcome()
        for transform in [ConfidenceInterval.Transform.log, .logLog] {
            let confidence = ConfidenceInterval(level: 0.95, transform: transform)
            let groups: [KaplanMeierGroup]
            if let groupColumn {
                groups = try KaplanMeier.fit(times: times, events: events, groups: data.strings(groupColumn),
                                             confidence: confidence)
            } else {
                groups = [KaplanMeierGroup(group: "all", curve: try KaplanMeier.fit(times: times, events: events,
                                                                                  confidence: confidence))]
            }
            let suffix = transform == .log ? "log" : "loglog"
            var checked = 0
            let expectedGroups = expected.strings("group")
            for g in groups {
                let rows = expectedGroups.indices.filter { expectedGroups[$0] == g.group }
                #expect(rows.count == g.curve.steps.count)
                for (row, step) in zip(rows, g.curve.steps) {
                    #expect(step.time == expected.numbers("time")[row]!)
                    #expect(Double(step.atRisk) == expected.numbers("n_risk")[row]!)
                    #expect(Double(step.events) == expected.numbers("n_event")[row]!)
                    #expect(Double(step.censored) == expected.numbers("n_censor")[row]!)
                    let s = expected.numbers("surv")[row]!
                    let sigma = expected.numbers("std_err_cumhaz")[row]!
                    #expect(close(step.survival, s, 1e-8))
                    #expect(close(step.cumulativeHazardStandardError, sigma, 1e-8))
                    #expect(close(step.standardError, s > 0 ? s * sigma : nil, 1e-8))
                    #expect(close(step.lower, expected.numbers("lower_\(suffix)")[row], 1e-8),
                            "\(g.group) t=\(step.time) \(suffix) lower")
                    #expect(close(step.upper, expected.numbers("upper_\(suffix)")[row], 1e-8),
                            "\(g.group) t=\(step.time) \(suffix) upper")
                    checked += 1
                }
            }
            #expect(checked == expected.rows.count)
        }
    }

    @Test(arguments: [("lung", nil), ("lung_sex", "sex"), ("veteran_celltype", "celltype")] as [(String, String?)])
    func medianMatchesR(key: String, groupColumn: String?) throws {
        let ref = try Fixture.reference()
        let data = try Fixture(key.hasPrefix("lung") ? "lung" : "veteran")
        let (times, events) = data.outcome()
        for (transform, suffix) in [(ConfidenceInterval.Transform.log, "log"), (.logLog, "loglog")] {
            let confidence = ConfidenceInterval(transform: transform)
            let groups = groupColumn == nil
                ? [KaplanMeierGroup(group: "all", curve: try KaplanMeier.fit(times: times, events: events,
                                                                            confidence: confidence))]
                : try KaplanMeier.fit(times: times, events: events, groups: data.strings(groupColumn!),
                                      confidence: confidence)
            for g in groups {
                let prefix = "km.\(key).\(g.group).\(suffix)"
                let q = g.curve.quantile(0.5)
                #expect(close(q.estimate, ref[prefix + ".median"].flatMap { $0.isNaN ? nil : $0 }, 1e-8), "\(prefix)")
                #expect(close(q.lower, ref[prefix + ".median_lower"].flatMap { $0.isNaN ? nil : $0 }, 1e-8), "\(prefix) lower")
                #expect(close(q.upper, ref[prefix + ".median_upper"].flatMap { $0.isNaN ? nil : $0 }, 1e-8), "\(prefix) upper")
            }
        }
    }

    @Test func rejectsBadInput() {
        #expect(throws: SurvivalError.emptyInput(what: "Kaplan–Meier")) { try KaplanMeier.fit(times: [], events: []) }
        #expect(throws: SurvivalError.invalidTime(index: 1)) { try KaplanMeier.fit(times: [1, -2], events: [true, true]) }
        #expect(throws: SurvivalError.self) { try KaplanMeier.fit(times: [1, 2], events: [true]) }
    }

    @Test func noEventsGivesFlatCurve() throws {
        let curve = try KaplanMeier.fit(times: [1, 2, 3], events: [false, false, false])
        #expect(curve.steps.allSatisfy { $0.survival == 1 })
        #expect(curve.median == nil)
        #expect(curve.survival(at: 10) == 1)
    }
}
